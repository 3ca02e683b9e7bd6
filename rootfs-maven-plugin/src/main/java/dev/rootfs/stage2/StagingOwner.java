package dev.rootfs.stage2;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;

/**
 * Gives what the second stage creates in the staging directory to the directory's owner. A no-op when the build
 * user owns the staging directory and runs the build; when a root build drops to that user with a launcher prefix,
 * it keeps the run's own files (fakeroot's state, the session script) writable inside the user namespace.
 */
final class StagingOwner {

  private final UserPrincipal owner;
  private final UserPrincipal self;

  StagingOwner(Path staging) throws IOException {
    this.owner = Files.getOwner(staging, LinkOption.NOFOLLOW_LINKS);
    this.self = staging.getFileSystem().getUserPrincipalLookupService()
        .lookupPrincipalByName(System.getProperty("user.name"));
  }

  /** Makes {@code p} (not a symlink's target) belong to the staging directory's owner; returns {@code p}. */
  Path claim(Path p) throws IOException {
    if (!owner.equals(self)) {
      Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setOwner(owner);
    }
    return p;
  }
}
