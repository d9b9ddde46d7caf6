package io.ccoin.net.internal.protocol;

import io.ccoin.net.NodeId;

import static io.ccoin.net.internal.protocol.Limits.textAtMost;

import io.ccoin.core.codec.CanonicalReader;
import io.ccoin.core.codec.CanonicalWriter;
import java.net.InetSocketAddress;
import java.util.Objects;

/** One {@code PES} entry: {@code [host: str, port, nodeId: bin32]}, where a peer listens. */
public record PeerAddress(String host, int port, NodeId nodeId) {
  public PeerAddress {
    textAtMost("PES host", Objects.requireNonNull(host, "host"), Protocol.MAX_HOST_BYTES);
    if (port < 0 || port > Protocol.MAX_PORT) {
      throw new IllegalArgumentException("PES port " + port + " is not 0.." + Protocol.MAX_PORT);
    }
    Objects.requireNonNull(nodeId, "nodeId");
  }

  /** The address to dial, unresolved (no name lookup happens here). */
  public InetSocketAddress toSocketAddress() {
    return InetSocketAddress.createUnresolved(host, port);
  }

  void write(CanonicalWriter w) {
    w.arrayHeader(3).str(host).uint(port).bin(nodeId.hash());
  }

  static PeerAddress read(CanonicalReader r, int index) {
    String what = "PES.peers[" + index + "]";
    r.readArrayHeader(what, 3);
    String host = r.readString(what + ".host", Protocol.MAX_HOST_BYTES);
    int port = r.readUintAtMost(what + ".port", Protocol.MAX_PORT);
    return new PeerAddress(host, port, NodeId.of(r.readHash(what + ".nodeId")));
  }
}
