package dev.rootfs.maven;

import dev.rootfs.api.RootfsException;
import dev.rootfs.apt.AptClient;
import dev.rootfs.apt.AptSource;
import dev.rootfs.apt.HostAptSources;
import dev.rootfs.apt.Keyring;
import dev.rootfs.apt.SourceSelection;
import dev.rootfs.build.HostArchitecture;
import dev.rootfs.build.PackageSelection;
import dev.rootfs.event.EventListener;
import dev.rootfs.build.ResolutionCache;
import dev.rootfs.build.RootfsBuilder;
import dev.rootfs.fetch.ContentCache;
import dev.rootfs.fetch.FetchSettings;
import dev.rootfs.fetch.HttpDownloader;
import dev.rootfs.fetch.ProxySettings;
import dev.rootfs.resolve.PackageRequest;
import dev.rootfs.resolve.ResolveRequest;
import dev.rootfs.resolve.Variant;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.settings.Proxy;
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

  /**
   * The shared download cache (.debs, signed index bodies, resolutions and the decoded data tarballs of the .debs).
   * Default: $XDG_CACHE_HOME/rootfs-maven-plugin or ~/.cache/rootfs-maven-plugin.
   */
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

  /** The target architecture: configured, else the host's. */
  protected String targetArchitecture() {
    return architecture == null || architecture.isBlank() ? HostArchitecture.current() : architecture.strip();
  }

  /** Maps mirror/suite/components/sources/variant/include/exclude/keyring onto the core's selection. */
  protected PackageSelection selection() throws MojoExecutionException, RootfsException {
    List<String> configured = new ArrayList<>();
    if (mirror != null && !mirror.isBlank()) {
      configured.add(mirror.strip() + " " + suite + " " + String.join(" ", items(List.of(components))));
    }
    configured.addAll(items(sources));
    String arch = targetArchitecture();
    List<AptSource> chosen = SourceSelection.choose(configured, suite, items(List.of(components)),
        HostAptSources.system(), arch);
    Variant v;
    List<PackageRequest> includes = new ArrayList<>();
    try {
      v = Variant.of(variant);
      for (String i : items(include)) {
        includes.add(PackageRequest.parse(i));
      }
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException("<variant>/<include> (rootfs.variant, rootfs.include): " + e.getMessage(), e);
    }
    ResolveRequest request = new ResolveRequest(v, Optional.empty(), includes, new LinkedHashSet<>(items(exclude)),
        false);
    return new PackageSelection(chosen, arch, request, keyring());
  }

  /** The configured keyring (file or armored text), else the Debian archive keyring shipped in the plugin. */
  protected Keyring keyring() throws RootfsException, MojoExecutionException {
    if (keyring == null || keyring.isBlank()) {
      return Keyring.debianArchive();
    }
    String k = keyring.strip();
    if (k.startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----")) {
      return Keyring.armored(k, "<keyring> (rootfs.keyring)");
    }
    Path file = Path.of(k);
    if (!Files.isRegularFile(file)) {
      throw new MojoExecutionException("<keyring> (rootfs.keyring): " + file
          + " is not a file; give a keyring (.gpg), an armored key file (.asc) or the armored key itself");
    }
    return Keyring.read(file);
  }

  /**
   * The shared download cache with this session's offline mode and settings.xml proxies; its HTTP client is
   * already being set up in the background.
   */
  protected HttpDownloader downloader(EventListener events) {
    Path root = cacheRoot();
    List<ProxySettings> proxies = new ArrayList<>();
    if (settings != null) {
      for (Proxy p : settings.getProxies()) {
        if (p.isActive()) {
          proxies.add(new ProxySettings(p.getProtocol(), p.getHost(), p.getPort(), p.getUsername(), p.getPassword(),
              p.getNonProxyHosts()));
        }
      }
    }
    FetchSettings fetch = FetchSettings.defaults()
        .withConcurrency(Math.max(1, downloadThreads))
        .withOffline(session != null && session.isOffline())
        .withProxies(proxies);
    HttpDownloader downloader = new HttpDownloader(new ContentCache(root), fetch, events);
    downloader.prepareInBackground();
    return downloader;
  }

  private Path cacheRoot() {
    return cacheDirectory != null ? cacheDirectory.toPath() : ContentCache.defaultRoot();
  }

  /** The first stage's builder over the shared cache, which also keeps its resolutions and decoded data tarballs. */
  protected RootfsBuilder builder(HttpDownloader downloader, EventListener events)
      throws RootfsException, MojoExecutionException {
    return new RootfsBuilder(aptClient(downloader, events), downloader, events)
        .withResolutionCache(new ResolutionCache(new ContentCache(cacheRoot())))
        .withDataTarCache(new ContentCache(cacheRoot()));
  }

  protected AptClient aptClient(HttpDownloader downloader, EventListener events)
      throws RootfsException, MojoExecutionException {
    return new AptClient(downloader, keyring(), Clock.systemUTC(), events);
  }
}
