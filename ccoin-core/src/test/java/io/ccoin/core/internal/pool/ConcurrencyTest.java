package io.ccoin.core.internal.pool;

import io.ccoin.core.pool.AddResult;
import io.ccoin.core.pool.PoolConfig;
import io.ccoin.core.pool.PoolError;
import io.ccoin.core.pool.PoolStats;

import static io.ccoin.core.internal.pool.PoolFixture.KEYS;
import static io.ccoin.core.internal.pool.PoolFixture.tx;
import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.Transaction;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.pool.AddResult.Status;
import io.ccoin.core.internal.pool.PoolFixture.Accounts;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {
  private static final int PER_SENDER = 30;
  private static List<List<Transaction>> bySender;
  private static ExecutorService threads;

  private final Accounts accounts = Accounts.rich();

  @BeforeAll
  static void sign() {
    bySender = new ArrayList<>();
    for (AccountKey key : KEYS) {
      List<Transaction> txs = new ArrayList<>();
      for (int n = 0; n < PER_SENDER; n++) {
        txs.add(tx(key, n, 1 + n % 7));
      }
      bySender.add(List.copyOf(txs));
    }
    threads = Executors.newFixedThreadPool(KEYS.size());
  }

  @AfterAll
  static void stop() {
    threads.shutdownNow();
  }

  /** Each thread submits every transaction, its own sender's in order, the others' shuffled. */
  private List<AddResult> runAll(TxPool pool) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<AddResult>>> futures = new ArrayList<>();
    for (int t = 0; t < KEYS.size(); t++) {
      int me = t;
      Callable<List<AddResult>> job = () -> {
        List<Transaction> mine = new ArrayList<>(bySender.get(me));
        List<Transaction> others = new ArrayList<>();
        for (int s = 0; s < bySender.size(); s++) {
          if (s != me) {
            others.addAll(bySender.get(s));
          }
        }
        Collections.shuffle(others, new Random(me));
        start.await(5, TimeUnit.SECONDS);
        List<AddResult> results = new ArrayList<>();
        for (int i = 0; i < mine.size(); i++) {
          results.add(pool.add(mine.get(i)));
          results.add(pool.add(others.get(2 * i)));
          results.addAll(pool.addAll(List.of(others.get(2 * i + 1))));
        }
        return results;
      };
      futures.add(threads.submit(job));
    }
    start.countDown();
    List<AddResult> all = new ArrayList<>();
    for (Future<List<AddResult>> f : futures) {
      all.addAll(f.get(10, TimeUnit.SECONDS));
    }
    return all;
  }

  @Test
  void concurrentAddsAdmitEachTransactionExactlyOnce() throws Exception {
    TxPool pool = new TxPool(PoolFixture.verifier(), accounts);
    AtomicInteger addedEvents = new AtomicInteger();
    pool.onTxAdded(e -> addedEvents.incrementAndGet());

    List<AddResult> results = runAll(pool);

    int total = KEYS.size() * PER_SENDER;
    assertThat(results.stream().filter(r -> r.status() == Status.ADDED).count()).isEqualTo(total);
    assertThat(results.stream().filter(r -> r.status() == Status.ALREADY_KNOWN).count()).isEqualTo(2L * total);
    assertThat(results).noneMatch(AddResult::isRejected);
    assertThat(pool.size()).isEqualTo(total);
    assertThat(addedEvents.get()).isEqualTo(total);
    for (int s = 0; s < KEYS.size(); s++) {
      assertThat(pool.pendingNonce(KEYS.get(s).address())).isEqualTo(PER_SENDER);
      assertThat(bySender.get(s)).allMatch(tx -> pool.contains(PoolFixture.hash(tx)));
    }
    assertThat(pool.stats()).isEqualTo(new PoolStats(total, pool.stats().readyBytes(), 0, 0));
    assertThat(pool.select(Integer.MAX_VALUE, Long.MAX_VALUE, accounts)).hasSize(total);
  }

  @Test
  void concurrentAddsToAFullPoolKeepItsBounds() throws Exception {
    TxPool pool = new TxPool(PoolFixture.verifier(), accounts, PoolConfig.DEFAULT.withMaxCount(40));
    AtomicInteger added = new AtomicInteger();
    AtomicInteger dropped = new AtomicInteger();
    pool.onTxAdded(e -> added.incrementAndGet());
    pool.onTxDropped(e -> dropped.incrementAndGet());

    List<AddResult> results = runAll(pool);

    assertThat(results).allMatch(r -> !r.isRejected() || r.error().orElseThrow() == PoolError.POOL_FULL);
    assertThat(pool.size()).isLessThanOrEqualTo(40);
    assertThat(added.get() - dropped.get()).isEqualTo(pool.size());
    PoolStats stats = pool.stats();
    assertThat(stats.count()).isEqualTo(pool.size());
    List<Transaction> selected = pool.select(Integer.MAX_VALUE, Long.MAX_VALUE, accounts);
    assertThat(selected).hasSize(stats.readyCount());
    long selectedBytes = selected.stream().mapToLong(PoolFixture::size).sum();
    assertThat(selectedBytes).isEqualTo(stats.readyBytes());
  }
}
