package dev.rootfs.apt;

import java.util.ArrayList;
import java.util.List;

/**
 * Which apt sources a build uses: the configured ones when there are any; otherwise the host's Debian sources,
 * carried over to the requested suite (a bookworm host building trixie uses the same mirrors with trixie,
 * trixie-updates and trixie-security); otherwise a clear error saying how to set the mirror.
 */
public final class SourceSelection {

  private SourceSelection() {}

  /**
   * @param configured source strings from the build configuration (see {@link SourceSpec#parse})
   * @param suite the suite to build
   */
  public static List<AptSource> choose(List<String> configured, String suite, HostAptSources host,
      String architecture) throws SourcesFileException, NoSourcesException {
    if (!configured.isEmpty()) {
      List<AptSource> out = new ArrayList<>();
      for (String spec : configured) {
        out.add(SourceSpec.parse(spec, suite));
      }
      return out;
    }
    List<AptSource> hostSources = host.sources(architecture);
    String base = baseSuite(hostSources);
    List<AptSource> out = new ArrayList<>();
    if (base != null) {
      for (AptSource s : hostSources) {
        if (s.suite().equals(base) || s.suite().startsWith(base + "-")) {
          out.add(new AptSource(s.mirror(), suite + s.suite().substring(base.length()), s.components(),
              s.signedBy()));
        }
      }
    }
    if (out.isEmpty()) {
      throw new NoSourcesException("no apt source configured and the host's apt sources (" + host.location()
          + ") name no Debian suite for " + architecture + "; " + NoSourcesException.HOW_TO_SET_MIRROR);
    }
    return out;
  }

  /**
   * The host's release suite: the first suite without a "-updates"-style suffix, preferring a Debian archive (a
   * mirror path ending in /debian) over third-party repositories.
   */
  private static String baseSuite(List<AptSource> sources) {
    String any = null;
    for (AptSource s : sources) {
      if (!s.suite().contains("-")) {
        if (s.mirror().getPath() != null && s.mirror().getPath().replaceAll("/+$", "").endsWith("/debian")) {
          return s.suite();
        }
        any = any == null ? s.suite() : any;
      }
    }
    return any;
  }
}
