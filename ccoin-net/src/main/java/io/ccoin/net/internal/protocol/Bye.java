package io.ccoin.net.internal.protocol;

import static io.ccoin.net.internal.protocol.Limits.requireUint;
import static io.ccoin.net.internal.protocol.Limits.textAtMost;

import io.ccoin.core.codec.CanonicalReader;
import io.ccoin.core.codec.CanonicalWriter;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code BYE}, a polite close: {@code [reason, text: str<=256 bytes]}. A reason code this version
 * does not know is kept as received ({@link #reason()} is then empty).
 */
public record Bye(long code, String text) implements Message {
  public static final String HEADER = "BYE";

  public Bye {
    requireUint("reason", code);
    textAtMost("BYE.text", Objects.requireNonNull(text, "text"), Protocol.MAX_BYE_TEXT_BYTES);
  }

  /** A {@code BYE} with {@code reason}; a text longer than 256 bytes is cut. */
  public static Bye of(ByeReason reason, String text) {
    return new Bye(reason.code(), Texts.truncateUtf8(text, Protocol.MAX_BYE_TEXT_BYTES));
  }

  /** The reason, when this version knows the code. */
  public Optional<ByeReason> reason() {
    return ByeReason.of(code);
  }

  @Override
  public String header() {
    return HEADER;
  }

  @Override
  public void writeBody(CanonicalWriter w) {
    w.arrayHeader(2).uint(code).str(text);
  }

  static Bye read(CanonicalReader r) {
    r.readArrayHeader("BYE", 2);
    long code = r.readUint("BYE.reason");
    return new Bye(code, r.readString("BYE.text", Protocol.MAX_BYE_TEXT_BYTES));
  }
}
