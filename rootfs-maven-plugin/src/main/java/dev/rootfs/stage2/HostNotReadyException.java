package dev.rootfs.stage2;

/**
 * The build host cannot run the second stage: user namespaces are off or the target architecture cannot execute.
 * The message names the setting to change and the exact commands that fix it.
 */
public class HostNotReadyException extends Stage2Exception {
  private static final long serialVersionUID = 1L;

  public HostNotReadyException(String message) {
    super(message);
  }
}
