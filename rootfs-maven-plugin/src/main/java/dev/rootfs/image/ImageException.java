package dev.rootfs.image;

import dev.rootfs.api.RootfsException;

/**
 * Writing an image failed because of what the tree holds: a staging file whose size differs from the model, a hard
 * link to nothing, a name no format can store. The message names the rootfs path (and the image file).
 */
public class ImageException extends RootfsException {
  private static final long serialVersionUID = 1L;

  public ImageException(String message) {
    super(message);
  }

  public ImageException(String message, Throwable cause) {
    super(message, cause);
  }
}
