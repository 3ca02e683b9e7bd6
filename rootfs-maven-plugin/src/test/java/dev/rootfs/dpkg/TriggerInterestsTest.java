package dev.rootfs.dpkg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rootfs.apt.Deb822Paragraph;
import dev.rootfs.deb.DebControl;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TriggerInterestsTest {

  private static DebControl control(String name, String multiArch, String triggers) {
    Deb822Paragraph.Builder p = Deb822Paragraph.builder().add("Package", name).add("Version", "1")
        .add("Architecture", "amd64");
    if (multiArch != null) {
      p.add("Multi-Arch", multiArch);
    }
    Map<String, byte[]> files = triggers == null ? Map.of()
        : Map.of("triggers", triggers.getBytes(StandardCharsets.UTF_8));
    return new DebControl(p.build(), files, Map.of());
  }

  @Test
  void testAdd_fileAndExplicitInterestsAsDpkgWritesThem() throws Exception {
    TriggerInterests t = new TriggerInterests();
    // debianutils and libc-bin as in bookworm (mmdebstrap's result holds these lines), man-db, a made-up library
    t.add(control("debianutils", null, "interest-noawait /usr/share/debianutils/shells.d\n"));
    t.add(control("libc-bin", null, "# comment\ninterest ldconfig\n"));
    t.add(control("man-db", "foreign", "interest-noawait /usr/share/man\n\nactivate-noawait update-mime\n"));
    t.add(control("libfoo1", "same", "interest-await foo-cache\nactivate-noawait ldconfig\n"));
    t.add(control("bash", null, null));

    assertEquals("/usr/share/debianutils/shells.d debianutils/noawait\n/usr/share/man man-db/noawait\n",
        t.fileTriggers());
    assertEquals(Map.of("ldconfig", "libc-bin\n", "foo-cache", "libfoo1:amd64\n"), t.explicitTriggers());
  }

  @Test
  void testAdd_malformedInterestNamesPackageAndLine() {
    TriggerInterests t = new TriggerInterests();
    DpkgDatabaseException e = assertThrows(DpkgDatabaseException.class,
        () -> t.add(control("broken", null, "# x\ninterest\n")));
    assertTrue(e.getMessage().contains("broken") && e.getMessage().contains("line 2"), e.getMessage());
  }
}
