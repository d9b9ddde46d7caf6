package io.ccoin.core.genesis;

/** A genesis file that cannot be used. The message names the key and what is wrong with it. */
public class GenesisException extends IllegalArgumentException {
  public GenesisException(String message) {
    super(message);
  }

  public GenesisException(String message, Throwable cause) {
    super(message, cause);
  }
}
