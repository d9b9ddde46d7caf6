package io.ccoin.core.codec;

import io.ccoin.api.Address;
import io.ccoin.api.Bytes;
import io.ccoin.api.Hash;
import io.ccoin.core.crypto.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Writes canonical msgpack (SPEC 1) into a growing byte array: always the shortest form for
 * integers, byte strings, texts and array headers. Only unsigned integers can be written. Fields are
 * copied straight from the values' own storage ({@link Bytes#copyTo}, {@link Hash#copyTo},
 * {@link Address#copyTo}), with no intermediate arrays, because hashing an encoding is on every hot
 * path (transaction and block hashes, proof of work). Not thread-safe; one writer per output.
 */
public final class CanonicalWriter {
  private byte[] buf;
  private int size;

  private CanonicalWriter(int initialCapacity) {
    this.buf = new byte[Math.max(64, initialCapacity)];
  }

  /** A new writer with a small initial buffer. */
  public static CanonicalWriter create() {
    return new CanonicalWriter(512);
  }

  /** A new writer sized for about {@code expectedSize} bytes. */
  public static CanonicalWriter create(int expectedSize) {
    return new CanonicalWriter(expectedSize);
  }

  private void ensure(int more) {
    if (more > buf.length - size) {
      long needed = (long) size + more;
      if (needed > Integer.MAX_VALUE - 8) {
        throw new IllegalStateException("an encoding cannot exceed 2 GiB");
      }
      buf = Arrays.copyOf(buf, (int) Math.max(needed, Math.min(Integer.MAX_VALUE - 8, 2L * buf.length)));
    }
  }

  /** Writes a msgpack length header: the fix form when {@code length < fixLimit}, else 8/16/32-bit. */
  private void lengthHeader(long length, int fixBase, int fixLimit, int form8, int form16, int form32) {
    ensure(5);
    if (length < fixLimit) {
      buf[size++] = (byte) (fixBase | length);
    } else if (form8 != 0 && length < 0x100) {
      buf[size++] = (byte) form8;
      buf[size++] = (byte) length;
    } else if (length < 0x10000) {
      buf[size++] = (byte) form16;
      buf[size++] = (byte) (length >>> 8);
      buf[size++] = (byte) length;
    } else {
      buf[size++] = (byte) form32;
      buf[size++] = (byte) (length >>> 24);
      buf[size++] = (byte) (length >>> 16);
      buf[size++] = (byte) (length >>> 8);
      buf[size++] = (byte) length;
    }
  }

  /**
   * Writes an array header for {@code size} elements.
   *
   * @throws IllegalArgumentException if {@code size} is negative
   */
  public CanonicalWriter arrayHeader(int size) {
    if (size < 0) {
      throw new IllegalArgumentException("an array cannot have " + size + " elements");
    }
    lengthHeader(size, 0x90, 16, 0, 0xdc, 0xdd);
    return this;
  }

  /**
   * Writes {@code value} as an unsigned integer in its shortest form.
   *
   * @throws IllegalArgumentException if {@code value} is negative
   */
  public CanonicalWriter uint(long value) {
    ensure(9);
    if (value >= 0 && value < 0x80) {
      buf[size++] = (byte) value;
    } else {
      size += encodeUint(value, buf, size);
    }
    return this;
  }

  public CanonicalWriter bool(boolean value) {
    ensure(1);
    buf[size++] = (byte) (value ? 0xc3 : 0xc2);
    return this;
  }

  private void binHeader(int length) {
    lengthHeader(length, 0, 0, 0xc4, 0xc5, 0xc6);
  }

  public CanonicalWriter bin(byte[] bytes) {
    binHeader(bytes.length);
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, size, bytes.length);
    size += bytes.length;
    return this;
  }

  public CanonicalWriter bin(Bytes bytes) {
    int n = bytes.size();
    binHeader(n);
    ensure(n);
    bytes.copyTo(buf, size);
    size += n;
    return this;
  }

  public CanonicalWriter bin(Hash hash) {
    ensure(2 + Hash.SIZE);
    buf[size] = (byte) 0xc4;
    buf[size + 1] = Hash.SIZE;
    hash.copyTo(buf, size + 2);
    size += 2 + Hash.SIZE;
    return this;
  }

  public CanonicalWriter bin(Address address) {
    ensure(2 + Address.SIZE);
    buf[size] = (byte) 0xc4;
    buf[size + 1] = Address.SIZE;
    address.copyTo(buf, size + 2);
    size += 2 + Address.SIZE;
    return this;
  }

  /** Writes UTF-8 text in its shortest str form. */
  public CanonicalWriter str(String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    lengthHeader(utf8.length, 0xa0, 32, 0xd9, 0xda, 0xdb);
    ensure(utf8.length);
    System.arraycopy(utf8, 0, buf, size, utf8.length);
    size += utf8.length;
    return this;
  }

  /** Appends bytes that already are canonical msgpack (a nested structure encoded earlier). */
  public CanonicalWriter raw(byte[] encoded) {
    ensure(encoded.length);
    System.arraycopy(encoded, 0, buf, size, encoded.length);
    size += encoded.length;
    return this;
  }

  /** The number of bytes written so far. */
  public long size() {
    return size;
  }

  /** The bytes written. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  /** {@code H} of the bytes written, without copying them. */
  public Hash sha256() {
    return Sha256.hash(buf, 0, size);
  }

  /** Feeds the bytes written to {@code digest}, without copying them. */
  public void update(MessageDigest digest) {
    digest.update(buf, 0, size);
  }

  /** Forgets what was written, keeping the buffer, so that one writer can encode many values. */
  public CanonicalWriter reset() {
    size = 0;
    return this;
  }

  /** The length of the shortest encoding of the unsigned integer {@code value}. */
  public static int uintSize(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("only unsigned integers are encoded: " + value);
    }
    return value < 0x80 ? 1 : value < 0x100 ? 2 : value < 0x10000 ? 3 : value < 0x1_0000_0000L ? 5 : 9;
  }

  /** The length of the header of an array of {@code size} elements. */
  public static int arrayHeaderSize(int size) {
    return size < 16 ? 1 : size < 0x10000 ? 3 : 5;
  }

  /** The length of a byte string of {@code length} bytes in its shortest bin form, header included. */
  public static long binSize(int length) {
    return (long) length + (length < 0x100 ? 2 : length < 0x10000 ? 3 : 5);
  }

  /** The shortest msgpack encoding of an unsigned integer, without a writer. */
  public static byte[] encodeUint(long value) {
    byte[] buf = new byte[9];
    int len = encodeUint(value, buf);
    return Arrays.copyOf(buf, len);
  }

  /**
   * Writes the shortest msgpack uint form of {@code value} into {@code buf} (at least 9 bytes) and
   * returns its length; allocation-free for hot loops such as proof-of-work grinding.
   */
  public static int encodeUint(long value, byte[] buf) {
    return encodeUint(value, buf, 0);
  }

  /** As {@link #encodeUint(long, byte[])}, writing at {@code offset}. */
  public static int encodeUint(long value, byte[] buf, int offset) {
    if (value < 0) {
      throw new IllegalArgumentException("only unsigned integers are encoded: " + value);
    }
    int len;
    if (value < 0x80) {
      buf[offset] = (byte) value;
      return 1;
    } else if (value < 0x100) {
      buf[offset] = (byte) 0xcc;
      len = 1;
    } else if (value < 0x10000) {
      buf[offset] = (byte) 0xcd;
      len = 2;
    } else if (value < 0x1_0000_0000L) {
      buf[offset] = (byte) 0xce;
      len = 4;
    } else {
      buf[offset] = (byte) 0xcf;
      len = 8;
    }
    for (int i = 0; i < len; i++) {
      buf[offset + 1 + i] = (byte) (value >>> (8 * (len - 1 - i)));
    }
    return len + 1;
  }
}
