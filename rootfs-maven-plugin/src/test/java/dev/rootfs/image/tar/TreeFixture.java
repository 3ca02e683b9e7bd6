package dev.rootfs.image.tar;

import dev.rootfs.fs.EntryType;
import dev.rootfs.fs.FsEntry;
import dev.rootfs.fs.ModelConflictException;
import dev.rootfs.fs.RootfsModel;
import dev.rootfs.fs.RootfsTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Builds rootfs trees for image tests: model entries plus their bytes in a staging directory. */
public final class TreeFixture {

  /** 2023-11-14 22:13:20 UTC. */
  public static final long TIMESTAMP = 1_700_000_000L;
  /** Beyond 7 octal digits (07777777 = 2097151): needs a PAX uid/gid record. */
  public static final int BIG_ID = 3_000_000;
  public static final String LONG_NAME = "usr/share/doc/" + "very-long-directory-name-".repeat(3) + "/"
      + "and-an-even-longer-file-name-that-goes-on-".repeat(2) + ".txt";
  public static final String LONG_TARGET = "/" + "a-symlink-target-that-is-far-too-long-for-ustar-".repeat(3);
  public static final String NON_ASCII = "usr/share/doc/naïve-Ünïcödé/日本語.txt";
  /** cap_net_raw+ep as setcap writes it: binary, with NUL bytes and bytes that are not UTF-8. */
  public static final byte[] CAPABILITY = {1, 0, 0, 2, 0, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

  public final Path staging;
  public final RootfsModel model = new RootfsModel(TIMESTAMP - 100);

  public TreeFixture(Path staging) throws IOException {
    this.staging = Files.createDirectories(staging);
  }

  public RootfsTree tree() {
    return new RootfsTree(staging, model);
  }

  public TreeFixture dir(String path, int mode, int uid, int gid, long mtime) throws ModelConflictException, IOException {
    Files.createDirectories(staging.resolve(path.isEmpty() ? "." : path));
    model.add(FsEntry.directory(path, mode, uid, gid, mtime));
    return this;
  }

  public TreeFixture file(String path, int mode, int uid, int gid, long mtime, String content)
      throws ModelConflictException, IOException {
    return file(path, mode, uid, gid, mtime, content.getBytes(StandardCharsets.UTF_8));
  }

  public TreeFixture file(String path, int mode, int uid, int gid, long mtime, byte[] content)
      throws ModelConflictException, IOException {
    Path p = staging.resolve(path);
    Files.createDirectories(p.getParent());
    Files.write(p, content);
    model.put(FsEntry.regular(path, mode, uid, gid, mtime, content.length));
    return this;
  }

  public TreeFixture add(FsEntry entry) throws ModelConflictException {
    model.put(entry);
    return this;
  }

  /** A tree with every entry type and every header field pushed past ustar's limits. */
  public static TreeFixture everything(Path staging) throws IOException, ModelConflictException {
    TreeFixture f = new TreeFixture(staging);
    long old = TIMESTAMP - 86_400;
    long future = TIMESTAMP + 86_400;
    f.dir("", 0755, 0, 0, old)
        .dir("etc", 0755, 0, 0, old)
        .file("etc/passwd", 0644, 0, 0, old, "root:x:0:0:root:/root:/bin/bash\n_apt:x:42:65534::/nonexistent:/usr/sbin/nologin\n")
        .file("etc/group", 0644, 0, 0, old, "root:x:0:\nshadow:x:42:\nnogroup:x:65534:\n")
        .dir("tmp", 01777, 0, 0, old)
        .dir("usr/bin", 0755, 0, 0, future)
        .file("usr/bin/passwd", 04755, 0, 0, old, "#!/bin/sh\necho passwd\n")
        .file("usr/bin/wall", 02755, 0, 5, old, "wall")
        .file("usr/bin/ping", 0755, 0, 0, old, "ping")
        .add(FsEntry.regular("usr/bin/ping", 0755, 0, 0, old, 4)
            .withXattrs(Map.of("security.capability", CAPABILITY, "user.comment", "hello".getBytes(StandardCharsets.UTF_8))))
        .file("usr/bin/big-ids", 0640, BIG_ID, BIG_ID + 1, old, "")
        .file("usr/bin/apt-owned", 0600, 42, 42, future, "secret")
        .add(FsEntry.hardlink("usr/bin/passwd-link", "usr/bin/passwd", 0, 0, old))
        .file("usr/lib/shared", 0644, 0, 0, old, "shared content")
        // sorts before its target: the archive must carry the content here and link usr/lib/shared to it
        .add(FsEntry.hardlink("usr/bin/aaa-early-link", "usr/lib/shared", 0, 0, old))
        .add(FsEntry.symlink("usr/bin/sh", "dash", 0, 0, old))
        .add(FsEntry.symlink("usr/bin/abs", "/etc/passwd", 0, 0, old))
        .add(FsEntry.symlink("usr/bin/long-link", LONG_TARGET, 0, 0, old))
        .dir("dev", 0755, 0, 0, old)
        .add(FsEntry.device("dev/null", EntryType.CHAR_DEVICE, 0666, 0, 0, 1, 3, old))
        .add(FsEntry.device("dev/sda", EntryType.BLOCK_DEVICE, 0660, 0, 6, 8, 0, old))
        .add(FsEntry.fifo("dev/initctl", 0600, 0, 0, old))
        .file(LONG_NAME, 0644, 0, 0, old, "long")
        .file(NON_ASCII, 0644, 0, 0, old, "ünïcödé");
    return f;
  }
}
