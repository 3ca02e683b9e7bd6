package dev.rootfs.base;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rootfs.fs.EntryType;
import dev.rootfs.fs.FsEntry;
import dev.rootfs.fs.RootfsModel;
import dev.rootfs.fs.RootfsTree;
import dev.rootfs.image.tar.HostTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A base image made by squashfs-tools' mksquashfs, not by our writer: its layout choices (compressor options,
 * export table, duplicate files sharing blocks, fragments) must read back to the tree it was made from.
 */
@Tag("e2e")
class BaseImageMksquashfsE2eTest {

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"gzip", "xz", "zstd", "lz4"})
  void testRead_mksquashfsImage(String compression) throws Exception {
    assumeTrue(HostTools.has("mksquashfs"), "mksquashfs not installed");
    Path dir = Files.createDirectories(tmp.resolve("tree"));
    Files.createDirectories(dir.resolve("var/lib/dpkg"));
    Files.writeString(dir.resolve("var/lib/dpkg/arch"), "amd64\n");
    Files.writeString(dir.resolve("var/lib/dpkg/status"),
        "Package: a\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1\n\n");
    Files.createDirectories(dir.resolve("usr/bin"));
    byte[] big = BaseImageReaderTest.big();
    Files.write(dir.resolve("usr/bin/big"), big);
    Files.write(dir.resolve("usr/bin/big-copy"), big); // mksquashfs stores duplicates once
    Files.writeString(dir.resolve("usr/bin/small"), "small\n");
    Files.createLink(dir.resolve("usr/bin/small-link"), dir.resolve("usr/bin/small"));
    Files.createSymbolicLink(dir.resolve("usr/bin/sh"), Path.of("dash"));
    HostTools.run("chmod", "4755", dir.resolve("usr/bin/small").toString());
    // the same long value on two files: mksquashfs stores the second out of line, as a reference to the first
    String longValue = "x".repeat(300);
    for (String f : new String[] {"usr/bin/big", "usr/bin/big-copy"}) {
      HostTools.run("setfattr", "-n", "user.long", "-v", longValue, dir.resolve(f).toString());
    }
    HostTools.run("setfattr", "-n", "security.capability", "-v", "0s" + java.util.Base64.getEncoder()
        .encodeToString(BaseImageReaderTest.BINARY_CAPABILITY), dir.resolve("usr/bin/big-copy").toString());
    Path image = tmp.resolve("base.squashfs");
    HostTools.run("mksquashfs", dir.toString(), image.toString(), "-comp", compression, "-b", "4096", "-noappend",
        "-quiet", "-no-progress", "-force-uid", "0", "-force-gid", "42");
    RootfsTree read = new RootfsTree(tmp.resolve("read"), new RootfsModel(1));

    BaseImage base = BaseImageReader.read(image, read);

    assertEquals("amd64", base.architecture());
    RootfsModel m = read.model();
    assertArrayEquals(big, Files.readAllBytes(read.contentOf(m.get("usr/bin/big").orElseThrow())));
    assertArrayEquals(big, Files.readAllBytes(read.contentOf(m.get("usr/bin/big-copy").orElseThrow())));
    FsEntry small = m.get("usr/bin/small").orElseThrow();
    FsEntry link = m.get("usr/bin/small-link").orElseThrow();
    assertEquals(EntryType.REGULAR, small.type());
    assertEquals(04755, small.mode());
    assertEquals(42, small.gid());
    assertEquals(EntryType.HARDLINK, link.type());
    assertEquals("usr/bin/small", link.linkTarget());
    assertEquals("small\n", Files.readString(read.contentOf(link), StandardCharsets.UTF_8));
    assertEquals("dash", m.get("usr/bin/sh").orElseThrow().linkTarget());
    for (String f : new String[] {"usr/bin/big", "usr/bin/big-copy"}) {
      assertArrayEquals(longValue.getBytes(StandardCharsets.UTF_8), m.get(f).orElseThrow().xattrs().get("user.long"), f);
    }
    assertArrayEquals(BaseImageReaderTest.BINARY_CAPABILITY,
        m.get("usr/bin/big-copy").orElseThrow().xattrs().get("security.capability"));
  }
}
