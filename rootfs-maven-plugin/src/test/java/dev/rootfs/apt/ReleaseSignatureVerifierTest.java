package dev.rootfs.apt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rootfs.testing.TestKey;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReleaseSignatureVerifierTest {

  private static final URI URL = URI.create("file:///srv/mirror/dists/bookworm/InRelease");
  private static final String TEXT = "Origin: Test\nSuite: stable\nCodename: bookworm\n";
  private static final Instant NOW = Instant.now();

  @Test
  void testVerifyInRelease_goodEd25519Signature() throws Exception {
    TestKey key = TestKey.ed25519("Test Archive");
    byte[] signed = key.clearSign(TEXT, NOW);
    assertEquals(TEXT, new ReleaseSignatureVerifier(key.keyring()).verifyInRelease(URL, signed));
  }

  @Test
  void testVerifyInRelease_goodRsaSignature() throws Exception {
    TestKey key = TestKey.builder("RSA Archive").rsa().build();
    assertEquals(TEXT, new ReleaseSignatureVerifier(key.keyring()).verifyInRelease(URL, key.clearSign(TEXT, NOW)));
  }

  @Test
  void testVerifyInRelease_tamperedRsaSignedTextIsBadSignature() {
    // RSA goes through the runtime's verifier (SignatureVerifiers): it must refuse as Bouncy Castle's does
    TestKey key = TestKey.builder("RSA Archive").rsa().build();
    String tampered = new String(key.clearSign(TEXT, NOW), StandardCharsets.UTF_8).replace("bookworm", "bookwurm");
    BadSignatureException e = assertThrows(BadSignatureException.class, () -> new ReleaseSignatureVerifier(
        key.keyring()).verifyInRelease(URL, tampered.getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains("BAD signature by " + key.fingerprint()), e.getMessage());
  }

  @Test
  void testVerifyInRelease_dashEscapedAndTrailingWhitespace() throws Exception {
    TestKey key = TestKey.ed25519("Test Archive");
    String text = "Origin: Test  \n-----not armor\n- dash\nDescription: x\t\n";
    String verified = new ReleaseSignatureVerifier(key.keyring()).verifyInRelease(URL, key.clearSign(text, NOW));
    assertEquals("Origin: Test\n-----not armor\n- dash\nDescription: x\n", verified);
  }

  @Test
  void testVerifyInRelease_crlfLineEndingsStillVerify() throws Exception {
    TestKey key = TestKey.ed25519("Test Archive");
    String crlf = new String(key.clearSign(TEXT, NOW), StandardCharsets.UTF_8).replace("\n", "\r\n");
    String verified = new ReleaseSignatureVerifier(key.keyring())
        .verifyInRelease(URL, crlf.getBytes(StandardCharsets.UTF_8));
    assertEquals(TEXT, verified);
  }

  @Test
  void testVerifyInRelease_tamperedTextIsBadSignature() {
    TestKey key = TestKey.ed25519("Test Archive");
    String tampered = new String(key.clearSign(TEXT, NOW), StandardCharsets.UTF_8).replace("bookworm", "bookwurm");
    BadSignatureException e = assertThrows(BadSignatureException.class, () -> new ReleaseSignatureVerifier(
        key.keyring()).verifyInRelease(URL, tampered.getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains(URL.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("BAD signature by " + key.fingerprint()), e.getMessage());
  }

  @Test
  void testVerifyInRelease_unknownKeyNamesTheSigner() {
    TestKey signer = TestKey.ed25519("Stranger");
    TestKey trusted = TestKey.ed25519("Test Archive");
    UnknownKeyException e = assertThrows(UnknownKeyException.class,
        () -> new ReleaseSignatureVerifier(trusted.keyring()).verifyInRelease(URL, signer.clearSign(TEXT, NOW)));
    assertTrue(e.getMessage().contains(signer.fingerprint()), e.getMessage());
    assertTrue(e.getMessage().contains(trusted.fingerprint()), e.getMessage());
    assertTrue(e.getMessage().contains(URL.toString()), e.getMessage());
  }

  @Test
  void testVerifyInRelease_oneUnknownAndOneGoodSignatureAccepted() throws Exception {
    TestKey trusted = TestKey.ed25519("Test Archive");
    TestKey other = TestKey.ed25519("Other");
    Keyring both = Keyring.merge(List.of(trusted.keyring(), other.keyring()));
    byte[] byOther = other.clearSign(TEXT, NOW);
    // Signed by a key only the wider keyring holds: refused by the narrow one, accepted by the wide one.
    assertThrows(UnknownKeyException.class,
        () -> new ReleaseSignatureVerifier(trusted.keyring()).verifyInRelease(URL, byOther));
    assertEquals(TEXT, new ReleaseSignatureVerifier(both).verifyInRelease(URL, byOther));
  }

  @Test
  void testVerifyInRelease_expiredKeyRefused() {
    TestKey key = TestKey.builder("Expired").createdAt(NOW.minus(Duration.ofDays(10))).validFor(Duration.ofDays(1))
        .build();
    ExpiredKeyException e = assertThrows(ExpiredKeyException.class,
        () -> new ReleaseSignatureVerifier(key.keyring()).verifyInRelease(URL, key.clearSign(TEXT, NOW)));
    assertTrue(e.getMessage().contains(key.fingerprint()) && e.getMessage().contains("expired"), e.getMessage());
  }

  @Test
  void testVerifyInRelease_signatureMadeBeforeExpiryAccepted() throws Exception {
    TestKey key = TestKey.builder("Expired now").createdAt(NOW.minus(Duration.ofDays(10)))
        .validFor(Duration.ofDays(5)).build();
    byte[] signedWhileValid = key.clearSign(TEXT, NOW.minus(Duration.ofDays(8)));
    assertEquals(TEXT, new ReleaseSignatureVerifier(key.keyring()).verifyInRelease(URL, signedWhileValid));
  }

  @Test
  void testVerifyInRelease_revokedKeyRefused() {
    TestKey key = TestKey.builder("Revoked").revoked(TestKey.COMPROMISED, NOW.minus(Duration.ofDays(1))).build();
    RevokedKeyException e = assertThrows(RevokedKeyException.class,
        () -> new ReleaseSignatureVerifier(key.keyring()).verifyInRelease(URL, key.clearSign(TEXT, NOW)));
    assertTrue(e.getMessage().contains(key.fingerprint()) && e.getMessage().contains("revoked"), e.getMessage());
  }

  @Test
  void testVerifyInRelease_compromisedKeyRefusedEvenForOlderSignatures() {
    TestKey key = TestKey.builder("Revoked").revoked(TestKey.COMPROMISED, NOW.minus(Duration.ofDays(1))).build();
    byte[] older = key.clearSign(TEXT, NOW.minus(Duration.ofDays(5)));
    assertThrows(RevokedKeyException.class,
        () -> new ReleaseSignatureVerifier(key.keyring()).verifyInRelease(URL, older));
  }

  @Test
  void testVerifyInRelease_supersededKeyValidForSignaturesBeforeRevocation() throws Exception {
    TestKey key = TestKey.builder("Superseded").revoked(TestKey.SUPERSEDED, NOW.minus(Duration.ofDays(2))).build();
    byte[] older = key.clearSign(TEXT, NOW.minus(Duration.ofDays(5)));
    assertEquals(TEXT, new ReleaseSignatureVerifier(key.keyring()).verifyInRelease(URL, older));
    assertThrows(RevokedKeyException.class,
        () -> new ReleaseSignatureVerifier(key.keyring()).verifyInRelease(URL, key.clearSign(TEXT, NOW)));
  }

  @Test
  void testVerifyInRelease_signingSubkeyAccepted() throws Exception {
    TestKey key = TestKey.builder("Subkey").signingSubkey(true, true).build();
    assertEquals(TEXT, new ReleaseSignatureVerifier(key.keyring()).verifyInRelease(URL, key.clearSign(TEXT, NOW)));
  }

  @Test
  void testVerifyInRelease_subkeyWithoutSigningFlagRefused() {
    TestKey key = TestKey.builder("Subkey").signingSubkey(false, true).build();
    BadSignatureException e = assertThrows(BadSignatureException.class,
        () -> new ReleaseSignatureVerifier(key.keyring()).verifyInRelease(URL, key.clearSign(TEXT, NOW)));
    assertTrue(e.getMessage().contains(key.signingFingerprint()), e.getMessage());
  }

  @Test
  void testVerifyInRelease_signingSubkeyWithoutBackSignatureRefused() {
    TestKey key = TestKey.builder("Subkey").signingSubkey(true, false).build();
    BadSignatureException e = assertThrows(BadSignatureException.class,
        () -> new ReleaseSignatureVerifier(key.keyring()).verifyInRelease(URL, key.clearSign(TEXT, NOW)));
    assertTrue(e.getMessage().contains("back-"), e.getMessage());
  }

  @Test
  void testVerifyInRelease_hashHeaderMustNameTheDigest() {
    TestKey key = TestKey.ed25519("Test Archive");
    String wrong = new String(key.clearSign(TEXT, NOW), StandardCharsets.UTF_8).replace("Hash: SHA256", "Hash: SHA512");
    BadSignatureException e = assertThrows(BadSignatureException.class, () -> new ReleaseSignatureVerifier(
        key.keyring()).verifyInRelease(URL, wrong.getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains("SHA512"), e.getMessage());
  }

  @Test
  void testVerifyDetached_goodAndTampered() throws Exception {
    TestKey key = TestKey.ed25519("Test Archive");
    byte[] release = TEXT.getBytes(StandardCharsets.UTF_8);
    byte[] sig = key.detachedSign(release, NOW);
    ReleaseSignatureVerifier verifier = new ReleaseSignatureVerifier(key.keyring());
    verifier.verifyDetached(URL, release, sig);
    byte[] tampered = TEXT.replace("Test", "Evil").getBytes(StandardCharsets.UTF_8);
    assertThrows(BadSignatureException.class, () -> verifier.verifyDetached(URL, tampered, sig));
  }

  @Test
  void testVerifyDetached_garbageSignatureIsBadSignature() {
    TestKey key = TestKey.ed25519("Test Archive");
    byte[] release = TEXT.getBytes(StandardCharsets.UTF_8);
    BadSignatureException e = assertThrows(BadSignatureException.class, () -> new ReleaseSignatureVerifier(
        key.keyring()).verifyDetached(URL, release, "not a signature".getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains(URL.toString()), e.getMessage());
  }
}
