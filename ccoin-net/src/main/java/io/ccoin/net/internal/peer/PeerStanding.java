package io.ccoin.net.internal.peer;

import io.ccoin.net.NodeId;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Who is in good standing (SPEC 9 and 11): node ids refused after misbehaviour, discouraged
 * addresses, the operator's bans, and the configured bootstrap peers that may be dialed even when
 * discouraged. The rules themselves (free slots, eviction, dialing) are {@link PeerManager}'s.
 * Written on the network thread; {@link ExpiringSet} and {@link ManualBans} may be read (and the
 * bans changed) from others.
 */
public final class PeerStanding {
  private final ExpiringSet<NodeId> refusedIds;
  private final ExpiringSet<String> discouraged;
  private final ManualBans bans = new ManualBans();
  private final Set<String> bootstrap = new HashSet<>();

  /** @param durationMs how long a refusal and a discouragement last (10 minutes in SPEC 9) */
  public PeerStanding(long durationMs) {
    this.refusedIds = new ExpiringSet<>(durationMs);
    this.discouraged = new ExpiringSet<>(durationMs);
  }

  /**
   * The host an address is matched by (discouragement, bans): the IP address when it is resolved
   * (a TCP connection's remote end), else the host string as given (a simulated host, an
   * unresolved name).
   */
  public static String hostOf(InetSocketAddress a) {
    return a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
  }

  /** Remembers the configured bootstrap peers ({@code host:port} as configured). */
  void bootstrap(List<InetSocketAddress> peers) {
    peers.forEach(a -> bootstrap.add(AddressBook.key(a)));
  }

  /** A peer reached the misbehaviour score: its address is discouraged and its id (if known yet) refused. */
  void misbehaved(String host, NodeId id, long now) {
    discouraged.add(host, now);
    if (id != null) {
      refusedIds.add(id, now);
    }
  }

  boolean isRefused(NodeId id, long now) {
    return refusedIds.contains(id, now);
  }

  boolean isDiscouraged(String host, long now) {
    return discouraged.contains(host, now);
  }

  boolean isBanned(String host, long now) {
    return bans.isBanned(host, now);
  }

  /**
   * False for an address the operator banned, and for a discouraged one that is not a configured
   * bootstrap peer.
   */
  boolean mayDial(InetSocketAddress address, long now) {
    String host = hostOf(address);
    if (bans.isBanned(host, now)) {
      return false;
    }
    return !discouraged.contains(host, now) || bootstrap.contains(AddressBook.key(address));
  }

  /** Node ids refused after misbehaviour; thread-safe to read. */
  public ExpiringSet<NodeId> refusedIds() {
    return refusedIds;
  }

  /** Discouraged addresses (as {@link #hostOf} gives them); thread-safe to read. */
  public ExpiringSet<String> discouraged() {
    return discouraged;
  }

  /** The operator's bans; thread-safe (after a change, {@link PeerManager#enforceBans()} closes what they cover). */
  public ManualBans bans() {
    return bans;
  }
}
