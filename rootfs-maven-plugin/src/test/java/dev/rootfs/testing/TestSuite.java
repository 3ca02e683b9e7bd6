package dev.rootfs.testing;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One suite of a {@link TestRepository}: its Release fields, signing options and packages. Setters return this so a
 * test reads like the Release it describes.
 */
public final class TestSuite {

  private final TestRepository repo;
  private final String name;
  private String suiteField;
  private String codename;
  private List<String> architectures = TestRepository.list("amd64");
  private List<String> components = TestRepository.list("main");
  private List<String> compressions = TestRepository.list(".xz", ".gz", "");
  private Instant date = Instant.now();
  private Instant validUntil;
  private Instant signedAt = Instant.now();
  private boolean acquireByHash = true;
  private boolean noArchitectureAll = true;
  private boolean inRelease = true;
  private TestKey signer;
  private final Map<String, List<String>> stanzas = new LinkedHashMap<>(); // "component/arch" -> stanzas

  TestSuite(TestRepository repo, String name) {
    this.repo = repo;
    this.name = name;
    this.suiteField = name;
    this.codename = name;
  }

  /** The Release's Suite and Codename fields (both default to the directory name). */
  public TestSuite fields(String suite, String codename) {
    this.suiteField = suite;
    this.codename = codename;
    return this;
  }

  public TestSuite architectures(String... a) {
    architectures = TestRepository.list(a);
    return this;
  }

  public TestSuite components(String... c) {
    components = TestRepository.list(c);
    return this;
  }

  /** Which index compressions to publish, from ".xz", ".gz", "" (plain). */
  public TestSuite compressions(String... c) {
    compressions = TestRepository.list(c);
    return this;
  }

  public TestSuite validUntil(Instant t) {
    validUntil = t;
    return this;
  }

  public TestSuite signedAt(Instant t) {
    signedAt = t;
    return this;
  }

  public TestSuite date(Instant t) {
    date = t;
    return this;
  }

  public TestSuite acquireByHash(boolean b) {
    acquireByHash = b;
    return this;
  }

  /** Whether the Release says No-Support-for-Architecture-all: Packages (Debian's does; the default). */
  public TestSuite noArchitectureAll(boolean b) {
    noArchitectureAll = b;
    return this;
  }

  /** false: publish only Release + Release.gpg, as older or third-party archives do. */
  public TestSuite inRelease(boolean b) {
    inRelease = b;
    return this;
  }

  /** Signs this suite with another key than the repository's. */
  public TestSuite signedBy(TestKey key) {
    signer = key;
    return this;
  }

  /** A package with a generated .deb (empty payload). */
  public TestSuite addPackage(String component, String name, String version, String arch, String depends) {
    return addDeb(component, name, version, arch, depends, TestDebs.deb(name, version, arch, depends, Map.of()),
        Map.of());
  }

  /**
   * A package whose .deb bytes are given: writes it to the pool and lists it with Filename, Size and SHA256.
   *
   * @param extra more Packages fields (Priority, Essential, Provides, ...)
   */
  public TestSuite addDeb(String component, String pkg, String version, String arch, String depends, byte[] deb,
      Map<String, String> extra) {
    String dir = (pkg.startsWith("lib") ? pkg.substring(0, 4) : pkg.substring(0, 1)) + "/" + pkg;
    String filename = "pool/" + component + "/" + dir + "/" + pkg + "_" + version.replaceFirst("^[0-9]+:", "")
        + "_" + arch + ".deb";
    TestRepository.write(repo.root().resolve(filename), deb);
    StringBuilder s = new StringBuilder()
        .append("Package: ").append(pkg).append('\n')
        .append("Version: ").append(version).append('\n')
        .append("Architecture: ").append(arch).append('\n');
    extra.forEach((k, v) -> s.append(k).append(": ").append(v).append('\n'));
    if (depends != null && !depends.isBlank()) {
      s.append("Depends: ").append(depends).append('\n');
    }
    s.append("Filename: ").append(filename).append('\n')
        .append("Size: ").append(deb.length).append('\n')
        .append("SHA256: ").append(TestRepository.sha256(deb)).append('\n')
        .append("Description: test package ").append(pkg).append('\n');
    stanzas.computeIfAbsent(component + "/" + arch, k -> new ArrayList<>()).add(s.toString());
    return this;
  }

  void publish() {
    Path dists = repo.root().resolve("dists").resolve(name);
    StringBuilder sums = new StringBuilder();
    for (String component : components) {
      List<String> arches = new ArrayList<>(architectures);
      if (!arches.contains("all")) {
        arches.add("all");
      }
      for (String arch : arches) {
        StringBuilder packages = new StringBuilder();
        for (String stanza : stanzas.getOrDefault(component + "/" + arch, List.of())) {
          packages.append(stanza).append('\n');
        }
        // Like Debian: with No-Support-for-Architecture-all, binary-ARCH lists the arch:all packages too.
        if (noArchitectureAll && !arch.equals("all")) {
          for (String stanza : stanzas.getOrDefault(component + "/all", List.of())) {
            packages.append(stanza).append('\n');
          }
        }
        byte[] plain = TestRepository.utf8(packages.toString());
        for (String suffix : compressions) {
          byte[] data = suffix.equals(".xz") ? TestRepository.xz(plain)
              : suffix.equals(".gz") ? TestRepository.gzip(plain) : plain;
          String path = component + "/binary-" + arch + "/Packages" + suffix;
          TestRepository.write(dists.resolve(path), data);
          String hash = TestRepository.sha256(data);
          if (acquireByHash) {
            TestRepository.write(dists.resolve(component + "/binary-" + arch + "/by-hash/SHA256/" + hash), data);
          }
          sums.append(String.format(" %s %8d %s\n", hash, data.length, path));
        }
      }
    }
    StringBuilder release = new StringBuilder()
        .append("Origin: Test\nLabel: Test\n")
        .append("Suite: ").append(suiteField).append('\n')
        .append("Codename: ").append(codename).append('\n')
        .append("Date: ").append(TestRepository.releaseDate(date)).append('\n');
    if (validUntil != null) {
      release.append("Valid-Until: ").append(TestRepository.releaseDate(validUntil)).append('\n');
    }
    if (acquireByHash) {
      release.append("Acquire-By-Hash: yes\n");
    }
    if (noArchitectureAll) {
      release.append("No-Support-for-Architecture-all: Packages\n");
    }
    release.append("Architectures: ").append(String.join(" ", architectures)).append('\n')
        .append("Components: ").append(String.join(" ", components)).append('\n')
        .append("Description: test archive\n")
        .append("SHA256:\n").append(sums);
    byte[] text = TestRepository.utf8(release.toString());
    TestKey key = signer != null ? signer : repo.key();
    TestRepository.write(dists.resolve("Release"), text);
    TestRepository.write(dists.resolve("Release.gpg"), key.detachedSign(text, signedAt));
    if (inRelease) {
      TestRepository.write(dists.resolve("InRelease"), key.clearSign(release.toString(), signedAt));
    }
  }
}
