package dev.rootfs.apt;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Which apt sources a build uses: the configured ones when there are any; otherwise the host's sources of the
 * requested suite (with its -updates and -security pockets), or else the host's Debian sources carried over to the
 * requested suite (a bookworm host building trixie uses the same mirrors with trixie, trixie-updates and
 * trixie-security); otherwise a clear error saying how to set the mirror. The host lends its mirrors, not its
 * components: a Debian archive of the host (a path ending in /debian or /debian-security) gets the build's
 * components, so a board that needs non-free-firmware gets it on a host that only lists main, and the image does not
 * depend on what the host enabled. Other archives keep their own components (their layout is unknown).
 */
public final class SourceSelection {

  private SourceSelection() {}

  /**
   * @param configured source strings from the build configuration (see {@link SourceSpec#parse})
   * @param suite the suite to build
   * @param components the build's components, given to the host's Debian archives; empty keeps the host's
   */
  public static List<AptSource> choose(List<String> configured, String suite, List<String> components,
      HostAptSources host, String architecture) throws SourcesFileException, NoSourcesException {
    if (!configured.isEmpty()) {
      List<AptSource> out = new ArrayList<>();
      for (String spec : configured) {
        out.add(SourceSpec.parse(spec, suite));
      }
      return out;
    }
    List<AptSource> hostSources = host.sources(architecture);
    List<AptSource> out = new ArrayList<>();
    for (AptSource s : hostSources) {
      if (isSuiteOrPocket(s.suite(), suite)) {
        out.add(withComponents(s, s.suite(), components));
      }
    }
    String base = out.isEmpty() ? debianBaseSuite(hostSources) : null;
    if (base != null) {
      for (AptSource s : hostSources) {
        boolean debian = isDebianArchive(s, "/debian") || isDebianArchive(s, "/debian-security");
        if (debian && isSuiteOrPocket(s.suite(), base)) {
          out.add(withComponents(s, suite + s.suite().substring(base.length()), components));
        }
      }
    }
    if (out.isEmpty()) {
      throw new NoSourcesException("no apt source configured and the host's apt sources (" + host.location()
          + ") name no Debian suite for " + architecture + "; " + NoSourcesException.HOW_TO_SET_MIRROR);
    }
    return out;
  }

  private static AptSource withComponents(AptSource s, String suite, List<String> components) {
    boolean debian = isDebianArchive(s, "/debian") || isDebianArchive(s, "/debian-security");
    return new AptSource(s.mirror(), suite, debian && !components.isEmpty() ? components : s.components(),
        s.signedBy());
  }

  /** Third-party archives (bookworm-pgdg and the like) are not carried over, only Debian's own. */
  private static boolean isDebianArchive(AptSource s, String pathSuffix) {
    String path = s.mirror().getPath() == null ? "" : s.mirror().getPath().replaceAll("/+$", "");
    return path.endsWith(pathSuffix);
  }

  /**
   * mmdebstrap's default set for a Debian suite on one mirror: SUITE, SUITE-updates and SUITE-security, the latter
   * from the sibling debian-security archive (".../debian" becomes ".../debian-security"). Unstable and experimental
   * have no such pockets; a mirror not ending in /debian gets no security source (its layout is unknown).
   */
  public static List<AptSource> debianDefaults(URI mirror, String suite, List<String> components) {
    String base = mirror.toString().replaceAll("/+$", "");
    URI root = URI.create(base);
    List<AptSource> out = new ArrayList<>(List.of(new AptSource(root, suite, components)));
    if (List.of("sid", "unstable", "experimental", "rc-buggy").contains(suite)) {
      return out;
    }
    out.add(new AptSource(root, suite + "-updates", components));
    if (base.endsWith("/debian")) {
      out.add(new AptSource(URI.create(base + "-security"), suite + "-security", components));
    }
    return out;
  }

  /** "bookworm", "bookworm-updates", "bookworm-security" are all of suite "bookworm". */
  private static boolean isSuiteOrPocket(String candidate, String suite) {
    return candidate.equals(suite) || candidate.startsWith(suite + "-");
  }

  /**
   * The host's Debian release: the first suite without a "-updates"-style suffix on a Debian archive (a mirror path
   * ending in /debian). Other distributions' archives (an Ubuntu host's) are never carried over to a Debian suite.
   */
  private static String debianBaseSuite(List<AptSource> sources) {
    for (AptSource s : sources) {
      if (!s.suite().contains("-") && isDebianArchive(s, "/debian")) {
        return s.suite();
      }
    }
    return null;
  }
}
