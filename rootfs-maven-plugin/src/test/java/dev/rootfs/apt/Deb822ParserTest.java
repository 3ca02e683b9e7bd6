package dev.rootfs.apt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class Deb822ParserTest {

  private static List<Deb822Paragraph> parse(String text) throws Exception {
    return new Deb822Parser("test").parseAll(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void testParse_blanksAroundAValueGoButASynopsisKeepsItsTrailingSpace() throws Exception {
    // libgdbm6's control file, as dpkg keeps it in its status file
    Deb822Paragraph p = parse("Package:   libgdbm6  \nDescription: GNU dbm database routines (runtime version) \n"
        + " GNU dbm is a library.\n .\n More.\n").get(0);

    assertEquals("libgdbm6", p.get("Package").orElseThrow());
    assertEquals("GNU dbm database routines (runtime version) \nGNU dbm is a library.\n\nMore.",
        p.get("Description").orElseThrow());
    assertEquals("Package: libgdbm6\nDescription: GNU dbm database routines (runtime version) \n"
        + " GNU dbm is a library.\n .\n More.\n", p.format());
  }
}
