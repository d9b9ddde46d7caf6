package io.ccoin.net.internal.peer;

import io.ccoin.net.NetworkConfig;
import io.ccoin.net.internal.protocol.GetPeers;
import io.ccoin.net.internal.protocol.PeerAddress;
import io.ccoin.net.internal.protocol.Peers;
import io.ccoin.net.internal.protocol.Protocol;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Peer exchange with {@code GPE}/{@code PES} (SPEC 9): asks each new outbound peer, and one peer
 * periodically while below the outbound target, for addresses, which go into the address book;
 * answers with the listen addresses of up to 64 established peers. An answer that matches no
 * request of ours to that peer is ignored. Confined to the network thread.
 */
public final class PeerExchange {
  private record Pending(Peer peer, long sentAt) {}

  private final PeerManager peers;
  private final NetworkConfig config;
  private final Clock clock;
  private final Map<Long, Pending> pending = new LinkedHashMap<>();
  private long nextRequestId = 1;
  private long lastAskAt;

  public PeerExchange(PeerManager peers, NetworkConfig config, Clock clock) {
    this.peers = peers;
    this.config = config;
    this.clock = clock;
    this.lastAskAt = clock.millis();
  }

  public void onEstablished(Peer p) {
    if (p.isOutbound()) {
      ask(p);
    }
  }

  private void ask(Peer p) {
    long id = nextRequestId++;
    pending.put(id, new Pending(p, clock.millis()));
    lastAskAt = clock.millis();
    p.send(new GetPeers(id));
  }

  public void onGetPeers(Peer p, GetPeers m) {
    List<PeerAddress> out = new ArrayList<>();
    for (Peer other : peers.established()) {
      if (other == p || out.size() == Protocol.MAX_PEER_ENTRIES) {
        continue;
      }
      InetSocketAddress a = other.listenAddress();
      if (a.getPort() != 0) {
        out.add(new PeerAddress(a.getHostString(), a.getPort(), other.nodeId()));
      }
    }
    p.send(new Peers(m.requestId(), out));
  }

  public void onPeers(Peer p, Peers m) {
    Pending asked = pending.get(m.requestId());
    if (asked == null || asked.peer() != p) {
      return;
    }
    pending.remove(m.requestId());
    for (PeerAddress a : m.peers()) {
      peers.addressBook().learn(a.toSocketAddress(), a.nodeId(), peers.self());
    }
  }

  /** Forgets unanswered requests and, every interval while short of outbound peers, asks one peer. */
  public void tick() {
    long now = clock.millis();
    for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
      if (now - it.next().sentAt() >= config.requestTimeoutMs()) {
        it.remove();
      }
    }
    if (now - lastAskAt < config.peerExchangeIntervalMs()) {
      return;
    }
    List<Peer> established = peers.established();
    long outbound = established.stream().filter(Peer::isOutbound).count();
    if (!established.isEmpty() && outbound < config.outboundTarget()) {
      ask(established.get((int) ((now / config.peerExchangeIntervalMs()) % established.size())));
    } else {
      lastAskAt = now;
    }
  }
}
