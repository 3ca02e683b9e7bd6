/**
 * SquashFS 4.0 images written from the rootfs model in pure Java: {@link dev.rootfs.image.squashfs.SquashfsWriter}
 * with {@link dev.rootfs.image.squashfs.SquashfsOptions}; and read back into model entries by
 * {@link dev.rootfs.image.squashfs.SquashfsReader} (a base image that is SquashFS).
 *
 * <h2>The format, as this package writes it</h2>
 * Everything is little-endian. In file order:
 * <ol>
 *   <li><b>Superblock</b> (96 bytes, {@code SuperBlock}): magic "hsqs", inode count, modification time (the build
 *       timestamp), block size and its log2, fragment count, compressor id, flags, id count, version 4.0, the
 *       reference of the root inode, bytes used, and the absolute start of each table.</li>
 *   <li><b>Compressor options</b>, only when not the compressor's defaults (always for LZ4, whose reader demands
 *       them): one uncompressed metadata block.</li>
 *   <li><b>Data</b> ({@code DataWriter}): each regular file's full blocks, each compressed on its own and stored raw
 *       (size bit 24 set) when compression does not shrink it; an all-zero block is stored as nothing (size 0, a
 *       hole). The tail of a file (everything after its last full block, so a whole small file) goes into a
 *       <b>fragment block</b> shared with other tails. A file equal to an earlier one reuses its blocks and
 *       fragment. Blocks are compressed in parallel and written in order.</li>
 *   <li><b>Inode table</b> ({@code InodeWriter}) and <b>directory table</b> ({@code DirectoryWriter}): streams of
 *       metadata blocks ({@code MetadataWriter}): 8 KiB of payload compressed on its own behind a u16 header whose
 *       bit 15 says "stored uncompressed". An inode is addressed by a 48-bit reference: the start of its metadata
 *       block relative to the table, shifted left 16, plus its offset inside the uncompressed block. Inodes are
 *       written children first so that a directory's listing can name them ({@code TreePlan}); basic inodes are
 *       used unless a field only the extended form has is needed (xattrs, a link count for files, 64-bit sizes, a
 *       directory index or a listing of 64 KiB or more). Directory listings are runs of headers (inode block,
 *       base inode number) followed by up to 256 entries sorted by name bytes; large listings get an index of
 *       headers so the kernel can skip ahead.</li>
 *   <li><b>Lookup tables</b> ({@code LookupTable}): fixed-size entries in metadata blocks followed by the u64
 *       positions of those blocks, which the superblock points at: the fragment table ({@code FragmentTable}), the
 *       NFS export table (inode number to inode reference, {@code ExportTable}), the id table of uids/gids
 *       ({@code IdTable}), and the xattr id table with its key/value stream ({@code XattrTable}; prefixes user.,
 *       trusted. and security. only, others are refused).</li>
 *   <li>Zero padding to a multiple of 4 KiB, not counted in "bytes used".</li>
 * </ol>
 *
 * <h2>Choices</h2>
 * Flags are those mksquashfs sets (duplicates, exportable, compressor options when present) plus
 * "always use fragments", since tails are packed. Compressors ({@link dev.rootfs.image.squashfs.SquashfsCompressor})
 * use mksquashfs's defaults where the Java library allows: gzip is zlib level 9 window 15, xz is LZMA2 (preset 4,
 * not 6: see XzCompressor) with the dictionary of a block and a CRC32 check, lz4 is raw blocks with options
 * version 1, zstd is level 15 through zstd-jni's bundled libzstd (the one native library here: no pure-Java encoder
 * has zstd's slower levels). Output is deterministic: the bytes depend only on the model, the content and the options, never on thread timing. Inode
 * mtimes are clamped to the timestamp.
 *
 * <p>Sources for the format: the Linux kernel's fs/squashfs (squashfs_fs.h), squashfs-tools and squashfs-tools-ng's
 * format documentation; none of their code is used. Format code emits no output of its own.
 */
package dev.rootfs.image.squashfs;
