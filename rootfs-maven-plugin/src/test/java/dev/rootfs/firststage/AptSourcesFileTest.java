package dev.rootfs.firststage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rootfs.apt.AptSource;
import dev.rootfs.apt.HostAptSources;
import dev.rootfs.apt.Keyring;
import dev.rootfs.testing.TestKey;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AptSourcesFileTest {

  @TempDir Path etc;

  private List<AptSource> readBack(String text) throws Exception {
    Files.createDirectories(etc.resolve("sources.list.d"));
    Files.writeString(etc.resolve("sources.list.d/image.sources"), text);
    return new HostAptSources(etc).sources();
  }

  @Test
  void testFormat_inlineKeyringReadsBackAsTheSameKeys() throws Exception {
    TestKey key = TestKey.ed25519("Board Vendor");
    AptSource source = new AptSource(URI.create("http://apt.example/vendor"), "bookworm", List.of("main", "extra"));

    String text = AptSourcesFile.format(List.of(source), Optional.of(key.keyring().toArmored()));

    assertTrue(text.contains("Signed-By:\n -----BEGIN PGP PUBLIC KEY BLOCK-----\n .\n"), text);
    AptSource back = readBack(text).get(0);
    assertEquals(source.mirror(), back.mirror());
    assertEquals(List.of("main", "extra"), back.components());
    Keyring trusted = Keyring.forSignedBy(back.signedBy().orElseThrow(), Keyring.debianArchive());
    assertEquals(List.of(key.fingerprint()), trusted.fingerprints());
  }

  @Test
  void testFormat_keyringPathStaysOnTheFieldLine() throws Exception {
    AptSource source = new AptSource(URI.create("http://apt.example/debian"), "bookworm", List.of("main"));

    String text = AptSourcesFile.format(List.of(source),
        Optional.of("/usr/share/keyrings/debian-archive-keyring.gpg"));

    assertTrue(text.contains("Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg\n"), text);
    assertEquals(Optional.of("/usr/share/keyrings/debian-archive-keyring.gpg"), readBack(text).get(0).signedBy());
  }
}
