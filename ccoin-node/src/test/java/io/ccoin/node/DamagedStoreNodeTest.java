package io.ccoin.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccoin.api.ImportResult;
import io.ccoin.api.StoredBlock;
import io.ccoin.core.Await;
import io.ccoin.core.Ccoin;
import io.ccoin.core.CcoinNode;
import io.ccoin.core.internal.chain.Chain;
import io.ccoin.core.ChainConfig;
import io.ccoin.core.internal.chain.ChainFixture;
import io.ccoin.core.codec.Codec;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.net.NetworkConfig;
import io.ccoin.net.NetworkService;
import io.ccoin.net.SyncState;
import io.ccoin.net.tcp.TcpTransport;
import io.ccoin.node.http.ApiServer;
import io.ccoin.store.mapdb.MapDbChainStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, defect 4, on real nodes over TCP: a node on a MapDB store with one damaged block record
 * serves a new node the blocks before it at once, then says it is not ready ({@code 503} naming the
 * block) and advertises only its genesis; the new node, whose only peer it is, is synced (at the
 * block before the damage) rather than stuck waiting, and completes its chain from a healthy peer.
 */
class DamagedStoreNodeTest {
  static final Duration WAIT = Duration.ofSeconds(20);
  static final NetworkConfig CONFIG = NetworkConfig.builder().tick(Duration.ofMillis(100)).build();

  final ChainFixture f = new ChainFixture();
  final List<StoredBlock> chain = f.inTurnChain(f.genesisBlock(), 6);
  final List<AutoCloseable> open = new ArrayList<>();
  final OkHttpClient http = new OkHttpClient.Builder().readTimeout(10, TimeUnit.SECONDS).retryOnConnectionFailure(false).build();
  Path dir;

  @AfterEach
  void close() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
    if (dir != null) {
      try (Stream<Path> all = Files.walk(dir)) {
        for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }


  /** Flips a byte in the middle of the one place {@code file} holds {@code record}. */
  static void damage(Path file, byte[] record) throws IOException {
    byte[] all = Files.readAllBytes(file);
    List<Integer> at = new ArrayList<>();
    for (int i = 0; i + record.length <= all.length; i++) {
      if (Arrays.equals(all, i, i + record.length, record, 0, record.length)) {
        at.add(i);
      }
    }
    assertThat(at).as("places of the record in %s", file).hasSize(1);
    int pos = at.get(0) + record.length / 2;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(new byte[] {(byte) (all[pos] ^ 0x5a)}), pos);
    }
  }

  NetworkService network(CcoinNode node, List<InetSocketAddress> boot) {
    NetworkService net = NetworkService.builder(node, TcpTransport.builder().bind("127.0.0.1", 0).ioThreads(1).build())
        .nodeKey(AccountKey.generate(new SecureRandom())).config(CONFIG.toBuilder().bootstrap(boot).build()).build().start();
    open.add(net);
    return net;
  }

  CcoinNode node(io.ccoin.api.ChainStore store) {
    Ccoin.Builder b = Ccoin.builder().genesis(f.genesis.genesis());
    if (store != null) {
      b.store(store);
    }
    CcoinNode n = b.build().start();
    open.add(n);
    return n;
  }

  static InetSocketAddress address(NetworkService net) {
    return new InetSocketAddress("127.0.0.1", net.localAddress().getPort());
  }

  JsonNode ready(ApiServer api) throws IOException {
    try (Response r = http.newCall(new Request.Builder().url("http://127.0.0.1:" + api.port() + "/api/v1/health/ready").build()).execute()) {
      com.fasterxml.jackson.databind.node.ObjectNode body = (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper()
          .readTree(r.body().string());
      return body.put("status", r.code());
    }
  }

  @Test
  void aNodeWithADamagedBlockRecordIsNotReadyAndItsPeerSyncsElsewhere() throws Exception {
    dir = Files.createTempDirectory("ccoin-damaged-node");
    try (MapDbChainStore store = MapDbChainStore.open(dir)) {
      Chain writer = f.newChain(store, ChainConfig.DEFAULT);
      for (StoredBlock b : chain) {
        f.clockAt(b.block());
        assertThat(writer.importBlock(b.block()).status()).isEqualTo(ImportResult.Status.IMPORTED);
      }
    }
    damage(dir.resolve(MapDbChainStore.STORE_FILE), Codec.encode(chain.get(2).block())); // block #3

    CcoinNode damaged = node(MapDbChainStore.open(dir));
    NetworkService damagedNet = network(damaged, List.of());
    ApiServer api = ApiServer.builder(damaged).network(new NetworkViewAdapter(damagedNet, "127.0.0.1:0", 1)).build().start("127.0.0.1", 0);
    open.add(api);
    assertThat(damaged.head().number()).as("it opens: only the head is checked then").isEqualTo(6);

    CcoinNode fresh = node(null);
    NetworkService freshNet = network(fresh, List.of(address(damagedNet)));
    assertThat(Await.within(WAIT, () -> fresh.head().number() == 2 && freshNet.syncState() == SyncState.SYNCED && freshNet.peers().size() == 1))
        .as("the blocks before the damaged one, and the sync round ends").isTrue();
    JsonNode notReady = ready(api);
    assertThat(notReady.get("status").asInt()).isEqualTo(503);
    assertThat(notReady.get("error").get("message").asText()).contains("the chain store failed").contains("block #3 " + chain.get(2).hash())
        .contains("is damaged");

    CcoinNode late = node(null);
    NetworkService lateNet = network(late, List.of(address(damagedNet)));
    assertThat(Await.within(WAIT, () -> lateNet.peers().size() == 1)).isTrue();
    assertThat(lateNet.peers().get(0).totalWeight()).as("it advertises only its genesis now").isZero();

    io.ccoin.core.store.MemoryChainStore healthyStore = new io.ccoin.core.store.MemoryChainStore();
    ChainFixture f2 = new ChainFixture();
    Chain filler = f2.newChain(healthyStore, ChainConfig.DEFAULT);
    for (StoredBlock b : chain) {
      f2.clockAt(b.block());
      assertThat(filler.importBlock(b.block()).status()).isEqualTo(ImportResult.Status.IMPORTED);
    }
    NetworkService healthyNet = network(node(healthyStore), List.of());
    freshNet.connect(address(healthyNet)).get(10, TimeUnit.SECONDS);
    assertThat(Await.within(WAIT, () -> fresh.head().number() == 6)).as("synced from the healthy peer").isTrue();
    assertThat(fresh.head().hash()).isEqualTo(chain.get(5).hash());
  }
}
