package io.ccoin.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.Block;
import io.ccoin.api.ImportResult;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.Transaction;
import io.ccoin.api.event.Subscription;
import io.ccoin.api.event.TxDroppedEvent;
import io.ccoin.core.internal.chain.ChainFixture;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.pool.AddResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every event of {@link CcoinNode} can be listened to with and without an executor: without one the
 * listener runs on the thread that caused the event, with one it runs on the executor, and closing
 * the subscription stops both.
 */
class CcoinNodeListenersTest {
  private static final String EXECUTOR_THREAD = "listener-executor";
  private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, EXECUTOR_THREAD));
  /** Event name to the names of the threads its listeners ran on, per registration kind. */
  private final Map<String, Set<String>> direct = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> onExecutor = new ConcurrentHashMap<>();

  @AfterEach
  void stopExecutor() {
    executor.shutdownNow();
  }

  private void record(Map<String, Set<String>> into, String event) {
    into.computeIfAbsent(event, e -> ConcurrentHashMap.newKeySet()).add(Thread.currentThread().getName());
  }

  /** Waits until the single executor thread has run everything queued before this call. */
  private void drainExecutor() throws Exception {
    executor.submit(() -> { }).get(10, TimeUnit.SECONDS);
  }

  @Test
  void chainAndPoolEventsReachBothKindsOfListenerOnTheirThreads() throws Exception {
    ChainFixture f = new ChainFixture();
    StoredBlock genesis = f.genesisBlock();
    Transaction transfer = f.transfer(f.alice, 0, f.bob.address(), 5, 1);
    Block light = f.block(genesis, f.minerOfRank(genesis, 1), List.of(transfer));
    f.remember(light);
    Block heavy = f.block(genesis, f.leaderOn(genesis), List.of());
    StoredBlock heavyStored = f.remember(heavy);
    Block afterHeavy = f.block(heavyStored, f.leaderOn(heavyStored), List.of());
    f.clockAt(light);
    f.clockAt(heavy);

    try (CcoinNode node = Ccoin.builder().genesis(f.genesis).clock(f.clock).build().start()) {
      List<Subscription> subscriptions = new ArrayList<>(List.of(
          node.onNewHead(e -> record(direct, "newHead")),
          node.onNewHead(executor, e -> record(onExecutor, "newHead")),
          node.onReorg(e -> record(direct, "reorg")),
          node.onReorg(executor, e -> record(onExecutor, "reorg")),
          node.onTxAdded(e -> record(direct, "txAdded")),
          node.onTxAdded(executor, e -> record(onExecutor, "txAdded")),
          node.onTxDropped(e -> record(direct, "txDropped:" + e.reason())),
          node.onTxDropped(executor, e -> record(onExecutor, "txDropped:" + e.reason())),
          node.onImport(t -> record(direct, "import:" + t.result().status())),
          node.onImport(executor, t -> record(onExecutor, "import:" + t.result().status()))));

      assertThat(node.submit(transfer).status()).isEqualTo(AddResult.Status.ADDED);
      assertThat(node.importBlock(light).status()).isEqualTo(ImportResult.Status.IMPORTED); // includes the transfer
      assertThat(node.importBlock(heavy).status()).isEqualTo(ImportResult.Status.IMPORTED); // heavier: a reorg
      assertThat(node.head().hash()).isEqualTo(heavyStored.hash());
      drainExecutor();

      String me = Thread.currentThread().getName();
      Set<String> events = Set.of("newHead", "reorg", "txAdded", "txDropped:" + TxDroppedEvent.Reason.INCLUDED, "import:IMPORTED");
      assertThat(new TreeMap<>(direct)).containsOnlyKeys(events);
      assertThat(new TreeMap<>(onExecutor)).containsOnlyKeys(events);
      direct.values().forEach(threads -> assertThat(threads).containsExactly(me));
      onExecutor.values().forEach(threads -> assertThat(threads).containsExactly(EXECUTOR_THREAD));

      subscriptions.forEach(Subscription::close);
      direct.clear();
      onExecutor.clear();
      f.clockAt(afterHeavy);
      assertThat(node.importBlock(afterHeavy).status()).isEqualTo(ImportResult.Status.IMPORTED);
      drainExecutor();
      assertThat(direct).isEmpty();
      assertThat(onExecutor).isEmpty();
    }
  }

  @Test
  void sealedAndProducedBlocksReachBothKindsOfListener() throws Exception {
    AccountKey miner = TestKeys.vector(0);
    var genesis = io.ccoin.core.genesis.GenesisParser.parse("""
        {"network_id": 9, "miners": ["%s"],
         "block_mining": {"interval": 0.2, "max_bound": 100, "min_bound": 1, "reward": 50, "difficulty": 1,
                          "allow_empty": true, "placeholder_data": ["predef", "idle"]},
         "genesis_block": {"difficulty": 1}}
        """.formatted(miner.address()));
    CountDownLatch directSeen = new CountDownLatch(1);
    CountDownLatch executorSeen = new CountDownLatch(1);
    try (CcoinNode node = Ccoin.builder().genesis(genesis).validator(miner).build()) {
      node.onBlockProduced(b -> {
        record(direct, "produced");
        directSeen.countDown();
      });
      node.onBlockProduced(executor, b -> {
        record(onExecutor, "produced");
        executorSeen.countDown();
      });
      node.onBlockSealed(b -> record(direct, "sealed"));
      node.onBlockSealed(executor, b -> record(onExecutor, "sealed"));
      node.start();
      assertThat(directSeen.await(20, TimeUnit.SECONDS)).as("a produced block, direct listener").isTrue();
      assertThat(executorSeen.await(20, TimeUnit.SECONDS)).as("a produced block, executor listener").isTrue();
    }
    assertThat(onExecutor.get("produced")).containsExactly(EXECUTOR_THREAD);
    assertThat(direct.get("produced")).doesNotContain(EXECUTOR_THREAD, Thread.currentThread().getName());
    assertThat(onExecutor.get("sealed")).containsExactly(EXECUTOR_THREAD);
    assertThat(direct.get("sealed")).doesNotContain(EXECUTOR_THREAD, Thread.currentThread().getName());
  }
}
