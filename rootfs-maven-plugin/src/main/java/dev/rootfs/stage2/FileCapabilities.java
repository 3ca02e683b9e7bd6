package dev.rootfs.stage2;

import dev.rootfs.fs.EntryType;
import dev.rootfs.fs.FsEntry;
import dev.rootfs.fs.ModelConflictException;
import dev.rootfs.fs.RootfsModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * File capabilities that maintainer scripts set with setcap (iputils-ping: cap_net_raw on ping), read back from
 * {@code getcap -r} inside the session. The target's fakeroot keeps them only in its daemon's memory and its saved
 * state has no xattrs, so this is the one moment they can be seen. Each becomes the security.capability attribute
 * the kernel reads: vfs_cap_data revision 2, little-endian (magic 0x02000000, +1 when effective, then permitted and
 * inheritable for capabilities 0-31 and 32-63).
 */
final class FileCapabilities {

  static final String XATTR = "security.capability";

  /** Linux's capability numbers, in order (include/uapi/linux/capability.h). */
  private static final List<String> NAMES = List.of("chown", "dac_override", "dac_read_search", "fowner", "fsetid",
      "kill", "setgid", "setuid", "setpcap", "linux_immutable", "net_bind_service", "net_broadcast", "net_admin",
      "net_raw", "ipc_lock", "ipc_owner", "sys_module", "sys_rawio", "sys_chroot", "sys_ptrace", "sys_pacct",
      "sys_admin", "sys_boot", "sys_nice", "sys_resource", "sys_time", "sys_tty_config", "mknod", "lease",
      "audit_write", "audit_control", "setfcap", "mac_override", "mac_admin", "syslog", "wake_alarm",
      "block_suspend", "audit_read", "perfmon", "bpf", "checkpoint_restore");

  /** getcap's "PATH TEXT": the path ends at the first blank that a capability clause follows. */
  private static final Pattern LINE = Pattern.compile("(/.*?) ((?:cap_|all|=|\\+).*)");
  private static final Pattern CLAUSE = Pattern.compile("([a-z0-9_,]*)((?:[=+-][eip]*)+)");
  private static final Pattern ACTION = Pattern.compile("([=+-])([eip]*)");

  private FileCapabilities() {}

  /** What the session script listed in {@code sessionDir} (nothing when getcap was missing), as {@link #parse}. */
  static Map<String, byte[]> readListed(Path sessionDir) throws IOException, Stage2Exception {
    Path listed = sessionDir.resolve(SessionScript.CAPABILITIES);
    return parse(Files.exists(listed) ? Files.readAllLines(listed) : List.of());
  }

  /**
   * getcap's lines ("/usr/bin/ping cap_net_raw=ep") as model path → attribute bytes; lines without capabilities
   * are skipped.
   *
   * @throws Stage2Exception naming the line when it does not parse
   */
  static Map<String, byte[]> parse(List<String> getcapLines) throws Stage2Exception {
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (String line : getcapLines) {
      Matcher m = LINE.matcher(line.strip());
      if (!m.matches()) {
        continue;
      }
      long[] sets = new long[3]; // effective, inheritable, permitted
      for (String clause : m.group(2).split("\\s+")) {
        apply(clause, sets, line);
      }
      if ((sets[1] | sets[2]) != 0) {
        out.put(m.group(1).substring(1), encode(sets));
      }
    }
    return out;
  }

  /** One text clause of cap_from_text(3): names (empty or "all": every one), then =, + or - with e, i, p flags. */
  private static void apply(String clause, long[] sets, String line) throws Stage2Exception {
    Matcher m = CLAUSE.matcher(clause.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new Stage2Exception("cannot read getcap's line '" + line + "': clause '" + clause + "'");
    }
    long mask = 0;
    for (String name : m.group(1).split(",")) {
      if (name.isEmpty() || name.equals("all")) {
        mask = (1L << NAMES.size()) - 1;
      } else {
        int bit = NAMES.indexOf(name.startsWith("cap_") ? name.substring(4) : name);
        if (bit < 0) {
          throw new Stage2Exception("cannot read getcap's line '" + line + "': unknown capability '" + name + "'");
        }
        mask |= 1L << bit;
      }
    }
    Matcher a = ACTION.matcher(m.group(2));
    while (a.find()) {
      String flags = a.group(2);
      for (int i = 0; i < 3; i++) {
        boolean named = flags.indexOf("eip".charAt(i)) >= 0;
        switch (a.group(1)) {
          case "=" -> sets[i] = named ? sets[i] | mask : sets[i] & ~mask;
          case "+" -> sets[i] = named ? sets[i] | mask : sets[i];
          default -> sets[i] = named ? sets[i] & ~mask : sets[i];
        }
      }
    }
  }

  /** Sets each listed regular file's security.capability in the model; paths the model has not are skipped. */
  static void applyTo(RootfsModel model, Map<String, byte[]> capabilities) throws Stage2Exception {
    for (Map.Entry<String, byte[]> c : capabilities.entrySet()) {
      FsEntry e = model.get(c.getKey()).orElse(null);
      if (e == null || e.type() != EntryType.REGULAR) {
        continue;
      }
      Map<String, byte[]> xattrs = new TreeMap<>(e.xattrs());
      xattrs.put(XATTR, c.getValue());
      try {
        model.put(e.withXattrs(xattrs));
      } catch (ModelConflictException ex) {
        throw new Stage2Exception("cannot set " + XATTR + " on " + c.getKey() + ": " + ex.getMessage(), ex);
      }
    }
  }

  private static byte[] encode(long[] sets) {
    ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0x02000000 | (sets[0] != 0 ? 1 : 0));
    b.putInt((int) sets[2]).putInt((int) sets[1]);
    b.putInt((int) (sets[2] >>> 32)).putInt((int) (sets[1] >>> 32));
    return b.array();
  }
}
