package io.ccoin.net.internal.protocol;

import java.util.Optional;

/** The reasons of a {@code BYE} (SPEC 9). */
public enum ByeReason {
  WRONG_NETWORK(1),
  TOO_MANY_PEERS(2),
  DUPLICATE(3),
  MISBEHAVIOUR(4),
  SHUTTING_DOWN(5),
  BAD_HANDSHAKE(6);

  private final int code;

  ByeReason(int code) {
    this.code = code;
  }

  /** The code on the wire. */
  public int code() {
    return code;
  }

  /** The reason with this code; empty for a code this version does not know. */
  public static Optional<ByeReason> of(long code) {
    for (ByeReason r : values()) {
      if (r.code == code) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
