package dev.rootfs.fs;

import dev.rootfs.api.RootfsException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Saves a model beside its staging directory and loads it back, so the goals of one build (bootstrap, configure,
 * customize, image) and of later builds share it without holding it in a Maven session. A small versioned binary
 * format: the file is ours alone, nothing else reads it.
 */
public final class ModelStore {

  private static final int MAGIC = 0x52465331; // "RFS1"

  private ModelStore() {}

  /** Writes the model to {@code file} atomically (temp file + move). */
  public static void save(RootfsModel model, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
    try {
      try (OutputStream os = Files.newOutputStream(tmp);
          DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os, 1 << 16))) {
        out.writeInt(MAGIC);
        out.writeLong(model.implicitMtime());
        var entries = model.entries();
        out.writeInt(entries.size());
        for (FsEntry e : entries) {
          writeString(out, e.path());
          out.writeByte(e.type().ordinal());
          out.writeShort(e.mode());
          out.writeInt(e.uid());
          out.writeInt(e.gid());
          out.writeLong(e.mtime());
          out.writeLong(e.size());
          writeString(out, e.linkTarget());
          out.writeInt(e.devMajor());
          out.writeInt(e.devMinor());
          out.writeBoolean(e.implicit());
          writeString(out, e.origin());
          out.writeInt(e.xattrs().size());
          for (Map.Entry<String, byte[]> x : e.xattrs().entrySet()) {
            writeString(out, x.getKey());
            out.writeInt(x.getValue().length);
            out.write(x.getValue());
          }
        }
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Reads a model written by {@link #save}. */
  public static RootfsModel load(Path file) throws IOException, RootfsException {
    try (InputStream is = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new BufferedInputStream(is, 1 << 16))) {
      if (in.readInt() != MAGIC) {
        throw new RootfsException(file + " is not a rootfs model file (delete it and rebuild)");
      }
      RootfsModel model = new RootfsModel(in.readLong());
      int n = in.readInt();
      EntryType[] types = EntryType.values();
      for (int i = 0; i < n; i++) {
        String path = readString(in);
        EntryType type = types[in.readUnsignedByte()];
        int mode = in.readUnsignedShort();
        int uid = in.readInt();
        int gid = in.readInt();
        long mtime = in.readLong();
        long size = in.readLong();
        String link = readString(in);
        int major = in.readInt();
        int minor = in.readInt();
        boolean implicit = in.readBoolean();
        String origin = readString(in);
        int nx = in.readInt();
        Map<String, byte[]> xattrs = new LinkedHashMap<>();
        for (int j = 0; j < nx; j++) {
          String name = readString(in);
          byte[] value = new byte[in.readInt()];
          in.readFully(value);
          xattrs.put(name, value);
        }
        model.put(new FsEntry(path, type, mode, uid, gid, mtime, size, link, major, minor,
            new TreeMap<>(xattrs), implicit, origin));
      }
      return model;
    } catch (EOFException e) {
      throw new RootfsException(file + " is truncated (delete it and rebuild)", e);
    }
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    if (s == null) {
      out.writeInt(-1);
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readString(DataInputStream in) throws IOException {
    int len = in.readInt();
    if (len < 0) {
      return null;
    }
    byte[] b = new byte[len];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }
}
