package io.ccoin.api;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An immutable sequence of bytes: a transaction's data, a public key, a signature.
 *
 * <p>Arrays are copied on the way in ({@link #of}) and on the way out ({@link #toArray}), so no
 * caller can change a value after it was built. Equality is by content. Thread-safe.
 */
public final class Bytes implements Comparable<Bytes> {
  /** The empty byte sequence. */
  public static final Bytes EMPTY = new Bytes(new byte[0]);

  private final byte[] bytes;
  /** The content hash, computed on first use (0 until then, as in {@link String}). */
  private int hash;

  private Bytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A copy of {@code bytes}. */
  public static Bytes of(byte... bytes) {
    return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone());
  }

  /**
   * A copy of {@code length} bytes of {@code bytes} starting at {@code offset}.
   *
   * @throws IndexOutOfBoundsException if the range is outside {@code bytes}
   */
  public static Bytes of(byte[] bytes, int offset, int length) {
    return length == 0 ? EMPTY : new Bytes(Arrays.copyOfRange(bytes, offset, offset + length));
  }

  /**
   * Parses lowercase or uppercase hex, with or without a {@code 0x} prefix.
   *
   * @throws IllegalArgumentException if {@code hex} is not an even number of hex digits
   */
  public static Bytes fromHex(String hex) {
    return new Bytes(parseHex(hex));
  }

  /**
   * Parses standard base64 with padding.
   *
   * @throws IllegalArgumentException if {@code base64} is not valid base64
   */
  public static Bytes fromBase64(String base64) {
    try {
      return new Bytes(Base64.getDecoder().decode(base64));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not valid base64: " + e.getMessage(), e);
    }
  }

  static byte[] parseHex(String hex) {
    String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
    try {
      return HexFormat.of().parseHex(digits);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not valid hex: " + abbreviate(hex), e);
    }
  }

  static String abbreviate(String s) {
    return s.length() <= 80 ? "'" + s + "'" : "'" + s.substring(0, 77) + "...' (" + s.length() + " characters)";
  }

  /** The number of bytes. */
  public int size() {
    return bytes.length;
  }

  /** True when there are no bytes. */
  public boolean isEmpty() {
    return bytes.length == 0;
  }

  /**
   * The byte at {@code index}, without copying.
   *
   * @throws IndexOutOfBoundsException unless {@code index} is 0 .. {@code size() - 1}
   */
  public byte get(int index) {
    return bytes[index];
  }

  /** A fresh copy of the bytes, which the caller may change; O(size). */
  public byte[] toArray() {
    return bytes.clone();
  }

  /**
   * Copies the bytes into {@code dest} from {@code offset}, without an intermediate array.
   *
   * @throws IndexOutOfBoundsException if {@code dest} is too short from {@code offset}
   */
  public void copyTo(byte[] dest, int offset) {
    System.arraycopy(bytes, 0, dest, offset, bytes.length);
  }

  /** A read-only view of the bytes, without copying. */
  public ByteBuffer asReadOnlyBuffer() {
    return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
  }

  /** Lowercase hex without a prefix. */
  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  /** Standard base64 with padding. */
  public String toBase64() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = Arrays.hashCode(bytes);
      hash = h;
    }
    return h;
  }

  /** Unsigned lexicographic order. */
  @Override
  public int compareTo(Bytes o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  /** Hex, abbreviated after 32 bytes for values longer than 64 bytes (for logs, not for parsing). */
  @Override
  public String toString() {
    return bytes.length <= 64 ? toHex() : HexFormat.of().formatHex(bytes, 0, 32) + "...(" + bytes.length + " bytes)";
  }
}
