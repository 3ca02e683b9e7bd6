package dev.rootfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The core knows nothing of Maven: only dev.rootfs.maven may import org.apache.maven or org.codehaus.plexus. */
class CoreLayeringTest {

  private static final Path SOURCES = Path.of("src/main/java/dev/rootfs");

  @Test
  void testCore_importsNoMaven() throws IOException {
    List<String> offenders;
    try (Stream<Path> files = Files.walk(SOURCES)) {
      offenders = files
          .filter(p -> p.toString().endsWith(".java"))
          .filter(p -> !p.startsWith(SOURCES.resolve("maven")))
          .filter(CoreLayeringTest::importsMaven)
          .map(Path::toString)
          .sorted()
          .toList();
    }
    assertEquals(List.of(), offenders);
  }

  @Test
  void testEveryPackage_hasPackageInfo() throws IOException {
    try (Stream<Path> dirs = Files.walk(SOURCES)) {
      dirs.filter(Files::isDirectory)
          .filter(CoreLayeringTest::holdsJava)
          .forEach(d -> assertTrue(Files.exists(d.resolve("package-info.java")), d + " has no package-info.java"));
    }
  }

  private static boolean importsMaven(Path file) {
    try {
      return Files.readAllLines(file).stream()
          .anyMatch(l -> l.startsWith("import org.apache.maven") || l.startsWith("import org.codehaus.plexus"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean holdsJava(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(p -> p.toString().endsWith(".java") && !p.endsWith("package-info.java"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
