package dev.rootfs.apt;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.bcpg.sig.RevocationReason;
import org.bouncycastle.bcpg.sig.RevocationReasonTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;

/**
 * Whether a keyring key could make a data signature at a given time, as gpgv decides it: the primary key must carry
 * a valid self-signature; a subkey needs a valid binding signature with the signing flag and a valid back-signature;
 * neither may be expired (expiry from the newest self-signature) or not yet created at signature time. Self-signatures
 * are verified, not trusted. Revocations: a hard one (key compromised, or no reason given) voids every signature;
 * a soft one (superseded, retired) only those made after it.
 */
final class SigningKeyCheck {

  /** The verdict on one key for one signature time. */
  enum Status { USABLE, EXPIRED, REVOKED, NOT_SIGNING }

  record Verdict(Status status, String reason) {}


  private SigningKeyCheck() {}

  static Verdict check(Keyring.KeyInRing k, Instant signedAt) {
    PGPPublicKey primary = k.primary();
    PGPPublicKey key = k.key();
    String who = "key " + Keyring.fingerprint(key);
    List<PGPSignature> selfSigs = verifiedSelfSignatures(primary);
    if (selfSigs.isEmpty()) {
      return new Verdict(Status.NOT_SIGNING, who + ": primary key has no valid self-signature");
    }
    Optional<String> revoked = revocation(primary, signatures(primary, PGPSignature.KEY_REVOCATION), primary,
        null, signedAt);
    if (revoked.isPresent()) {
      return new Verdict(Status.REVOKED, "primary key " + Keyring.fingerprint(primary) + " " + revoked.get());
    }
    Optional<Verdict> primaryTime = lifetime(primary, newest(selfSigs), signedAt,
        "primary key " + Keyring.fingerprint(primary));
    if (primaryTime.isPresent()) {
      return primaryTime.get();
    }
    if (key.getKeyID() == primary.getKeyID()) {
      PGPSignature latest = newest(selfSigs);
      if (latest.getHashedSubPackets() != null && latest.getHashedSubPackets().getKeyFlags() != 0
          && (latest.getHashedSubPackets().getKeyFlags() & KeyFlags.SIGN_DATA) == 0) {
        return new Verdict(Status.NOT_SIGNING, who + " is not certified for signing data");
      }
      return new Verdict(Status.USABLE, who);
    }
    List<PGPSignature> bindings = new ArrayList<>();
    for (PGPSignature s : signatures(key, PGPSignature.SUBKEY_BINDING)) {
      if (verifies(s, primary, () -> s.verifyCertification(primary, key))) {
        bindings.add(s);
      }
    }
    if (bindings.isEmpty()) {
      return new Verdict(Status.NOT_SIGNING, who + " has no valid binding signature from its primary key");
    }
    Optional<String> subRevoked = revocation(key, signatures(key, PGPSignature.SUBKEY_REVOCATION), primary, key,
        signedAt);
    if (subRevoked.isPresent()) {
      return new Verdict(Status.REVOKED, "subkey " + Keyring.fingerprint(key) + " " + subRevoked.get());
    }
    PGPSignature binding = newest(bindings);
    int flags = binding.getHashedSubPackets() == null ? 0 : binding.getHashedSubPackets().getKeyFlags();
    if ((flags & KeyFlags.SIGN_DATA) == 0) {
      return new Verdict(Status.NOT_SIGNING, who + " is a subkey not certified for signing data");
    }
    if (!hasBackSignature(binding, primary, key)) {
      return new Verdict(Status.NOT_SIGNING, who + " is a signing subkey without a valid primary key binding "
          + "(back-)signature");
    }
    return lifetime(key, binding, signedAt, "subkey " + Keyring.fingerprint(key))
        .orElse(new Verdict(Status.USABLE, who));
  }

  /** Empty when the key existed and had not expired at {@code signedAt}. */
  private static Optional<Verdict> lifetime(PGPPublicKey key, PGPSignature selfSig, Instant signedAt, String who) {
    Instant created = key.getCreationTime().toInstant();
    if (signedAt.isBefore(created)) {
      return Optional.of(new Verdict(Status.EXPIRED, who + " was created " + created + ", after the signature ("
          + signedAt + ")"));
    }
    long seconds = selfSig.getHashedSubPackets() == null ? 0 : selfSig.getHashedSubPackets().getKeyExpirationTime();
    if (seconds > 0) {
      Instant expires = created.plusSeconds(seconds);
      if (!signedAt.isBefore(expires)) {
        return Optional.of(new Verdict(Status.EXPIRED, who + " expired " + expires + ", before the signature ("
            + signedAt + ")"));
      }
    }
    return Optional.empty();
  }

  private static List<PGPSignature> verifiedSelfSignatures(PGPPublicKey primary) {
    List<PGPSignature> valid = new ArrayList<>();
    for (Iterator<byte[]> ids = primary.getRawUserIDs(); ids.hasNext(); ) {
      byte[] id = ids.next();
      for (Iterator<PGPSignature> it = primary.getSignaturesForID(id); it != null && it.hasNext(); ) {
        PGPSignature s = it.next();
        if (s.getKeyID() == primary.getKeyID() && s.isCertification()
            && verifies(s, primary, () -> s.verifyCertification(id, primary))) {
          valid.add(s);
        }
      }
    }
    for (PGPSignature s : signatures(primary, PGPSignature.DIRECT_KEY)) {
      if (s.getKeyID() == primary.getKeyID() && verifies(s, primary, () -> s.verifyCertification(primary))) {
        valid.add(s);
      }
    }
    return valid;
  }

  private static Optional<String> revocation(PGPPublicKey revokedKey, List<PGPSignature> revocations,
      PGPPublicKey primary, PGPPublicKey subkey, Instant signedAt) {
    for (PGPSignature s : revocations) {
      if (s.getKeyID() != primary.getKeyID()) {
        continue; // designated revokers are not supported: such a revocation is ignored, as by gpgv without them
      }
      boolean valid = subkey == null
          ? verifies(s, primary, () -> s.verifyCertification(revokedKey))
          : verifies(s, primary, () -> s.verifyCertification(primary, subkey));
      if (!valid) {
        continue;
      }
      RevocationReason reason = s.getHashedSubPackets() == null ? null : s.getHashedSubPackets().getRevocationReason();
      int code = reason == null ? RevocationReasonTags.NO_REASON : reason.getRevocationReason();
      boolean soft = code == RevocationReasonTags.KEY_SUPERSEDED || code == RevocationReasonTags.KEY_RETIRED;
      Instant at = s.getCreationTime().toInstant();
      if (!soft || !signedAt.isBefore(at)) {
        String text = reason == null ? "no reason given"
            : "reason " + code + " '" + reason.getRevocationDescription() + "'";
        return Optional.of("was revoked " + at + " (" + text + ")");
      }
    }
    return Optional.empty();
  }

  private static boolean hasBackSignature(PGPSignature binding, PGPPublicKey primary, PGPPublicKey subkey) {
    try {
      List<PGPSignature> embedded = new ArrayList<>();
      binding.getHashedSubPackets().getEmbeddedSignatures().forEach(embedded::add);
      if (binding.getUnhashedSubPackets() != null) {
        binding.getUnhashedSubPackets().getEmbeddedSignatures().forEach(embedded::add);
      }
      for (PGPSignature back : embedded) {
        if (back.getSignatureType() == PGPSignature.PRIMARYKEY_BINDING
            && verifies(back, subkey, () -> back.verifyCertification(primary, subkey))) {
          return true;
        }
      }
      return false;
    } catch (PGPException e) {
      return false; // an unreadable embedded signature is no back-signature
    }
  }

  private static List<PGPSignature> signatures(PGPPublicKey key, int type) {
    List<PGPSignature> out = new ArrayList<>();
    key.getSignaturesOfType(type).forEachRemaining(out::add);
    return out;
  }

  private static PGPSignature newest(List<PGPSignature> sigs) {
    return sigs.stream().max(Comparator.comparing(PGPSignature::getCreationTime)).orElseThrow();
  }

  @FunctionalInterface
  private interface Check {
    boolean run() throws PGPException;
  }

  /** A self-signature that cannot even be checked (unknown algorithm, malformed) counts as invalid. */
  private static boolean verifies(PGPSignature s, PGPPublicKey signer, Check check) {
    try {
      s.init(SignatureVerifiers.forKey(signer), signer);
      return check.run();
    } catch (PGPException | RuntimeException e) {
      return false;
    }
  }
}
