package io.ccoin.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.ImportResult;
import io.ccoin.api.StoredBlock;
import io.ccoin.core.internal.chain.Chain;
import io.ccoin.core.ChainConfig;
import io.ccoin.core.internal.chain.ChainFixture;
import io.ccoin.store.mapdb.internal.IoFaults;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 17, defect 6: an interrupt of the thread that commits (a cancelled task, a timeout, a
 * shutdown) used to close the store's {@code FileChannel} mid-write ({@code
 * ClosedByInterruptException}), failing the commit and every later one. Now commits, reads and
 * opens from an interrupted thread succeed, the store stays usable, and the caller's interrupt flag
 * is still set afterwards.
 */
class InterruptedCallerTest {
  final ChainFixture f = new ChainFixture();
  final List<StoredBlock> blocks = f.inTurnChain(f.genesisBlock(), 6);

  @TempDir
  Path dir;

  @AfterEach
  void clearTheFlag() {
    Thread.interrupted();
  }

  /** Interrupts {@code victim} once, just before {@code step} of a commit, as a canceller on another thread would. */
  static final class InterruptAt implements IoFaults {
    final Step step;
    final AtomicReference<Thread> victim = new AtomicReference<>();

    InterruptAt(Step step) {
      this.step = step;
    }

    @Override
    public void before(Step s, Path file) {
      Thread t = victim.get();
      if (s == step && t != null) {
        victim.set(null);
        t.interrupt();
      }
    }
  }

  void importBlock(Chain chain, int index) {
    f.clockAt(blocks.get(index).block());
    assertThat(chain.importBlock(blocks.get(index).block()).status()).isEqualTo(ImportResult.Status.IMPORTED);
  }

  @Test
  void aCommitAndReadsFromAThreadInterruptedBeforeTheCallSucceedAndKeepTheFlag() {
    try (MapDbChainStore store = MapDbChainStore.open(dir)) {
      Chain chain = f.newChain(store, ChainConfig.DEFAULT);
      importBlock(chain, 0);

      Thread.currentThread().interrupt();
      importBlock(chain, 1);
      assertThat(Thread.currentThread().isInterrupted()).as("the flag is kept").isTrue();
      assertThat(store.block(blocks.get(1).hash())).isPresent();
      assertThat(store.head()).contains(blocks.get(1).hash());
      assertThat(store.canonicalHash(1)).contains(blocks.get(0).hash());
      store.verifyAll();
      assertThat(Thread.interrupted()).as("still set after the reads").isTrue();

      importBlock(chain, 2);
      assertThat(store.failure()).isEmpty();
    }
    Thread.currentThread().interrupt();
    try (MapDbChainStore reopened = MapDbChainStore.open(dir)) {
      assertThat(Thread.interrupted()).isTrue();
      assertThat(reopened.head()).contains(blocks.get(2).hash());
    }
  }

  @ParameterizedTest
  @EnumSource(IoFaults.Step.class)
  void aCommitDuringWhichTheCallerIsInterruptedSucceeds(IoFaults.Step step) {
    InterruptAt faults = new InterruptAt(step);
    try (MapDbChainStore store = MapDbChainStore.open(dir, MapDbChainStore.Options.defaults().withFaults(faults))) {
      Chain chain = f.newChain(store, ChainConfig.DEFAULT);
      importBlock(chain, 0);
      faults.victim.set(Thread.currentThread());
      importBlock(chain, 1);
      assertThat(faults.victim.get()).as("the interrupt happened").isNull();
      assertThat(Thread.interrupted()).as("the caller's flag is kept").isTrue();
      assertThat(store.failure()).isEmpty();
      assertThat(chain.storeFailure()).isEmpty();
      importBlock(chain, 2);
      assertThat(store.head()).contains(blocks.get(2).hash());
    }
    try (MapDbChainStore reopened = MapDbChainStore.open(dir)) {
      assertThat(reopened.head()).contains(blocks.get(2).hash());
      reopened.verifyAll();
    }
  }

  @Test
  void aCommitOnAWorkerThreadInterruptedBeforeItStartsSucceeds() throws Exception {
    try (MapDbChainStore store = MapDbChainStore.open(dir)) {
      Chain chain = f.newChain(store, ChainConfig.DEFAULT);
      importBlock(chain, 0);
      f.clockAt(blocks.get(1).block());
      AtomicReference<Object> outcome = new AtomicReference<>();
      Thread worker = new Thread(() -> {
        Thread.currentThread().interrupt();
        try {
          outcome.set(chain.importBlock(blocks.get(1).block()).status());
        } catch (RuntimeException e) {
          outcome.set(e);
        }
        outcome.set(List.of(outcome.get(), Thread.currentThread().isInterrupted()));
      });
      worker.start();
      worker.join(30_000);
      assertThat(outcome.get()).isEqualTo(List.of(ImportResult.Status.IMPORTED, true));
      assertThat(store.head()).contains(blocks.get(1).hash());
    }
  }
}
