package io.ccoin.node.http;

import io.ccoin.api.Hash;
import io.ccoin.net.IpRange;
import io.ccoin.net.ManualBan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A network view with whatever a test wants it to say. */
final class FakeNetwork implements NetworkView {
  volatile String syncState = SYNCED;
  volatile List<Peer> peers = List.of();
  volatile int minPeers = 1;
  /** Whether the view takes bans (then the API registers the ban routes); the bans live in {@link #bans}. */
  volatile boolean canBan;
  final Map<IpRange, ManualBan> banned = new ConcurrentHashMap<>();
  final Hash nodeId;

  FakeNetwork(Hash nodeId) {
    this.nodeId = nodeId;
  }

  @Override
  public Optional<Hash> nodeId() {
    return Optional.of(nodeId);
  }

  @Override
  public Optional<String> p2pAddress() {
    return Optional.of("127.0.0.1:30333");
  }

  @Override
  public List<Peer> peers() {
    return peers;
  }

  @Override
  public String syncState() {
    return syncState;
  }

  @Override
  public int minPeers() {
    return minPeers;
  }

  @Override
  public boolean canBan() {
    return canBan;
  }

  @Override
  public ManualBan ban(IpRange range, Duration duration) {
    if (!canBan) {
      throw new UnsupportedOperationException("this fake takes no bans");
    }
    ManualBan ban = new ManualBan(range, Instant.now().plus(duration));
    banned.put(range, ban);
    return ban;
  }

  @Override
  public boolean unban(IpRange range) {
    return banned.remove(range) != null;
  }

  @Override
  public List<ManualBan> bans() {
    return List.copyOf(banned.values());
  }
}
