package io.ccoin.core.crypto;

/**
 * A public or private key is not a valid ccoin key (SPEC 2): wrong encoding, size or exponent. The
 * message says what is wrong; it never contains private key material.
 */
public class BadKeyException extends IllegalArgumentException {
  /** An exception with the given reason. */
  public BadKeyException(String message) {
    super(message);
  }

  /** An exception with the given reason and cause. */
  public BadKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
