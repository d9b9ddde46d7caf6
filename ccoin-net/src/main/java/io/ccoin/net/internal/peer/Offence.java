package io.ccoin.net.internal.peer;

/**
 * What a peer can be blamed for (SPEC 9, misbehaviour): only its own faults, never a block or
 * transaction that is merely stale or on another fork. At a total of {@link #BAN_SCORE} the peer is
 * disconnected, its node id refused and its address discouraged (never banned: see
 * {@link PeerManager}).
 */
public enum Offence {
  /** A frame that does not decode, is not canonical, or breaks a limit. */
  MALFORMED_FRAME(100),
  /** A message that is not allowed at this point of the protocol, such as a second {@code HEL}. */
  PROTOCOL_VIOLATION(100),
  /** A block that breaks a consensus rule (bad signature, key, proof of work, non-miner, a body that does not match). */
  INVALID_BLOCK(100),
  /** A transaction that can never be valid on this network (wrong chain, bad key or signature, too large, fee too low). */
  INVALID_TRANSACTION(10),
  /** A {@code GBL} beyond the rate limit: an unsolicited flood. */
  REQUEST_FLOOD(5);

  /** The score at which a peer is disconnected, its node id refused and its address discouraged. */
  public static final int BAN_SCORE = 100;

  private final int score;

  Offence(int score) {
    this.score = score;
  }

  public int score() {
    return score;
  }
}
