package dev.rootfs.firststage;

import dev.rootfs.apt.AptSource;
import dev.rootfs.apt.Deb822Paragraph;
import java.util.List;
import java.util.Optional;

/**
 * The target's apt sources in deb822 form (sources.list(5)), one stanza per source, for
 * etc/apt/sources.list.d/NAME.sources. Signed-By is the source's own key (a keyring path inside the target, or an
 * armored key embedded as a multi-line value), else the default given, else omitted.
 */
public final class AptSourcesFile {

  private AptSourcesFile() {}

  public static String format(List<AptSource> sources, Optional<String> defaultSignedBy) {
    StringBuilder sb = new StringBuilder();
    for (AptSource s : sources) {
      if (sb.length() > 0) {
        sb.append('\n');
      }
      Deb822Paragraph.Builder b = Deb822Paragraph.builder()
          .add("Types", "deb")
          .add("URIs", s.mirror().toString())
          .add("Suites", s.suite())
          .add("Components", String.join(" ", s.components()));
      s.signedBy().or(() -> defaultSignedBy).ifPresent(k -> b.add("Signed-By", signedBy(k)));
      sb.append(b.build().format());
    }
    return sb.toString();
  }

  /** An armored key becomes a multi-line field: its first line on a line of its own, as apt expects. */
  private static String signedBy(String key) {
    String k = key.strip();
    return k.startsWith("-----BEGIN") ? "\n" + k : k;
  }
}
