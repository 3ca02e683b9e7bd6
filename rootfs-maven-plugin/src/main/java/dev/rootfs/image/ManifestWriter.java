package dev.rootfs.image;

import dev.rootfs.api.RootfsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the package manifest beside an image: one {@code name version architecture} line per installed package,
 * sorted, so two builds of the same package set give the same file and a diff of two manifests reads as a changelog.
 */
public final class ManifestWriter {

  /** The extension of a manifest file. */
  public static final String EXTENSION = "manifest";

  private ManifestWriter() {}

  /** Where the manifest of {@code image} goes: its name with the format's extension replaced by ".manifest". */
  public static Path besideImage(Path image, ImageFormat format) {
    String name = image.getFileName().toString();
    String suffix = "." + format.extension();
    String base = name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) : name;
    return image.resolveSibling(base + "." + EXTENSION);
  }

  /** The manifest text, for callers that attach it themselves. */
  public static String render(List<ManifestEntry> packages) throws ImageException {
    List<ManifestEntry> sorted = new ArrayList<>(packages);
    sorted.sort(ManifestEntry.ORDER);
    StringBuilder text = new StringBuilder();
    for (ManifestEntry p : sorted) {
      check(p, "name", p.name());
      check(p, "version", p.version());
      check(p, "architecture", p.architecture());
      text.append(p.line()).append('\n');
    }
    return text.toString();
  }

  /** Writes the manifest atomically to {@code target}. */
  public static void write(List<ManifestEntry> packages, Path target) throws IOException, RootfsException {
    byte[] bytes = render(packages).getBytes(StandardCharsets.UTF_8);
    AtomicOutput.write(target, out -> out.write(bytes));
  }

  /** A blank or a line break inside a field would make the line ambiguous to anyone parsing it. */
  private static void check(ManifestEntry p, String field, String value) throws ImageException {
    if (value.isEmpty() || value.chars().anyMatch(Character::isWhitespace)) {
      throw new ImageException("package '" + p.name() + "' has an empty " + field + " or one with blanks: '"
          + value + "'");
    }
  }
}
