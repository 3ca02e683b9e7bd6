package dev.rootfs.deb;

import dev.rootfs.api.RootfsException;
import java.nio.file.Path;

/** A .deb that cannot be read or unpacked; the message names the .deb (or package) and the member or entry. */
public class DebException extends RootfsException {
  private static final long serialVersionUID = 1L;

  public DebException(String message) {
    super(message);
  }

  public DebException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A failure reading {@code member} of {@code deb}. */
  public static DebException corrupt(Path deb, String member, String what, Throwable cause) {
    String detail = cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage();
    return new DebException(deb + (member == null ? "" : " [" + member + "]") + ": " + what + detail, cause);
  }
}
