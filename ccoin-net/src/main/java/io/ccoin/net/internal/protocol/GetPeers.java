package io.ccoin.net.internal.protocol;

import static io.ccoin.net.internal.protocol.Limits.requireUint;

import io.ccoin.core.codec.CanonicalReader;
import io.ccoin.core.codec.CanonicalWriter;

/** {@code GPE}: {@code [requestId]}, asking for peers' addresses. */
public record GetPeers(long requestId) implements Message {
  public static final String HEADER = "GPE";

  public GetPeers {
    requireUint("requestId", requestId);
  }

  @Override
  public String header() {
    return HEADER;
  }

  @Override
  public void writeBody(CanonicalWriter w) {
    w.arrayHeader(1).uint(requestId);
  }

  static GetPeers read(CanonicalReader r) {
    r.readArrayHeader("GPE", 1);
    return new GetPeers(r.readUint("GPE.requestId"));
  }
}
