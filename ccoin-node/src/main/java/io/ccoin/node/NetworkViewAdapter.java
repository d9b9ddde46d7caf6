package io.ccoin.node;

import io.ccoin.api.Hash;
import io.ccoin.net.IpRange;
import io.ccoin.net.ManualBan;
import io.ccoin.net.NetworkService;
import io.ccoin.net.PeerInfo;
import io.ccoin.node.http.NetworkView;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.Optional;

/** Shows a {@link NetworkService} to the HTTP API. */
final class NetworkViewAdapter implements NetworkView {
  private static final Logger LOG = LoggerFactory.getLogger(NetworkViewAdapter.class);

  private final NetworkService network;
  private final String p2pAddress;
  private final int minPeers;
  private final Optional<PeerBanFile> banFile;

  NetworkViewAdapter(NetworkService network, String p2pAddress, int minPeers) {
    this(network, p2pAddress, minPeers, Optional.empty());
  }

  /** With {@code banFile}, the operator's bans are written there after each change, to survive a restart. */
  NetworkViewAdapter(NetworkService network, String p2pAddress, int minPeers, Optional<PeerBanFile> banFile) {
    this.network = network;
    this.p2pAddress = p2pAddress;
    this.minPeers = minPeers;
    this.banFile = banFile;
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
  public synchronized ManualBan ban(IpRange range, Duration duration) {
    ManualBan ban = network.ban(range, duration);
    save();
    return ban;
  }

  @Override
  public synchronized boolean unban(IpRange range) {
    boolean lifted = network.unban(range);
    if (lifted) {
      save();
    }
    return lifted;
  }

  /** The bans are in force either way; a file that cannot be written only means a restart forgets them. */
  private void save() {
    banFile.ifPresent(f -> {
      try {
        f.write(network.bans());
      } catch (IOException | RuntimeException e) {
        LOG.warn("cannot write the peer bans to {} (they are in force, but a restart will forget them): {}", f.path(), e.toString());
      }
    });
  }

  @Override
  public String syncState() {
    return network.syncState().name();
  }

  @Override
  public int minPeers() {
    return minPeers;
  }

  @Override
  public long transactionsDropped() {
    return network.transactionsDropped();
  }

  @Override
  public long transactionsDroppedAfterGap() {
    return network.transactionsDroppedAfterGap();
  }

  @Override
  public long transactionsSkippedKnown() {
    return network.transactionsSkippedKnown();
  }
}
