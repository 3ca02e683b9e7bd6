package dev.rootfs.image.squashfs;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The image file being written: a buffered sequential stream that knows its position, plus a final patch at 0. */
final class ImageOutput implements Closeable {

  private final FileChannel channel;
  private final OutputStream out;
  private long position;

  ImageOutput(Path file) throws IOException {
    channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 20);
  }

  long position() {
    return position;
  }

  void write(byte[] data) throws IOException {
    write(data, 0, data.length);
  }

  void write(byte[] data, int offset, int length) throws IOException {
    out.write(data, offset, length);
    position += length;
  }

  /** Flushes and overwrites bytes at an earlier position (the superblock). */
  void patch(long at, byte[] data) throws IOException {
    out.flush();
    ByteBuffer buffer = ByteBuffer.wrap(data);
    while (buffer.hasRemaining()) {
      channel.write(buffer, at + buffer.position());
    }
  }

  void sync() throws IOException {
    out.flush();
    channel.force(true);
  }

  @Override
  public void close() throws IOException {
    try (channel) {
      out.flush();
    }
  }
}
