package io.ccoin.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.Hash;
import io.ccoin.api.StoreException;
import io.ccoin.api.StoredBlock;
import io.ccoin.core.internal.chain.Chain;
import io.ccoin.core.ChainConfig;
import io.ccoin.core.internal.chain.ChainFixture;
import io.ccoin.core.store.ForwardingChainStore;
import io.ccoin.core.store.MemoryChainStore;
import io.ccoin.net.sim.SimCluster;
import io.ccoin.net.sim.SimCluster.SimNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, defect 4, in virtual time: a node whose store cannot read one block record answers a
 * {@code GBL} at once with the blocks before it (then with none), records the store failure naming
 * the block, and from then on advertises only its genesis; a new node whose only peer it is ends
 * its sync round at once instead of waiting for a timeout, and completes it from a healthy peer.
 */
class DamagedStoreServingTest {
  static final ChainFixture FX = new ChainFixture();
  static final List<StoredBlock> CHAIN = FX.inTurnChain(FX.genesisBlock(), 6);

  /** A memory store whose {@code damaged} block record cannot be read, as a damaged MapDB record. */
  static final class DamagedStore extends ForwardingChainStore {
    volatile Hash damaged;

    DamagedStore() {
      super(new MemoryChainStore());
    }

    @Override
    public Optional<StoredBlock> block(Hash hash) {
      if (hash.equals(damaged)) {
        throw new StoreException("/data/chain.db is damaged: the block record " + hash + " fails its checksum");
      }
      return super.block(hash);
    }
  }

  SimCluster c = new SimCluster(17, FX.genesis.genesis());

  @AfterEach
  void tearDown() {
    c.close();
    assertThat(c.scheduler.failures()).isEmpty();
  }

  static DamagedStore fullStore() {
    DamagedStore store = new DamagedStore();
    ChainFixture f = new ChainFixture();
    Chain writer = f.newChain(store, ChainConfig.DEFAULT);
    for (StoredBlock b : CHAIN) {
      f.clockAt(b.block());
      writer.importBlock(b.block());
    }
    return store;
  }

  @Test
  void aNodeThatCannotReadABlockSaysSoAndItsPeerSyncsElsewhere() {
    long wait = CHAIN.get(5).block().header().timestamp() - c.scheduler.now();
    if (wait > 0) {
      c.runFor(Duration.ofMillis(wait)); // the blocks are not from the future
    }
    DamagedStore store = fullStore();
    store.damaged = CHAIN.get(2).hash(); // block #3
    SimNode damaged = c.add("damaged", null, List.of(), store);
    c.start(damaged);
    assertThat(damaged.node().storeFailure()).as("nothing read it yet").isEmpty();

    SimNode fresh = c.add("fresh", null, List.of(damaged.address()));
    c.start(fresh);
    // well within the 10 s request timeout: the answers come at once
    assertThat(c.runUntil(() -> fresh.height() == 2 && fresh.net().syncState() == SyncState.SYNCED, Duration.ofSeconds(3)))
        .as("the blocks before the damaged one, then an empty answer: the claim is lost at once").isTrue();
    assertThat(damaged.node().storeFailure()).hasValueSatisfying(r -> assertThat(r)
        .startsWith("reading block #3 " + CHAIN.get(2).hash()).contains("fails its checksum"));
    assertThat(fresh.net().peers()).hasSize(1);

    SimNode late = c.add("late", null, List.of(damaged.address()));
    c.start(late);
    assertThat(c.runUntil(() -> late.net().peers().size() == 1, Duration.ofSeconds(5))).isTrue();
    assertThat(late.net().peers().get(0).totalWeight()).as("the damaged node advertises only its genesis").isZero();
    assertThat(late.net().peers().get(0).headHash()).isEqualTo(FX.genesisBlock().hash());

    SimNode healthy = c.add("healthy", null, List.of(), fullStore());
    c.start(healthy);
    fresh.net().connect(healthy.address());
    assertThat(c.runUntil(() -> fresh.height() == 6, Duration.ofSeconds(10))).as("synced from the healthy peer").isTrue();
    assertThat(fresh.node().head().hash()).isEqualTo(CHAIN.get(5).hash());
  }
}
