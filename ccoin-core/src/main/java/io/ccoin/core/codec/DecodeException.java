package io.ccoin.core.codec;

/**
 * Bytes that are not the canonical msgpack encoding of the expected structure (SPEC 1): a
 * non-shortest form, a wrong type, a wrong field count, trailing bytes, a value above 2^63-1, or a
 * length larger than the bytes that remain. The message says what was wrong and where.
 */
public class DecodeException extends IllegalArgumentException {
  public DecodeException(String message) {
    super(message);
  }

  public DecodeException(String message, Throwable cause) {
    super(message, cause);
  }
}
