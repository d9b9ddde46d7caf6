package io.ccoin.api;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A 20-byte account address: the last 20 bytes of the SHA-256 of an RSA public key's
 * SubjectPublicKeyInfo encoding. Immutable and thread-safe; ordered as unsigned bytes, the order
 * in which the genesis sorts its miners.
 */
public final class Address implements Comparable<Address> {
  /** The number of bytes in an address. */
  public static final int SIZE = 20;
  /** Twenty zero bytes: the genesis block's miner when there is no coinbase. */
  public static final Address ZERO = new Address(new byte[SIZE]);

  private final byte[] bytes;
  private final int hashCode;

  private Address(byte[] bytes) {
    this.bytes = bytes;
    this.hashCode = Arrays.hashCode(bytes);
  }

  /**
   * An address holding a copy of {@code bytes}.
   *
   * @throws IllegalArgumentException if {@code bytes} is not exactly 20 bytes long
   */
  public static Address of(byte[] bytes) {
    if (bytes.length != SIZE) {
      throw new IllegalArgumentException("an address is 20 bytes, got " + bytes.length);
    }
    return new Address(bytes.clone());
  }

  /** The address formed by the last 20 bytes of a 32-byte hash. */
  public static Address fromHashTail(Hash hash) {
    byte[] h = hash.toArray();
    return new Address(Arrays.copyOfRange(h, Hash.SIZE - SIZE, Hash.SIZE));
  }

  /**
   * Parses 40 hex digits, upper or lower case, with an optional {@code 0x} prefix.
   *
   * @throws IllegalArgumentException if {@code hex} is not a 20-byte hex string
   */
  public static Address fromHex(String hex) {
    byte[] b = Bytes.parseHex(hex);
    if (b.length != SIZE) {
      throw new IllegalArgumentException("an address is 40 hex digits, got " + Bytes.abbreviate(hex));
    }
    return new Address(b);
  }

  /** A fresh copy of the 20 bytes, which the caller may change. */
  public byte[] toArray() {
    return bytes.clone();
  }

  /**
   * The byte at {@code index}, without copying the address.
   *
   * @throws IndexOutOfBoundsException unless {@code index} is 0 .. 19
   */
  public byte get(int index) {
    return bytes[index];
  }

  /**
   * Bit {@code index} (0 .. 159) counted from the most significant bit of byte 0.
   *
   * @throws IndexOutOfBoundsException unless {@code index} is 0 .. 159
   */
  public boolean bit(int index) {
    return (bytes[index >>> 3] & (0x80 >>> (index & 7))) != 0;
  }

  /**
   * Copies the 20 bytes into {@code dest} at {@code offset}, without an intermediate array.
   *
   * @throws IndexOutOfBoundsException if {@code dest} has fewer than 20 bytes from {@code offset}
   */
  public void copyTo(byte[] dest, int offset) {
    System.arraycopy(bytes, 0, dest, offset, SIZE);
  }

  /** 40 lowercase hex digits. */
  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Address other && hashCode == other.hashCode && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return hashCode;
  }

  @Override
  public int compareTo(Address o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  /** 40 lowercase hex digits. */
  @Override
  public String toString() {
    return toHex();
  }
}
