package io.ccoin.net.internal.protocol;

import io.ccoin.api.Bytes;
import io.ccoin.api.Frame;
import io.ccoin.core.codec.CanonicalReader;
import io.ccoin.core.codec.CanonicalWriter;

/**
 * Turns {@link Message}s into {@link Frame}s and back (SPEC 9). Decoding is strict: an unknown
 * header, a body that is not exactly one canonical msgpack value of the header's structure
 * (non-shortest forms, wrong types or field counts, trailing bytes), or a list or text beyond the
 * protocol's limits is a {@link MalformedMessageException} naming the header and the fault.
 * Stateless and thread-safe.
 */
public final class MessageCodec {
  private MessageCodec() {}

  /**
   * The frame of {@code message}.
   *
   * @throws IllegalArgumentException if the frame would exceed {@link Frame#MAX_FRAME}
   */
  public static Frame encode(Message message) {
    return new Frame(message.header(), Bytes.of(encodeBody(message)));
  }

  /** The canonical msgpack body of {@code message}. */
  public static byte[] encodeBody(Message message) {
    CanonicalWriter w = CanonicalWriter.create();
    message.writeBody(w);
    return w.toByteArray();
  }

  /**
   * The message in {@code frame}.
   *
   * @throws MalformedMessageException if the header is unknown or the body is not a canonical,
   *     in-limits encoding of its structure
   */
  public static Message decode(Frame frame) {
    String header = frame.header();
    byte[] body = frame.body().toArray();
    CanonicalReader r = CanonicalReader.of(body);
    Message m;
    try {
      m = switch (header) {
        case Hello.HEADER -> Hello.read(r);
        case Auth.HEADER -> Auth.read(r);
        case Bye.HEADER -> Bye.read(r);
        case Ping.HEADER -> Ping.read(r);
        case Pong.HEADER -> Pong.read(r);
        case Transactions.HEADER -> Transactions.read(r);
        case NewBlock.HEADER -> NewBlock.read(r);
        case GetBlocks.HEADER -> GetBlocks.read(r);
        case Blocks.HEADER -> Blocks.read(r);
        case GetPeers.HEADER -> GetPeers.read(r);
        case Peers.HEADER -> Peers.read(r);
        default -> throw new MalformedMessageException("unknown header '" + printable(header) + "'");
      };
      r.expectEnd(header);
    } catch (MalformedMessageException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new MalformedMessageException(header + " does not decode: " + e.getMessage(), e);
    }
    return m;
  }

  private static String printable(String header) {
    StringBuilder sb = new StringBuilder();
    for (char c : header.toCharArray()) {
      sb.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
    }
    return sb.toString();
  }
}
