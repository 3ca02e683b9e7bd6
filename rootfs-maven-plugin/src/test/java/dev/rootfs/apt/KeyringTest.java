package dev.rootfs.apt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rootfs.testing.TestKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyringTest {

  @TempDir Path tmp;

  @Test
  void testIsDebianArchive_onlyTheBundledKeyring() throws Exception {
    assertTrue(Keyring.debianArchive().isDebianArchive());
    Keyring copy = Keyring.parse(Keyring.class.getResourceAsStream(Keyring.DEBIAN_ARCHIVE_RESOURCE).readAllBytes(),
        "/etc/my.gpg");
    assertFalse(copy.isDebianArchive(), "a user's keyring file is not the one the image ships");
  }

  @Test
  void testDebianArchive_holdsBookwormAndTrixieSigningKeys() throws Exception {
    List<String> fprs = Keyring.debianArchive().fingerprints();
    for (String expected : List.of(
        "B8B80B5B623EAB6AD8775C45B7C5D7D6350947F8", // Debian Archive Automatic Signing Key (12/bookworm)
        "4D64FEC119C2029067D6E791F8D2585B8783D481", // Debian Stable Release Key (12/bookworm)
        "04B54C3CDCA79751B16BC6B5225629DF75B188BD", // Debian Archive Automatic Signing Key (13/trixie)
        "41587F7DB8C774BCCF131416762F67A0B2C39DE4")) { // Debian Stable Release Key (13/trixie)
      assertTrue(fprs.contains(expected), expected + " missing from " + fprs);
    }
  }

  @Test
  void testDebianArchive_findsSigningSubkeyById() throws Exception {
    // The bookworm automatic key signs with its subkey 6ED0E7B82643E131.
    Keyring.KeyInRing k = Keyring.debianArchive().find(0x6ED0E7B82643E131L).orElseThrow();
    assertEquals("B8B80B5B623EAB6AD8775C45B7C5D7D6350947F8", Keyring.fingerprint(k.primary()));
  }

  @Test
  void testRead_binaryAndArmoredFilesAgree() throws Exception {
    TestKey key = TestKey.ed25519("File Key");
    Path gpg = Files.write(tmp.resolve("k.gpg"), key.publicKeyring());
    Path asc = Files.writeString(tmp.resolve("k.asc"), key.armoredPublicKey());
    assertEquals(List.of(key.fingerprint()), Keyring.read(gpg).fingerprints());
    assertEquals(List.of(key.fingerprint()), Keyring.read(asc).fingerprints());
  }

  @Test
  void testToArmored_roundTripsEveryKeyWithoutHeaders() throws Exception {
    TestKey a = TestKey.ed25519("A");
    TestKey b = TestKey.ed25519("B");
    Keyring both = Keyring.armored(a.armoredPublicKey() + "\n" + b.armoredPublicKey(), "two keys");
    String text = both.toArmored();
    assertTrue(text.startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n"), text);
    assertFalse(text.contains("Version:"), "a Version header would tie the image to the library version");
    assertEquals(List.of(a.fingerprint(), b.fingerprint()), Keyring.armored(text, "again").fingerprints());
    assertEquals(text, Keyring.armored(text, "again").toArmored());
  }

  @Test
  void testArmored_severalBlocksInOneText() throws Exception {
    TestKey a = TestKey.ed25519("A");
    TestKey b = TestKey.ed25519("B");
    Keyring k = Keyring.armored(a.armoredPublicKey() + "\n" + b.armoredPublicKey(), "two keys");
    assertEquals(List.of(a.fingerprint(), b.fingerprint()), k.fingerprints());
  }

  @Test
  void testRead_garbageNamesTheFile() throws Exception {
    Path bad = Files.writeString(tmp.resolve("bad.gpg"), "this is no key");
    KeyringException e = assertThrows(KeyringException.class, () -> Keyring.read(bad));
    assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
    Path missing = tmp.resolve("missing.gpg");
    KeyringException m = assertThrows(KeyringException.class, () -> Keyring.read(missing));
    assertTrue(m.getMessage().contains(missing.toString()), m.getMessage());
  }

  @Test
  void testForSignedBy_fingerprintsSelectFromDefaults() throws Exception {
    TestKey a = TestKey.ed25519("A");
    TestKey b = TestKey.ed25519("B");
    Keyring both = Keyring.merge(List.of(a.keyring(), b.keyring()));
    assertEquals(List.of(b.fingerprint()), Keyring.forSignedBy(b.fingerprint().toLowerCase(), both).fingerprints());
    assertThrows(KeyringException.class, () -> both.restrictTo(Set.of("0".repeat(40))));
  }

  @Test
  void testForSignedBy_severalPathsMerge() throws Exception {
    TestKey a = TestKey.ed25519("A");
    TestKey b = TestKey.ed25519("B");
    Path pa = Files.write(tmp.resolve("a.gpg"), a.publicKeyring());
    Path pb = Files.writeString(tmp.resolve("b.asc"), b.armoredPublicKey());
    Keyring k = Keyring.forSignedBy(pa + "," + pb, Keyring.debianArchive());
    assertEquals(List.of(a.fingerprint(), b.fingerprint()), k.fingerprints());
  }
}
