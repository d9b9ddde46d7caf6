package io.ccoin.api;

/**
 * A {@link ChainStore} could not read or write: an I/O error, a full disk, damaged files. The one
 * exception a store throws; its message says which file and what went wrong.
 */
public class StoreException extends RuntimeException {
  /** A failure described by {@code message}, which should name the file and what went wrong. */
  public StoreException(String message) {
    super(message);
  }

  /** A failure described by {@code message}, caused by {@code cause} (usually an I/O error). */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
