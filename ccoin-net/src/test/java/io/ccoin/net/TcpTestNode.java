package io.ccoin.net;

import io.ccoin.api.ChainStore;
import io.ccoin.api.Frame;
import io.ccoin.api.Genesis;
import io.ccoin.api.PeerConnection;
import io.ccoin.api.PeerTransport;
import io.ccoin.core.Await;
import io.ccoin.core.Ccoin;
import io.ccoin.core.CcoinNode;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.genesis.GenesisParser;
import io.ccoin.net.tcp.TcpTransport;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * A real node for TCP tests: a {@link CcoinNode} on the system clock, a {@link NetworkService} and
 * a {@link TcpTransport} on 127.0.0.1 port 0. The transport is wrapped so that tests can read why
 * each connection closed, keyed by the remote port.
 */
final class TcpTestNode implements AutoCloseable {
  static final long NETWORK_ID = 9;

  final CcoinNode node;
  final NetworkService net;
  final Map<Integer, String> closeReasons;

  private TcpTestNode(CcoinNode node, NetworkService net, Map<Integer, String> closeReasons) {
    this.node = node;
    this.net = net;
    this.closeReasons = closeReasons;
  }

  /**
   * A fast network like {@code CcoinNodeTest}'s: {@code miners} take turns every 0.2 s at
   * difficulty 1 (leader timeout 0.3 s), and {@code rich} holds 10^9 coins.
   */
  static Genesis fastGenesis(List<AccountKey> miners, AccountKey rich) {
    StringBuilder list = new StringBuilder();
    for (AccountKey m : miners) {
      list.append(list.length() == 0 ? "" : ", ").append('"').append(m.address()).append('"');
    }
    return GenesisParser.parse("""
        {"network_id": %d, "miners": [%s],
         "block_mining": {"interval": 0.2, "max_bound": 100, "min_bound": 1, "reward": 50, "difficulty": 1,
                          "allow_empty": true, "placeholder_data": ["predef", "idle"], "leader_timeout": 0.3},
         "genesis_block": {"difficulty": 1},
         "alloc": {"%s": {"balance": 1000000000}}}
        """.formatted(NETWORK_ID, list, rich.address()));
  }

  /** Builds and starts a node. */
  static TcpTestNode start(Genesis genesis, Optional<AccountKey> validator, AccountKey nodeKey, NetworkConfig config) {
    return start(genesis, validator, nodeKey, config, Optional.empty(), t -> t);
  }

  static TcpTestNode start(Genesis genesis, Optional<AccountKey> validator, AccountKey nodeKey, NetworkConfig config,
      Optional<ChainStore> store, UnaryOperator<TcpTransport.Builder> transport) {
    Ccoin.Builder b = Ccoin.builder().genesis(genesis);
    validator.ifPresent(b::validator);
    store.ifPresent(b::store);
    CcoinNode node = b.build();
    try {
      node.start();
      return attach(node, nodeKey, config, transport);
    } catch (RuntimeException e) {
      node.close();
      throw e;
    }
  }

  /** A new network service (on a new transport) for {@code node}. */
  static TcpTestNode attach(CcoinNode node, AccountKey nodeKey, NetworkConfig config, UnaryOperator<TcpTransport.Builder> transport) {
    Map<Integer, String> reasons = new ConcurrentHashMap<>();
    TcpTransport tcp = transport.apply(TcpTransport.builder().bind("127.0.0.1", 0).ioThreads(1)).build();
    NetworkService net = NetworkService.builder(node, new Recording(tcp, reasons)).nodeKey(nodeKey).config(config).build();
    net.start();
    return new TcpTestNode(node, net, reasons);
  }

  InetSocketAddress address() {
    return new InetSocketAddress("127.0.0.1", net.localAddress().getPort());
  }

  /** Dials {@code other} and waits for the handshake. */
  void connect(TcpTestNode other) throws Exception {
    net.connect(other.address()).get(10, java.util.concurrent.TimeUnit.SECONDS);
  }

  long height() {
    return node.head().number();
  }

  /** Why the connection from {@code remotePort} closed, once it did. */
  Optional<String> closeReason(int remotePort, Duration max) {
    Await.within(max, () -> closeReasons.containsKey(remotePort));
    return Optional.ofNullable(closeReasons.get(remotePort));
  }

  /** Stops the network service only (the node goes on). */
  void stopNetwork() {
    net.close();
  }

  @Override
  public void close() {
    try {
      net.close();
    } finally {
      node.close();
    }
  }

  /** A transport that records close reasons on the way to the service. */
  private static final class Recording implements PeerTransport {
    private final PeerTransport inner;
    private final Map<Integer, String> reasons;

    Recording(PeerTransport inner, Map<Integer, String> reasons) {
      this.inner = inner;
      this.reasons = reasons;
    }

    @Override
    public void start(Listener listener) {
      inner.start(new Listener() {
        @Override
        public void onOpened(PeerConnection connection) {
          listener.onOpened(connection);
        }

        @Override
        public void onFrame(PeerConnection connection, Frame frame) {
          listener.onFrame(connection, frame);
        }

        @Override
        public void onClosed(PeerConnection connection, String reason) {
          reasons.put(connection.remoteAddress().getPort(), reason);
          listener.onClosed(connection, reason);
        }
      });
    }

    @Override
    public InetSocketAddress localAddress() {
      return inner.localAddress();
    }

    @Override
    public CompletableFuture<PeerConnection> connect(InetSocketAddress address) {
      return inner.connect(address);
    }

    @Override
    public void close() {
      inner.close();
    }
  }
}
