package io.ccoin.core.codec;

import io.ccoin.api.Address;
import io.ccoin.api.Bytes;
import io.ccoin.api.Hash;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * Writes canonical msgpack (SPEC 1) with msgpack-core's packer, which always picks the shortest
 * form for integers, byte strings, texts and array headers. Only unsigned integers can be written.
 * Not thread-safe; one writer per output.
 */
public final class CanonicalWriter {
  private static final MessagePack.PackerConfig CONFIG = new MessagePack.PackerConfig().withStr8FormatSupport(true);

  private final MessageBufferPacker packer;

  private CanonicalWriter(int initialCapacity) {
    this.packer = CONFIG.withBufferSize(Math.max(64, initialCapacity)).newBufferPacker();
  }

  /** A new writer with a small initial buffer. */
  public static CanonicalWriter create() {
    return new CanonicalWriter(512);
  }

  /** A new writer sized for about {@code expectedSize} bytes. */
  public static CanonicalWriter create(int expectedSize) {
    return new CanonicalWriter(expectedSize);
  }

  public CanonicalWriter arrayHeader(int size) {
    try {
      packer.packArrayHeader(size);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /**
   * Writes {@code value} as an unsigned integer in its shortest form.
   *
   * @throws IllegalArgumentException if {@code value} is negative
   */
  public CanonicalWriter uint(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("only unsigned integers are encoded: " + value);
    }
    try {
      packer.packLong(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  public CanonicalWriter bool(boolean value) {
    try {
      packer.packBoolean(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  public CanonicalWriter bin(byte[] bytes) {
    try {
      packer.packBinaryHeader(bytes.length);
      packer.writePayload(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  public CanonicalWriter bin(Bytes bytes) {
    return bin(bytes.toArray());
  }

  public CanonicalWriter bin(Hash hash) {
    return bin(hash.toArray());
  }

  public CanonicalWriter bin(Address address) {
    return bin(address.toArray());
  }

  /** Writes UTF-8 text in its shortest str form. */
  public CanonicalWriter str(String text) {
    try {
      packer.packString(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Appends bytes that already are canonical msgpack (a nested structure encoded earlier). */
  public CanonicalWriter raw(byte[] encoded) {
    try {
      packer.writePayload(encoded);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** The number of bytes written so far. */
  public long size() {
    return packer.getTotalWrittenBytes();
  }

  /** The bytes written. */
  public byte[] toByteArray() {
    return packer.toByteArray();
  }

  /** The shortest msgpack encoding of an unsigned integer, without a writer. */
  public static byte[] encodeUint(long value) {
    byte[] buf = new byte[9];
    int len = encodeUint(value, buf);
    return java.util.Arrays.copyOf(buf, len);
  }

  /**
   * Writes the shortest msgpack uint form of {@code value} into {@code buf} (at least 9 bytes) and
   * returns its length; allocation-free for hot loops such as proof-of-work grinding.
   */
  public static int encodeUint(long value, byte[] buf) {
    if (value < 0) {
      throw new IllegalArgumentException("only unsigned integers are encoded: " + value);
    }
    int len;
    if (value < 0x80) {
      buf[0] = (byte) value;
      return 1;
    } else if (value < 0x100) {
      buf[0] = (byte) 0xcc;
      len = 1;
    } else if (value < 0x10000) {
      buf[0] = (byte) 0xcd;
      len = 2;
    } else if (value < 0x1_0000_0000L) {
      buf[0] = (byte) 0xce;
      len = 4;
    } else {
      buf[0] = (byte) 0xcf;
      len = 8;
    }
    for (int i = 0; i < len; i++) {
      buf[1 + i] = (byte) (value >>> (8 * (len - 1 - i)));
    }
    return len + 1;
  }
}
