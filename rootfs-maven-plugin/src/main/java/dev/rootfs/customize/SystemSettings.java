package dev.rootfs.customize;

import dev.rootfs.fs.ModelConflictException;
import dev.rootfs.fs.TreeFiles;
import java.io.IOException;

/** Hostname, timezone and locale, written as Debian's own tools write them. */
public final class SystemSettings {

  private final TreeFiles files;
  private final long mtime;

  public SystemSettings(TreeFiles files, long mtime) {
    this.files = files;
    this.mtime = mtime;
  }

  /** /etc/hostname and the 127.0.1.1 line of /etc/hosts, as debian-installer writes them. */
  public void hostname(String hostname) throws IOException, ModelConflictException, CustomizeException {
    if (!hostname.matches("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?")) {
      throw new CustomizeException("hostname '" + hostname + "' is not a valid host name (RFC 1123 label)");
    }
    files.writeString("etc/hostname", hostname + "\n", 0644, mtime, "customize");
    String hosts = files.readString("etc/hosts").orElse("127.0.0.1\tlocalhost\n");
    StringBuilder out = new StringBuilder();
    boolean replaced = false;
    for (String line : hosts.split("\n")) {
      if (line.startsWith("127.0.1.1")) {
        out.append("127.0.1.1\t").append(hostname).append('\n');
        replaced = true;
      } else if (!line.isEmpty()) {
        out.append(line).append('\n');
      }
    }
    if (!replaced) {
      out.append("127.0.1.1\t").append(hostname).append('\n');
    }
    files.writeString("etc/hosts", out.toString(), 0644, mtime, "customize");
  }

  /** /etc/localtime as a symlink into tzdata and /etc/timezone, as dpkg-reconfigure tzdata leaves them. */
  public void timezone(String zone) throws IOException, ModelConflictException, CustomizeException {
    if (!zone.matches("[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+)*")) {
      throw new CustomizeException("timezone '" + zone + "' is not a zone name such as Europe/Berlin or Etc/UTC");
    }
    files.symlink("etc/localtime", "/usr/share/zoneinfo/" + zone, mtime, "customize");
    files.writeString("etc/timezone", zone + "\n", 0644, mtime, "customize");
  }

  /** The system locale in /etc/default/locale (C.UTF-8 needs nothing else; others need the locales package). */
  public void locale(String locale) throws IOException, ModelConflictException, CustomizeException {
    if (!locale.matches("[A-Za-z0-9_.@-]+")) {
      throw new CustomizeException("locale '" + locale + "' is not a locale name such as C.UTF-8 or en_US.UTF-8");
    }
    files.writeString("etc/default/locale", "LANG=" + locale + "\n", 0644, mtime, "customize");
  }
}
