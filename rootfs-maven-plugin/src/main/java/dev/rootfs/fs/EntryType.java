package dev.rootfs.fs;

/** What a path in the rootfs is. Hard links are their own type: they name the path of the file they share. */
public enum EntryType {
  DIRECTORY,
  REGULAR,
  SYMLINK,
  HARDLINK,
  CHAR_DEVICE,
  BLOCK_DEVICE,
  FIFO,
  SOCKET;

  public boolean isDevice() {
    return this == CHAR_DEVICE || this == BLOCK_DEVICE;
  }
}
