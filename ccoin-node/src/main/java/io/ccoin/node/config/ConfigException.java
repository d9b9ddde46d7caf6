package io.ccoin.node.config;

/** A ccoin.json that cannot be used; the message names the file and the key. */
public class ConfigException extends IllegalArgumentException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
