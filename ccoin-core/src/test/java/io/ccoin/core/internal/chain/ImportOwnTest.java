package io.ccoin.core.internal.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.Block;
import io.ccoin.api.BlockHeader;
import io.ccoin.api.Bytes;
import io.ccoin.api.Hash;
import io.ccoin.api.ImportResult;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.Transaction;
import io.ccoin.core.Hashes;
import io.ccoin.core.internal.merkle.StateTree;
import io.ccoin.core.internal.mining.BlockAssembler;
import io.ccoin.api.ChainStore;
import io.ccoin.api.WriteBatch;
import io.ccoin.core.Await;
import io.ccoin.core.ChainConfig;
import io.ccoin.core.store.ForwardingChainStore;
import io.ccoin.core.store.MemoryChainStore;
import io.ccoin.core.store.WriteBehindChainStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A block this node produced is handed on (to be announced) as soon as its import found it valid on
 * the head and before the store commits it; never when it is not valid, and not early when it does
 * not extend the head.
 */
class ImportOwnTest {
  final ChainFixture f = new ChainFixture();
  final Chain chain = f.newChain();
  final StoredBlock genesis = f.genesisBlock();

  @Test
  void aValidBlockOnTheHeadIsHandedOnBeforeItIsCommitted() {
    Block own = f.block(genesis, f.leaderOn(genesis), List.of(f.transfer(f.alice, 0, f.bob.address(), 5, 1)));
    f.clockAt(own);
    Hash hash = Hashes.blockHash(own.sealedHeader());
    List<Boolean> storedWhenHandedOn = new ArrayList<>();
    List<Long> headWhenHandedOn = new ArrayList<>();

    ImportResult r = chain.importOwn(own, b -> {
      storedWhenHandedOn.add(chain.store().block(hash).isPresent());
      headWhenHandedOn.add(chain.head().number());
    });

    assertThat(r.status()).isEqualTo(ImportResult.Status.IMPORTED);
    assertThat(storedWhenHandedOn).containsExactly(false);
    assertThat(headWhenHandedOn).containsExactly(0L);
    assertThat(chain.head().hash()).isEqualTo(hash);
    assertThat(chain.store().block(hash)).isPresent();
  }

  @Test
  void aBlockThatIsNotValidIsNeverHandedOn() {
    Block honest = f.block(genesis, f.leaderOn(genesis), List.of());
    BlockHeader h = honest.header();
    BlockHeader wrongRoot = new BlockHeader(h.version(), h.chainId(), h.number(), h.parentHash(), h.timestamp(), h.miner(),
        h.txRoot(), Hash.ZERO, h.difficulty(), h.data(), h.vote(), 0);
    Block bad = ChainFixture.seal(wrongRoot, honest.transactions(), f.leaderOn(genesis));
    f.clockAt(bad);
    List<Block> handedOn = new ArrayList<>();

    ImportResult r = chain.importOwn(bad, handedOn::add);

    assertThat(r.status()).isEqualTo(ImportResult.Status.INVALID);
    assertThat(r.validation().rule()).isEqualTo("stateRoot");
    assertThat(handedOn).isEmpty();
    assertThat(chain.head().hash()).isEqualTo(genesis.hash());
  }

  @Test
  void aBlockOnALighterSideBranchIsImportedWithoutTheCall() {
    Block leader = f.block(genesis, f.leaderOn(genesis), List.of());
    Block backup = f.block(genesis, f.minerOfRank(genesis, 1), List.of());
    f.clockAt(backup);
    assertThat(chain.importBlock(leader).status()).isEqualTo(ImportResult.Status.IMPORTED);
    List<Block> handedOn = new ArrayList<>();

    ImportResult r = chain.importOwn(backup, handedOn::add);

    assertThat(r.status()).isEqualTo(ImportResult.Status.IMPORTED);
    assertThat(handedOn).isEmpty();
    assertThat(chain.head().hash()).isEqualTo(Hashes.blockHash(leader.sealedHeader()));
  }

  @Test
  void theAssemblysExecutionIsUsedWhenTheBlockExtendsTheHeadItWasAssembledOn() {
    BlockAssembler.Assembled a = assembleOnHead(chain.head().state(), List.of(f.transfer(f.alice, 0, f.bob.address(), 5, 1)));
    Block own = sealed(a);

    ImportResult r = chain.importOwn(own, b -> {}, a.execution());

    assertThat(r.status()).isEqualTo(ImportResult.Status.IMPORTED);
    assertThat(chain.head().state()).isSameAs(a.execution().state().tree());
    assertThat(chain.head().state().get(f.bob.address()).balance())
        .isEqualTo(f.state(genesis.hash()).get(f.bob.address()).balance() + 5);
    assertThat(chain.store().account(f.bob.address())).contains(chain.head().state().get(f.bob.address()));
  }

  @Test
  void anExecutionStartedFromAnotherTreeIsNotUsedAndTheBlockIsExecutedAgain() {
    BlockAssembler.Assembled a = assembleOnHead(chain.head().state().copy(), List.of(f.transfer(f.alice, 0, f.bob.address(), 5, 1)));

    ImportResult r = chain.importOwn(sealed(a), b -> {}, a.execution());

    assertThat(r.status()).isEqualTo(ImportResult.Status.IMPORTED);
    assertThat(chain.head().state()).isNotSameAs(a.execution().state().tree());
    assertThat(chain.head().state().root()).isEqualTo(a.header().stateRoot());
  }

  @Test
  void anExecutionOfOtherTransactionsIsNotUsed() {
    BlockAssembler.Assembled withTransfer = assembleOnHead(chain.head().state(), List.of(f.transfer(f.alice, 0, f.bob.address(), 5, 1)));
    BlockAssembler.Assembled empty = assembleOnHead(chain.head().state(), List.of());

    ImportResult r = chain.importOwn(sealed(empty), b -> {}, withTransfer.execution());

    assertThat(r.status()).isEqualTo(ImportResult.Status.IMPORTED);
    assertThat(chain.head().state()).isNotSameAs(withTransfer.execution().state().tree());
    assertThat(chain.head().state().root()).isEqualTo(empty.header().stateRoot());
  }

  @Test
  void aHeaderNamingAnotherStateRootThanTheExecutionIsRefusedAsWithoutIt() {
    BlockAssembler.Assembled a = assembleOnHead(chain.head().state(), List.of(f.transfer(f.alice, 0, f.bob.address(), 5, 1)));
    BlockHeader h = a.header();
    BlockHeader wrongRoot = new BlockHeader(h.version(), h.chainId(), h.number(), h.parentHash(), h.timestamp(), h.miner(),
        h.txRoot(), Hash.ZERO, h.difficulty(), h.data(), h.vote(), 0);
    Block bad = ChainFixture.seal(wrongRoot, a.transactions(), f.leaderOn(genesis));
    f.clockAt(bad);
    List<Block> handedOn = new ArrayList<>();

    ImportResult r = chain.importOwn(bad, handedOn::add, a.execution());

    assertThat(r.status()).isEqualTo(ImportResult.Status.INVALID);
    assertThat(r.validation().rule()).isEqualTo("stateRoot");
    assertThat(handedOn).isEmpty();
    assertThat(chain.head().hash()).isEqualTo(genesis.hash());
  }

  /** Assembles the leader's block on the genesis head as the producer does, from {@code state}. */
  private BlockAssembler.Assembled assembleOnHead(StateTree state, List<Transaction> txs) {
    long timestamp = f.block(genesis, f.leaderOn(genesis), txs).header().timestamp();
    return new BlockAssembler(chain.txVerifier())
        .assemble(chain.head().stored(), state, f.leaderOn(genesis).address(), timestamp, txs, Bytes.EMPTY);
  }

  private Block sealed(BlockAssembler.Assembled a) {
    Block block = ChainFixture.seal(a.header(), a.transactions(), f.leaderOn(genesis));
    f.clockAt(block);
    return block;
  }

  @Test
  @Timeout(30)
  void onAStoreThatWritesBehindAnOwnBlockIsWrittenBeforeImportOwnReturnsAndAPeersBlockIsNot() throws Exception {
    CompletableFuture<Void> gate = new CompletableFuture<>();
    ChainStore memory = new MemoryChainStore();
    ChainStore slow = new ForwardingChainStore(memory) {
      @Override
      public void commit(WriteBatch batch) {
        if (!batch.blocks().isEmpty() && batch.blocks().get(0).number() > 0) {
          gate.join();
        }
        super.commit(batch);
      }
    };
    WriteBehindChainStore store = new WriteBehindChainStore(slow, 4);
    Chain c = f.newChain(store, ChainConfig.DEFAULT);
    ExecutorService threads = Executors.newSingleThreadExecutor();
    try {
      StoredBlock parent = f.next(genesis, f.leaderOn(genesis), List.of());
      Block peers = parent.block();
      f.clockAt(peers);
      assertThat(c.importBlock(peers).status()).isEqualTo(ImportResult.Status.IMPORTED);
      Hash peersHash = Hashes.blockHash(peers.sealedHeader());
      assertThat(memory.block(peersHash)).as("a peer's block: queued, not written yet").isEmpty();
      assertThat(c.store().block(peersHash)).as("but read through the store").isPresent();

      Block own = f.block(parent, f.leaderOn(parent), List.of());
      f.clockAt(own);
      Hash ownHash = Hashes.blockHash(own.sealedHeader());
      Future<ImportResult> importing = threads.submit(() -> c.importOwn(own, b -> {}));
      Await.until("own block imported", () -> c.head().number() == 2);
      assertThat(c.head().hash()).as("imported, then waiting for the writing").isEqualTo(ownHash);
      assertThat(importing).isNotDone();
      gate.complete(null);
      assertThat(importing.get(10, TimeUnit.SECONDS).status()).isEqualTo(ImportResult.Status.IMPORTED);
      assertThat(memory.block(ownHash)).as("written when importOwn returned").isPresent();
      assertThat(memory.head()).contains(ownHash);
    } finally {
      gate.complete(null);
      threads.shutdownNow();
      store.close();
    }
  }
}
