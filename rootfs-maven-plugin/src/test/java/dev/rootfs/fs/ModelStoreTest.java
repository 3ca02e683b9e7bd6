package dev.rootfs.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rootfs.api.RootfsException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {

  @TempDir Path dir;

  @Test
  void testSaveLoad_roundTripsEveryField() throws Exception {
    RootfsModel model = new RootfsModel(42);
    model.add(FsEntry.regular("usr/bin/ping", 0755, 0, 0, 7, 123)
        .withXattrs(Map.of("security.capability", new byte[] {1, 2, 3})).withOrigin("iputils-ping"));
    model.add(FsEntry.device("dev/null", EntryType.CHAR_DEVICE, 0666, 0, 0, 1, 3, 9));
    model.add(FsEntry.symlink("bin", "usr/bin", 0, 0, 1));
    model.add(FsEntry.hardlink("usr/bin/ping6", "usr/bin/ping", 0, 0, 7));
    model.add(FsEntry.directory("var/mail", 02775, 0, 8, 3));
    Path file = dir.resolve("rootfs.model");

    ModelStore.save(model, file);
    RootfsModel loaded = ModelStore.load(file);

    assertEquals(model.entries().size(), loaded.entries().size());
    for (int i = 0; i < model.entries().size(); i++) {
      FsEntry a = model.entries().get(i);
      FsEntry b = loaded.entries().get(i);
      assertEquals(a.toString(), b.toString());
      assertEquals(a.withXattrs(Map.of()), b.withXattrs(Map.of()));
    }
    assertArrayEquals(new byte[] {1, 2, 3},
        loaded.get("usr/bin/ping").orElseThrow().xattrs().get("security.capability"));
    assertEquals(42, loaded.implicitMtime());
  }

  @Test
  void testLoad_refusesForeignFile() throws Exception {
    Path file = dir.resolve("junk");
    Files.writeString(file, "not a model", StandardCharsets.UTF_8);
    RootfsException e = assertThrows(RootfsException.class, () -> ModelStore.load(file));
    assertEquals(file + " is not a rootfs model file (delete it and rebuild)", e.getMessage());
  }
}
