package io.ccoin.core.crypto;

import io.ccoin.api.Hash;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256, the {@code H(x)} of SPEC 1. Each thread reuses its own {@link MessageDigest}, so the
 * helpers are cheap to call on hot paths and safe to call from any thread.
 */
public final class Sha256 {
  private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(Sha256::newDigest);
  private static final ThreadLocal<Digest> SCRATCH = ThreadLocal.withInitial(Digest::new);

  private Sha256() {}

  /** A fresh SHA-256 digest, for callers that hash a stream incrementally. */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }

  /** {@code H(data)}. */
  public static Hash hash(byte[] data) {
    MessageDigest md = DIGEST.get();
    md.reset();
    return Hash.of(md.digest(data));
  }

  /** {@code H} of {@code length} bytes of {@code data} starting at {@code offset}. */
  public static Hash hash(byte[] data, int offset, int length) {
    Digest d = SCRATCH.get();
    d.md.reset();
    d.md.update(data, offset, length);
    try {
      d.md.digest(d.out, 0, Hash.SIZE);
    } catch (DigestException e) {
      throw new IllegalStateException("SHA-256 cannot write 32 bytes", e);
    }
    return Hash.of(d.out);
  }

  /** A digest and the buffer its result goes to, so that hashing allocates only the {@link Hash}. */
  private static final class Digest {
    final MessageDigest md = newDigest();
    final byte[] out = new byte[Hash.SIZE];
  }

  /** {@code H(parts[0] || parts[1] || ...)}, without building the concatenation. */
  public static Hash hash(byte[]... parts) {
    MessageDigest md = DIGEST.get();
    md.reset();
    for (byte[] part : parts) {
      md.update(part);
    }
    return Hash.of(md.digest());
  }
}
