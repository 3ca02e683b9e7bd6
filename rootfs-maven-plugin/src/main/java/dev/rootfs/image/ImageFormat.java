package dev.rootfs.image;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The image formats the plugin writes. The extension doubles as the Maven artifact type, so a project attaches
 * {@code rootfs-1.0.tar.xz} with type {@code tar.xz}.
 */
public enum ImageFormat {
  TAR("tar"),
  TAR_GZ("tar.gz"),
  TAR_XZ("tar.xz"),
  TAR_ZST("tar.zst"),
  SQUASHFS("squashfs"),
  /** Only what a cross build needs, relative symlinks; see {@link SysrootSelection}. A tar.xz, classifier sysroot. */
  SYSROOT("sysroot", "tar.xz", "sysroot");

  private final String name;
  private final String extension;
  private final String classifier;

  ImageFormat(String extension) {
    this(extension, extension, null);
  }

  ImageFormat(String name, String extension, String classifier) {
    this.name = name;
    this.extension = extension;
    this.classifier = classifier;
  }

  /** What {@code formats} calls it: the extension, or "sysroot". */
  public String formatName() {
    return name;
  }

  /** The Maven classifier the image is attached with, or null for none. */
  public String classifier() {
    return classifier;
  }

  /** The file extension without the leading dot, e.g. "tar.xz"; also the Maven artifact type. */
  public String extension() {
    return extension;
  }

  /** True for the tar family, written by the tar writer. */
  public boolean isTar() {
    return this != SQUASHFS;
  }

  /** {@code baseName + "." + extension()}, with "-classifier" before the dot when there is one. */
  public String fileName(String baseName) {
    return baseName + (classifier == null ? "" : "-" + classifier) + "." + extension;
  }

  /**
   * The format with this name (its extension, or "sysroot"), ignoring case and surrounding blanks.
   *
   * @throws ImageFormatException naming the value and the valid ones
   */
  public static ImageFormat fromExtension(String value) throws ImageFormatException {
    String wanted = value.trim().toLowerCase(Locale.ROOT);
    for (ImageFormat f : values()) {
      if (f.name.equals(wanted)) {
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
      ImageFormat f = fromExtension(part);
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
