package io.ccoin.core.internal.mining;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.Block;
import io.ccoin.api.BlockTemplate;
import io.ccoin.api.ImportResult;
import io.ccoin.api.Miner;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.Transaction;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.internal.chain.Chain;
import io.ccoin.core.internal.chain.ChainFixture;
import io.ccoin.core.internal.pool.FollowedHead;
import io.ccoin.core.internal.pool.TxPool;
import io.ccoin.core.mining.MemorySignedHeight;
import io.ccoin.core.pool.PoolConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The producer builds on a head only once its pool has followed that head (or an interval after it
 * saw the head): after a reorganisation the pool still offers what was ready on the dropped block,
 * which on the new head is out of nonce order, and a block assembled then would be empty.
 */
class BlockProducerPoolTest {
  final ChainFixture f = new ChainFixture();
  final Chain chain = f.newChain();
  final TxPool pool = new TxPool(chain.txVerifier(), address -> chain.head().account(address), PoolConfig.DEFAULT, f.clock);
  /** Templates handed to the miner; nothing is ever sealed. */
  final List<BlockTemplate> templates = new ArrayList<>();
  final Miner miner = new Miner() {
    @Override
    public synchronized CompletableFuture<Block> mine(BlockTemplate template) {
      templates.add(template);
      return new CompletableFuture<>();
    }

    @Override
    public void close() {}
  };
  /** Holds the producer's scheduler, so that only the test's own ticks run. */
  final CountDownLatch release = new CountDownLatch(1);
  final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  BlockProducer producer;
  List<Transaction> dropped;

  @BeforeEach
  void reorganiseUnderThePool() {
    scheduler.execute(() -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    pool.onNewHead(FollowedHead.of(chain.head()), List.of(), h -> false);
    // A1: a backup's block with alice's nonces 0 and 1; the pool follows it and takes nonce 2.
    StoredBlock genesis = f.genesisBlock();
    dropped = List.of(f.transfer(f.alice, 0, f.bob.address(), 5, 2), f.transfer(f.alice, 1, f.bob.address(), 5, 2));
    StoredBlock a1 = f.next(genesis, f.minerOfRank(genesis, 1), dropped);
    f.clockAt(a1.block());
    assertThat(chain.importBlock(a1.block()).status()).isEqualTo(ImportResult.Status.IMPORTED);
    pool.onNewHead(FollowedHead.of(chain.head()), List.of(), h -> false);
    assertThat(pool.add(f.transfer(f.alice, 2, f.bob.address(), 5, 2)).isRejected()).isFalse();
    // B1: the leader's block, heavier, without alice's transactions: the chain reorganises onto it,
    // and the pool has not followed yet.
    StoredBlock b1 = f.next(genesis, f.leaderOn(genesis), List.of());
    assertThat(chain.importBlock(b1.block()).status()).isEqualTo(ImportResult.Status.IMPORTED);
    assertThat(chain.head().hash()).isEqualTo(b1.hash());
    AccountKey next = f.leaderOn(b1);
    producer = new BlockProducer(chain, pool, miner, next, new MemorySignedHeight(), f.genesis.genesis().placeholderData(), f.clock,
        scheduler, 3_600_000, b -> {});
    producer.start();
    f.clock.set(b1.block().header().timestamp() + ChainFixture.INTERVAL);
  }

  @AfterEach
  void close() {
    release.countDown();
    producer.close();
    scheduler.shutdownNow();
  }

  synchronized List<BlockTemplate> templates() {
    synchronized (miner) {
      return List.copyOf(templates);
    }
  }

  @Test
  void theProducerWaitsForThePoolToFollowTheHeadInsteadOfSealingAnEmptyBlock() {
    producer.tick();
    assertThat(templates()).as("nothing assembled while the pool follows the dropped block").isEmpty();

    pool.onNewHead(FollowedHead.of(chain.head()), dropped, h -> false);
    producer.tick();
    assertThat(templates()).hasSize(1);
    assertThat(templates().get(0).transactions()).extracting(Transaction::nonce).containsExactly(0L, 1L, 2L);
  }

  @Test
  void aPoolThatDoesNotFollowTheHeadHoldsProductionBackForOneIntervalAtMost() {
    producer.tick();
    assertThat(templates()).isEmpty();
    f.clock.set(f.clock.millis() + ChainFixture.INTERVAL - 1);
    producer.tick();
    assertThat(templates()).isEmpty();
    f.clock.set(f.clock.millis() + 1);
    producer.tick();
    assertThat(templates()).as("produced without the pool, an interval after the head was seen").hasSize(1);
  }
}
