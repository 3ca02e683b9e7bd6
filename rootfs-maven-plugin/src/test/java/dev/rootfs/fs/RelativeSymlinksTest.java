package dev.rootfs.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RelativeSymlinksTest {

  @TempDir
  Path tmp;

  @ParameterizedTest(name = "{0} -> {1} becomes {2}")
  @CsvSource(delimiter = '|', textBlock = """
      usr/lib/x/libfoo.so     | /lib/x/libfoo.so.1           | ../../../lib/x/libfoo.so.1
      usr/lib/x/libbar.so     | /usr/lib/x/libbar.so.2       | libbar.so.2
      usr/lib/x/sub/libbaz.so | /usr/lib/x/libbaz.so.3       | ../libbaz.so.3
      usr/lib/x/here          | /usr/lib/x                   | .
      usr/lib/x/up            | /usr                         | ../..
      usr/lib/root            | /                            | ../..
      rootlink                | /                            | .
      lib                     | /usr/lib/                    | usr/lib
      usr/share/foo           | /usr/lib/foo-dir             | ../lib/foo-dir
      etc/mtab                | /proc/self/mounts            | ../proc/self/mounts
      usr/bin/p               | /../../etc/passwd            | ../../etc/passwd
      usr/bin/messy           | //usr/./bin//x               | x
      usr/lib/through         | /usr/lib/../share/x          | ../share/x
      usr/lib/x/rel           | ../y/b                       | ../y/b
      usr/lib/x/rel-dot       | ./b                          | ./b
      usr/bin/escape          | ../../../../etc/passwd       | ../../etc/passwd
      usr/bin/escape-dots     | ./../../.././x/../y          | ../../x/../y
      top                     | ../etc                       | etc
      usr/bin/z               | /usr/../etc/./x              | ../../etc/x
      usr/bin/w               | /../../etc/                  | ../../etc
      usr/lib/x/libz.so.1     | libz.so.1.2.13               | libz.so.1.2.13
      """)
  void testRelative_rules(String link, String target, String expected) {
    assertEquals(expected, RelativeSymlinks.relativeTarget(link, target));
  }

  /** The tree of a merged-/usr sysroot, with the rewritten targets, resolves on the host outside "/". */
  @Test
  void testApply_mergedUsrTreeResolvesOnTheHostInAnyDirectory() throws Exception {
    RootfsModel model = new RootfsModel(1);
    model.add(FsEntry.symlink("lib", "usr/lib", 0, 0, 1));
    model.add(FsEntry.regular("usr/lib/x/libfoo.so.1", 0644, 0, 0, 1, 0));
    model.add(FsEntry.symlink("usr/lib/x/libfoo.so", "/lib/x/libfoo.so.1", 0, 0, 1));
    model.add(FsEntry.regular("usr/bin/gcc-12", 0755, 0, 0, 1, 0));
    model.add(FsEntry.symlink("etc/alternatives/cc", "/usr/bin/gcc-12", 0, 0, 1));
    model.add(FsEntry.symlink("usr/bin/cc", "/etc/alternatives/cc", 0, 0, 1));
    model.add(FsEntry.directory("usr/include/x", 0755, 0, 0, 1));
    model.add(FsEntry.regular("usr/include/x/x.h", 0644, 0, 0, 1, 0));
    model.add(FsEntry.symlink("usr/lib/x/include", "/usr/include/x", 0, 0, 1));
    model.add(FsEntry.symlink("usr/bin/escape", "../../../../usr/lib/x/libfoo.so.1", 0, 0, 1));
    model.add(FsEntry.symlink("usr/lib/x/hardlinked", "/usr/bin/gcc-12", 0, 0, 1));
    model.add(FsEntry.hardlink("usr/share/hardlinked", "usr/lib/x/hardlinked", 0, 0, 1));

    RootfsModel input = model;
    model = RelativeSymlinks.of(input);
    assertEquals(input.size(), model.size(), "the copy is whole");
    assertEquals("/lib/x/libfoo.so.1", input.get("usr/lib/x/libfoo.so").orElseThrow().linkTarget(), "input untouched");
    assertEquals(model.entries().toString(), RelativeSymlinks.of(model).entries().toString(), "a second pass changes nothing");
    assertEquals("/usr/bin/gcc-12", model.get("usr/lib/x/hardlinked").orElseThrow().linkTarget(),
        "a symlink hard links share keeps its target");
    assertEquals("usr/lib", model.get("lib").orElseThrow().linkTarget());

    Path root = Files.createDirectories(tmp.resolve("deep/sysroot"));
    for (FsEntry e : model.entries()) {
      Path p = root.resolve(e.path().isEmpty() ? "." : e.path());
      switch (e.type()) {
        case DIRECTORY -> Files.createDirectories(p);
        case REGULAR -> Files.writeString(Files.createDirectories(p.getParent()).resolve(p.getFileName()), e.path());
        case SYMLINK -> {
          if (!e.linkTarget().startsWith("/")) { // only the one hard links share stays absolute
            Files.createSymbolicLink(Files.createDirectories(p.getParent()).resolve(p.getFileName()),
                Path.of(e.linkTarget()));
          }
        }
        default -> { }
      }
    }
    Map<String, String> expected = Map.of(
        "usr/lib/x/libfoo.so", "usr/lib/x/libfoo.so.1",
        "usr/bin/cc", "usr/bin/gcc-12",
        "usr/lib/x/include/x.h", "usr/include/x/x.h",
        "usr/bin/escape", "usr/lib/x/libfoo.so.1");
    for (Map.Entry<String, String> e : expected.entrySet()) {
      Path link = root.resolve(e.getKey());
      assertEquals(e.getValue(), Files.readString(link), e.getKey());
      assertEquals(root.resolve(e.getValue()).toRealPath(), link.toRealPath(), e.getKey() + " stays in the sysroot");
    }
  }
}
