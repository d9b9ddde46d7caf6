package io.ccoin.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ccoin.api.Account;
import io.ccoin.api.Address;
import io.ccoin.api.Block;
import io.ccoin.api.Hash;
import io.ccoin.api.ImportResult;
import io.ccoin.api.StoreException;
import io.ccoin.api.WriteBatch;
import io.ccoin.core.internal.chain.Chain;
import io.ccoin.store.mapdb.internal.IoFaults;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A commit that fails on the disk (full, or an I/O error) fails cleanly: the import throws, the
 * store refuses further commits with the original reason and keeps serving reads, and once the
 * cause is gone the store reopens at its last committed block and import goes on from there. Once
 * with failures injected at each step of a commit, once on a real, full tmpfs (skipped where
 * mounting one is not allowed).
 */
class DiskFullTest {
  private static final String ENOSPC = "No space left on device";
  private static Scenario scenario;

  @TempDir
  Path tmp;

  @BeforeAll
  static void buildBlocks() {
    scenario = Scenario.build(30, 3);
  }

  /** Fails the step {@code step} of a commit with ENOSPC once armed. */
  private static final class Faults implements IoFaults {
    final Step step;
    final AtomicBoolean armed = new AtomicBoolean();

    Faults(Step step) {
      this.step = step;
    }

    @Override
    public void before(Step s, Path file) throws IOException {
      if (s == step && armed.get()) {
        throw new IOException(ENOSPC);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(IoFaults.Step.class)
  void aCommitThatFailsOnTheDiskFailsTheStoreCleanlyAndReopensAtTheLastCommit(IoFaults.Step step) {
    Path dir = tmp.resolve("store");
    Faults faults = new Faults(step);
    int failAt = 12;
    try (MapDbChainStore store = MapDbChainStore.open(dir, MapDbChainStore.Options.defaults().withFaults(faults))) {
      Chain chain = Scenario.chain(store, scenario.genesis);
      for (int i = 0; i < failAt; i++) {
        assertThat(chain.importBlock(scenario.blocks.get(i)).status()).isEqualTo(ImportResult.Status.IMPORTED);
      }
      Hash before = store.head().orElseThrow();
      faults.armed.set(true);
      assertThatThrownBy(() -> chain.importBlock(scenario.blocks.get(failAt)))
          .isInstanceOf(StoreException.class).hasMessageContaining(dir.resolve(MapDbChainStore.STORE_FILE).toString())
          .hasMessageContaining(ENOSPC);
      faults.armed.set(false);

      assertThat(store.failure()).hasValueSatisfying(f -> assertThat(f).contains(ENOSPC));
      assertThat(chain.head().hash()).as("the chain keeps its head").isEqualTo(before);
      assertThatThrownBy(() -> store.commit(WriteBatch.builder().putMetadata("x", io.ccoin.api.Bytes.EMPTY).build()))
          .as("later commits are refused with the original reason, even once the disk works again")
          .isInstanceOf(StoreException.class).hasMessageContaining("refusing to commit").hasMessageContaining(ENOSPC);
      boolean durable = step == IoFaults.Step.APPLY || step == IoFaults.Step.APPLY_FORCE;
      Hash expected = durable ? scenario.heads.get(failAt + 2) : before;
      assertThat(store.head()).as("reads go on").contains(expected);
      assertThat(store.block(before)).isPresent();
    }

    int position = step == IoFaults.Step.APPLY || step == IoFaults.Step.APPLY_FORCE ? failAt + 2 : failAt + 1;
    try (MapDbChainStore store = MapDbChainStore.open(dir, MapDbChainStore.Options.defaults().expectingGenesis(scenario.genesis.hash()))) {
      assertThat(store.head()).contains(scenario.heads.get(position));
      store.verifyAll();
      importTheRestAndCompare(store, scenario);
    }
  }

  /** A real full disk: a small tmpfs, filled up while the node imports. Needs root (mount). */
  @Test
  void aRealFullDiskFailsTheCommitAndTheStoreOpensAtItsLastCommittedBlockOnceSpaceIsFreed() throws Exception {
    Path mount = tmp.resolve("tmpfs");
    Files.createDirectories(mount);
    assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", mount.toString()), "cannot mount a tmpfs here (needs root)");
    try {
      Scenario longer = Scenario.build(250, 4);
      Path dir = mount.resolve("store");
      Path filler = mount.resolve("filler");
      int imported = 0;
      String failure = null;
      Hash lastCommitted;
      try (MapDbChainStore store = MapDbChainStore.open(dir)) {
        Chain chain = Scenario.chain(store, longer.genesis);
        fill(filler);
        lastCommitted = store.head().orElseThrow();
        for (Block b : longer.blocks) {
          try {
            chain.importBlock(b);
          } catch (StoreException e) {
            failure = e.getMessage();
            break;
          }
          imported++;
          lastCommitted = store.head().orElseThrow();
        }
        assertThat(failure).as("the disk filled up before the %d blocks were imported", longer.blocks.size()).isNotNull();
        assertThat(failure).contains(dir.resolve(MapDbChainStore.STORE_FILE).toString()).contains(ENOSPC);
        assertThat(store.failure()).isPresent();
        assertThat(store.head()).contains(lastCommitted);
        System.out.println("full tmpfs: " + imported + " blocks imported, then: " + failure);
      }
      Files.delete(filler); // space is freed
      try (MapDbChainStore store = MapDbChainStore.open(dir, MapDbChainStore.Options.defaults().expectingGenesis(longer.genesis.hash()))) {
        assertThat(store.head()).as("the last committed block, after %d imports", imported).contains(lastCommitted);
        assertThat(store.head()).contains(longer.heads.get(imported + 1));
        store.verifyAll();
        importTheRestAndCompare(store, longer);
      }
    } finally {
      run("umount", "-l", mount.toString());
    }
  }

  private static void importTheRestAndCompare(MapDbChainStore store, Scenario scenario) {
    Chain chain = Scenario.chain(store, scenario.genesis);
    for (Block b : scenario.blocks) {
      ImportResult r = chain.importBlock(b);
      assertThat(r.status()).isIn(ImportResult.Status.IMPORTED, ImportResult.Status.ALREADY_KNOWN);
    }
    assertThat(store.head()).contains(scenario.heads.get(scenario.heads.size() - 1));
    Map<Address, Account> accounts = new HashMap<>();
    store.forEachAccount(accounts::put);
    assertThat(accounts).isEqualTo(scenario.finalAccounts);
    store.verifyAll();
  }

  /** Fills the file system with {@code filler} until a write fails. */
  private static void fill(Path filler) throws IOException {
    byte[] chunk = new byte[4096];
    try (OutputStream out = Files.newOutputStream(filler)) {
      while (true) {
        out.write(chunk);
        out.flush();
      }
    } catch (IOException full) {
      assertThat(full.getMessage()).contains(ENOSPC);
    }
  }

  private static boolean run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
