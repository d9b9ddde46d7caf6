package io.ccoin.core.crypto;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A {@link Keystore} file could not be written, read or decrypted: an I/O error, a wrong
 * passphrase, or a damaged file. The message names the file and what is wrong; it never contains
 * the passphrase or key material.
 */
public class KeystoreException extends RuntimeException {
  private final transient Path file;

  /** An exception about {@code file} (may be null when no file is involved). */
  public KeystoreException(Path file, String message) {
    super(message);
    this.file = file;
  }

  /** An exception about {@code file} (may be null when no file is involved), with a cause. */
  public KeystoreException(Path file, String message, Throwable cause) {
    super(message, cause);
    this.file = file;
  }

  /** The keystore file concerned, when there is one. */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }
}
