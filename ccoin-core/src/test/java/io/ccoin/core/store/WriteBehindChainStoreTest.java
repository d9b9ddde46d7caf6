package io.ccoin.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccoin.api.Account;
import io.ccoin.api.AccountTx;
import io.ccoin.api.Address;
import io.ccoin.api.BlockUndo;
import io.ccoin.api.Bytes;
import io.ccoin.api.ChainStore;
import io.ccoin.api.Hash;
import io.ccoin.api.StoreException;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.TxLocation;
import io.ccoin.api.WriteBatch;
import io.ccoin.core.Await;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What writing behind adds to the store contract: queued batches, the queue's bound, failures, close. */
@Timeout(30)
class WriteBehindChainStoreTest {
  private final TestBlocks gen = new TestBlocks(11);
  private final GatedStore gated = new GatedStore();
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stopThreads() {
    gated.open();
    threads.shutdownNow();
  }

  @Test
  void readsSeeACommittedBatchBeforeItIsWritten() throws Exception {
    WriteBehindChainStore store = new WriteBehindChainStore(gated, 4);
    StoredBlock g = gen.genesis();
    StoredBlock b1 = gen.child(g, 2, 1);
    Address a = gen.address();
    Account acc = new Account(5, 1);
    Hash tx0 = TestBlocks.txHash(b1.block().transactions().get(0));
    BlockUndo undo = new BlockUndo(b1.hash(), Map.of(a, Account.EMPTY));
    Bytes value = gen.bytes(8);
    gated.closeGate();

    store.commit(WriteBatch.builder().putBlock(g).setCanonical(0, g.hash()).setHead(g.hash()).build());
    // checked against the queued batch: its parent and its canonical entry's block are only queued
    store.commit(WriteBatch.builder().putBlock(b1).setCanonical(1, b1.hash()).setHead(b1.hash())
        .putTransaction(tx0, new TxLocation(b1.hash(), 1, 0)).putAccount(a, acc).putUndo(undo)
        .putMetadata("k", value).build());

    assertThat(gated.delegate().head()).as("nothing written yet").isEmpty();
    assertThat(store.queued()).isEqualTo(2);
    assertThat(store.head()).contains(b1.hash());
    assertThat(store.block(b1.hash())).contains(b1);
    assertThat(store.block(g.hash())).contains(g);
    assertThat(store.canonicalHash(0)).contains(g.hash());
    assertThat(store.canonicalHash(1)).contains(b1.hash());
    assertThat(store.canonicalHash(2)).isEmpty();
    assertThat(store.transaction(tx0)).contains(new TxLocation(b1.hash(), 1, 0));
    assertThat(store.account(a)).contains(acc);
    assertThat(store.undo(b1.hash())).contains(undo);
    assertThat(store.metadata("k")).contains(value);

    // a later queued batch that removes or replaces wins over an earlier one
    store.commit(WriteBatch.builder().removeCanonical(1).setHead(g.hash()).removeTransaction(tx0)
        .putAccount(a, Account.EMPTY).removeUndo(b1.hash()).build());
    assertThat(store.head()).contains(g.hash());
    assertThat(store.canonicalHash(1)).isEmpty();
    assertThat(store.transaction(tx0)).isEmpty();
    assertThat(store.account(a)).isEmpty();
    assertThat(store.undo(b1.hash())).isEmpty();
    assertThat(store.block(b1.hash())).as("the block stays stored").contains(b1);

    gated.open();
    store.flush();
    assertThat(store.queued()).isZero();
    assertThat(gated.delegate().head()).contains(g.hash());
    assertThat(gated.delegate().canonicalHash(1)).isEmpty();
    assertThat(gated.delegate().block(b1.hash())).contains(b1);
    assertThat(gated.delegate().metadata("k")).contains(value);
    assertThat(gated.heads).containsExactly(g.hash(), b1.hash(), g.hash());
    store.close();
  }

  @Test
  void aBatchPointingAtAnUnknownBlockIsRefusedByItsCommit() {
    WriteBehindChainStore store = new WriteBehindChainStore(gated, 4);
    gated.closeGate();
    assertThatThrownBy(() -> store.commit(WriteBatch.builder().setHead(gen.hash()).build()))
        .isInstanceOf(StoreException.class).hasMessageContaining("refused");
    assertThat(store.queued()).isZero();
    gated.open();
    store.close();
  }

  @Test
  void commitWaitsWhileTheQueueIsFull() throws Exception {
    WriteBehindChainStore store = new WriteBehindChainStore(gated, 1);
    StoredBlock g = gen.genesis();
    StoredBlock b1 = gen.child(g);
    gated.closeGate();
    store.commit(WriteBatch.builder().putBlock(g).setHead(g.hash()).build());
    CountDownLatch started = new CountDownLatch(1);
    Thread[] committer = new Thread[1];
    Future<?> second = threads.submit(() -> {
      committer[0] = Thread.currentThread();
      started.countDown();
      store.commit(WriteBatch.builder().putBlock(b1).setHead(b1.hash()).build());
      return null;
    });
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    awaitState(committer[0], Thread.State.WAITING);
    assertThat(second).isNotDone();
    assertThat(store.head()).as("the second batch is not queued").contains(g.hash());

    gated.open();
    second.get(10, TimeUnit.SECONDS);
    store.flush();
    assertThat(gated.delegate().head()).contains(b1.hash());
    store.close();
  }

  @Test
  void flushWaitsUntilEveryCommittedBatchIsWritten() throws Exception {
    WriteBehindChainStore store = new WriteBehindChainStore(gated, 4);
    StoredBlock g = gen.genesis();
    gated.closeGate();
    store.commit(WriteBatch.builder().putBlock(g).setHead(g.hash()).build());
    Thread[] flusher = new Thread[1];
    CountDownLatch started = new CountDownLatch(1);
    Future<?> flush = threads.submit(() -> {
      flusher[0] = Thread.currentThread();
      started.countDown();
      store.flush();
      return null;
    });
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    awaitState(flusher[0], Thread.State.WAITING);
    assertThat(flush).isNotDone();
    gated.open();
    flush.get(10, TimeUnit.SECONDS);
    assertThat(gated.delegate().head()).contains(g.hash());
    store.close();
  }

  @Test
  void theAddressIndexAndTheAccountScanWaitForTheQueuedBatches() throws Exception {
    WriteBehindChainStore store = new WriteBehindChainStore(gated, 4);
    StoredBlock g = gen.genesis();
    StoredBlock b1 = gen.child(g, 1, 1);
    Address a = gen.address();
    Hash tx0 = TestBlocks.txHash(b1.block().transactions().get(0));
    gated.closeGate();
    store.commit(WriteBatch.builder().putBlock(g).putBlock(b1).setHead(b1.hash()).putAccount(a, new Account(3, 0))
        .putAccountTx(new AccountTx(a, 1, 0, tx0)).build());
    Thread[] readers = new Thread[2];
    CountDownLatch started = new CountDownLatch(2);
    Future<List<AccountTx>> index = threads.submit(() -> {
      readers[0] = Thread.currentThread();
      started.countDown();
      return store.accountTransactions(a, Long.MAX_VALUE, 0, 10);
    });
    Future<List<Address>> scan = threads.submit(() -> {
      readers[1] = Thread.currentThread();
      started.countDown();
      List<Address> seen = Collections.synchronizedList(new ArrayList<>());
      store.forEachAccount((address, account) -> seen.add(address));
      return seen;
    });
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    awaitState(readers[0], Thread.State.WAITING);
    awaitState(readers[1], Thread.State.WAITING);
    assertThat(index).as("waiting for the queued batch").isNotDone();
    assertThat(scan).as("waiting for the queued batch").isNotDone();
    gated.open();
    assertThat(index.get(10, TimeUnit.SECONDS)).containsExactly(new AccountTx(a, 1, 0, tx0));
    assertThat(scan.get(10, TimeUnit.SECONDS)).containsExactly(a);
    store.close();
  }

  @Test
  void aFailedWriteDropsTheQueueAndRefusesLaterCommitsAndFlushes() throws Exception {
    WriteBehindChainStore store = new WriteBehindChainStore(gated, 4);
    StoredBlock g = gen.genesis();
    StoredBlock b1 = gen.child(g);
    StoredBlock b2 = gen.child(b1);
    store.commit(WriteBatch.builder().putBlock(g).setHead(g.hash()).build());
    store.flush();
    gated.closeGate();
    gated.failNext.set(true);
    store.commit(WriteBatch.builder().putBlock(b1).setHead(b1.hash()).build());
    store.commit(WriteBatch.builder().putBlock(b2).setHead(b2.hash()).build());
    gated.open();

    assertThatThrownBy(store::flush).isInstanceOf(StoreException.class).hasMessageContaining("disk on fire");
    assertThat(store.failure()).hasValueSatisfying(f -> assertThat(f).contains("disk on fire"));
    assertThat(store.queued()).isZero();
    assertThat(store.head()).as("reads see the last written batch").contains(g.hash());
    assertThat(store.block(b2.hash())).as("the batch after the failed one was dropped").isEmpty();
    assertThatThrownBy(() -> store.commit(WriteBatch.builder().putBlock(b1).setHead(b1.hash()).build()))
        .isInstanceOf(StoreException.class).hasMessageContaining("disk on fire");
    assertThat(gated.delegate().head()).contains(g.hash());
    store.close();
  }

  @Test
  void closeWritesEveryQueuedBatchThenClosesTheWrappedStore() throws Exception {
    WriteBehindChainStore store = new WriteBehindChainStore(gated, 4);
    List<StoredBlock> blocks = new ArrayList<>();
    blocks.add(gen.genesis());
    for (int i = 0; i < 3; i++) {
      blocks.add(gen.child(blocks.get(blocks.size() - 1)));
    }
    gated.closeGate();
    for (StoredBlock b : blocks) {
      store.commit(WriteBatch.builder().putBlock(b).setHead(b.hash()).build());
    }
    Thread[] closer = new Thread[1];
    CountDownLatch started = new CountDownLatch(1);
    Future<?> closing = threads.submit(() -> {
      closer[0] = Thread.currentThread();
      started.countDown();
      store.close();
    });
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    awaitState(closer[0], Thread.State.WAITING); // joining the writer, which waits for the gate
    assertThatThrownBy(store::head).as("closed at once for callers").isInstanceOf(StoreException.class);
    assertThat(gated.closed).isFalse();
    gated.open();
    closing.get(10, TimeUnit.SECONDS);
    assertThat(gated.heads).containsExactlyElementsOf(blocks.stream().map(StoredBlock::hash).toList());
    assertThat(gated.closed).isTrue();
    assertThatThrownBy(() -> store.commit(WriteBatch.builder().build())).isInstanceOf(StoreException.class);
  }

  @Test
  void theQueueBoundIsChecked() {
    ChainStore memory = new MemoryChainStore();
    assertThatThrownBy(() -> new WriteBehindChainStore(memory, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WriteBehindChainStore(memory, 65)).isInstanceOf(IllegalArgumentException.class);
  }

  /** Waits until {@code t} is in {@code state} (parked in the store, for the tests). */
  private static void awaitState(Thread t, Thread.State state) {
    Await.until(t.getName() + " " + state, () -> t.getState() == state);
  }

  /** A memory store whose commits wait while the gate is closed, and can be made to fail once. */
  private static final class GatedStore extends ForwardingChainStore {
    private volatile CompletableFuture<Void> gate = CompletableFuture.completedFuture(null);
    final AtomicBoolean failNext = new AtomicBoolean();
    final List<Hash> heads = Collections.synchronizedList(new ArrayList<>());
    volatile boolean closed;

    GatedStore() {
      super(new MemoryChainStore());
    }

    @Override
    public ChainStore delegate() {
      return super.delegate();
    }

    synchronized void open() {
      gate.complete(null);
    }

    /** Closes the gate: commits wait until {@link #open}. */
    synchronized void closeGate() {
      if (gate.isDone()) {
        gate = new CompletableFuture<>();
      }
    }

    @Override
    public void commit(WriteBatch batch) {
      gate.join();
      if (failNext.getAndSet(false)) {
        throw new StoreException("disk on fire");
      }
      super.commit(batch);
      batch.head().ifPresent(heads::add);
    }

    @Override
    public void close() {
      closed = true;
      super.close();
    }
  }
}
