package dev.rootfs.stage2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FakerootStateTest {

  @TempDir
  Path dir;

  @Test
  void testRead_laterLineForSameInodeWins() throws Exception {
    Path f = dir.resolve("state");
    Files.writeString(f, "dev=1,ino=5,mode=100644,uid=0,gid=0,nlink=1,rdev=0\n\n"
        + "dev=1,ino=5,mode=100640,uid=0,gid=42,nlink=1,rdev=0\n"
        + "dev=2,ino=5,mode=20666,uid=0,gid=0,nlink=1,rdev=259\n");
    FakerootState s = FakerootState.read(f);
    assertEquals(2, s.size());
    assertEquals(42, s.get(1, 5).orElseThrow().gid());
    assertEquals(FakerootStat.S_IFCHR, s.get(2, 5).orElseThrow().fileType());
  }

  @Test
  void testWrite_readsBackEqual() throws Exception {
    FakerootState s = new FakerootState();
    s.put(new FakerootStat(0xfe00, 9, 0100640, 0, 42, 1, 0));
    s.put(new FakerootStat(0xfe00, 10, 020666, 0, 0, 1, FakerootStat.makedev(1, 3)));
    Path f = dir.resolve("state");
    s.write(f);
    assertEquals(s.stats(), FakerootState.read(f).stats());
  }

  @Test
  void testRead_malformedLineNamesFileAndLine() throws Exception {
    Path f = dir.resolve("state");
    Files.writeString(f, "dev=1,ino=5,mode=100644,uid=0,gid=0,nlink=1,rdev=0\ngarbage\n");
    Stage2Exception e = assertThrows(Stage2Exception.class, () -> FakerootState.read(f));
    assertTrue(e.getMessage().startsWith(f + ":2:"), e.getMessage());
  }
}
