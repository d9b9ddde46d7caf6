package io.ccoin.node;

import io.ccoin.api.Hash;
import io.ccoin.net.IpRange;
import io.ccoin.net.ManualBan;
import io.ccoin.net.NetworkService;
import io.ccoin.net.PeerInfo;
import io.ccoin.node.http.NetworkView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Shows a {@link NetworkService} to the HTTP API. */
final class NetworkViewAdapter implements NetworkView {
  private final NetworkService network;
  private final String p2pAddress;
  private final int minPeers;

  NetworkViewAdapter(NetworkService network, String p2pAddress, int minPeers) {
    this.network = network;
    this.p2pAddress = p2pAddress;
    this.minPeers = minPeers;
  }

  @Override
  public Optional<Hash> nodeId() {
    return Optional.of(network.nodeId().hash());
  }

  @Override
  public Optional<String> p2pAddress() {
    return Optional.of(p2pAddress);
  }

  @Override
  public List<Peer> peers() {
    return network.peers().stream().map(NetworkViewAdapter::peer).toList();
  }

  private static Peer peer(PeerInfo p) {
    return new Peer(p.nodeId().hash(), p.address().getHostString() + ":" + p.address().getPort(),
        p.direction() == io.ccoin.api.PeerConnection.Direction.INBOUND ? Direction.INBOUND : Direction.OUTBOUND,
        p.headNumber(), p.headHash(), p.totalWeight(), p.agent());
  }

  @Override
  public Map<String, Instant> discouraged() {
    return network.discouraged();
  }

  @Override
  public Map<String, Instant> refusedNodeIds() {
    return network.refusedNodeIds();
  }

  @Override
  public List<ManualBan> bans() {
    return network.bans();
  }

  @Override
  public boolean canBan() {
    return true;
  }

  @Override
  public ManualBan ban(IpRange range, Duration duration) {
    return network.ban(range, duration);
  }

  @Override
  public boolean unban(IpRange range) {
    return network.unban(range);
  }

  @Override
  public String syncState() {
    return network.syncState().name();
  }

  @Override
  public int minPeers() {
    return minPeers;
  }
}
