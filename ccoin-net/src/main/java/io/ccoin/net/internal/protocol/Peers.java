package io.ccoin.net.internal.protocol;

import static io.ccoin.net.internal.protocol.Limits.atMost;
import static io.ccoin.net.internal.protocol.Limits.requireUint;

import io.ccoin.core.codec.CanonicalReader;
import io.ccoin.core.codec.CanonicalWriter;
import java.util.ArrayList;
import java.util.List;

/** {@code PES}: {@code [requestId, [[host: str, port, nodeId: bin32], ...] (<=64)]}, the answer to a {@code GPE}. */
public record Peers(long requestId, List<PeerAddress> peers) implements Message {
  public static final String HEADER = "PES";

  public Peers {
    requireUint("requestId", requestId);
    peers = atMost("PES.peers", peers, Protocol.MAX_PEER_ENTRIES);
  }

  @Override
  public String header() {
    return HEADER;
  }

  @Override
  public void writeBody(CanonicalWriter w) {
    w.arrayHeader(2).uint(requestId).arrayHeader(peers.size());
    for (PeerAddress p : peers) {
      p.write(w);
    }
  }

  static Peers read(CanonicalReader r) {
    r.readArrayHeader("PES", 2);
    long requestId = r.readUint("PES.requestId");
    int n = r.readArrayHeader("PES.peers", 0, Protocol.MAX_PEER_ENTRIES);
    List<PeerAddress> peers = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      peers.add(PeerAddress.read(r, i));
    }
    return new Peers(requestId, peers);
  }
}
