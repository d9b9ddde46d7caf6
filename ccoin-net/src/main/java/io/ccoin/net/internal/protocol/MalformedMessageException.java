package io.ccoin.net.internal.protocol;

/**
 * A frame that is not a well-formed protocol message: an unknown header, a body that is not the
 * canonical encoding of that header's structure, or a value beyond one of the protocol's limits.
 * The message names the header and what was wrong. The sender's fault (SPEC 9, misbehaviour).
 */
public class MalformedMessageException extends IllegalArgumentException {
  public MalformedMessageException(String message) {
    super(message);
  }

  public MalformedMessageException(String message, Throwable cause) {
    super(message, cause);
  }
}
