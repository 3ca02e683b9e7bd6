package dev.rootfs.customize;

import dev.rootfs.fs.ModelConflictException;
import dev.rootfs.fs.TreeFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Enables systemd units the way {@code systemctl enable} does offline: for every target named in the unit's
 * [Install] WantedBy=/RequiredBy=, a symlink in /etc/systemd/system/TARGET.wants/. Template instances
 * ("serial-getty@ttyAMA0.service") use the template's file.
 */
public final class ServiceEnabler {

  private static final List<String> UNIT_DIRS = List.of("etc/systemd/system", "usr/lib/systemd/system",
      "lib/systemd/system");

  private final TreeFiles files;
  private final long mtime;

  public ServiceEnabler(TreeFiles files, long mtime) {
    this.files = files;
    this.mtime = mtime;
  }

  public void enable(String unit) throws IOException, ModelConflictException, CustomizeException {
    String template = unit.contains("@") ? unit.substring(0, unit.indexOf('@') + 1) + unit.substring(unit.lastIndexOf('.'))
        : unit;
    String dir = null;
    String text = null;
    for (String d : UNIT_DIRS) {
      Optional<String> t = files.readString(d + "/" + template);
      if (t.isPresent()) {
        dir = d;
        text = t.get();
        break;
      }
    }
    if (text == null) {
      throw new CustomizeException("service '" + unit + "' cannot be enabled: no unit file " + template
          + " in the image (is the package that ships it included?)");
    }
    List<String> targets = installTargets(text);
    if (targets.isEmpty()) {
      throw new CustomizeException("service '" + unit + "' has no WantedBy= or RequiredBy= in its [Install] section");
    }
    for (String target : targets) {
      String suffix = target.startsWith("RequiredBy:") ? ".requires" : ".wants";
      String name = target.substring(target.indexOf(':') + 1);
      files.symlink("etc/systemd/system/" + name + suffix + "/" + unit, "/" + dir.replaceFirst("^lib/", "usr/lib/")
          + "/" + template, mtime, "customize");
    }
  }

  private static List<String> installTargets(String unitText) {
    List<String> targets = new ArrayList<>();
    boolean install = false;
    for (String raw : unitText.split("\n")) {
      String line = raw.strip();
      if (line.startsWith("[")) {
        install = line.equals("[Install]");
      } else if (install && (line.startsWith("WantedBy=") || line.startsWith("RequiredBy="))) {
        String kind = line.substring(0, line.indexOf('='));
        for (String t : line.substring(line.indexOf('=') + 1).trim().split("\\s+")) {
          if (!t.isEmpty()) {
            targets.add(kind + ":" + t);
          }
        }
      }
    }
    return targets;
  }
}
