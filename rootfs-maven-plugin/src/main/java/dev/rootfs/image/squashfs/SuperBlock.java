package dev.rootfs.image.squashfs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The 96-byte header at offset 0. Table starts are absolute byte offsets; those of the fragment, export and id tables
 * point at their u64 index arrays, the xattr one at the xattr id table header, and an absent table is all ones.
 */
record SuperBlock(
    int inodeCount,
    long modificationTime,
    int blockSize,
    int fragmentCount,
    int compressorId,
    int flags,
    int idCount,
    long rootInodeRef,
    long bytesUsed,
    long idTableStart,
    long xattrIdTableStart,
    long inodeTableStart,
    long directoryTableStart,
    long fragmentTableStart,
    long exportTableStart) {

  byte[] toBytes() {
    return ByteBuffer.allocate(SquashfsConstants.SUPERBLOCK_SIZE).order(ByteOrder.LITTLE_ENDIAN)
        .putInt(SquashfsConstants.MAGIC)
        .putInt(inodeCount)
        .putInt((int) modificationTime)
        .putInt(blockSize)
        .putInt(fragmentCount)
        .putShort((short) compressorId)
        .putShort((short) Integer.numberOfTrailingZeros(blockSize))
        .putShort((short) flags)
        .putShort((short) idCount)
        .putShort((short) SquashfsConstants.VERSION_MAJOR)
        .putShort((short) SquashfsConstants.VERSION_MINOR)
        .putLong(rootInodeRef)
        .putLong(bytesUsed)
        .putLong(idTableStart)
        .putLong(xattrIdTableStart)
        .putLong(inodeTableStart)
        .putLong(directoryTableStart)
        .putLong(fragmentTableStart)
        .putLong(exportTableStart)
        .array();
  }
}
