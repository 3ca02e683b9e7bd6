package dev.rootfs.stage2;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;

/**
 * What the host's lstat says about a staging path: the identity fakeroot keys its state by, and what tells a
 * changed file from an untouched one. Never the source of owners or modes for the model.
 */
record DiskStat(long dev, long ino, int mode, long nlink, long size, long mtimeNanos) {

  static Optional<DiskStat> of(Path p) throws IOException {
    Map<String, Object> a;
    try {
      a = Files.readAttributes(p, "unix:dev,ino,mode,nlink,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
    } catch (java.nio.file.NoSuchFileException e) {
      return Optional.empty();
    }
    FileTime mtime = (FileTime) a.get("lastModifiedTime");
    return Optional.of(new DiskStat((Long) a.get("dev"), (Long) a.get("ino"), (Integer) a.get("mode"),
        ((Number) a.get("nlink")).longValue(), (Long) a.get("size"),
        mtime.to(java.util.concurrent.TimeUnit.NANOSECONDS)));
  }

  int fileType() {
    return mode & FakerootStat.S_IFMT;
  }

  boolean sameInode(DiskStat other) {
    return other != null && dev == other.dev && ino == other.ino;
  }

  boolean sameContent(DiskStat other) {
    return sameInode(other) && size == other.size && mtimeNanos == other.mtimeNanos;
  }
}
