package io.ccoin.net.internal.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccoin.api.Hash;
import io.ccoin.api.Transaction;
import io.ccoin.core.Hashes;
import io.ccoin.core.TestKeys;
import io.ccoin.core.TransactionBuilder;
import io.ccoin.net.internal.peer.NetworkThread;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The queue of received transactions admits a chunk per network-thread task and keeps at most one
 * task queued, so that a frame reaching the network thread behind a backlog of {@code TXS} is
 * handled after one chunk, not after the whole backlog.
 */
class AdmissionQueueTest {
  static List<Transaction> txs;
  static List<Hash> hashes;

  /** A network thread whose tasks run only when the test says so, in order. */
  static final class ManualThread implements NetworkThread {
    final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

    @Override
    public void execute(Runnable task) {
      tasks.add(task);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, long delayMs) {
      throw new UnsupportedOperationException("not used by the queue");
    }

    void runOne() {
      tasks.poll().run();
    }
  }

  @BeforeAll
  static void sign() {
    // 1,100 distinct transactions share one signature: the queue checks nothing, it only orders
    Transaction first = TransactionBuilder.forNetwork(1, Hash.ZERO).nonce(0).to(TestKeys.vector(1).address()).value(1)
        .sign(TestKeys.vector(0));
    txs = new ArrayList<>();
    hashes = new ArrayList<>();
    for (int i = 0; i < 1_100; i++) {
      Transaction tx = new Transaction(first.chainId(), i, first.to(), first.value(), first.fee(), first.data(), first.publicKey(),
          first.signature());
      txs.add(tx);
      hashes.add(Hashes.txHash(tx));
    }
  }

  @Test
  void aFrameBehindABacklogWaitsForOneChunkOnly() {
    ManualThread loop = new ManualThread();
    List<Integer> admitted = new ArrayList<>();
    List<String> order = new ArrayList<>();
    AdmissionQueue<String> q = new AdmissionQueue<>(loop, 4_096, c -> {
      admitted.add(c.txs().size());
      order.add("chunk of " + c.txs().size() + " from " + c.from());
    });
    // four TXS frames reach the thread, then a block
    q.add("a", txs.subList(0, 1_024), hashes.subList(0, 1_024));
    q.add("b", txs.subList(1_024, 1_100), hashes.subList(1_024, 1_100));
    assertThat(loop.tasks).hasSize(1);
    assertThat(q.size()).isEqualTo(1_100);
    loop.execute(() -> order.add("block"));
    int tasks = 0;
    while (!loop.tasks.isEmpty() && tasks++ < 100) {
      loop.runOne();
    }
    assertThat(order).containsExactly("chunk of 256 from a", "block", "chunk of 256 from a", "chunk of 256 from a",
        "chunk of 256 from a", "chunk of 76 from b");
    assertThat(admitted.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1_100);
    assertThat(q.size()).isZero();
    assertThat(loop.tasks).isEmpty();
  }

  @Test
  void waitingHashesAreKnownUntilTheirChunkIsAdmitted() {
    ManualThread loop = new ManualThread();
    AdmissionQueue<String> q = new AdmissionQueue<>(loop, 1_024, c -> {});
    q.add("a", txs.subList(0, 300), hashes.subList(0, 300));
    assertThat(q.contains(hashes.get(0))).isTrue();
    assertThat(q.contains(hashes.get(299))).isTrue();
    assertThat(q.contains(hashes.get(300))).isFalse();
    loop.runOne();
    assertThat(q.contains(hashes.get(0))).isFalse();
    assertThat(q.contains(hashes.get(299))).isTrue();
    assertThat(q.size()).isEqualTo(44);
  }

  @Test
  void itHoldsAtMostItsLimitAndRefusesMore() {
    ManualThread loop = new ManualThread();
    AdmissionQueue<String> q = new AdmissionQueue<>(loop, 1_024, c -> {});
    q.add("a", txs.subList(0, 1_000), hashes.subList(0, 1_000));
    assertThat(q.hasRoomFor(24)).isTrue();
    assertThat(q.hasRoomFor(25)).isFalse();
    assertThatThrownBy(() -> q.add("b", txs.subList(1_000, 1_025), hashes.subList(1_000, 1_025)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("1000 of 1024 wait");
    assertThat(q.size()).isEqualTo(1_000);
    assertThat(q.contains(hashes.get(1_000))).isFalse();
    loop.runOne();
    assertThat(q.hasRoomFor(25)).isTrue();
  }

  @Test
  void aFailingAdmissionDoesNotStopTheQueue() {
    ManualThread loop = new ManualThread();
    List<String> from = Collections.synchronizedList(new ArrayList<>());
    AdmissionQueue<String> q = new AdmissionQueue<>(loop, 1_024, c -> {
      from.add(c.from());
      if (c.from().equals("a")) {
        throw new IllegalStateException("boom");
      }
    });
    q.add("a", txs.subList(0, 10), hashes.subList(0, 10));
    q.add("b", txs.subList(10, 20), hashes.subList(10, 20));
    assertThatThrownBy(loop::runOne).hasMessage("boom");
    assertThat(loop.tasks).hasSize(1);
    loop.runOne();
    assertThat(from).containsExactly("a", "b");
    assertThat(q.size()).isZero();
  }
}
