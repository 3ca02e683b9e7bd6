package dev.rootfs.stage2;

import dev.rootfs.apt.Deb822Exception;
import dev.rootfs.apt.Deb822Paragraph;
import dev.rootfs.apt.Deb822Parser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A package of the tree's dpkg status as the second stage needs it.
 *
 * @param name the package name
 * @param architecture its Architecture field
 * @param infoKey the name its files in /var/lib/dpkg/info carry: "name:arch" for Multi-Arch: same, else "name"
 * @param essential Essential: yes
 * @param status the Status field ("install ok unpacked")
 */
public record UnpackedPackage(String name, String architecture, String infoKey, boolean essential, String status) {

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9+.-]+");
  private static final Pattern ARCH = Pattern.compile("[a-z0-9-]+");

  public boolean isUnpacked() {
    return status.endsWith(" unpacked");
  }

  /**
   * Reads var/lib/dpkg/status of the staging dir; names and architectures are checked because they end up in the
   * session script.
   *
   * @throws Stage2Exception naming the file and the package when the status is missing or malformed
   */
  public static List<UnpackedPackage> readStatus(Path stagingDir) throws IOException, Stage2Exception {
    Path file = stagingDir.resolve("var/lib/dpkg/status");
    if (!Files.isRegularFile(file)) {
      throw new Stage2Exception("the tree has no dpkg status at " + file + "; the first stage writes it");
    }
    List<Deb822Paragraph> paragraphs;
    try (InputStream in = Files.newInputStream(file)) {
      paragraphs = new Deb822Parser(file.toString()).parseAll(in);
    } catch (Deb822Exception e) {
      throw new Stage2Exception(e.getMessage(), e);
    }
    List<UnpackedPackage> result = new ArrayList<>();
    for (Deb822Paragraph p : paragraphs) {
      String name = p.get("Package", "");
      String arch = p.get("Architecture", "");
      String status = p.get("Status", "");
      if (!NAME.matcher(name).matches() || !ARCH.matcher(arch).matches() || status.isEmpty()) {
        throw new Stage2Exception(file + ": package '" + name + "' has a malformed Package, Architecture ('" + arch
            + "') or Status ('" + status + "') field");
      }
      String key = p.get("Multi-Arch", "").equals("same") ? name + ":" + arch : name;
      result.add(new UnpackedPackage(name, arch, key, p.get("Essential", "no").equals("yes"), status));
    }
    return result;
  }
}
