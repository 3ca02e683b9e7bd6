package dev.rootfs.deb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rootfs.fetch.ContentCache;
import dev.rootfs.fetch.Sha256;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.ar.ArArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataTarCacheTest {

  @TempDir
  Path dir;

  private Path deb;
  private Path spill;
  private ContentCache content;
  private DataTarCache cache;
  private String key;

  @BeforeEach
  void setUp() throws Exception {
    deb = new TestDeb("hello")
        .dir("./", 0755).dir("./usr/", 0755).dir("./usr/bin/", 0755)
        .file("./usr/bin/hello", 0755, 0, 0, "#!/bin/sh\necho hello\n".repeat(5000).getBytes(StandardCharsets.UTF_8))
        .symlink("./usr/bin/hi", "hello")
        .device("./dev-null", TarConstants.LF_CHR, 0666, 1, 3)
        .file("./etc/hello.conf", 0644, "greeting=hello\n")
        .controlFile("conffiles", "/etc/hello.conf\n")
        .write(Files.createDirectory(dir.resolve("debs")));
    spill = Files.createDirectory(dir.resolve("spill"));
    content = new ContentCache(dir.resolve("cache"));
    key = sha256(deb);
    cache = new DataTarCache(content, Map.of(deb, key));
  }

  private static String sha256(Path file) throws IOException {
    return Sha256.of(Files.readAllBytes(file));
  }

  private DecodedDeb decode() throws DebException {
    return DecodedDeb.decode(deb, spill, Optional.of(cache));
  }

  /** What the unpacker gets from an item, with the spilled bytes instead of the spill file's name. */
  private static List<String> describe(DecodedDeb d) throws IOException {
    List<String> out = new ArrayList<>();
    DebControl c = d.control();
    out.add("control " + c.packageName() + " " + c.paragraph().get("Version").orElseThrow() + " " + c.conffiles()
        + " " + c.modes());
    c.files().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(f -> out.add("control file " + f.getKey() + " " + Sha256.of(f.getValue())));
    for (DataItem i : d.items()) {
      out.add(i.name() + " " + i.type() + " " + Integer.toOctalString(i.mode()) + " " + i.uid() + ":" + i.gid()
          + " " + i.mtime() + " " + i.size() + " " + i.linkName() + " " + i.devMajor() + "," + i.devMinor() + " "
          + i.md5() + " " + (i.spill() == null ? "-" : sha256(i.spill())));
    }
    d.discard();
    return out;
  }

  private List<Path> temps() throws IOException {
    Path tmp = content.root().resolve("tmp");
    if (!Files.isDirectory(tmp)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(tmp)) {
      return s.toList();
    }
  }

  @Test
  void testDecode_missWritesEntry_hitReadsTheSameItems() throws Exception {
    List<String> plain = describe(DecodedDeb.decode(deb, spill));

    DecodedDeb first = decode();
    assertEquals(DecodedDeb.DataSource.DEB, first.source());
    assertEquals(plain, describe(first));
    assertTrue(Files.isRegularFile(cache.entryPath(key)), "entry written");
    assertTrue(cache.entryPath(key).toString().endsWith("data-tar/" + key.substring(0, 2) + "/" + key + ".tars.lz4"));
    assertEquals(List.of(), temps(), "no temp file left behind");

    DecodedDeb second = decode();
    assertEquals(DecodedDeb.DataSource.CACHE, second.source());
    assertEquals(plain, describe(second));
  }

  @Test
  void testDecode_truncatedEntry_rejectedDeletedAndRewritten() throws Exception {
    List<String> plain = describe(decode());
    Path entry = cache.entryPath(key);
    byte[] whole = Files.readAllBytes(entry);
    try (RandomAccessFile f = new RandomAccessFile(entry.toFile(), "rw")) {
      f.setLength(whole.length / 2);
    }

    DecodedDeb again = decode();
    assertEquals(DecodedDeb.DataSource.DEB_CACHE_REJECTED, again.source());
    assertEquals(plain, describe(again));
    assertArrayEquals(whole, Files.readAllBytes(entry), "rewritten from the .deb");
    assertEquals(List.of(), temps());
    try (Stream<Path> s = Files.list(spill)) {
      assertEquals(0, s.count(), "the half-read copy's spilled files are gone");
    }
    assertEquals(DecodedDeb.DataSource.CACHE, sourceOf(decode()));
  }

  @Test
  void testDecode_flippedBitInEntry_rejectedAndRewritten() throws Exception {
    List<String> plain = describe(decode());
    Path entry = cache.entryPath(key);
    byte[] damaged = Files.readAllBytes(entry);
    damaged[damaged.length / 2] ^= 1;
    Files.write(entry, damaged);

    DecodedDeb again = decode();
    assertEquals(DecodedDeb.DataSource.DEB_CACHE_REJECTED, again.source());
    assertEquals(plain, describe(again));
  }

  @Test
  void testDecode_entryEndingInsideTheControlTarball_rejectedAndRewritten() throws Exception {
    List<String> plain = describe(decode());
    java.io.ByteArrayOutputStream shortCopy = new java.io.ByteArrayOutputStream();
    try (CheckedLz4OutputStream out = new CheckedLz4OutputStream(shortCopy)) {
      new java.io.DataOutputStream(out).writeLong(1000);
      out.write(new byte[10]);
    }
    Files.write(cache.entryPath(key), shortCopy.toByteArray());
    DecodedDeb again = decode();
    assertEquals(DecodedDeb.DataSource.DEB_CACHE_REJECTED, again.source());
    assertEquals(plain, describe(again));
  }

  @Test
  void testDecode_hitDoesNotReadTheDeb() throws Exception {
    List<String> plain = describe(decode());
    // the .deb's bytes are not needed once the copy exists (the download step already checked the file)
    byte[] debBytes = Files.readAllBytes(deb);
    Files.write(deb, new byte[debBytes.length]);
    DecodedDeb hit = decode();
    assertEquals(DecodedDeb.DataSource.CACHE, hit.source());
    assertEquals(plain, describe(hit));
  }

  @Test
  void testDecode_emptyEntry_rejectedAndRewritten() throws Exception {
    describe(decode());
    Files.write(cache.entryPath(key), new byte[0]);
    assertEquals(DecodedDeb.DataSource.DEB_CACHE_REJECTED, sourceOf(decode()));
    assertEquals(DecodedDeb.DataSource.CACHE, sourceOf(decode()));
  }

  private static DecodedDeb.DataSource sourceOf(DecodedDeb d) {
    d.discard();
    return d.source();
  }

  @Test
  void testDecode_debNotVouchedFor_noEntry() throws Exception {
    DataTarCache other = new DataTarCache(content, Map.of(dir.resolve("other.deb"), key));
    DecodedDeb d = DecodedDeb.decode(deb, spill, Optional.of(other));
    assertEquals(DecodedDeb.DataSource.DEB, d.source());
    d.discard();
    assertFalse(Files.exists(cache.entryPath(key)));
  }

  @Test
  void testDecode_corruptDeb_failsAndWritesNoEntry() throws Exception {
    // data.tar.xz cut short: xz reports the stream incomplete, and nothing may enter the cache
    Path bad = dir.resolve("bad.deb");
    byte[] dataTar = TestDeb.tar(DebCompression.XZ, tar -> {});
    byte[] controlTar = TestDeb.tar(DebCompression.GZIP, tar -> {
      try {
        byte[] control = "Package: bad\nVersion: 1\nArchitecture: amd64\n".getBytes(StandardCharsets.UTF_8);
        var e = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("./control");
        e.setSize(control.length);
        e.setModTime(0);
        tar.putArchiveEntry(e);
        tar.write(control);
        tar.closeArchiveEntry();
      } catch (IOException ex) {
        throw new RuntimeException(ex);
      }
    });
    try (ArArchiveOutputStream ar = new ArArchiveOutputStream(Files.newOutputStream(bad))) {
      TestDeb.member(ar, "debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII));
      TestDeb.member(ar, "control.tar.gz", controlTar);
      TestDeb.member(ar, "data.tar.xz", java.util.Arrays.copyOf(dataTar, dataTar.length - 10));
    }
    String badKey = sha256(bad);
    DataTarCache badCache = new DataTarCache(content, Map.of(bad, badKey));
    assertThrows(DebException.class, () -> DecodedDeb.decode(bad, spill, Optional.of(badCache)));
    assertFalse(Files.exists(badCache.entryPath(badKey)));
    assertEquals(List.of(), temps());
  }
}
