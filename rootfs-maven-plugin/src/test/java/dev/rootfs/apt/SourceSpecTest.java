package dev.rootfs.apt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SourceSpecTest {

  @Test
  void testParse_fullEntryWithSignedBy() throws Exception {
    AptSource s = SourceSpec.parse("deb [signed-by=/x.gpg] http://host.example/debian bookworm main contrib", "sid");
    assertEquals(new AptSource(URI.create("http://host.example/debian"), "bookworm", List.of("main", "contrib"),
        Optional.of("/x.gpg")), s);
  }

  @Test
  void testParse_withoutTypeOrComponents() throws Exception {
    assertEquals(new AptSource(URI.create("http://host.example/debian"), "bookworm", List.of("main")),
        SourceSpec.parse("http://host.example/debian bookworm", "sid"));
    assertEquals(new AptSource(URI.create("http://host.example/debian"), "bookworm", List.of("main", "non-free")),
        SourceSpec.parse("http://host.example/debian bookworm main non-free", "sid"));
  }

  @Test
  void testParse_bareMirrorTakesBuildSuite() throws Exception {
    assertEquals(new AptSource(URI.create("file:///srv/mirror"), "trixie", List.of("main")),
        SourceSpec.parse("file:///srv/mirror/", "trixie"));
  }

  @Test
  void testParse_debSrcRefused() {
    SourcesFileException e = assertThrows(SourcesFileException.class,
        () -> SourceSpec.parse("deb-src http://host.example/debian bookworm main", "bookworm"));
    assertTrue(e.getMessage().contains("deb-src"), e.getMessage());
  }

  @Test
  void testParse_badUrlAndOptionsNamed() {
    SourcesFileException url = assertThrows(SourcesFileException.class,
        () -> SourceSpec.parse("ftp://host.example/debian bookworm main", "bookworm"));
    assertTrue(url.getMessage().contains("ftp://host.example/debian"), url.getMessage());
    SourcesFileException opt = assertThrows(SourcesFileException.class,
        () -> SourceSpec.parse("deb [signed-by=/x.gpg http://host.example/debian bookworm", "bookworm"));
    assertTrue(opt.getMessage().contains("']'"), opt.getMessage());
  }

  @Test
  void testParseLine_flatRepositoryRefused() {
    SourcesFileException e = assertThrows(SourcesFileException.class,
        () -> SourceSpec.parseLine("deb http://host.example/repo ./", "x.list:3", false));
    assertTrue(e.getMessage().startsWith("x.list:3"), e.getMessage());
  }

  @Test
  void testArchitectures_fromOption() throws Exception {
    SourceSpec s = SourceSpec.parseLine("deb [arch=amd64,i386] http://h.example/debian sid main", "l", false);
    assertEquals(List.of("amd64", "i386"), s.architectures());
  }
}
