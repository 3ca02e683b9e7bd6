package dev.rootfs.image.squashfs;

import dev.rootfs.api.RootfsException;
import dev.rootfs.image.AtomicOutput;
import dev.rootfs.fs.FsEntry;
import dev.rootfs.fs.RootfsTree;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes a {@link RootfsTree} as a SquashFS 4.0 image: metadata from the model, file contents from the staging
 * directory, never owners or modes from the disk. The same model and options give the same bytes.
 *
 * <p>Layout, as mksquashfs writes it: superblock, compressor options, data and fragment blocks, inode table,
 * directory table, fragment table, export table, id table, xattr table, padding to 4 KiB. The image is written to a
 * temporary file beside the target and moved over it only when complete.
 */
public final class SquashfsWriter {

  private final SquashfsOptions options;

  public SquashfsWriter(SquashfsOptions options) {
    this.options = options;
  }

  public SquashfsOptions options() {
    return options;
  }

  /**
   * Writes the image of {@code tree} to {@code target}, replacing it atomically.
   *
   * @throws SquashfsException naming the path when the model cannot be stored (a name over 256 bytes, an xattr
   *     prefix the format lacks, a content file missing or of another size than the model's) or the file cannot be
   *     written
   */
  public void write(RootfsTree tree, Path target) throws SquashfsException {
    SquashfsCompressor compressor;
    try {
      compressor = options.compression().create(options.blockSize());
    } catch (IllegalStateException | IllegalArgumentException e) {
      // before any file exists: zstd's native library missing, or settings the encoder refuses
      throw new SquashfsException("SquashFS image " + target + ": " + e.getMessage(), e);
    }
    try {
      AtomicOutput.toFile(target, temp -> {
        try (ImageOutput out = new ImageOutput(temp)) {
          writeImage(tree, compressor, out);
          out.sync();
        }
      });
    } catch (SquashfsException e) {
      throw e;
    } catch (IOException | RootfsException e) {
      throw new SquashfsException("writing SquashFS image " + target + " failed: " + e.getMessage(), e);
    }
  }

  private void writeImage(RootfsTree tree, SquashfsCompressor compressor, ImageOutput out)
      throws SquashfsException, IOException {
    TreePlan plan = TreePlan.of(tree.model());

    out.write(new byte[SquashfsConstants.SUPERBLOCK_SIZE]);
    byte[] compressorOptions = compressor.options();
    if (compressorOptions != null) {
      // stored as one uncompressed metadata block
      out.write(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN)
          .putShort((short) (compressorOptions.length | SquashfsConstants.METADATA_UNCOMPRESSED)).array());
      out.write(compressorOptions);
    }

    FragmentTable fragments = writeData(tree, plan, compressor, out);

    MetadataWriter inodeTable = new MetadataWriter(compressor);
    MetadataWriter directoryTable = new MetadataWriter(compressor);
    IdTable ids = new IdTable();
    XattrTable xattrs = new XattrTable(compressor);
    InodeWriter inodes = new InodeWriter(inodeTable, ids, xattrs, options.timestamp());
    DirectoryWriter directories = new DirectoryWriter(directoryTable);
    ExportTable export = new ExportTable(plan.inodeCount());
    for (Inode inode : plan.order) {
      if (inode.isDirectory()) {
        DirectoryWriter.Listing listing = directories.write(inode.children);
        int parent = inode.parent == null ? plan.inodeCount() + 1 : inode.parent.number;
        inodes.writeDirectory(inode, listing, parent);
      } else {
        inodes.write(inode);
      }
      export.set(inode.number, inode.reference);
    }

    long inodeTableStart = out.position();
    out.write(inodeTable.finish());
    long directoryTableStart = out.position();
    out.write(directoryTable.finish());
    LookupTable fragmentTable = writeTable(out, fragments.write(compressor, out.position()));
    LookupTable exportTable = writeTable(out, export.write(compressor, out.position()));
    LookupTable idTable = writeTable(out, ids.write(compressor, out.position()));
    long xattrStart = SquashfsConstants.INVALID_BLOCK;
    if (!xattrs.isEmpty()) {
      xattrStart = writeTable(out, xattrs.write(compressor, out.position())).indexStart();
    }
    long bytesUsed = out.position();
    int pad = (int) ((SquashfsConstants.DEVICE_PADDING - bytesUsed % SquashfsConstants.DEVICE_PADDING)
        % SquashfsConstants.DEVICE_PADDING);
    out.write(new byte[pad]);

    int flags = SquashfsConstants.FLAG_DUPLICATES | SquashfsConstants.FLAG_EXPORTABLE
        | (options.tailPacking() ? SquashfsConstants.FLAG_ALWAYS_FRAGMENTS : 0)
        | (compressorOptions != null ? SquashfsConstants.FLAG_COMPRESSOR_OPTIONS : 0);
    SuperBlock superBlock = new SuperBlock(plan.inodeCount(), options.timestamp(), options.blockSize(),
        fragments.size(), compressor.id(), flags, ids.size(), plan.root.reference, bytesUsed,
        idTable.indexStart(), xattrStart, inodeTableStart, directoryTableStart, fragmentTable.indexStart(),
        exportTable.indexStart());
    out.patch(0, superBlock.toBytes());
  }

  private static LookupTable writeTable(ImageOutput out, LookupTable table) throws IOException {
    out.write(table.bytes());
    return table;
  }

  private FragmentTable writeData(RootfsTree tree, TreePlan plan, SquashfsCompressor compressor, ImageOutput out)
      throws SquashfsException, IOException {
    Map<Long, Integer> sizeCounts = new HashMap<>();
    for (Inode inode : plan.files) {
      sizeCounts.merge(inode.entry.size(), 1, Integer::sum);
    }
    ExecutorService pool = Executors.newFixedThreadPool(options.threads(), daemonThreads());
    try {
      DataWriter data = new DataWriter(out, compressor, options.blockSize(), options.tailPacking(), pool,
          options.threads() * 4, sizeCounts);
      for (Inode inode : plan.files) {
        FsEntry e = inode.entry;
        inode.layout = data.write(e.path(), tree.contentOf(e), e.size());
      }
      return data.finish();
    } finally {
      pool.shutdownNow();
    }
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "squashfs-compress-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
