package dev.rootfs.image.tar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tarballs other tools write: GNU long names, base-256 ids, GNU tar's own PAX xattrs. */
class TarMemberReaderTest {

  static final byte[] CAPABILITY = {1, 0, 0, 2, (byte) 0x80, 0x20, 0, 0, (byte) 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0,
      0, 0};

  @TempDir Path tmp;

  @Test
  void testNext_gnuLongNamesAndBase256Ids() throws Exception {
    String longName = "./usr/share/" + "d".repeat(150) + "/file";
    String longTarget = "/" + "t".repeat(150);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(bytes)) {
      t.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
      t.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_STAR);
      TarArchiveEntry f = new TarArchiveEntry(longName, true);
      f.setSize(3);
      f.setIds(3_000_000, 5);
      f.setMode(0100640);
      f.setModTime(1_700_000_000_000L);
      t.putArchiveEntry(f);
      t.write("abc".getBytes(StandardCharsets.US_ASCII));
      t.closeArchiveEntry();
      TarArchiveEntry l = new TarArchiveEntry("./link", TarArchiveEntry.LF_SYMLINK, true);
      l.setLinkName(longTarget);
      t.putArchiveEntry(l);
      t.closeArchiveEntry();
    }
    TarMemberReader r = new TarMemberReader(new ByteArrayInputStream(bytes.toByteArray()), "test.tar");

    TarMember f = r.next();
    assertEquals(longName, f.name());
    assertEquals(3_000_000, f.uid());
    assertEquals(0640, f.mode());
    assertEquals(1_700_000_000L, f.mtime());
    assertEquals("abc", new String(r.content().readAllBytes(), StandardCharsets.US_ASCII));
    TarMember l = r.next();
    assertEquals('2', l.typeFlag());
    assertEquals(longTarget, l.linkName());
    assertNull(r.next());
  }

  @Test
  void testNext_corruptHeaderNamesTheArchive() throws Exception {
    byte[] junk = new byte[1024];
    junk[0] = 'x';
    IOException e = assertThrows(IOException.class,
        () -> new TarMemberReader(new ByteArrayInputStream(junk), "junk.tar").next());
    assertTrue(e.getMessage().contains("junk.tar") && e.getMessage().contains("checksum"), e.getMessage());
  }

  /** What mmdebstrap and `tar --xattrs` make: GNU tar's PAX format with a binary capability. */
  @Test
  @Tag("e2e")
  void testNext_gnuTarPaxXattrsByteForByte() throws Exception {
    assumeTrue(HostTools.has("tar") && HostTools.has("setfattr") && HostTools.isRoot(), "needs GNU tar, attr, root");
    Path dir = Files.createDirectories(tmp.resolve("d"));
    Path ping = Files.writeString(dir.resolve("ping"), "ping");
    HostTools.run("setfattr", "-n", "security.capability", "-v", "0s" + Base64.getEncoder().encodeToString(CAPABILITY),
        ping.toString());
    Path tar = tmp.resolve("x.tar");
    HostTools.run("tar", "--format=pax", "--xattrs", "--xattrs-include=*", "-C", dir.toString(), "-cf",
        tar.toString(), "./ping");
    try (InputStream in = Files.newInputStream(tar)) {
      TarMemberReader r = new TarMemberReader(in, tar.toString());
      TarMember m = r.next();
      assertEquals("./ping", m.name());
      assertArrayEquals(CAPABILITY, m.xattrs().get("security.capability"));
      assertEquals("ping", new String(r.content().readAllBytes(), StandardCharsets.US_ASCII));
    }
  }
}
