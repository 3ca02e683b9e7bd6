package dev.rootfs.apt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClearSignedMessageTest {

  private static final URI URL = URI.create("file:///m/dists/s/InRelease");
  private static final String SIG = "-----BEGIN PGP SIGNATURE-----\n\nAAAA\n-----END PGP SIGNATURE-----\n";

  private static ClearSignedMessage parse(String s) throws BadSignatureException {
    return ClearSignedMessage.parse(URL, s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void testParse_dashUnescapesAndCanonicalizes() throws Exception {
    ClearSignedMessage m = parse("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256, SHA512\n\n"
        + "A: 1  \n- -dashed\n\t\nB: 2\n" + SIG);
    assertEquals("A: 1\n-dashed\n\nB: 2\n", m.text());
    assertEquals("A: 1\r\n-dashed\r\n\r\nB: 2", new String(m.signedBytes(), StandardCharsets.UTF_8));
    assertEquals(Set.of("SHA256", "SHA512"), m.hashHeaders());
    assertTrue(m.signatureArmor().startsWith("-----BEGIN PGP SIGNATURE-----"));
  }

  @Test
  void testParse_crlfInput() throws Exception {
    ClearSignedMessage m = parse(("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nA: 1\n" + SIG)
        .replace("\n", "\r\n"));
    assertEquals("A: 1\n", m.text());
    assertEquals("A: 1", new String(m.signedBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void testParse_contentBeforeMessageRefused() {
    BadSignatureException e = assertThrows(BadSignatureException.class,
        () -> parse("Suite: evil\n-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nA: 1\n" + SIG));
    assertTrue(e.getMessage().startsWith(URL.toString()), e.getMessage());
  }

  @Test
  void testParse_contentAfterSignatureRefused() {
    BadSignatureException e = assertThrows(BadSignatureException.class,
        () -> parse("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nA: 1\n" + SIG + "Suite: evil\n"));
    assertTrue(e.getMessage().contains("Suite: evil"), e.getMessage());
  }

  @Test
  void testParse_unknownArmorHeaderRefused() {
    assertThrows(BadSignatureException.class,
        () -> parse("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\nCharset: x\n\nA: 1\n" + SIG));
  }

  @Test
  void testParse_nestedMessageRefused() {
    assertThrows(BadSignatureException.class, () -> parse("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n"
        + "-----BEGIN PGP SIGNED MESSAGE-----\nA: 1\n" + SIG));
  }

  @Test
  void testParse_missingSignatureRefused() {
    assertThrows(BadSignatureException.class,
        () -> parse("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nA: 1\n"));
    assertThrows(BadSignatureException.class, () -> parse("Suite: stable\n"));
  }
}
