package io.ccoin.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ccoin.api.Block;
import io.ccoin.api.ChainStore;
import io.ccoin.api.Hash;
import io.ccoin.api.ImportResult;
import io.ccoin.api.StoreException;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.WriteBatch;
import io.ccoin.core.Ccoin;
import io.ccoin.core.CcoinNode;
import io.ccoin.core.TestKeys;
import io.ccoin.core.internal.chain.ChainFixture;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.genesis.GenesisParser;
import io.ccoin.core.store.ForwardingChainStore;
import io.ccoin.core.store.MemoryChainStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, defect 3 and "health that tells the truth": {@code /status} and readiness on isolation,
 * a stale head, a store failure and a minority of authorities, all on an injected clock.
 */
class HealthTest {
  /** 3 × (interval 1 s + 2 × leader timeout 0.5 s) for the three miners of {@link ChainFixture}. */
  static final long STALL_AFTER = 6_000;

  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  /** A node with its API, a fake network and an HTTP client. */
  record Running(ChainFixture f, CcoinNode node, FakeNetwork net, ApiFixture http) {
    StoredBlock importBlock(Block b) {
      f.clockAt(b);
      ImportResult r = node.importBlock(b);
      assertThat(r.status()).as("import %s", r).isEqualTo(ImportResult.Status.IMPORTED);
      return f.remember(b);
    }

    JsonNode status() {
      return http.get("/api/v1/status").json();
    }

    ApiFixture.Reply ready() {
      return http.get("/api/v1/health/ready");
    }

    String metrics() {
      return http.get("/metrics").text();
    }
  }

  Running run(ChainFixture f, ChainStore store, Optional<AccountKey> validator, int peers, int minPeers) {
    Ccoin.Builder b = Ccoin.builder().genesis(f.genesis.genesis()).clock(f.clock).store(store);
    validator.ifPresent(b::validator);
    CcoinNode node = b.build();
    open.add(node);
    FakeNetwork net = new FakeNetwork(Hash.fromHex("aa".repeat(32)));
    net.minPeers = minPeers;
    setPeers(net, peers);
    ApiServer server = ApiServer.builder(node).network(net).build().start("127.0.0.1", 0);
    open.add(server::stop);
    ApiFixture http = ApiFixture.client(server.port());
    open.add(http::closeClient);
    return new Running(f, node, net, http);
  }

  Running run(ChainFixture f, int peers) {
    return run(f, new MemoryChainStore(), Optional.empty(), peers, 1);
  }

  static void setPeers(FakeNetwork net, int count) {
    List<NetworkView.Peer> peers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      peers.add(new NetworkView.Peer(Hash.fromHex(String.format("%064x", i + 1)), "127.0.0.1:" + (40000 + i),
          NetworkView.Direction.OUTBOUND, 0, Hash.ZERO, 0, "test"));
    }
    net.peers = List.copyOf(peers);
  }

  @Test
  void aNodeWithoutPeersIsIsolatedAndNotReadyEvenWithMinPeersZero() {
    Running n = run(new ChainFixture(), new MemoryChainStore(), Optional.empty(), 0, 0);
    assertThat(n.status().get("syncState").asText()).isEqualTo("ISOLATED");
    assertThat(n.status().get("syncDetail").asText()).isEqualTo("no peers");
    assertThat(n.ready().error(503, "not_ready")).contains("sync state is ISOLATED");
    assertThat(n.metrics()).contains("ccoin_sync_state{state=\"ISOLATED\"} 1.0", "ccoin_sync_state{state=\"SYNCED\"} 0.0",
        "ccoin_ready 0.0");

    setPeers(n.net(), 1);
    assertThat(n.status().get("syncState").asText()).isEqualTo("SYNCED");
    assertThat(n.status().has("syncDetail")).isFalse();
    assertThat(n.ready().status()).isEqualTo(200);
    assertThat(n.metrics()).contains("ccoin_sync_state{state=\"SYNCED\"} 1.0", "ccoin_ready 1.0");
  }

  @Test
  void theSoleAuthorityOfItsNetworkIsReadyWithoutPeersAndMinPeersZero() {
    AccountKey only = TestKeys.vector(0);
    io.ccoin.core.MutableClock clock = new io.ccoin.core.MutableClock(ChainFixture.T0);
    io.ccoin.api.Genesis g = GenesisParser.parse("""
        {"network_id": 11, "timestamp": %d, "miners": ["%s"],
         "block_mining": {"interval": 1, "max_bound": 10, "min_bound": 1, "reward": 1, "difficulty": 1,
                          "allow_empty": true, "placeholder_data": ["rnd", 4]},
         "genesis_block": {"coinbase": "", "difficulty": 1}, "alloc": {}}
        """.formatted(ChainFixture.T0, only.address()));
    CcoinNode validator = Ccoin.builder().genesis(g).clock(clock).validator(only).build();
    open.add(validator);
    FakeNetwork net = new FakeNetwork(Hash.fromHex("aa".repeat(32)));
    net.minPeers = 0;
    ApiServer server = ApiServer.builder(validator).network(net).build().start("127.0.0.1", 0);
    open.add(server::stop);
    ApiFixture http = ApiFixture.client(server.port());
    open.add(http::closeClient);
    clock.advance(3_600_000);
    assertThat(http.get("/api/v1/status").json().get("syncState").asText()).isEqualTo("SYNCED");
    assertThat(http.get("/api/v1/health/ready").status()).isEqualTo(200);

    // a node that only follows that network is isolated without peers
    CcoinNode follower = Ccoin.builder().genesis(g).clock(clock).build();
    open.add(follower);
    ApiServer followerApi = ApiServer.builder(follower).network(net).build().start("127.0.0.1", 0);
    open.add(followerApi::stop);
    ApiFixture followerHttp = ApiFixture.client(followerApi.port());
    open.add(followerHttp::closeClient);
    assertThat(followerHttp.get("/api/v1/status").json().get("syncState").asText()).isEqualTo("ISOLATED");
  }

  @Test
  void aHeadOlderThanThreeLongestGapsIsStalledAndNotReady() {
    Running n = run(new ChainFixture(), 1);
    List<StoredBlock> blocks = n.f().inTurnChain(n.f().genesisBlock(), 3);
    blocks.forEach(b -> n.importBlock(b.block()));
    JsonNode s = n.status();
    assertThat(s.get("headAge").asDouble()).isZero();
    assertThat(s.get("syncState").asText()).isEqualTo("SYNCED");

    n.f().clock.advance(STALL_AFTER);
    s = n.status();
    assertThat(s.get("headAge").asDouble()).isEqualTo(6.0);
    assertThat(s.get("syncState").asText()).isEqualTo("SYNCED");
    assertThat(n.ready().status()).isEqualTo(200);

    n.f().clock.advance(1);
    s = n.status();
    assertThat(s.get("headAge").asDouble()).isEqualTo(6.001);
    assertThat(s.get("syncState").asText()).isEqualTo("STALLED");
    assertThat(s.get("syncDetail").asText()).isEqualTo("no block for 6.001 s (stalled after 6.0 s)");
    assertThat(n.ready().error(503, "not_ready")).contains("sync state is STALLED (no block for 6.001 s");
    assertThat(n.metrics()).contains("ccoin_sync_state{state=\"STALLED\"} 1.0", "ccoin_head_age_seconds 6.001", "ccoin_ready 0.0");

    // a new block: moving again
    StoredBlock last = blocks.get(2);
    n.importBlock(n.f().block(last, n.f().leaderOn(last), List.of(), n.f().clock.millis()));
    assertThat(n.status().get("syncState").asText()).isEqualTo("SYNCED");
    assertThat(n.ready().status()).isEqualTo(200);
  }

  @Test
  void aValidatorThatMaySealTheNextBlockIsNotStalledByItsOwnSilence() {
    ChainFixture f = new ChainFixture();
    List<StoredBlock> blocks = f.inTurnChain(f.genesisBlock(), 3);
    AccountKey lastMiner = f.miners.stream().filter(k -> k.address().equals(blocks.get(2).block().header().miner())).findFirst()
        .orElseThrow();
    AccountKey other = f.leaderOn(blocks.get(2));
    Running mayProduce = run(f, new MemoryChainStore(), Optional.of(other), 1, 1);
    Running mayNot = run(f, new MemoryChainStore(), Optional.of(lastMiner), 1, 1);
    for (StoredBlock b : blocks) {
      mayProduce.importBlock(b.block());
      mayNot.importBlock(b.block());
    }
    f.clock.advance(10 * STALL_AFTER);
    assertThat(mayProduce.status().get("syncState").asText()).isEqualTo("SYNCED");
    assertThat(mayNot.status().get("syncState").asText()).as("recent_window 1: it mined the last block").isEqualTo("STALLED");
  }

  /** Delegates to a memory store; fails every commit once told to (a full disk). */
  static final class FailingStore extends ForwardingChainStore {
    volatile boolean fail;

    FailingStore() {
      super(new MemoryChainStore());
    }

    @Override
    public void commit(WriteBatch batch) {
      if (fail) {
        throw new StoreException("/data/chain.db: No space left on device");
      }
      super.commit(batch);
    }
  }

  @Test
  void aStoreFailureIsStalledAndNotReady() {
    FailingStore store = new FailingStore();
    Running n = run(new ChainFixture(), store, Optional.empty(), 1, 1);
    List<StoredBlock> blocks = n.f().inTurnChain(n.f().genesisBlock(), 2);
    n.importBlock(blocks.get(0).block());
    assertThat(n.ready().status()).isEqualTo(200);
    store.fail = true;
    n.f().clockAt(blocks.get(1).block());
    try {
      n.node().importBlock(blocks.get(1).block());
    } catch (StoreException expected) {
      // the import reports the failure; the node remembers it
    }
    JsonNode s = n.status();
    assertThat(s.get("syncState").asText()).isEqualTo("STALLED");
    assertThat(s.get("syncDetail").asText()).contains("the chain store failed", "No space left on device");
    assertThat(n.ready().error(503, "not_ready")).contains("sync state is STALLED", "No space left on device");
    assertThat(n.metrics()).contains("ccoin_ready 0.0");
  }

  @Test
  void aChainSealedByAMinorityOfTheAuthoritiesIsNotReady() {
    ChainFixture f = new ChainFixture(", \"recent_window\": 0"); // a lone miner may seal block after block
    Running n = run(f, 1);
    AccountKey lone = f.miners.get(0);
    StoredBlock b = f.genesisBlock();
    b = n.importBlock(f.block(b, lone, List.of()));
    assertThat(n.ready().status()).as("a chain younger than 3 blocks is not judged").isEqualTo(200);
    b = n.importBlock(f.block(b, lone, List.of()));
    b = n.importBlock(f.block(b, lone, List.of()));
    JsonNode s = n.status();
    assertThat(s.get("recentWindow").asInt()).isEqualTo(3);
    assertThat(s.get("recentAuthorities")).hasSize(1);
    assertThat(s.get("recentAuthorities").get(0).asText()).isEqualTo(lone.address().toHex());
    assertThat(s.get("syncState").asText()).isEqualTo("SYNCED");
    assertThat(n.ready().error(503, "not_ready")).contains("only 1 of 3 authorities sealed the last 3 blocks, fewer than a majority (2)");
    assertThat(n.metrics()).contains("ccoin_recent_authorities 1.0", "ccoin_ready 0.0");

    AccountKey second = f.miners.get(1);
    n.importBlock(f.block(b, second, List.of()));
    assertThat(n.status().get("recentAuthorities")).hasSize(2);
    JsonNode ready = n.ready().json();
    assertThat(ready.get("ready").asBoolean()).isTrue();
    assertThat(ready.get("recentAuthorities").asInt()).isEqualTo(2);
    assertThat(ready.get("authorities").asInt()).isEqualTo(3);
  }
}
