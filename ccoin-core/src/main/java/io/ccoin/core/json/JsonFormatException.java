package io.ccoin.core.json;

/** Text that is not well-formed JSON, or has a duplicate key. The message gives the line and column. */
public class JsonFormatException extends IllegalArgumentException {
  public JsonFormatException(String message) {
    super(message);
  }

  public JsonFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
