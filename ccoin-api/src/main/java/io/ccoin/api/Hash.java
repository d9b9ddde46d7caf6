package io.ccoin.api;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A 32-byte SHA-256 hash: a transaction hash, a block hash, a Merkle root. Immutable and
 * thread-safe; ordered as unsigned bytes, most significant first.
 */
public final class Hash implements Comparable<Hash> {
  /** The number of bytes in a hash. */
  public static final int SIZE = 32;
  /** 32 zero bytes: the genesis block's parent hash and the empty subtree of the state tree. */
  public static final Hash ZERO = new Hash(new byte[SIZE]);

  private final byte[] bytes;
  /** The content hash, computed on first use (0 until then): most hashes are never put in a map. */
  private int hashCode;

  private Hash(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * A hash holding a copy of {@code bytes}.
   *
   * @throws IllegalArgumentException if {@code bytes} is not exactly 32 bytes long
   */
  public static Hash of(byte[] bytes) {
    if (bytes.length != SIZE) {
      throw new IllegalArgumentException("a hash is 32 bytes, got " + bytes.length);
    }
    return new Hash(bytes.clone());
  }

  /**
   * A hash holding a copy of the 32 bytes of {@code bytes} from {@code offset}.
   *
   * @throws IllegalArgumentException if fewer than 32 bytes are there
   */
  public static Hash of(byte[] bytes, int offset) {
    if (offset < 0 || bytes.length - offset < SIZE) {
      throw new IllegalArgumentException("a hash is 32 bytes, only " + Math.max(0, bytes.length - offset) + " available");
    }
    return new Hash(Arrays.copyOfRange(bytes, offset, offset + SIZE));
  }

  /**
   * Parses 64 hex digits, upper or lower case, with an optional {@code 0x} prefix.
   *
   * @throws IllegalArgumentException if {@code hex} is not a 32-byte hex string
   */
  public static Hash fromHex(String hex) {
    byte[] b = Bytes.parseHex(hex);
    if (b.length != SIZE) {
      throw new IllegalArgumentException("a hash is 64 hex digits, got " + Bytes.abbreviate(hex));
    }
    return new Hash(b);
  }

  /** A fresh copy of the 32 bytes, which the caller may change. */
  public byte[] toArray() {
    return bytes.clone();
  }

  /**
   * The byte at {@code index}, without copying.
   *
   * @throws IndexOutOfBoundsException unless {@code index} is 0 .. 31
   */
  public byte get(int index) {
    return bytes[index];
  }

  /**
   * Bit {@code index} (0 .. 255) counted from the most significant bit of byte 0: the path of an
   * account in the state tree.
   *
   * @throws IndexOutOfBoundsException unless {@code index} is 0 .. 255
   */
  public boolean bit(int index) {
    return (bytes[index >>> 3] & (0x80 >>> (index & 7))) != 0;
  }

  /** A read-only view of the 32 bytes, without copying. */
  public ByteBuffer asReadOnlyBuffer() {
    return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
  }

  /**
   * Copies the 32 bytes into {@code dest} at {@code offset}, without an intermediate array.
   *
   * @throws IndexOutOfBoundsException if {@code dest} has fewer than 32 bytes from {@code offset}
   */
  public void copyTo(byte[] dest, int offset) {
    System.arraycopy(bytes, 0, dest, offset, SIZE);
  }

  /** The hash as {@link Bytes}. */
  public Bytes toBytes() {
    return Bytes.of(bytes);
  }

  /** 64 lowercase hex digits. */
  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hash other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    int h = hashCode;
    if (h == 0) {
      h = Arrays.hashCode(bytes);
      hashCode = h;
    }
    return h;
  }

  @Override
  public int compareTo(Hash o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  /** 64 lowercase hex digits. */
  @Override
  public String toString() {
    return toHex();
  }
}
