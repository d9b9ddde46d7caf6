package io.ccoin.net.internal.protocol;

import static io.ccoin.net.internal.protocol.Limits.requireUint;

import io.ccoin.core.codec.CanonicalReader;
import io.ccoin.core.codec.CanonicalWriter;

/** {@code PON}: {@code [nonce]}, the answer to a {@code PIN}, carrying its nonce. */
public record Pong(long nonce) implements Message {
  public static final String HEADER = "PON";

  public Pong {
    requireUint("nonce", nonce);
  }

  @Override
  public String header() {
    return HEADER;
  }

  @Override
  public void writeBody(CanonicalWriter w) {
    w.arrayHeader(1).uint(nonce);
  }

  static Pong read(CanonicalReader r) {
    r.readArrayHeader("PON", 1);
    return new Pong(r.readUint("PON.nonce"));
  }
}
