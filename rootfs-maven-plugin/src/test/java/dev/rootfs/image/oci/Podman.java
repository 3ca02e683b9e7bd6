package dev.rootfs.image.oci;

import dev.rootfs.image.tar.HostTools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs containers with podman, where it can: as root, with runc when it is there (crun refuses hosts whose cgroups
 * are in hybrid mode, as on a container host) and with limits no higher than the caller's (raising them needs
 * CAP_SYS_RESOURCE, which such a host withholds), without a network.
 */
final class Podman {

  private Podman() {}

  private static List<String> runCommand() {
    List<String> c = new ArrayList<>(List.of("podman"));
    if (HostTools.has("runc")) {
      c.addAll(List.of("--runtime", "runc"));
    }
    c.addAll(List.of("run", "--rm", "--network", "none", "--ulimit", "nofile=1024:1024", "--ulimit",
        "nproc=1000:1000"));
    return c;
  }

  /**
   * Whether podman is installed and runs a container of {@code knownGood}, a root filesystem tarball some other tool
   * made, so that a failure with ours is ours.
   */
  static boolean works(Path knownGood) {
    if (!HostTools.has("podman") || !HostTools.isRoot()) {
      return false;
    }
    String id = null;
    try {
      id = HostTools.run("podman", "import", "--quiet", knownGood.toString()).strip();
      run(id, "/bin/true");
      return true;
    } catch (Exception | AssertionError e) {
      System.out.println("podman cannot run a container here: " + e.getMessage());
      return false;
    } finally {
      if (id != null) {
        remove(id);
      }
    }
  }

  static void remove(String image) {
    try {
      HostTools.run("podman", "rmi", "--force", image);
    } catch (Exception | AssertionError e) {
      System.out.println("cannot remove podman image " + image + ": " + e.getMessage());
    }
  }

  /** Runs {@code command} in a container of {@code image} (a name, an id or "oci-archive:PATH"); returns stdout. */
  static String run(String image, String... command) throws Exception {
    List<String> c = runCommand();
    c.add(image);
    c.addAll(List.of(command));
    return HostTools.run(c.toArray(String[]::new));
  }
}
