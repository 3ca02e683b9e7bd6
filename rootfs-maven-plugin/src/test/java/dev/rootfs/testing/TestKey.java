package dev.rootfs.testing;

import dev.rootfs.apt.Keyring;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.PublicSubkeyPacket;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.bcpg.sig.RevocationReasonTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPairGeneratorProvider;

/**
 * An OpenPGP key generated for a test archive, with the defects the verifier must catch on request: expired,
 * revoked, a signing subkey without the signing flag or back-signature. Ed25519 by default (fast), RSA on request.
 * Signs like Debian's archive does: clearsigned InRelease and detached Release.gpg.
 */
public final class TestKey {

  private final PGPPublicKeyRing ring;
  private final PGPKeyPair signer;

  private TestKey(PGPPublicKeyRing ring, PGPKeyPair signer) {
    this.ring = ring;
    this.signer = signer;
  }

  /** A fresh valid Ed25519 key that signs with its primary key. */
  public static TestKey ed25519(String userId) {
    return builder(userId).build();
  }

  public static Builder builder(String userId) {
    return new Builder(userId);
  }

  /** Options for the key to generate. */
  public static final class Builder {
    private final String userId;
    private boolean rsa;
    private Instant createdAt = Instant.now().minus(Duration.ofDays(30));
    private Duration validFor = Duration.ZERO;
    private Integer revocationReason;
    private Instant revokedAt;
    private boolean signingSubkey;
    private boolean subkeySignFlag = true;
    private boolean subkeyBackSignature = true;

    private Builder(String userId) {
      this.userId = userId;
    }

    public Builder rsa() {
      rsa = true;
      return this;
    }

    public Builder createdAt(Instant t) {
      createdAt = t;
      return this;
    }

    /** Key expiry after creation (zero: never). */
    public Builder validFor(Duration d) {
      validFor = d;
      return this;
    }

    /** Revokes the primary key at {@code at}; reason e.g. RevocationReasonTags.KEY_COMPROMISED. */
    public Builder revoked(int reason, Instant at) {
      revocationReason = reason;
      revokedAt = at;
      return this;
    }

    /** Signs with a subkey rather than the primary key. */
    public Builder signingSubkey(boolean signFlag, boolean backSignature) {
      signingSubkey = true;
      subkeySignFlag = signFlag;
      subkeyBackSignature = backSignature;
      return this;
    }

    public TestKey build() {
      try {
        Date created = Date.from(createdAt);
        var gen = new BcPGPKeyPairGeneratorProvider().setSecureRandom(new SecureRandom())
            .get(PublicKeyPacket.VERSION_4, created);
        PGPKeyPair primary = rsa ? gen.generateRsaKeyPair(2048) : gen.generateLegacyEd25519KeyPair();
        PGPSignatureSubpacketGenerator hashed = subpackets(primary, createdAt);
        hashed.setKeyFlags(true, KeyFlags.CERTIFY_OTHER | (signingSubkey ? 0 : KeyFlags.SIGN_DATA));
        if (!validFor.isZero()) {
          hashed.setKeyExpirationTime(true, validFor.toSeconds());
        }
        PGPSignatureGenerator certifier = generator(primary, PGPSignature.POSITIVE_CERTIFICATION);
        certifier.setHashedSubpackets(hashed.generate());
        PGPPublicKey pub = PGPPublicKey.addCertification(primary.getPublicKey(), userId,
            certifier.generateCertification(userId, primary.getPublicKey()));
        if (revocationReason != null) {
          PGPSignatureSubpacketGenerator rev = subpackets(primary, revokedAt);
          rev.setRevocationReason(true, revocationReason.byteValue(), "test revocation");
          PGPSignatureGenerator revoker = generator(primary, PGPSignature.KEY_REVOCATION);
          revoker.setHashedSubpackets(rev.generate());
          pub = PGPPublicKey.addCertification(pub, revoker.generateCertification(pub));
        }
        List<PGPPublicKey> keys = new ArrayList<>(List.of(pub));
        PGPKeyPair signer = new PGPKeyPair(pub, primary.getPrivateKey());
        if (signingSubkey) {
          PGPKeyPair sub = asSubkey(gen.generateLegacyEd25519KeyPair());
          PGPSignatureSubpacketGenerator binding = subpackets(primary, createdAt);
          binding.setKeyFlags(true, subkeySignFlag ? KeyFlags.SIGN_DATA : KeyFlags.ENCRYPT_STORAGE);
          if (subkeyBackSignature) {
            PGPSignatureGenerator back = generator(sub, PGPSignature.PRIMARYKEY_BINDING);
            back.setHashedSubpackets(subpackets(sub, createdAt).generate());
            binding.setEmbeddedSignature(false, back.generateCertification(pub, sub.getPublicKey()));
          }
          PGPSignatureGenerator binder = generator(primary, PGPSignature.SUBKEY_BINDING);
          binder.setHashedSubpackets(binding.generate());
          PGPPublicKey subPub = PGPPublicKey.addCertification(sub.getPublicKey(),
              binder.generateCertification(pub, sub.getPublicKey()));
          keys.add(subPub);
          signer = new PGPKeyPair(subPub, sub.getPrivateKey());
        }
        return new TestKey(new PGPPublicKeyRing(keys), signer);
      } catch (PGPException | IOException e) {
        throw new IllegalStateException("cannot generate test key", e);
      }
    }
  }

  /**
   * The same key material in a subkey packet. Legacy EdDSA (algorithm 22) as Debian uses it: gpgv 2.2 cannot check
   * the RFC 9580 Ed25519 subkeys BC would otherwise generate.
   */
  private static PGPKeyPair asSubkey(PGPKeyPair primary) throws PGPException {
    PublicKeyPacket p = primary.getPublicKey().getPublicKeyPacket();
    PGPPublicKey sub = new PGPPublicKey(new PublicSubkeyPacket(p.getVersion(), p.getAlgorithm(), p.getTime(),
        p.getKey()), new BcKeyFingerprintCalculator());
    return new PGPKeyPair(sub, primary.getPrivateKey());
  }

  /** The public keys as a binary keyring (what a .gpg Signed-By file holds). */
  public byte[] publicKeyring() {
    try {
      return ring.getEncoded();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The public keys as an armored block (what a .asc file or an inline Signed-By holds). */
  public String armoredPublicKey() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ArmoredOutputStream armor = new ArmoredOutputStream(out)) {
      ring.encode(armor);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.US_ASCII);
  }

  public Keyring keyring() {
    try {
      return Keyring.parse(publicKeyring(), "test key");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The fingerprint of the primary key, upper-case hex. */
  public String fingerprint() {
    return java.util.HexFormat.of().withUpperCase().formatHex(ring.getPublicKey().getFingerprint());
  }

  /** The fingerprint of the key that signs (the primary key or the signing subkey). */
  public String signingFingerprint() {
    return java.util.HexFormat.of().withUpperCase().formatHex(signer.getPublicKey().getFingerprint());
  }

  /** A clearsigned message over {@code text} as gpg --clearsign writes it (dash-escaping, CRLF canonical form). */
  public byte[] clearSign(String text, Instant at) {
    String[] lines = text.endsWith("\n") ? text.substring(0, text.length() - 1).split("\n", -1) : text.split("\n", -1);
    StringBuilder canonical = new StringBuilder();
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].replaceAll("[ \\t\\r]+$", "");
      canonical.append(i == 0 ? "" : "\r\n").append(line);
      body.append(lines[i].startsWith("-") ? "- " + lines[i] : lines[i]).append('\n');
    }
    String armored = armor(sign(canonical.toString().getBytes(StandardCharsets.UTF_8),
        PGPSignature.CANONICAL_TEXT_DOCUMENT, at));
    String message = "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n" + body + armored;
    return message.getBytes(StandardCharsets.UTF_8);
  }

  /** A detached binary signature as Release.gpg holds it (armored, as Debian publishes it). */
  public byte[] detachedSign(byte[] data, Instant at) {
    return armor(sign(data, PGPSignature.BINARY_DOCUMENT, at)).getBytes(StandardCharsets.US_ASCII);
  }

  private PGPSignature sign(byte[] data, int type, Instant at) {
    try {
      PGPSignatureGenerator gen = generator(signer, type);
      gen.setHashedSubpackets(subpackets(signer, at).generate());
      gen.update(data);
      return gen.generate();
    } catch (PGPException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String armor(PGPSignature sig) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ArmoredOutputStream armor = new ArmoredOutputStream(out)) {
      sig.encode(armor);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.US_ASCII);
  }

  private static PGPSignatureGenerator generator(PGPKeyPair key, int type) throws PGPException {
    PGPSignatureGenerator gen = new PGPSignatureGenerator(
        new BcPGPContentSignerBuilder(key.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256),
        key.getPublicKey());
    gen.init(type, key.getPrivateKey());
    return gen;
  }

  private static PGPSignatureSubpacketGenerator subpackets(PGPKeyPair key, Instant at) {
    PGPSignatureSubpacketGenerator g = new PGPSignatureSubpacketGenerator();
    g.setSignatureCreationTime(true, Date.from(at));
    g.setIssuerFingerprint(false, key.getPublicKey());
    return g;
  }

  /** Convenience for tests: the reason code meaning "key material has been compromised". */
  public static final int COMPROMISED = RevocationReasonTags.KEY_COMPROMISED;

  /** The reason code meaning "key is superseded" (a soft revocation). */
  public static final int SUPERSEDED = RevocationReasonTags.KEY_SUPERSEDED;
}
