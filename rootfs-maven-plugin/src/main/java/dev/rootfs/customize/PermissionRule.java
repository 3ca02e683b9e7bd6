package dev.rootfs.customize;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;

/**
 * Owner and mode for overlay paths matching a glob, as jib's extraDirectories permissions: {@code /etc/ssh/*} matches
 * the files in /etc/ssh, {@code /etc/ssh/**} everything below it. Owner and group are names looked up in the image's
 * own /etc/passwd and /etc/group, or numeric ids. Later rules win.
 *
 * @param glob an absolute glob in the image
 * @param mode octal permission bits ("0640", "4755"), or null to keep the default
 * @param owner user name or uid, or null for root
 * @param group group name or gid, or null for root
 */
public record PermissionRule(String glob, String mode, String owner, String group) {

  public PermissionRule {
    if (glob == null || !glob.startsWith("/")) {
      throw new IllegalArgumentException("permission path must be absolute, got '" + glob + "'");
    }
    if (mode != null && !mode.matches("0?[0-7]{3,4}")) {
      throw new IllegalArgumentException("permission mode for '" + glob + "' must be octal like 0644 or 4755, got '"
          + mode + "'");
    }
  }

  /** True when this rule applies to an absolute image path. */
  public boolean matches(String absolutePath) {
    PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
    return m.matches(Path.of(absolutePath));
  }

  public Integer modeBits() {
    return mode == null ? null : Integer.parseInt(mode, 8);
  }
}
