package io.ccoin.net.internal.protocol;

import static io.ccoin.net.internal.protocol.Limits.requireUint;

import io.ccoin.core.codec.CanonicalReader;
import io.ccoin.core.codec.CanonicalWriter;

/** {@code PIN}: {@code [nonce]}, a keepalive, answered with {@code PON} carrying the same nonce. */
public record Ping(long nonce) implements Message {
  public static final String HEADER = "PIN";

  public Ping {
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

  static Ping read(CanonicalReader r) {
    r.readArrayHeader("PIN", 1);
    return new Ping(r.readUint("PIN.nonce"));
  }
}
