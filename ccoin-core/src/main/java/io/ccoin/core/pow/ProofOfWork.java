package io.ccoin.core.pow;

import io.ccoin.api.BlockHeader;
import io.ccoin.api.Hash;
import io.ccoin.core.codec.CanonicalWriter;
import io.ccoin.core.codec.Codec;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.LongConsumer;

/**
 * HashCash proof of work (SPEC 5): {@code powHash = SHA-256(msgpack(Header))} must start with
 * {@code difficulty} zero hex digits. An instance grinds nonces for one header: the constant prefix
 * of the encoding (every field but {@code powNonce}) is hashed once, and each attempt only clones
 * that digest state and hashes the nonce's few bytes. Not thread-safe: use one per thread.
 */
public final class ProofOfWork {
  private final MessageDigest prefixState;
  private final long difficulty;
  private final byte[] out = new byte[32];
  private final byte[] nonceBuf = new byte[9];

  /** Prepares to grind nonces for {@code header} (its own {@code powNonce} is ignored). */
  public ProofOfWork(BlockHeader header) {
    this.prefixState = sha256();
    this.prefixState.update(Codec.encodeHeaderPrefix(header));
    this.difficulty = header.difficulty();
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** True when {@code hash} starts with {@code difficulty} zero hex digits (0..64). */
  public static boolean meetsDifficulty(byte[] hash, long difficulty) {
    if (difficulty < 0 || difficulty > 64) {
      return false;
    }
    int fullBytes = (int) (difficulty >>> 1);
    for (int i = 0; i < fullBytes; i++) {
      if (hash[i] != 0) {
        return false;
      }
    }
    return (difficulty & 1) == 0 || (hash[fullBytes] & 0xf0) == 0;
  }

  /** True when {@code hash} starts with {@code difficulty} zero hex digits. */
  public static boolean meetsDifficulty(Hash hash, long difficulty) {
    return meetsDifficulty(hash.toArray(), difficulty);
  }

  /** {@code SHA-256(msgpack(header))}. */
  public static Hash powHash(BlockHeader header) {
    return Hash.of(sha256().digest(Codec.encode(header)));
  }

  /** Hashes the header with {@code nonce} into an internal buffer and tells whether it meets the difficulty. */
  public boolean tryNonce(long nonce) {
    digest(nonce);
    return meetsDifficulty(out, difficulty);
  }

  /** The powHash of the header with {@code nonce}. */
  public Hash hashWith(long nonce) {
    digest(nonce);
    return Hash.of(out);
  }

  private void digest(long nonce) {
    int len = CanonicalWriter.encodeUint(nonce, nonceBuf);
    try {
      MessageDigest d = (MessageDigest) prefixState.clone();
      d.update(nonceBuf, 0, len);
      d.digest(out, 0, 32);
    } catch (CloneNotSupportedException | DigestException e) {
      throw new IllegalStateException("SHA-256 digest cannot be cloned", e);
    }
  }

  /**
   * Searches nonces {@code from}, {@code from + step}, ... up to {@code limit} (exclusive) and returns
   * the first that meets the difficulty, or -1. Use distinct {@code from} and a shared {@code step}
   * to split the search among threads.
   */
  public long search(long from, long step, long limit) {
    for (long n = from; n >= 0 && n < limit; n += step) {
      if (tryNonce(n)) {
        return n;
      }
    }
    return -1;
  }

  /** The smallest nonce from 0 upward that meets the difficulty (the genesis rule). */
  public long smallestNonce() {
    return smallestNonce(Long.MAX_VALUE, tried -> { });
  }

  /**
   * The smallest nonce from 0 upward that meets the difficulty, telling {@code progress} the number
   * of nonces tried after every {@code every} of them (on the calling thread).
   */
  public long smallestNonce(long every, LongConsumer progress) {
    if (every < 1) {
      throw new IllegalArgumentException("every must be at least 1, got " + every);
    }
    for (long from = 0; from >= 0; from += every) {
      long limit = from > Long.MAX_VALUE - every ? Long.MAX_VALUE : from + every;
      long n = search(from, 1, limit);
      if (n >= 0) {
        return n;
      }
      progress.accept(limit);
      if (limit == Long.MAX_VALUE) {
        break;
      }
    }
    throw new IllegalStateException("no nonce meets difficulty " + difficulty);
  }

  /**
   * The expected number of hashes to find a nonce for {@code difficulty} zero hex digits:
   * {@code 16^difficulty} (a double: 2^64 for difficulty 16).
   */
  public static double expectedHashes(long difficulty) {
    return Math.pow(16, difficulty);
  }
}
