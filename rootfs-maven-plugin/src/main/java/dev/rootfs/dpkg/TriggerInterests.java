package dev.rootfs.dpkg;

import dev.rootfs.deb.DebControl;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The trigger interests dpkg registers when it unpacks a package with a {@code triggers} control file
 * (deb-triggers(5)): file triggers ("interest /usr/share/debianutils/shells.d") become lines of
 * var/lib/dpkg/triggers/File, explicit ones ("interest-noawait ldconfig") lines of var/lib/dpkg/triggers/NAME. The
 * first stage unpacks without dpkg, so without these files a library installed on the device later would never
 * run libc-bin's ldconfig trigger.
 */
final class TriggerInterests {

  /** triggers/File's lines ("PATH PACKAGE[/noawait]") and, per explicit trigger name, its file's lines. */
  private final List<String> fileLines = new ArrayList<>();
  private final Map<String, List<String>> explicit = new TreeMap<>();

  /** Adds what {@code control}'s triggers file declares interest in; activations are not registrations. */
  void add(DebControl control) throws DpkgDatabaseException {
    byte[] triggers = control.file("triggers").orElse(null);
    if (triggers == null) {
      return;
    }
    int n = 0;
    for (String raw : new String(triggers, StandardCharsets.UTF_8).split("\n")) {
      n++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] words = line.split("\\s+");
      if (!words[0].startsWith("interest")) {
        continue;
      }
      if (words.length != 2 || !List.of("interest", "interest-await", "interest-noawait").contains(words[0])) {
        throw new DpkgDatabaseException("package " + control.packageName() + ": triggers line " + n + " '" + line
            + "' is not 'interest[-await|-noawait] NAME'");
      }
      String who = control.infoName() + (words[0].equals("interest-noawait") ? "/noawait" : "");
      if (words[1].startsWith("/")) {
        fileLines.add(words[1] + " " + who);
      } else {
        explicit.computeIfAbsent(words[1], k -> new ArrayList<>()).add(who);
      }
    }
  }

  /** The contents of triggers/File, sorted for a reproducible database; empty when no package has file triggers. */
  String fileTriggers() {
    return fileLines.stream().sorted().map(l -> l + "\n").reduce("", String::concat);
  }

  /** Explicit trigger name → the contents of its file under triggers/. */
  Map<String, String> explicitTriggers() {
    Map<String, String> out = new TreeMap<>();
    explicit.forEach((name, who) -> out.put(name, who.stream().sorted().map(w -> w + "\n").reduce("", String::concat)));
    return out;
  }
}
