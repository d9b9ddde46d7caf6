package io.ccoin.core.crypto;

import io.ccoin.api.Bytes;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.RSAPublicKey;

/**
 * RSASSA-PKCS1-v1_5 signatures with SHA-256 over domain-tagged messages (SPEC 2). A signature is
 * exactly 256 bytes whose integer is below the key's modulus; verification never throws for
 * malformed input and simply answers false. The scheme is deterministic: one key and one message
 * give one signature. All methods are thread-safe.
 */
public final class Signatures {
  /** The JCA name of the scheme. */
  public static final String ALGORITHM = "SHA256withRSA";
  /** The size of every ccoin signature. */
  public static final int SIZE = PublicKeys.MODULUS_SIZE;

  private static final ThreadLocal<Signature> VERIFIER = ThreadLocal.withInitial(Signatures::newSignature);

  private Signatures() {}

  /**
   * The signing message {@code domain tag || parts[0] || parts[1] || ...}.
   */
  public static byte[] signingMessage(Domain domain, byte[]... parts) {
    int length = domain.length();
    for (byte[] part : parts) {
      length = Math.addExact(length, part.length);
    }
    byte[] out = new byte[length];
    domain.copyTo(out, 0);
    int at = domain.length();
    for (byte[] part : parts) {
      System.arraycopy(part, 0, out, at, part.length);
      at += part.length;
    }
    return out;
  }

  /**
   * The SHA256withRSA signature of {@code message} with {@code key}.
   *
   * @throws IllegalArgumentException if {@code key} is not an RSA private key
   */
  public static Bytes sign(PrivateKey key, byte[] message) {
    // A fresh Signature per call, so that no thread-local object keeps the private key alive.
    Signature signer = newSignature();
    try {
      signer.initSign(key);
      signer.update(message);
      return Bytes.of(signer.sign());
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException("not a usable RSA private key: " + e.getMessage(), e);
    } catch (SignatureException e) {
      throw new IllegalStateException("RSA signing failed", e);
    }
  }

  /**
   * True when {@code signature} is a valid signature of {@code message} by the key encoded as
   * {@code spki}. False, never an exception, when the key is not a canonical ccoin key
   * ({@link PublicKeys#validate} says why) or the signature is malformed or wrong.
   */
  public static boolean verify(Bytes spki, byte[] message, Bytes signature) {
    RSAPublicKey key;
    try {
      key = PublicKeys.validate(spki);
    } catch (BadKeyException e) {
      return false;
    }
    return verify(key, message, signature);
  }

  /**
   * True when {@code signature} is a valid signature of {@code message} by {@code key}. False,
   * never an exception, when the signature is not exactly 256 bytes, its integer is not below the
   * modulus, it does not match, or the key is not RSA-2048 with exponent 65537.
   */
  public static boolean verify(RSAPublicKey key, byte[] message, Bytes signature) {
    BigInteger n = key.getModulus();
    if (signature.size() != SIZE
        || n.bitLength() != SIZE * 8
        || !PublicKeys.PUBLIC_EXPONENT.equals(key.getPublicExponent())) {
      return false;
    }
    byte[] s = signature.toArray();
    if (new BigInteger(1, s).compareTo(n) >= 0) {
      return false;
    }
    Signature verifier = VERIFIER.get();
    try {
      verifier.initVerify(key);
      verifier.update(message);
      return verifier.verify(s);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static Signature newSignature() {
    try {
      return Signature.getInstance(ALGORITHM);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide " + ALGORITHM, e);
    }
  }
}
