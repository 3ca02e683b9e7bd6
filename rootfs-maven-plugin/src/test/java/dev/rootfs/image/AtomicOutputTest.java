package dev.rootfs.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicOutputTest {

  @TempDir
  Path tmp;

  @Test
  void testWrite_createsParentsAndReadableFile() throws Exception {
    Path target = tmp.resolve("a/b/out.bin");
    AtomicOutput.write(target, out -> out.write(new byte[] {1, 2, 3}));
    assertEquals(3, Files.size(target));
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    try (var left = Files.list(target.getParent())) {
      assertEquals(List.of(target), left.toList());
    }
  }

  @Test
  void testWrite_failureMidWrite_keepsOldFileAndRemovesTemporary() throws Exception {
    Path target = tmp.resolve("out.bin");
    Files.writeString(target, "old");
    IOException boom = new IOException("disk full");
    IOException thrown = assertThrows(IOException.class, () -> AtomicOutput.write(target, out -> {
      out.write(new byte[100_000]);
      throw boom;
    }));
    assertSame(boom, thrown);
    assertEquals("old", Files.readString(target));
    try (var left = Files.list(tmp)) {
      assertEquals(List.of(target), left.toList());
    }
  }
}
