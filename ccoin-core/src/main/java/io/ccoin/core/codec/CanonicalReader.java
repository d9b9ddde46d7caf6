package io.ccoin.core.codec;

import io.ccoin.api.Address;
import io.ccoin.api.Bytes;
import io.ccoin.api.Hash;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageSizeException;
import org.msgpack.core.MessageUnpacker;

/**
 * A strict reader of canonical msgpack (SPEC 1) over a byte array, built on msgpack-core's
 * unpacker. Every read checks that the value has the expected type and uses its shortest form; every
 * length is checked against the bytes that remain before anything is allocated. Any violation is a
 * {@link DecodeException}. Not thread-safe; one reader per input.
 */
public final class CanonicalReader {
  private final MessageUnpacker unpacker;
  private final int length;

  private CanonicalReader(byte[] bytes, int offset, int length) {
    this.unpacker = MessagePack.newDefaultUnpacker(bytes, offset, length);
    this.length = length;
  }

  /** A reader of all of {@code bytes}. */
  public static CanonicalReader of(byte[] bytes) {
    return new CanonicalReader(bytes, 0, bytes.length);
  }

  /** A reader of {@code length} bytes of {@code bytes} from {@code offset}. */
  public static CanonicalReader of(byte[] bytes, int offset, int length) {
    return new CanonicalReader(bytes, offset, length);
  }

  /** The number of bytes read so far, relative to the start of the input. */
  public int position() {
    return (int) unpacker.getTotalReadBytes();
  }

  /** The number of bytes not yet read. */
  public int remaining() {
    return length - position();
  }

  /** True when there is nothing more to read. */
  public boolean atEnd() {
    return remaining() == 0;
  }

  /** Fails unless every byte has been read. */
  public void expectEnd(String what) {
    if (!atEnd()) {
      throw new DecodeException(what + ": " + remaining() + " trailing byte(s) after the value");
    }
  }

  private MessageFormat next(String what) {
    if (atEnd()) {
      throw new DecodeException(what + ": input ends before the value");
    }
    try {
      return unpacker.getNextFormat();
    } catch (IOException | MessagePackException e) {
      throw new DecodeException(what + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads an array header with exactly {@code expected} elements.
   *
   * @throws DecodeException when the next value is not an array of that size in shortest form
   */
  public void readArrayHeader(String what, int expected) {
    int n = readArrayHeader(what, expected, expected);
    if (n != expected) {
      throw new DecodeException(what + ": expected " + expected + " fields, got " + n);
    }
  }

  /**
   * Reads an array header whose size is at most {@code max}, and at least... checking that the
   * remaining input could hold that many elements (each takes at least one byte).
   *
   * @return the number of elements
   */
  public int readArrayHeader(String what, int min, int max) {
    long n = readLength(what, ARRAY_FORMS, "an array", "elements", () -> unpacker.unpackArrayHeader());
    if (n < min || n > max) {
      throw new DecodeException(what + ": expected " + (min == max ? "" + min : min + " to " + max) + " elements, got " + n);
    }
    if (n > remaining()) {
      throw new DecodeException(what + ": array declares " + n + " elements but only " + remaining() + " bytes remain");
    }
    return (int) n;
  }

  /**
   * Reads an unsigned integer in its shortest form, 0 .. 2^63-1.
   *
   * @throws DecodeException for a signed or non-shortest form, another type, or a value above 2^63-1
   */
  public long readUint(String what) {
    MessageFormat f = next(what);
    try {
      switch (f) {
        case POSFIXINT:
          return unpacker.unpackLong();
        case UINT8: {
          long v = unpacker.unpackLong();
          return shortest(what, v, 1L << 7, "uint8");
        }
        case UINT16: {
          long v = unpacker.unpackLong();
          return shortest(what, v, 1L << 8, "uint16");
        }
        case UINT32: {
          long v = unpacker.unpackLong();
          return shortest(what, v, 1L << 16, "uint32");
        }
        case UINT64: {
          java.math.BigInteger big = unpacker.unpackBigInteger();
          if (big.bitLength() > 63) {
            throw new DecodeException(what + ": value " + big + " is above 2^63-1");
          }
          return shortest(what, big.longValueExact(), 1L << 32, "uint64");
        }
        default:
          throw new DecodeException(what + ": expected an unsigned integer, got " + describe(f));
      }
    } catch (IOException | MessagePackException | ArithmeticException e) {
      throw new DecodeException(what + ": " + e.getMessage(), e);
    }
  }

  /** One msgpack form of a length-prefixed value and the least length that may use it. */
  private record Form(MessageFormat format, long minLength, String name) {}

  private static final List<Form> ARRAY_FORMS = List.of(
      new Form(MessageFormat.FIXARRAY, 0, "fixarray"), new Form(MessageFormat.ARRAY16, 16, "array16"),
      new Form(MessageFormat.ARRAY32, 65536, "array32"));
  private static final List<Form> BIN_FORMS = List.of(
      new Form(MessageFormat.BIN8, 0, "bin8"), new Form(MessageFormat.BIN16, 256, "bin16"),
      new Form(MessageFormat.BIN32, 65536, "bin32"));
  private static final List<Form> STR_FORMS = List.of(
      new Form(MessageFormat.FIXSTR, 0, "fixstr"), new Form(MessageFormat.STR8, 32, "str8"),
      new Form(MessageFormat.STR16, 256, "str16"), new Form(MessageFormat.STR32, 65536, "str32"));

  @FunctionalInterface
  private interface HeaderRead {
    int read() throws IOException;
  }

  /**
   * Reads the header of a length-prefixed value (array, bin, str), checking that it is one of
   * {@code forms} and the shortest of them for its length; returns the declared length (32-bit
   * lengths read unsigned). The length is not yet checked against the input.
   */
  private long readLength(String what, List<Form> forms, String expected, String unit, HeaderRead header) {
    MessageFormat f = next(what);
    int at = -1;
    for (int i = 0; i < forms.size(); i++) {
      if (forms.get(i).format() == f) {
        at = i;
      }
    }
    if (at < 0) {
      throw new DecodeException(what + ": expected " + expected + ", got " + describe(f));
    }
    int before = remaining();
    long n;
    try {
      n = Integer.toUnsignedLong(header.read());
    } catch (MessageSizeException e) {
      throw tooLong(what, e, before, unit);
    } catch (IOException | MessagePackException e) {
      throw new DecodeException(what + ": " + e.getMessage(), e);
    }
    if (n < forms.get(at).minLength()) {
      throw new DecodeException(what + ": " + n + " " + unit + " must use " + forms.get(at - 1).name() + ", not " + forms.get(at).name());
    }
    return n;
  }

  /** msgpack-core refuses 32-bit lengths of 2^31 and more; those never fit in the input either. */
  private static DecodeException tooLong(String what, MessageSizeException e, int remainingBefore, String unit) {
    int left = Math.max(0, remainingBefore - 5);
    return new DecodeException(what + ": declares " + e.getSize() + " " + unit + " but only " + left + " "
        + ("bytes".equals(unit) ? "remain" : "bytes remain"), e);
  }

  private static long shortest(String what, long v, long min, String form) {
    if (v < min) {
      throw new DecodeException(what + ": value " + v + " encoded as " + form + " is not the shortest form");
    }
    return v;
  }

  /** Reads an unsigned integer that must fit in an int, 0 .. {@code max}. */
  public int readUintAtMost(String what, int max) {
    long v = readUint(what);
    if (v > max) {
      throw new DecodeException(what + ": " + v + " is above the limit " + max);
    }
    return (int) v;
  }

  /** Reads a boolean ({@code 0xc2} or {@code 0xc3}). */
  public boolean readBoolean(String what) {
    MessageFormat f = next(what);
    if (f != MessageFormat.BOOLEAN) {
      throw new DecodeException(what + ": expected a boolean, got " + describe(f));
    }
    try {
      return unpacker.unpackBoolean();
    } catch (IOException | MessagePackException e) {
      throw new DecodeException(what + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a byte string of at most {@code max} bytes in its shortest bin form. The declared length
   * is checked against the limit and the remaining input before any allocation.
   */
  public byte[] readBinArray(String what, int max) {
    long n = readLength(what, BIN_FORMS, "a byte string (bin)", "bytes", () -> unpacker.unpackBinaryHeader());
    if (n > remaining()) {
      throw new DecodeException(what + ": declares " + n + " bytes but only " + remaining() + " remain");
    }
    if (n > max) {
      throw new DecodeException(what + ": " + n + " bytes is above the limit of " + max);
    }
    try {
      return unpacker.readPayload((int) n);
    } catch (IOException | MessagePackException e) {
      throw new DecodeException(what + ": " + e.getMessage(), e);
    }
  }

  /** Reads a byte string of at most {@code max} bytes. */
  public Bytes readBin(String what, int max) {
    byte[] b = readBinArray(what, max);
    return b.length == 0 ? Bytes.EMPTY : Bytes.of(b);
  }

  /** Reads a byte string of exactly {@code size} bytes. */
  public byte[] readBinExact(String what, int size) {
    byte[] b = readBinArray(what, Integer.MAX_VALUE);
    if (b.length != size) {
      throw new DecodeException(what + ": expected " + size + " bytes, got " + b.length);
    }
    return b;
  }

  /** Reads a {@code bin32}-sized hash field (32 bytes). */
  public Hash readHash(String what) {
    return Hash.of(readBinExact(what, Hash.SIZE));
  }

  /** Reads a {@code bin20} address field (20 bytes). */
  public Address readAddress(String what) {
    return Address.of(readBinExact(what, Address.SIZE));
  }

  /** Reads a UTF-8 text of at most {@code maxBytes} encoded bytes, in its shortest str form. */
  public String readString(String what, int maxBytes) {
    long n = readLength(what, STR_FORMS, "a text (str)", "bytes", () -> unpacker.unpackRawStringHeader());
    if (n > remaining()) {
      throw new DecodeException(what + ": declares " + n + " bytes but only " + remaining() + " remain");
    }
    if (n > maxBytes) {
      throw new DecodeException(what + ": text of " + n + " bytes is above the limit of " + maxBytes);
    }
    try {
      byte[] raw = unpacker.readPayload((int) n);
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw))
          .toString();
    } catch (CharacterCodingException e) {
      throw new DecodeException(what + ": text is not valid UTF-8", e);
    } catch (IOException | MessagePackException e) {
      throw new DecodeException(what + ": " + e.getMessage(), e);
    }
  }

  private static String describe(MessageFormat f) {
    return switch (f) {
      case NIL -> "nil";
      case BOOLEAN -> "a boolean";
      case NEGFIXINT, INT8, INT16, INT32, INT64 -> "a signed integer (" + f.name().toLowerCase(java.util.Locale.ROOT) + ")";
      case POSFIXINT, UINT8, UINT16, UINT32, UINT64 -> "an unsigned integer";
      case FLOAT32, FLOAT64 -> "a float";
      case FIXSTR, STR8, STR16, STR32 -> "a text (str)";
      case BIN8, BIN16, BIN32 -> "a byte string (bin)";
      case FIXARRAY, ARRAY16, ARRAY32 -> "an array";
      case FIXMAP, MAP16, MAP32 -> "a map";
      case FIXEXT1, FIXEXT2, FIXEXT4, FIXEXT8, FIXEXT16, EXT8, EXT16, EXT32 -> "an extension value";
      case NEVER_USED -> "the reserved byte 0xc1";
    };
  }
}
