package dev.rootfs.stage2;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TreeCommandOptionsTest {

  private static TreeCommandOptions options(List<String> command, String mountPoint) {
    return new TreeCommandOptions("arm64", List.of(), command, Optional.of(Path.of("/project")), mountPoint, false,
        false, 0, List.of(), Duration.ofMinutes(1));
  }

  @Test
  void testNew_mountPointMustBeAbsoluteBelowRoot() {
    for (String bad : List.of("src", "/", "/src/../etc", "")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> options(List.of("true"), bad), bad);
      assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
    }
    options(List.of("true"), "/work/src");
  }

  @Test
  void testNew_emptyCommandIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> options(List.of(), "/src"));
  }

  @Test
  void testNew_unknownArchitectureIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new TreeCommandOptions("vax", List.of(), List.of("true"),
        Optional.empty(), "/src", false, false, 0, List.of(), Duration.ofMinutes(1)));
  }
}
