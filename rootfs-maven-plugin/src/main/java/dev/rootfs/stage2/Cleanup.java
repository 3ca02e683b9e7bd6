package dev.rootfs.stage2;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Set;

/**
 * mmdebstrap's cleanup, done on the staging directory after the run (the model follows in the merge). Never
 * follows symlinks: a link in the tree may point at the host.
 */
final class Cleanup {

  /** Names a "dir/*" pattern keeps: apt's lock and partial/, /run/lock (policy 9.1.4, /var/lock points there). */
  private static final Set<String> KEPT = Set.of("lock", "partial");

  private Cleanup() {}

  static void run(Path staging, Set<CleanupStep> steps) throws IOException {
    for (CleanupStep step : steps) {
      for (String pattern : step.paths()) {
        if (pattern.endsWith("/*")) {
          Path dir = staging.resolve(pattern.substring(0, pattern.length() - 2));
          if (isRealDirectory(staging, dir)) {
            try (var children = Files.list(dir)) {
              for (Path c : children.toList()) {
                boolean kept = KEPT.contains(c.getFileName().toString()) && step != CleanupStep.TMP;
                if (!kept) {
                  SecondStage.deleteRecursively(c);
                }
              }
            }
          }
        } else if (pattern.endsWith("/*.deb")) {
          Path dir = staging.resolve(pattern.substring(0, pattern.length() - "/*.deb".length()));
          if (isRealDirectory(staging, dir)) {
            try (var children = Files.list(dir)) {
              for (Path c : children.toList()) {
                if (c.getFileName().toString().endsWith(".deb")) {
                  Files.delete(c);
                }
              }
            }
          }
        } else {
          Path p = staging.resolve(pattern);
          if (isRealDirectory(staging, p.getParent())) {
            Files.deleteIfExists(p);
          }
        }
      }
      if (step == CleanupStep.MACHINE_ID) {
        Path id = staging.resolve("etc/machine-id");
        if (Files.isRegularFile(id, LinkOption.NOFOLLOW_LINKS) && Files.size(id) > 0) {
          // systemd makes it 0444: write it, then put the mode back so the merge takes 0444 into the model
          var mode = Files.getPosixFilePermissions(id);
          id.toFile().setWritable(true, true);
          Files.write(id, new byte[0]); // machine-id(5): empty in images, generated at first boot
          Files.setPosixFilePermissions(id, mode);
        }
      }
    }
  }

  /** True when every component from the staging dir down to {@code dir} is a directory, not a symlink. */
  private static boolean isRealDirectory(Path staging, Path dir) {
    for (Path p = dir; p != null && p.startsWith(staging) && !p.equals(staging); p = p.getParent()) {
      if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        return false;
      }
    }
    return true;
  }
}
