package io.ccoin.core.crypto;

import io.ccoin.api.Address;
import io.ccoin.api.BlockSigner;
import io.ccoin.api.Bytes;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;

/**
 * An account's RSA-2048 key pair (SPEC 2): signs transactions and, as a {@link BlockSigner}, blocks.
 * Its public key is always canonical, so it has exactly one {@link #address()}.
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows only the address; the private key leaves
 * this object only through {@link #exportPkcs8()}. Two instances are equal when they hold the same
 * key.
 */
public final class AccountKey implements BlockSigner {
  private static final int MAX_GENERATE_ATTEMPTS = 16;
  private static final byte[] SELF_TEST_MESSAGE = "ccoin/selftest".getBytes(StandardCharsets.US_ASCII);

  private final RSAPrivateCrtKey privateKey;
  private final RSAPublicKey rsaPublicKey;
  private final Bytes publicKey;
  private final Address address;

  private AccountKey(RSAPrivateCrtKey privateKey, Bytes publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.rsaPublicKey = PublicKeys.validate(publicKey);
    this.address = PublicKeys.address(publicKey);
  }

  /**
   * A new RSA-2048 key with public exponent 65537 and a canonical public key.
   *
   * @param random the source of randomness, normally a {@link SecureRandom#getInstanceStrong()} or
   *     a default {@code new SecureRandom()}
   */
  public static AccountKey generate(SecureRandom random) {
    KeyPairGenerator generator;
    try {
      generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(new RSAKeyGenParameterSpec(PublicKeys.MODULUS_SIZE * 8, RSAKeyGenParameterSpec.F4), random);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the platform cannot generate RSA-2048 keys", e);
    }
    for (int attempt = 0; attempt < MAX_GENERATE_ATTEMPTS; attempt++) {
      KeyPair pair = generator.generateKeyPair();
      RSAPrivateCrtKey key = (RSAPrivateCrtKey) pair.getPrivate();
      // The JDK always sets the modulus' top bit; another provider might not.
      if (key.getModulus().bitLength() == PublicKeys.MODULUS_SIZE * 8
          && PublicKeys.PUBLIC_EXPONENT.equals(key.getPublicExponent())) {
        return new AccountKey(key, PublicKeys.encode(key.getModulus(), key.getPublicExponent()));
      }
    }
    throw new IllegalStateException("the RSA key generator produced no 2048-bit key with exponent 65537 in "
        + MAX_GENERATE_ATTEMPTS + " attempts");
  }

  /**
   * Loads a PKCS#8 DER-encoded RSA private key, checking that it is RSA-2048 with exponent 65537,
   * internally consistent, and able to sign.
   *
   * @throws BadKeyException if it is not such a key (the message never contains key material)
   */
  public static AccountKey fromPkcs8(Bytes pkcs8) {
    PrivateKey parsed;
    try {
      parsed = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8.toArray()));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new BadKeyException("not a PKCS#8 RSA private key");
    }
    if (!(parsed instanceof RSAPrivateCrtKey key) || !"RSA".equals(parsed.getAlgorithm())) {
      throw new BadKeyException("PKCS#8 key is not a complete RSA private key with CRT parameters");
    }
    BigInteger n = key.getModulus();
    Bytes spki = PublicKeys.encode(n, key.getPublicExponent());
    if (!key.getPrimeP().multiply(key.getPrimeQ()).equals(n)) {
      throw new BadKeyException("PKCS#8 RSA key is inconsistent: its primes do not multiply to its modulus");
    }
    AccountKey account = new AccountKey(key, spki);
    boolean signs;
    try {
      signs = Signatures.verify(account.rsaPublicKey, SELF_TEST_MESSAGE, account.sign(SELF_TEST_MESSAGE));
    } catch (IllegalStateException | IllegalArgumentException e) {
      signs = false; // the provider's own consistency check refused to sign
    }
    if (!signs) {
      throw new BadKeyException("PKCS#8 RSA key is inconsistent: its signatures do not verify");
    }
    return account;
  }

  /** The 294-byte canonical SubjectPublicKeyInfo encoding of the public key. */
  @Override
  public Bytes publicKey() {
    return publicKey;
  }

  /** The public key as a JCA key. */
  public RSAPublicKey rsaPublicKey() {
    return rsaPublicKey;
  }

  /** The account's address: the last 20 bytes of SHA-256 of {@link #publicKey()}. */
  @Override
  public Address address() {
    return address;
  }

  /**
   * The SHA256withRSA signature of {@code message}, which should start with a {@link Domain} tag
   * (see {@link Signatures#signingMessage}).
   */
  @Override
  public Bytes sign(byte[] message) {
    return Signatures.sign(privateKey, message);
  }

  /**
   * The private key in PKCS#8 DER form: secret material, for encrypted storage such as
   * {@link Keystore} only.
   */
  public Bytes exportPkcs8() {
    return Bytes.of(privateKey.getEncoded());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AccountKey other && publicKey.equals(other.publicKey);
  }

  @Override
  public int hashCode() {
    return address.hashCode();
  }

  /** {@code AccountKey[<address>]}; never any key material. */
  @Override
  public String toString() {
    return "AccountKey[" + address + "]";
  }
}
