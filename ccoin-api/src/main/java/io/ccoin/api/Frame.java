package io.ccoin.api;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One peer-to-peer message (SPEC 9): a 3-character ASCII header such as {@code "HEL"} and a
 * canonical msgpack body. On the wire it is preceded by its length as a big-endian uint32.
 * Immutable; a transport moves frames without looking into the body.
 *
 * @param header the message type: exactly 3 ASCII characters
 * @param body the encoded message, at most {@link #MAX_FRAME} - 3 bytes
 */
public record Frame(String header, Bytes body) {
  /** The largest frame, header and body together: 8 MiB. */
  public static final int MAX_FRAME = 8 * 1024 * 1024;
  /** The length of a header. */
  public static final int HEADER_LENGTH = 3;

  /**
   * @throws IllegalArgumentException if the header is not 3 ASCII characters or the frame is
   *     longer than {@link #MAX_FRAME}
   */
  public Frame {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(body, "body");
    if (header.length() != HEADER_LENGTH || !StandardCharsets.US_ASCII.newEncoder().canEncode(header)) {
      throw new IllegalArgumentException("a frame header is 3 ASCII characters: '" + header + "'");
    }
    if (body.size() > MAX_FRAME - HEADER_LENGTH) {
      throw new IllegalArgumentException("frame of " + (body.size() + HEADER_LENGTH) + " bytes exceeds MAX_FRAME");
    }
  }

  /** Header and body length, the {@code L} of the wire format. */
  public int length() {
    return HEADER_LENGTH + body.size();
  }
}
