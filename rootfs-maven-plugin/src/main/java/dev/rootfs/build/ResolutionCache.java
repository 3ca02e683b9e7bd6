package dev.rootfs.build;

import dev.rootfs.apt.BinaryPackage;
import dev.rootfs.apt.Deb822Exception;
import dev.rootfs.apt.Deb822Paragraph;
import dev.rootfs.apt.Deb822Parser;
import dev.rootfs.apt.PackageIndex;
import dev.rootfs.fetch.ContentCache;
import dev.rootfs.resolve.PackageRequest;
import dev.rootfs.resolve.RelationSyntaxException;
import dev.rootfs.resolve.Resolution;
import dev.rootfs.resolve.ResolveRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Resolutions kept in the shared cache directory ({@code <cache>/resolutions/}), so a build whose inputs did not
 * change skips reading ~60,000 stanzas and resolving them, which is most of the first stage's own time.
 *
 * <p>The key is the SHA-256 of everything a resolution depends on: the signed digest of every Packages index in
 * apt's reading order (with its mirror, suite and component, which end up in the chosen packages), the
 * architecture, the request (variant, suite, includes, excludes, simulate), the fakeroot packages asked for, and the
 * plugin's own code. The Release files are still fetched and verified on every build, so a changed mirror changes the
 * key. An entry is the chosen stanzas, verbatim, in install order; it is written to a temp file and moved into place,
 * so readers see a whole entry or none, and one that does not read back is deleted and treated as missing.
 */
public final class ResolutionCache {

  private static final String FORMAT = "rootfs-resolution 1";
  private static final String ROLE = "Rootfs-Role";
  private static final String AUTO = "Rootfs-Auto";
  private static final String ORIGIN = "Rootfs-Origin";

  /** What a resolution hands the first stage: the chosen packages and the fakeroot packages of the same sources. */
  public record Entry(Resolution resolution, List<BinaryPackage> fakeroot) {}

  private final ContentCache cache;

  public ResolutionCache(ContentCache cache) {
    this.cache = cache;
  }

  /** The key of a resolution of {@code request} over {@code indices} that also looks up {@code fakerootNames}. */
  public static String key(List<PackageIndex> indices, String architecture, ResolveRequest request,
      List<String> fakerootNames) {
    StringBuilder s = new StringBuilder(FORMAT).append('\n');
    s.append("code ").append(CodeIdentity.sha256()).append('\n');
    s.append("architecture ").append(architecture).append('\n');
    s.append("variant ").append(request.variant()).append('\n');
    s.append("suite ").append(request.suite().orElse("")).append('\n');
    for (PackageRequest p : request.includes()) {
      s.append("include ").append(p).append('\n');
    }
    s.append("exclude ").append(new TreeSet<>(request.excludes())).append('\n');
    s.append("simulate ").append(request.simulate()).append('\n');
    s.append("fakeroot ").append(fakerootNames).append('\n');
    for (PackageIndex i : indices) {
      s.append("index ").append(i.source().mirror()).append(' ').append(i.source().suite()).append(' ')
          .append(i.component()).append(' ').append(i.architecture()).append(' ')
          .append(i.signedDigest().orElse("unlisted")).append('\n');
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(s.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }

  /** The entry under {@code key}; empty when there is none or it does not read back (it is then deleted). */
  public Optional<Entry> find(String key) throws IOException {
    Path file = entryPath(key);
    List<Deb822Paragraph> paragraphs;
    try (InputStream in = Files.newInputStream(file)) {
      paragraphs = new Deb822Parser(file.toString()).parseAll(in);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (Deb822Exception | IOException e) {
      Files.deleteIfExists(file);
      return Optional.empty();
    }
    try {
      return Optional.of(decode(key, paragraphs));
    } catch (RelationSyntaxException | RuntimeException e) {
      Files.deleteIfExists(file);
      return Optional.empty();
    }
  }

  /** Keeps {@code entry} under {@code key}; a concurrent build storing the same key writes the same bytes. */
  public void store(String key, Entry entry) throws IOException {
    StringBuilder s = new StringBuilder();
    s.append("Format: ").append(FORMAT).append("\nKey: ").append(key).append("\n\n");
    Set<String> auto = new LinkedHashSet<>();
    entry.resolution().autoInstalled().forEach(p -> auto.add(p.name()));
    for (BinaryPackage p : entry.resolution().installOrder()) {
      append(s, p, "install", auto.contains(p.name()));
    }
    for (BinaryPackage p : entry.fakeroot()) {
      append(s, p, "fakeroot", false);
    }
    Path file = entryPath(key);
    Files.createDirectories(file.getParent());
    Path temp = cache.newTempFile("resolution-" + key);
    try {
      Files.writeString(temp, s, StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("cache " + cache.root() + ": cannot atomically move " + temp + " to " + file, e);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private Path entryPath(String key) {
    return cache.root().resolve("resolutions").resolve(key.substring(0, 2)).resolve(key);
  }

  private static void append(StringBuilder s, BinaryPackage p, String role, boolean auto) {
    BinaryPackage.PackageOrigin o = p.origin();
    s.append(ROLE).append(": ").append(role).append('\n');
    s.append(AUTO).append(": ").append(auto ? "yes" : "no").append('\n');
    s.append(ORIGIN).append(": ").append(o.mirror()).append(' ').append(o.suite()).append(' ').append(o.component())
        .append('\n');
    s.append(p.paragraph().format()).append('\n');
  }

  private static Entry decode(String key, List<Deb822Paragraph> paragraphs) throws RelationSyntaxException {
    Deb822Paragraph header = paragraphs.get(0);
    if (!FORMAT.equals(header.get("Format", "")) || !key.equals(header.get("Key", ""))) {
      throw new IllegalArgumentException("not an entry for " + key);
    }
    List<BinaryPackage> order = new ArrayList<>();
    List<BinaryPackage> fakeroot = new ArrayList<>();
    Set<String> auto = new LinkedHashSet<>();
    for (Deb822Paragraph p : paragraphs.subList(1, paragraphs.size())) {
      String[] origin = p.get(ORIGIN).orElseThrow().split(" ");
      BinaryPackage b = new BinaryPackage(p.without(ROLE).without(AUTO).without(ORIGIN),
          new BinaryPackage.PackageOrigin(URI.create(origin[0]), origin[1], origin[2]));
      switch (p.get(ROLE).orElseThrow()) {
        case "install" -> order.add(b);
        case "fakeroot" -> fakeroot.add(b);
        default -> throw new IllegalArgumentException("unknown role in " + p);
      }
      if (p.get(AUTO, "no").equals("yes")) {
        auto.add(b.name());
      }
    }
    return new Entry(Resolution.restore(order, auto), fakeroot);
  }
}
