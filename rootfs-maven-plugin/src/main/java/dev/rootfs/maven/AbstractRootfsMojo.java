package dev.rootfs.maven;

import dev.rootfs.event.EventListener;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Settings;

/**
 * The settings every goal shares: where packages come from and which ones. Each has a {@code rootfs.*} user property
 * so that it can be set on the command line, with or without a project.
 */
abstract class AbstractRootfsMojo extends AbstractMojo {

  /**
   * The Debian mirror: the archive root holding dists/ and pool/ (http, https or file). When not set, the first
   * mirror of the host's apt sources (/etc/apt/sources.list.d/*.sources, /etc/apt/sources.list) is used.
   */
  @Parameter(property = "rootfs.mirror")
  protected String mirror;

  /** The suite or codename to build, e.g. bookworm, trixie, stable. */
  @Parameter(property = "rootfs.suite", defaultValue = "bookworm")
  protected String suite;

  /** Components of the suite, comma-separated. */
  @Parameter(property = "rootfs.components", defaultValue = "main")
  protected String components;

  /**
   * More sources mixed in, each one sources.list line without the leading "deb" (e.g.
   * {@code http://mirror/debian bookworm-updates main}); "deb [signed-by=...] URL SUITE COMPONENTS" works too.
   */
  @Parameter(property = "rootfs.sources")
  protected List<String> sources = new ArrayList<>();

  /** Debian architecture of the target (amd64, arm64, armhf, armel, i386, ppc64el, s390x, riscv64, ...). */
  @Parameter(property = "rootfs.architecture")
  protected String architecture;

  /**
   * Package selection, with mmdebstrap's meanings: extract, custom, essential, apt, minbase (= required), buildd,
   * important (debootstrap's default), standard.
   */
  @Parameter(property = "rootfs.variant", defaultValue = "important")
  protected String variant;

  /** Packages added, comma-separated: {@code name}, {@code name=version} or {@code name/suite}. */
  @Parameter(property = "rootfs.include")
  protected List<String> include = new ArrayList<>();

  /** Packages removed from the selection, comma-separated; fails when something kept needs one of them. */
  @Parameter(property = "rootfs.exclude")
  protected List<String> exclude = new ArrayList<>();

  /**
   * OpenPGP keys trusted for the sources' InRelease files: a keyring (.gpg), an armored file (.asc) or an armored
   * key pasted in. Default: the Debian archive keyring shipped inside the plugin.
   */
  @Parameter(property = "rootfs.keyring")
  protected String keyring;

  /** The shared download cache. Default: $XDG_CACHE_HOME/rootfs-maven-plugin or ~/.cache/rootfs-maven-plugin. */
  @Parameter(property = "rootfs.cacheDirectory")
  protected File cacheDirectory;

  /** How many downloads run at once. */
  @Parameter(property = "rootfs.downloadThreads", defaultValue = "8")
  protected int downloadThreads;

  /** Skips the goal. */
  @Parameter(property = "rootfs.skip", defaultValue = "false")
  protected boolean skip;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  protected MavenSession session;

  @Parameter(defaultValue = "${settings}", readonly = true, required = true)
  protected Settings settings;

  /** The core reports through events; this turns them into this goal's log. */
  protected EventListener events() {
    return new MavenEventListener(getLog());
  }

  /** Splits list parameters given as one comma-separated property into their items. */
  protected static List<String> items(List<String> values) {
    List<String> out = new ArrayList<>();
    if (values != null) {
      for (String v : values) {
        for (String s : v.split(",")) {
          if (!s.isBlank()) {
            out.add(s.strip());
          }
        }
      }
    }
    return out;
  }
}
