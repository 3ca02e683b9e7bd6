package dev.rootfs.apt;

import dev.rootfs.api.RootfsException;

/** A deb822 file that cannot be read; names the file and the line. */
public class Deb822Exception extends RootfsException {
  private static final long serialVersionUID = 1L;

  public Deb822Exception(String source, int line, String message) {
    super(source + ":" + line + ": " + message);
  }
}
