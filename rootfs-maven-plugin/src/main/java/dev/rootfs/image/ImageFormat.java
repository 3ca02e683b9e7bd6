package dev.rootfs.image;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The image formats the plugin writes. A format's name is what a POM lists in {@code <formats>}; its extension
 * doubles as the Maven artifact type, so a project attaches {@code rootfs-1.0.tar.xz} with type {@code tar.xz}, and a
 * format with a classifier is attached with it ({@code rootfs-1.0-sysroot.tar.xz}: type tar.xz, classifier sysroot).
 */
public enum ImageFormat {
  TAR("tar", "tar", null),
  TAR_GZ("tar.gz", "tar.gz", null),
  TAR_XZ("tar.xz", "tar.xz", null),
  TAR_ZST("tar.zst", "tar.zst", null),
  SQUASHFS("squashfs", "squashfs", null),
  /** What a cross compiler needs of the tree (headers, libraries, crt objects, .pc files), relative links, tar.xz. */
  SYSROOT("sysroot", "tar.xz", "sysroot"),
  /** An OCI image layout (oci-layout, index.json, blobs) in a tar archive: skopeo's and podman's oci-archive. */
  OCI("oci", "oci.tar", null),
  /** A plain directory; it is no artifact and never attached. */
  DIR("dir", null, null);

  private final String formatName;
  private final String extension;
  private final String classifier;

  ImageFormat(String formatName, String extension, String classifier) {
    this.formatName = formatName;
    this.extension = extension;
    this.classifier = classifier;
  }

  /** The name a POM uses in {@code <formats>}, e.g. "tar.xz" or "sysroot". */
  public String formatName() {
    return formatName;
  }

  /**
   * The file extension without the leading dot, e.g. "tar.xz"; also the Maven artifact type.
   *
   * @throws IllegalStateException for {@link #DIR}, which is no file
   */
  public String extension() {
    if (extension == null) {
      throw new IllegalStateException(formatName + " output is a directory, not a file with an extension");
    }
    return extension;
  }

  /** The Maven classifier it is attached with, if any. */
  public Optional<String> classifier() {
    return Optional.ofNullable(classifier);
  }

  /** False for {@link #DIR}: a directory cannot be installed or deployed. */
  public boolean isArtifact() {
    return extension != null;
  }

  /** True for the plain tar family, written by the tar writer alone. */
  public boolean isTar() {
    return this == TAR || this == TAR_GZ || this == TAR_XZ || this == TAR_ZST;
  }

  /** The file (or, for {@link #DIR}, directory) name: "rootfs-1.0.tar.xz", "rootfs-1.0-sysroot.tar.xz", "rootfs-1.0". */
  public String fileName(String baseName) {
    if (extension == null) {
      return baseName;
    }
    return baseName + (classifier == null ? "" : "-" + classifier) + "." + extension;
  }

  /**
   * The format of this name, ignoring case and surrounding blanks.
   *
   * @throws ImageFormatException naming the value and the valid ones
   */
  public static ImageFormat fromName(String value) throws ImageFormatException {
    String wanted = value.trim().toLowerCase(Locale.ROOT);
    for (ImageFormat f : values()) {
      if (f.formatName.equals(wanted)) {
        return f;
      }
    }
    throw new ImageFormatException("unknown image format '" + value.trim() + "'; valid formats are "
        + validList());
  }

  /**
   * Parses a comma-separated list such as {@code tar.xz,squashfs}. Order is kept, repeats are dropped.
   *
   * @throws ImageFormatException when a value is unknown or the list is empty
   */
  public static List<ImageFormat> parseList(String commaList) throws ImageFormatException {
    List<ImageFormat> formats = new ArrayList<>();
    for (String part : commaList.split(",", -1)) {
      if (part.isBlank()) {
        continue;
      }
      ImageFormat f = fromName(part);
      if (!formats.contains(f)) {
        formats.add(f);
      }
    }
    if (formats.isEmpty()) {
      throw new ImageFormatException("no image format in '" + commaList + "'; valid formats are " + validList());
    }
    return List.copyOf(formats);
  }

  private static String validList() {
    return Arrays.stream(values()).map(ImageFormat::formatName).collect(Collectors.joining(", "));
  }
}
