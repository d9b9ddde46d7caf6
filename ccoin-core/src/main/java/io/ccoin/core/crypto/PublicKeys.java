package io.ccoin.core.crypto;

import io.ccoin.api.Address;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.ccoin.api.Bytes;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.HexFormat;

/**
 * ccoin public keys (SPEC 2): RSA-2048 with exponent 65537, carried as exactly one 294-byte X.509
 * SubjectPublicKeyInfo encoding, {@code PREFIX || n || SUFFIX} with {@code n} the 256-byte
 * big-endian modulus whose top bit is set. Any other encoding of a key, even one the JDK would
 * accept, is rejected, so that a key has exactly one address.
 *
 * <p>Parsed keys are kept in a bounded cache (Caffeine) keyed by their encoding, since the same
 * senders sign many transactions. All methods are thread-safe.
 */
public final class PublicKeys {
  /** The size of a canonical public key encoding. */
  public static final int SPKI_SIZE = 294;
  /** The size of the modulus, and of every signature. */
  public static final int MODULUS_SIZE = 256;
  /** The only public exponent ccoin accepts. */
  public static final BigInteger PUBLIC_EXPONENT = BigInteger.valueOf(65537);
  /** The number of parsed keys the cache holds. */
  public static final int CACHE_CAPACITY = 4096;

  private static final byte[] PREFIX = HexFormat.of().parseHex(
      "30820122300d06092a864886f70d01010105000382010f003082010a0282010100");
  private static final byte[] SUFFIX = HexFormat.of().parseHex("0203010001");
  /** Maintenance runs on the calling thread: a library starts no background work of its own. */
  private static final Cache<Bytes, Parsed> CACHE = Caffeine.newBuilder()
      .maximumSize(CACHE_CAPACITY).executor(Runnable::run).build();

  /** A valid key, parsed, with its address. */
  private record Parsed(RSAPublicKey key, Address address) {}

  static {
    if (PREFIX.length + MODULUS_SIZE + SUFFIX.length != SPKI_SIZE) {
      throw new AssertionError("SPKI layout does not add up to " + SPKI_SIZE);
    }
  }

  private PublicKeys() {}

  /**
   * Checks that {@code spki} is a canonical ccoin public key and returns it parsed.
   *
   * @throws BadKeyException saying what is wrong, if it is not
   */
  public static RSAPublicKey validate(Bytes spki) {
    Parsed cached = CACHE.getIfPresent(spki);
    if (cached != null) {
      return cached.key();
    }
    byte[] b = spki.toArray();
    String problem = problem(b);
    if (problem != null) {
      throw new BadKeyException(problem);
    }
    RSAPublicKey key = toKey(new BigInteger(1, b, PREFIX.length, MODULUS_SIZE));
    CACHE.put(spki, new Parsed(key, Address.fromHashTail(Sha256.hash(b))));
    return key;
  }

  /** True when {@code spki} is a canonical ccoin public key. */
  public static boolean isValid(Bytes spki) {
    return CACHE.getIfPresent(spki) != null || problem(spki.toArray()) == null;
  }

  /**
   * The canonical 294-byte encoding of {@code key}.
   *
   * @throws BadKeyException if the key is not RSA-2048 with exponent 65537
   */
  public static Bytes encode(RSAPublicKey key) {
    return encode(key.getModulus(), key.getPublicExponent());
  }

  /**
   * The canonical 294-byte encoding of the key with modulus {@code n} and exponent {@code e}.
   *
   * @throws BadKeyException if {@code n} is not 2048 bits long or {@code e} is not 65537
   */
  public static Bytes encode(BigInteger n, BigInteger e) {
    if (!PUBLIC_EXPONENT.equals(e)) {
      throw new BadKeyException("public exponent must be 65537, got " + e);
    }
    if (n.signum() <= 0 || n.bitLength() != MODULUS_SIZE * 8) {
      throw new BadKeyException("modulus must be exactly 2048 bits, got " + n.bitLength());
    }
    byte[] out = new byte[SPKI_SIZE];
    System.arraycopy(PREFIX, 0, out, 0, PREFIX.length);
    byte[] magnitude = n.toByteArray(); // 257 bytes: a leading zero byte, then the modulus
    System.arraycopy(magnitude, magnitude.length - MODULUS_SIZE, out, PREFIX.length, MODULUS_SIZE);
    System.arraycopy(SUFFIX, 0, out, PREFIX.length + MODULUS_SIZE, SUFFIX.length);
    return Bytes.of(out);
  }

  /**
   * {@code address(pk)}: the last 20 bytes of {@code H(spki)}. This does not check that
   * {@code spki} is a valid key ({@link #validate} does); the address of a key validated recently
   * comes from the cache instead of being hashed again.
   */
  public static Address address(Bytes spki) {
    Parsed cached = CACHE.getIfPresent(spki);
    return cached != null ? cached.address() : Address.fromHashTail(Sha256.hash(spki.toArray()));
  }

  /** Why {@code b} is not a canonical key, or null when it is. */
  private static String problem(byte[] b) {
    if (b.length != SPKI_SIZE) {
      return "public key is " + b.length + " bytes; a ccoin public key is the 294-byte"
          + " SubjectPublicKeyInfo of an RSA-2048 key with exponent 65537";
    }
    for (int i = 0; i < PREFIX.length; i++) {
      if (b[i] != PREFIX[i]) {
        return "public key differs from the RSA-2048 SubjectPublicKeyInfo header at byte " + i;
      }
    }
    if ((b[PREFIX.length] & 0x80) == 0) {
      return "public key modulus has its top bit clear: not a 2048-bit modulus";
    }
    int suffixAt = PREFIX.length + MODULUS_SIZE;
    for (int i = 0; i < SUFFIX.length; i++) {
      if (b[suffixAt + i] != SUFFIX[i]) {
        return "public key does not end with the public exponent 65537 (byte " + (suffixAt + i) + ")";
      }
    }
    return null;
  }

  private static RSAPublicKey toKey(BigInteger modulus) {
    try {
      return (RSAPublicKey) KeyFactory.getInstance("RSA")
          .generatePublic(new RSAPublicKeySpec(modulus, PUBLIC_EXPONENT));
    } catch (GeneralSecurityException e) {
      throw new BadKeyException("public key rejected by the RSA provider: " + e.getMessage(), e);
    }
  }
}
