package io.ccoin.net.internal.protocol;

/** The constants of the peer-to-peer protocol, version 1 (SPEC 9). */
public final class Protocol {
  /** The protocol version carried in {@code HEL}. */
  public static final long VERSION = 1;
  /** The most transactions in one {@code TXS}. */
  public static final int MAX_TXS = 1024;
  /** The most hashes in a {@code GBL} locator. */
  public static final int MAX_LOCATOR = 64;
  /** The largest {@code max} of a {@code GBL}, and so the most blocks in one {@code BLS}. */
  public static final int MAX_BLOCKS = 512;
  /** The most entries in one {@code PES}. */
  public static final int MAX_PEER_ENTRIES = 64;
  /** The longest {@code HEL} agent, in UTF-8 bytes. */
  public static final int MAX_AGENT_BYTES = 64;
  /** The longest {@code BYE} text, in UTF-8 bytes. */
  public static final int MAX_BYE_TEXT_BYTES = 256;
  /** The longest host name in a {@code PES} entry, in UTF-8 bytes (a DNS name is at most 253). */
  public static final int MAX_HOST_BYTES = 255;
  /** The size of a handshake challenge. */
  public static final int CHALLENGE_SIZE = 32;
  /** The largest TCP port. */
  public static final int MAX_PORT = 65_535;
  /** The {@code AUT} role byte of the node that dialed the connection. */
  public static final byte ROLE_DIALER = 0;
  /** The {@code AUT} role byte of the node that accepted the connection. */
  public static final byte ROLE_LISTENER = 1;
  /**
   * How a transport's close reason starts when the peer broke the framing (a frame over
   * {@code MAX_FRAME}, shorter than its header, or with a non-ASCII header): the protocol scores it
   * as a malformed frame.
   */
  public static final String FRAMING_VIOLATION = "protocol violation:";

  private Protocol() {}
}
