package dev.rootfs.apt;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.sig.IssuerFingerprint;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;

/**
 * Verifies a Release's OpenPGP signatures against a keyring, with apt's rules: the file is accepted when at least one
 * signature is a good one by a usable keyring key (a primary key or signing subkey, valid at signature time), and
 * refused outright when any keyring key's signature does not verify. Signatures by keys outside the keyring are
 * ignored (Debian signs with several keys; a Signed-By keyring may hold only one of them).
 */
public final class ReleaseSignatureVerifier {

  /** Digests gpgv and apt still accept for Release signatures; MD5, SHA-1 and RIPEMD-160 are refused. */
  private static final Map<Integer, String> STRONG_DIGESTS = Map.of(
      HashAlgorithmTags.SHA224, "SHA224",
      HashAlgorithmTags.SHA256, "SHA256",
      HashAlgorithmTags.SHA384, "SHA384",
      HashAlgorithmTags.SHA512, "SHA512");


  private final Keyring keyring;

  public ReleaseSignatureVerifier(Keyring keyring) {
    this.keyring = keyring;
  }

  /** Verifies an InRelease file and returns its signed text (the only part that may be parsed). */
  public String verifyInRelease(URI url, byte[] inRelease) throws ReleaseVerificationException {
    ClearSignedMessage message = ClearSignedMessage.parse(url, inRelease);
    byte[] armor = message.signatureArmor().getBytes(StandardCharsets.US_ASCII);
    verify(url, message.signedBytes(), signatures(url, armor), message.hashHeaders());
    return message.text();
  }

  /** Verifies a Release file against its detached Release.gpg signature. */
  public void verifyDetached(URI url, byte[] release, byte[] releaseGpg) throws ReleaseVerificationException {
    verify(url, release, signatures(url, releaseGpg), Set.of());
  }

  private void verify(URI url, byte[] data, List<PGPSignature> sigs, Set<String> hashHeaders)
      throws ReleaseVerificationException {
    if (sigs.isEmpty()) {
      throw new BadSignatureException(url, "carries no signature");
    }
    List<String> bad = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    List<String> expired = new ArrayList<>();
    List<String> revoked = new ArrayList<>();
    List<String> unusable = new ArrayList<>();
    boolean good = false;
    for (PGPSignature sig : sigs) {
      Optional<Keyring.KeyInRing> key = signer(sig);
      if (key.isEmpty()) {
        unknown.add(issuer(sig));
        continue;
      }
      String fpr = key.get().fingerprint();
      String digest = STRONG_DIGESTS.get(sig.getHashAlgorithm());
      if (digest == null) {
        bad.add("signature by " + fpr + " uses weak digest algorithm " + sig.getHashAlgorithm());
        continue;
      }
      if (!hashHeaders.isEmpty() && !hashHeaders.contains(digest)) {
        bad.add("signature by " + fpr + " uses " + digest + ", not the armor header's Hash: " + hashHeaders);
        continue;
      }
      if (!cryptographicallyValid(sig, key.get(), data)) {
        bad.add("BAD signature by " + fpr);
        continue;
      }
      SigningKeyCheck.Verdict verdict = SigningKeyCheck.check(key.get(), sig.getCreationTime().toInstant());
      switch (verdict.status()) {
        case USABLE -> good = true;
        case EXPIRED -> expired.add(verdict.reason());
        case REVOKED -> revoked.add(verdict.reason());
        case NOT_SIGNING -> unusable.add(verdict.reason());
      }
    }
    if (!bad.isEmpty()) {
      throw new BadSignatureException(url, "signature check failed, the file was altered or is corrupt: "
          + String.join("; ", bad));
    }
    if (good) {
      return;
    }
    if (!revoked.isEmpty()) {
      throw new RevokedKeyException(url, "signed only with revoked keys: " + String.join("; ", revoked));
    }
    if (!expired.isEmpty()) {
      throw new ExpiredKeyException(url, "signed only with keys not valid at signature time: "
          + String.join("; ", expired));
    }
    if (!unusable.isEmpty()) {
      throw new BadSignatureException(url, "signed only with keys not usable for signing: "
          + String.join("; ", unusable));
    }
    throw new UnknownKeyException(url, "signed by unknown key(s) " + unknown + "; " + keyring
        + ". Set the source's Signed-By (signed-by=) to a keyring holding one of them");
  }

  private Optional<Keyring.KeyInRing> signer(PGPSignature sig) {
    IssuerFingerprint fpr = sig.getHashedSubPackets() == null ? null
        : sig.getHashedSubPackets().getIssuerFingerprint();
    if (fpr != null) {
      return keyring.find(fpr.getFingerprint());
    }
    return keyring.find(sig.getKeyID());
  }

  private static String issuer(PGPSignature sig) {
    IssuerFingerprint fpr = sig.getHashedSubPackets() == null ? null
        : sig.getHashedSubPackets().getIssuerFingerprint();
    return fpr != null ? HexFormat.of().withUpperCase().formatHex(fpr.getFingerprint())
        : "key id " + Keyring.keyId(sig.getKeyID());
  }

  private static boolean cryptographicallyValid(PGPSignature sig, Keyring.KeyInRing key, byte[] data) {
    try {
      sig.init(SignatureVerifiers.forKey(key.key()), key.key());
      sig.update(data);
      return sig.verify();
    } catch (PGPException | RuntimeException e) {
      return false; // a signature that cannot be checked by a keyring key counts as bad, never as good
    }
  }

  private static List<PGPSignature> signatures(URI url, byte[] data) throws BadSignatureException {
    List<PGPSignature> out = new ArrayList<>();
    try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(data))) {
      BcPGPObjectFactory factory = new BcPGPObjectFactory(in);
      Object o;
      while ((o = factory.nextObject()) != null) {
        if (!(o instanceof PGPSignatureList list)) {
          throw new BadSignatureException(url, "signature block holds a " + o.getClass().getSimpleName()
              + ", not signatures");
        }
        list.forEach(out::add);
      }
    } catch (IOException | RuntimeException e) {
      throw new BadSignatureException(url, "unreadable signature block: " + e.getMessage());
    }
    return out;
  }
}
