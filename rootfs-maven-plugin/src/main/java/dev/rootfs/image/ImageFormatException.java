package dev.rootfs.image;

import dev.rootfs.api.RootfsException;

/** A configured image format name is not one the plugin knows; the message lists the valid ones. */
public class ImageFormatException extends RootfsException {
  private static final long serialVersionUID = 1L;

  public ImageFormatException(String message) {
    super(message);
  }
}
