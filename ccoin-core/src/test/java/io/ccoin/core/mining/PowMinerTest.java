package io.ccoin.core.mining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ccoin.api.Address;
import io.ccoin.api.Block;
import io.ccoin.api.BlockHeader;
import io.ccoin.api.BlockSigner;
import io.ccoin.api.BlockTemplate;
import io.ccoin.api.Bytes;
import io.ccoin.api.Hash;
import io.ccoin.api.Transaction;
import io.ccoin.core.Await;
import io.ccoin.core.Hashes;
import io.ccoin.core.TransactionBuilder;
import io.ccoin.core.Vectors;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.crypto.Signatures;
import io.ccoin.core.pow.ProofOfWork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PowMinerTest {
  /** Practically impossible: about 2^64 hashes on average. */
  private static final long IMPOSSIBLE = 16;
  private static final Duration BOUND = Duration.ofSeconds(2);
  private static final AtomicInteger NAMES = new AtomicInteger();

  private static AccountKey key;
  private static List<Transaction> txs;

  private final List<PowMiner> miners = new ArrayList<>();

  @BeforeAll
  static void loadKey() {
    JsonNode k = Vectors.json("keys.json").get("keys").get(0);
    key = AccountKey.fromPkcs8(Bytes.fromBase64(k.get("pkcs8").asText()));
    TransactionBuilder b = TransactionBuilder.forNetwork(7, Hash.ZERO).to(Address.fromHex("3237125f011dc7122dc056e285453f067b7849c4"));
    txs = List.of(b.nonce(0).value(10).sign(key), b.nonce(1).value(20).fee(3).sign(key));
  }

  @AfterEach
  void closeMiners() throws InterruptedException {
    for (PowMiner m : miners) {
      m.close();
      assertThat(m.awaitTermination(BOUND)).isTrue();
    }
  }

  private String uniqueName() {
    return "test-miner-" + NAMES.incrementAndGet();
  }

  private PowMiner miner(int threads, String name) {
    PowMiner m = new PowMiner(threads, name);
    miners.add(m);
    return m;
  }

  private PowMiner miner(int threads) {
    return miner(threads, uniqueName());
  }

  private static BlockHeader header(long difficulty) {
    return new BlockHeader(BlockHeader.VERSION, 7, 42, Hash.fromHex("11".repeat(32)), 1_764_000_123_456L, key.address(),
        Hash.fromHex("22".repeat(32)), Hash.fromHex("33".repeat(32)), difficulty, Bytes.of((byte) 1, (byte) 2, (byte) 3),
        987_654_321L);
  }

  private static BlockTemplate template(long difficulty) {
    return new BlockTemplate(header(difficulty), txs, key);
  }

  private static Block get(CompletableFuture<Block> f) throws Exception {
    return f.get(8, TimeUnit.SECONDS);
  }

  /** Checks every property of a sealed block mined from {@code t}. */
  private static void assertValid(Block block, BlockTemplate t) {
    BlockHeader h = block.header();
    Hash powHash = Hashes.powHash(h);
    assertThat(ProofOfWork.meetsDifficulty(powHash, t.header().difficulty())).isTrue();
    assertThat(h).isEqualTo(t.header().withPowNonce(h.powNonce()));
    assertThat(block.sealedHeader().minerKey()).isEqualTo(key.publicKey());
    assertThat(Signatures.verify(block.sealedHeader().minerKey(), Hashes.blockSigningMessage(powHash),
        block.sealedHeader().signature())).isTrue();
    assertThat(block.transactions()).isEqualTo(t.transactions());
  }

  private static List<Thread> threadsNamed(String prefix) {
    List<Thread> out = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith(prefix + "-") && t.isAlive()) {
        out.add(t);
      }
    }
    return out;
  }

  private static boolean allIdle(String prefix, int count) {
    List<Thread> ts = threadsNamed(prefix);
    return ts.size() == count && ts.stream().allMatch(t -> t.getState() == Thread.State.WAITING);
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 2, 3, 4})
  void minesAValidBlockAtEachDifficulty(long difficulty) throws Exception {
    BlockTemplate t = template(difficulty);
    assertValid(get(miner(1).mine(t)), t);
  }

  @Test
  void oneThreadFindsTheSmallestNonce() throws Exception {
    BlockTemplate t = template(3);
    Block block = get(miner(1).mine(t));
    assertThat(block.header().powNonce()).isEqualTo(new ProofOfWork(t.header()).smallestNonce());
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 2, 4})
  void twoThreadsMineAValidBlock(long difficulty) throws Exception {
    PowMiner m = miner(2);
    assertThat(m.threads()).isEqualTo(2);
    BlockTemplate t = template(difficulty);
    assertValid(get(m.mine(t)), t);
    assertThat(m.hashCount()).isPositive();
  }

  @Test
  void emptyBlocksAreMinedToo() throws Exception {
    BlockTemplate t = new BlockTemplate(header(2), List.of(), key);
    Block block = get(miner(2).mine(t));
    assertValid(block, t);
    assertThat(block.transactions()).isEmpty();
  }

  @Test
  void cancellingStopsTheWorkers() throws Exception {
    String name = uniqueName();
    PowMiner m = miner(2, name);
    Await.until("workers started and idle", () -> allIdle(name, 2));
    CompletableFuture<Block> f = m.mine(template(IMPOSSIBLE));
    Await.until("hashing started", () -> m.hashCount() > 0);
    assertThat(f.cancel(true)).isTrue();
    assertThat(f.isCancelled()).isTrue();
    assertThatThrownBy(f::join).isInstanceOf(CancellationException.class);
    assertThat(m.activeJobs()).isZero();
    Await.until("workers idle after cancel", () -> allIdle(name, 2));
    // Idle workers wait in PowMiner for a wanted job; with none active, none can hash: the count
    // stands still between two looks that both find every worker waiting.
    long count = m.hashCount();
    assertThat(m.activeJobs()).isZero();
    assertThat(allIdle(name, 2)).isTrue();
    assertThat(m.hashCount()).isEqualTo(count);
    // The miner stays usable.
    BlockTemplate t = template(2);
    assertValid(get(m.mine(t)), t);
  }

  @Test
  void closeCancelsJobsAndStopsTheThreads() throws Exception {
    String name = uniqueName();
    PowMiner m = miner(2, name);
    Await.until("workers started", () -> threadsNamed(name).size() == 2);
    CompletableFuture<Block> f = m.mine(template(IMPOSSIBLE));
    Await.until("hashing started", () -> m.hashCount() > 0);
    m.close();
    assertThat(m.isClosed()).isTrue();
    assertThat(f.isCancelled()).isTrue();
    assertThat(m.awaitTermination(BOUND)).isTrue();
    Await.until("worker threads gone", () -> threadsNamed(name).isEmpty());
    m.close(); // idempotent
  }

  @Test
  void mineAfterCloseFails() {
    PowMiner m = miner(1);
    m.close();
    CompletableFuture<Block> f = m.mine(template(1));
    assertThat(f).isCompletedExceptionally();
    assertThatThrownBy(f::join).hasCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  void awaitTerminationIsFalseWhileOpen() throws InterruptedException {
    assertThat(miner(1).awaitTermination(Duration.ofMillis(10))).isFalse();
  }

  @Test
  void twoSequentialJobsBothSucceed() throws Exception {
    PowMiner m = miner(2);
    BlockTemplate t1 = template(3);
    BlockTemplate t2 = new BlockTemplate(header(3).withPowNonce(0), txs.subList(0, 1), key);
    assertValid(get(m.mine(t1)), t1);
    assertValid(get(m.mine(t2)), t2);
    assertThat(m.activeJobs()).isZero();
  }

  @Test
  void aNewJobRunsWhileAnotherIsStillMining() throws Exception {
    PowMiner m = miner(2);
    CompletableFuture<Block> stuck = m.mine(template(IMPOSSIBLE));
    BlockTemplate t = template(3);
    assertValid(get(m.mine(t)), t);
    assertThat(stuck).isNotDone();
    assertThat(m.activeJobs()).isEqualTo(1);
    stuck.cancel(true);
    assertThat(m.activeJobs()).isZero();
  }

  @Test
  void aSigningFailureCompletesTheFutureExceptionally() throws Exception {
    IllegalStateException boom = new IllegalStateException("hsm offline");
    BlockSigner failing = new BlockSigner() {
      @Override
      public Address address() {
        return key.address();
      }

      @Override
      public Bytes publicKey() {
        return key.publicKey();
      }

      @Override
      public Bytes sign(byte[] message) {
        throw boom;
      }
    };
    PowMiner m = miner(2);
    CompletableFuture<Block> f = m.mine(new BlockTemplate(header(1), txs, failing));
    assertThatThrownBy(() -> get(f)).isInstanceOf(ExecutionException.class).hasCause(boom);
    assertThat(m.activeJobs()).isZero();
    BlockTemplate t = template(1);
    assertValid(get(m.mine(t)), t);
  }

  @Test
  void theOtherWorkersWaitWhileTheFinderSigns() throws Exception {
    String name = uniqueName();
    CountDownLatch signing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    BlockSigner slow = new BlockSigner() {
      @Override
      public Address address() {
        return key.address();
      }

      @Override
      public Bytes publicKey() {
        return key.publicKey();
      }

      @Override
      public Bytes sign(byte[] message) {
        signing.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return key.sign(message);
      }
    };
    PowMiner m = miner(3, name);
    CompletableFuture<Block> f = m.mine(new BlockTemplate(header(0), txs, slow));
    assertThat(signing.await(5, TimeUnit.SECONDS)).isTrue();
    // The job is found but not complete: the signer waits for the latch, the two other workers
    // must go back to waiting for work rather than spin over the found job.
    Await.until("every worker waiting while one signs", () -> allIdle(name, 3));
    release.countDown();
    assertThat(get(f)).isNotNull();
  }

  @Test
  void aDifficultyNoHashCanMeetFailsAtOnce() {
    CompletableFuture<Block> f = miner(1).mine(template(65));
    assertThat(f).isCompletedExceptionally();
    assertThatThrownBy(f::join).hasCauseInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void usesTheGivenThreadFactory() throws Exception {
    String name = uniqueName();
    AtomicInteger made = new AtomicInteger();
    ThreadFactory factory = r -> {
      Thread t = new Thread(r, name + "-" + made.getAndIncrement());
      t.setDaemon(true);
      return t;
    };
    PowMiner m = new PowMiner(3, factory);
    miners.add(m);
    assertThat(made).hasValue(3);
    Await.until("factory threads running", () -> threadsNamed(name).size() == 3);
    BlockTemplate t = template(2);
    assertValid(get(m.mine(t)), t);
  }

  @Test
  void closingFromADependentStageOnAWorkerDoesNotDeadlock() throws Exception {
    String name = uniqueName();
    PowMiner m = miner(2, name);
    CountDownLatch release = new CountDownLatch(1);
    BlockSigner gated = new BlockSigner() {
      @Override
      public Address address() {
        return key.address();
      }

      @Override
      public Bytes publicKey() {
        return key.publicKey();
      }

      @Override
      public Bytes sign(byte[] message) {
        try {
          if (!release.await(5, TimeUnit.SECONDS)) {
            throw new IllegalStateException("not released");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
        return key.sign(message);
      }
    };
    CompletableFuture<Block> f = m.mine(new BlockTemplate(header(1), txs, gated));
    AtomicReference<String> closedOn = new AtomicReference<>();
    CompletableFuture<Void> closedThere = f.thenAccept(b -> {
      closedOn.set(Thread.currentThread().getName());
      m.close();
    });
    release.countDown();
    closedThere.get(8, TimeUnit.SECONDS);
    assertThat(closedOn.get()).startsWith(name + "-");
    assertThat(m.isClosed()).isTrue();
    assertThat(m.awaitTermination(BOUND)).isTrue();
    Await.until("worker threads gone", () -> threadsNamed(name).isEmpty());
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> new PowMiner(0)).isInstanceOf(IllegalArgumentException.class);
    PowMiner m = miner(1);
    assertThatThrownBy(() -> m.mine(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void defaultMinerUsesEveryProcessor() {
    PowMiner m = new PowMiner();
    miners.add(m);
    assertThat(m.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
  }
}
