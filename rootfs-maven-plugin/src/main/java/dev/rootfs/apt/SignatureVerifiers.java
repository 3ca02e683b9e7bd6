package dev.rootfs.apt;

import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.operator.PGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider;

/**
 * Which implementation checks an OpenPGP signature: the Java runtime's own (SunRsaSign, SHA-2) for RSA keys, Bouncy
 * Castle's lightweight API for every other algorithm. Same mathematics, different cost: building Bouncy Castle's
 * RSA public key runs Miller-Rabin tests on the modulus (a 4096-bit modPow each), which made checking a Release's
 * signatures and its keys' self-signatures the largest part of a warm build's first second; the runtime's RSA
 * checks the signature only, as gpgv does. Keys come from the configured keyring, so testing whether their modulus
 * is composite guards nothing.
 */
final class SignatureVerifiers {

  private static final PGPContentVerifierBuilderProvider BC = new BcPGPContentVerifierBuilderProvider();
  private static final PGPContentVerifierBuilderProvider RUNTIME = new JcaPGPContentVerifierBuilderProvider();

  private SignatureVerifiers() {}

  /** The verifier provider for signatures made by {@code signer}. */
  static PGPContentVerifierBuilderProvider forKey(PGPPublicKey signer) {
    return switch (signer.getAlgorithm()) {
      case PublicKeyAlgorithmTags.RSA_GENERAL -> RUNTIME;
      default -> BC;
    };
  }
}
