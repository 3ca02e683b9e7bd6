package dev.rootfs.stage2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rootfs.fs.FsEntry;
import dev.rootfs.fs.RootfsModel;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FileCapabilitiesTest {

  @Test
  void testParse_pingAsTheKernelStoresIt() throws Exception {
    // getfattr -n security.capability -e base64 on a ping that setcap cap_net_raw+ep marked
    Map<String, byte[]> caps = FileCapabilities.parse(List.of("/usr/bin/ping cap_net_raw=ep"));
    assertArrayEquals(Base64.getDecoder().decode("AQAAAgAgAAAAAAAAAAAAAAAAAAA="), caps.get("usr/bin/ping"));
  }

  @Test
  void testParse_severalNamesOldSyntaxHighCapsAndNoEffective() throws Exception {
    Map<String, byte[]> caps = FileCapabilities.parse(List.of(
        "/usr/bin/a cap_net_admin,cap_net_raw+ep",
        "/usr/sbin/b cap_bpf,cap_perfmon=p",
        "/usr/bin/c cap_chown=eip cap_chown-i",
        "not a capability line"));
    assertEquals(3, caps.size());
    assertArrayEquals(new byte[] {1, 0, 0, 2, 0, 0x30, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, caps.get("usr/bin/a"));
    // perfmon 38 and bpf 39 are in the second word; no effective flag
    assertArrayEquals(new byte[] {0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xc0, 0, 0, 0, 0, 0, 0, 0},
        caps.get("usr/sbin/b"));
    assertArrayEquals(new byte[] {1, 0, 0, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, caps.get("usr/bin/c"));
  }

  @Test
  void testApplyTo_setsTheAttributeOnRegularFilesOnly() throws Exception {
    RootfsModel model = new RootfsModel(5);
    model.add(FsEntry.regular("usr/bin/ping", 0755, 0, 0, 5, 1));
    model.add(FsEntry.symlink("usr/bin/link", "ping", 0, 0, 5));
    Map<String, byte[]> caps = FileCapabilities.parse(List.of("/usr/bin/ping cap_net_raw=ep",
        "/usr/bin/link cap_net_raw=ep", "/usr/bin/gone cap_net_raw=ep"));
    int entries = model.size();

    FileCapabilities.applyTo(model, caps);

    assertArrayEquals(caps.get("usr/bin/ping"), model.get("usr/bin/ping").orElseThrow().xattrs()
        .get("security.capability"));
    assertTrue(model.get("usr/bin/link").orElseThrow().xattrs().isEmpty());
    assertEquals(entries, model.size(), "no entry added for a path the model has not");
  }

  @Test
  void testParse_unknownCapabilityNamesTheLine() {
    Stage2Exception e = assertThrows(Stage2Exception.class,
        () -> FileCapabilities.parse(List.of("/usr/bin/x cap_flying=ep")));
    assertTrue(e.getMessage().contains("/usr/bin/x cap_flying=ep") && e.getMessage().contains("cap_flying"),
        e.getMessage());
  }
}
