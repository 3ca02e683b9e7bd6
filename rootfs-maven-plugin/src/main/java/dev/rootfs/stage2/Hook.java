package dev.rootfs.stage2;

import java.util.Objects;

/**
 * A user script run at one {@link HookMoment}. Inside the chroot it runs with /bin/sh as (fake) root, so chown and
 * chmod land in the model; on the host it runs as the build user with the staging directory as {@code $1}, where
 * owners cannot change.
 *
 * @param moment when it runs
 * @param script the shell script's text
 * @param onHost true to run it on the host instead of inside the chroot
 */
public record Hook(HookMoment moment, String script, boolean onHost) {

  public Hook {
    Objects.requireNonNull(moment, "moment");
    Objects.requireNonNull(script, "script");
  }

  public static Hook inChroot(HookMoment moment, String script) {
    return new Hook(moment, script, false);
  }

  public static Hook onHost(HookMoment moment, String script) {
    return new Hook(moment, script, true);
  }
}
