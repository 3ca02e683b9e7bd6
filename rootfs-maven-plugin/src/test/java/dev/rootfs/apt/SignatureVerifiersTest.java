package dev.rootfs.apt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.rootfs.testing.TestKey;
import java.time.Instant;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider;
import org.junit.jupiter.api.Test;

class SignatureVerifiersTest {

  @Test
  void testForKey_rsaUsesTheRuntime_othersBouncyCastle() {
    PGPPublicKey rsa = TestKey.builder("RSA").rsa().build().keyring().rings().get(0).getPublicKey();
    PGPPublicKey ed = TestKey.ed25519("Ed").keyring().rings().get(0).getPublicKey();
    assertInstanceOf(JcaPGPContentVerifierBuilderProvider.class, SignatureVerifiers.forKey(rsa));
    assertInstanceOf(BcPGPContentVerifierBuilderProvider.class, SignatureVerifiers.forKey(ed));
  }

  @Test
  void testDebianArchiveKeyring_everyKeyStillUsable() throws Exception {
    // The bundled RSA keys' self-signatures verify through the runtime's RSA as they did through Bouncy Castle's.
    Keyring debian = Keyring.debianArchive();
    for (var ring : debian.rings()) {
      Keyring.KeyInRing key = new Keyring.KeyInRing(ring, ring.getPublicKey());
      Instant created = ring.getPublicKey().getCreationTime().toInstant().plusSeconds(60);
      assertEquals(SigningKeyCheck.Status.USABLE, SigningKeyCheck.check(key, created).status(),
          key.fingerprint());
    }
  }
}
