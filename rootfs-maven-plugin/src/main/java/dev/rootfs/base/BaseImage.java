package dev.rootfs.base;

import dev.rootfs.apt.BinaryPackage;
import dev.rootfs.apt.Deb822Exception;
import dev.rootfs.apt.Deb822Paragraph;
import dev.rootfs.apt.Deb822Parser;
import dev.rootfs.fetch.Sha256;
import dev.rootfs.fs.EntryType;
import dev.rootfs.fs.FsEntry;
import dev.rootfs.fs.ModelConflictException;
import dev.rootfs.fs.RootfsTree;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a base image holds, read from its own files: the dpkg architecture (var/lib/dpkg/arch), the Debian codename
 * (VERSION_CODENAME of etc/os-release) and the packages of var/lib/dpkg/status that are "install ok installed".
 * A base whose packages are not all configured (built with secondStage none or deferred) is refused: the layer's
 * second stage only configures what the layer adds.
 *
 * @param file the image file (tarball or SquashFS)
 * @param architecture the base's native dpkg architecture
 * @param codename the base's Debian codename, empty when its os-release names none (sid)
 * @param installed the installed packages as status stanzas, sorted by name
 */
public record BaseImage(Path file, String architecture, Optional<String> codename, List<BinaryPackage> installed) {

  static final String STATUS = "var/lib/dpkg/status";
  static final String ARCH = "var/lib/dpkg/arch";
  static final String OS_RELEASE = "etc/os-release";

  public BaseImage {
    installed = List.copyOf(installed);
  }

  /**
   * Refuses a base built for another architecture or suite than the build's.
   *
   * @param suiteCodename the configured suite's codename (as its Release file names it), or the suite itself
   */
  public void checkMatches(String configuredArchitecture, String configuredSuite, String suiteCodename)
      throws BaseImageException {
    checkArchitecture(configuredArchitecture);
    checkSuite(configuredSuite, suiteCodename);
  }

  /** Refuses a base of another dpkg architecture than the build's. */
  public void checkArchitecture(String configuredArchitecture) throws BaseImageException {
    if (!architecture.equals(configuredArchitecture)) {
      throw new BaseImageException("<baseImage> " + file + " is for architecture " + architecture + " ("
          + ARCH + ") but <architecture> is " + configuredArchitecture + "; use a base of the same architecture");
    }
  }

  /** Refuses a base of another Debian release than the configured suite's. */
  public void checkSuite(String configuredSuite, String suiteCodename) throws BaseImageException {
    if (codename.isPresent() && !codename.get().equals(suiteCodename) && !codename.get().equals(configuredSuite)) {
      throw new BaseImageException("<baseImage> " + file + " is Debian " + codename.get() + " (VERSION_CODENAME in "
          + OS_RELEASE + ") but <suite> is " + configuredSuite
          + (suiteCodename.equals(configuredSuite) ? "" : " (" + suiteCodename + ")")
          + "; use a base of the same suite");
    }
  }

  /** The hex SHA-256 of a file: the base's identity in the build's input fingerprint. */
  public static String sha256(Path file) throws IOException {
    MessageDigest md = Sha256.newDigest();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return Sha256.hex(md.digest());
  }

  static BaseImage describe(Path file, RootfsTree tree) throws BaseImageException {
    String arch = read(file, tree, ARCH).orElseThrow(() -> new BaseImageException("<baseImage> " + file
        + " has no " + ARCH + "; it is not a Debian root filesystem")).lines().findFirst().orElse("").strip();
    if (arch.isEmpty()) {
      throw new BaseImageException("<baseImage> " + file + ": " + ARCH + " is empty");
    }
    Optional<String> codename = read(file, tree, OS_RELEASE).flatMap(BaseImage::codename);
    String status = read(file, tree, STATUS).orElseThrow(() -> new BaseImageException("<baseImage> " + file
        + " has no " + STATUS + "; it is not a Debian root filesystem"));
    List<BinaryPackage> installed = new ArrayList<>();
    List<Deb822Paragraph> paragraphs;
    try {
      paragraphs = new Deb822Parser(file + "!" + STATUS)
          .parseAll(new ByteArrayInputStream(status.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException | Deb822Exception e) {
      throw new BaseImageException("<baseImage> " + file + ": " + e.getMessage(), e);
    }
    for (Deb822Paragraph p : paragraphs) {
      String name = p.get("Package", "?");
      String state = p.get("Status", "");
      if (state.endsWith(" installed")) {
        if (p.get("Version").isEmpty() || p.get("Architecture").isEmpty()) {
          throw new BaseImageException("<baseImage> " + file + ": " + STATUS + ": package " + name
              + " has no Version or Architecture");
        }
        installed.add(new BinaryPackage(p, null));
      } else if (state.endsWith(" unpacked") || state.endsWith(" half-configured")
          || state.endsWith(" half-installed") || state.endsWith(" triggers-awaited")
          || state.endsWith(" triggers-pending")) {
        throw new BaseImageException("<baseImage> " + file + ": " + STATUS + ": package " + name + " is '" + state
            + "', not configured; build the base with <secondStage>auto</secondStage>");
      }
    }
    installed.sort(java.util.Comparator.comparing(BinaryPackage::name));
    return new BaseImage(file, arch, codename, installed);
  }

  /** VERSION_CODENAME=bookworm, quoted or not. */
  static Optional<String> codename(String osRelease) {
    for (String line : osRelease.split("\n")) {
      if (line.startsWith("VERSION_CODENAME=")) {
        String v = line.substring("VERSION_CODENAME=".length()).strip().replace("\"", "").replace("'", "");
        return v.isEmpty() ? Optional.empty() : Optional.of(v);
      }
    }
    return Optional.empty();
  }

  /** A file of the tree through its symlinks (etc/os-release links to usr/lib/os-release), if it is one. */
  private static Optional<String> read(Path file, RootfsTree tree, String path) throws BaseImageException {
    try {
      String real = tree.model().resolveFully(path, link -> {});
      Optional<FsEntry> e = tree.model().get(real);
      if (e.isEmpty() || (e.get().type() != EntryType.REGULAR && e.get().type() != EntryType.HARDLINK)) {
        return Optional.empty();
      }
      return Optional.of(Files.readString(tree.contentOf(e.get()), StandardCharsets.UTF_8));
    } catch (ModelConflictException | IOException e) {
      throw new BaseImageException("<baseImage> " + file + ": cannot read " + path + ": " + e.getMessage(), e);
    }
  }
}
