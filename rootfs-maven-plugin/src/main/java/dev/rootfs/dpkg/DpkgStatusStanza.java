package dev.rootfs.dpkg;

import dev.rootfs.apt.Deb822Paragraph;
import dev.rootfs.deb.DebControl;
import dev.rootfs.deb.UnpackedPackage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One package's stanza in var/lib/dpkg/status, with fields in the order dpkg writes them (its fieldinfos table in
 * lib/dpkg/parse.c), then any other control fields in their control-file order, as dpkg appends "arbitrary" fields.
 * Conffiles carry the MD5 of each conffile as unpacked; one the package did not ship gets dpkg's "newconffile".
 */
public final class DpkgStatusStanza {

  /** dpkg's status field order. Filename and Size belong to the available file only and are never written. */
  public static final List<String> FIELD_ORDER = List.of(
      "Package", "Essential", "Protected", "Status", "Priority", "Section", "Installed-Size", "Origin",
      "Maintainer", "Bugs", "Architecture", "Multi-Arch", "Source", "Version", "Config-Version", "Replaces",
      "Provides", "Depends", "Pre-Depends", "Recommends", "Suggests", "Breaks", "Conflicts", "Enhances",
      "Conffiles", "Description", "Triggers-Pending", "Triggers-Awaited");

  /** Fields of a binary control file that dpkg does not keep in its status database. */
  private static final Set<String> DROPPED = Set.of("filename", "size", "md5sum", "sha1", "sha256",
      "conffiles", "status", "config-version");

  /** The status dpkg gives a package after "dpkg --unpack" and before configuration. */
  public static final String UNPACKED = "install ok unpacked";

  private DpkgStatusStanza() {}

  public static Deb822Paragraph of(UnpackedPackage pkg, String status) {
    Deb822Paragraph control = pkg.control().paragraph();
    Deb822Paragraph.Builder b = Deb822Paragraph.builder();
    for (String field : FIELD_ORDER) {
      switch (field) {
        case "Status" -> b.add("Status", status);
        case "Conffiles" -> {
          String conffiles = conffiles(pkg);
          if (!conffiles.isEmpty()) {
            b.add("Conffiles", conffiles);
          }
        }
        case "Essential", "Protected" -> control.get(field).filter(v -> v.equalsIgnoreCase("yes"))
            .ifPresent(v -> b.add(field, "yes"));
        case "Multi-Arch" -> control.get(field).filter(v -> !v.equals("no")).ifPresent(v -> b.add(field, v));
        default -> control.get(field).ifPresent(v -> b.add(field, v));
      }
    }
    Set<String> known = new java.util.HashSet<>();
    FIELD_ORDER.forEach(f -> known.add(f.toLowerCase(Locale.ROOT)));
    for (String name : control.names()) {
      String key = name.toLowerCase(Locale.ROOT);
      if (!known.contains(key) && !DROPPED.contains(key)) {
        b.add(name, control.get(name).orElseThrow());
      }
    }
    return b.build();
  }

  /**
   * The multi-line Conffiles value: an empty first line, then " /path md5" per conffile, and for a flagged one
   * (a conffile to remove on upgrade, which the package does not ship) " /path newconffile remove-on-upgrade".
   */
  private static String conffiles(UnpackedPackage pkg) {
    List<String> lines = new ArrayList<>();
    Map<String, String> md5 = pkg.conffileMd5();
    for (DebControl.Conffile c : pkg.control().conffileEntries()) {
      String hash = c.flag() == null ? md5.getOrDefault(c.path(), "newconffile") : "newconffile";
      lines.add(c.path() + " " + hash + (c.flag() == null ? "" : " " + c.flag()));
    }
    return lines.isEmpty() ? "" : "\n" + String.join("\n", lines);
  }
}
