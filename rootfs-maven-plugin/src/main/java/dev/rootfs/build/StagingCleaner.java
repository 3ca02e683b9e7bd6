package dev.rootfs.build;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Deletes a staging tree. Packages ship read-only directories (0555) that an unprivileged owner must make writable
 * before it can empty them; symlinks are removed, never followed.
 */
final class StagingCleaner {

  private StagingCleaner() {}

  static void delete(Path root) throws IOException {
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        dir.toFile().setWritable(true, true);
        dir.toFile().setExecutable(true, true);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        try {
          Files.delete(file);
        } catch (AccessDeniedException e) {
          // Only files owned by someone else resist their directory's owner: a map-auto session that was killed
          // before it gave the files back to the build user left them owned by subordinate ids.
          throw new AccessDeniedException(file.toString(), null, "owned by another user; if a build with"
              + " secondStage map-auto was interrupted, remove the tree with: unshare --map-root-user --map-auto"
              + " rm -rf " + root);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
