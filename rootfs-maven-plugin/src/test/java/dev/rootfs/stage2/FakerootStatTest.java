package dev.rootfs.stage2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FakerootStatTest {

  @Test
  void testParse_lineAsFakedWritesIt() {
    FakerootStat s = FakerootStat.parse("dev=fe00,ino=2190204,mode=100640,uid=0,gid=42,nlink=1,rdev=0");
    assertEquals(0xfe00, s.dev());
    assertEquals(2190204, s.ino());
    assertEquals(FakerootStat.S_IFREG, s.fileType());
    assertEquals(0640, s.permissions());
    assertEquals(42, s.gid());
  }

  @Test
  void testFormat_roundTripsIncludingSetgidDirectory() {
    String line = "dev=803,ino=12,mode=42775,uid=0,gid=8,nlink=2,rdev=0";
    assertEquals(line, FakerootStat.parse(line).format());
  }

  @Test
  void testParse_unknownFieldIgnored() {
    assertEquals(7, FakerootStat.parse("dev=1,ino=7,mode=100644,uid=0,gid=0,nlink=1,rdev=0,xattr=0").ino());
  }

  @Test
  void testParse_missingFieldNamesTheLine() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FakerootStat.parse("dev=1,ino=7,mode=100644"));
    assertTrue(e.getMessage().contains("dev=1,ino=7,mode=100644"), e.getMessage());
  }

  @Test
  void testParse_malformedNumberNamesTheLine() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FakerootStat.parse("dev=zz,ino=7,mode=100644,uid=0,gid=0"));
    assertTrue(e.getMessage().contains("dev=zz"), e.getMessage());
  }

  @Test
  void testMakedev_matchesGlibcForSmallAndLargeNumbers() {
    assertEquals(0x103, FakerootStat.makedev(1, 3)); // /dev/null
    long big = FakerootStat.makedev(259, 70000);
    assertEquals(259, FakerootStat.major(big));
    assertEquals(70000, FakerootStat.minor(big));
    assertEquals(0x11110370L, big); // (70000 & 0xff) | (259 << 8) | ((70000 & ~0xff) << 12)
  }
}
