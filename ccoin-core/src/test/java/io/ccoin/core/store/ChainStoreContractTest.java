package io.ccoin.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ccoin.api.Account;
import io.ccoin.api.AccountTx;
import io.ccoin.api.Address;
import io.ccoin.api.BlockUndo;
import io.ccoin.api.Bytes;
import io.ccoin.api.ChainStore;
import io.ccoin.api.Hash;
import io.ccoin.api.StoreException;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.Transaction;
import io.ccoin.api.TxLocation;
import io.ccoin.api.WriteBatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every {@link ChainStore} must do (SPEC 13). A store's test extends this class and says how
 * to make a fresh, empty store; a durable store also says how to reopen one over the same data, and
 * the reopen tests then run too (they are skipped otherwise).
 *
 * <p>Besides the interface's own promises (reads of missing items are empty, a batch is applied
 * all or nothing, use after close throws {@link StoreException}, close is idempotent, readers never
 * see half a batch), the contract includes the checks of {@link WriteBatchChecks}: a batch that
 * points at blocks the store would not have is refused and changes nothing. A store meets it most
 * simply by calling {@link WriteBatchChecks#check} before writing.
 */
public abstract class ChainStoreContractTest {
  /** Makes values for the tests; subclasses may use it too. */
  protected final TestBlocks gen = new TestBlocks();
  /** The store under test: made before each test, closed after it. */
  protected ChainStore store;

  /** A new, empty, open store. */
  protected abstract ChainStore newStore();

  /** True when {@link #reopen} is supported, that is, when the store keeps its data across restarts. */
  protected boolean supportsReopen() {
    return false;
  }

  /** Closes {@code old} and opens a new store over the same data. Only called when {@link #supportsReopen}. */
  protected ChainStore reopen(ChainStore old) {
    throw new UnsupportedOperationException("this store does not keep its data across restarts");
  }

  /** How many batches the concurrency test commits; a slow durable store may lower it. */
  protected int concurrentCommits() {
    return 1000;
  }

  @BeforeEach
  public void openStore() {
    store = newStore();
  }

  @AfterEach
  public void closeStore() {
    store.close();
  }

  // ---- Absence -----------------------------------------------------------------------------------

  @Test
  public void aNewStoreAnswersEmptyEverywhere() {
    assertThat(store.head()).isEmpty();
    assertThat(store.block(gen.hash())).isEmpty();
    assertThat(store.block(Hash.ZERO)).isEmpty();
    assertThat(store.canonicalHash(0)).isEmpty();
    assertThat(store.canonicalHash(Long.MAX_VALUE)).isEmpty();
    assertThat(store.canonicalHash(-1)).isEmpty();
    assertThat(store.transaction(gen.hash())).isEmpty();
    assertThat(store.account(gen.address())).isEmpty();
    assertThat(store.account(Address.ZERO)).isEmpty();
    assertThat(store.undo(gen.hash())).isEmpty();
    assertThat(store.metadata("genesis")).isEmpty();
    assertThat(store.metadata("")).isEmpty();
    assertThat(accounts()).isEmpty();
  }

  @Test
  public void readsNeverReturnNull() {
    Fixture f = commitFixture();
    for (Hash h : List.of(f.tip.hash(), gen.hash())) {
      assertThat(store.block(h)).isNotNull();
      assertThat(store.transaction(h)).isNotNull();
      assertThat(store.undo(h)).isNotNull();
    }
    for (long n : new long[] {0, 1, 99}) {
      assertThat(store.canonicalHash(n)).isNotNull();
    }
    for (Address a : List.of(f.accountA, gen.address())) {
      assertThat(store.account(a)).isNotNull();
    }
    assertThat(store.head()).isNotNull();
    assertThat(store.metadata("genesis")).isNotNull();
    assertThat(store.metadata("nothing")).isNotNull();
    store.forEachAccount((address, account) -> {
      assertThat(address).isNotNull();
      assertThat(account).isNotNull();
    });
  }

  // ---- Each kind of data -------------------------------------------------------------------------

  @Test
  public void blocksRoundTripByHashWithTheirTotalWeight() {
    StoredBlock g = gen.genesis();
    StoredBlock b1 = gen.child(g, 3, 2);
    StoredBlock side = gen.child(g, 0, 1);
    store.commit(WriteBatch.builder().putBlock(g).putBlock(b1).build());
    store.commit(WriteBatch.builder().putBlock(side).build());

    assertThat(store.block(g.hash())).contains(g);
    assertThat(store.block(b1.hash())).hasValueSatisfying(b -> {
      assertThat(b).isEqualTo(b1);
      assertThat(b.totalWeight()).isEqualTo(2);
      assertThat(b.block().transactions()).hasSize(3);
    });
    assertThat(store.block(side.hash())).contains(side);
    assertThat(store.block(gen.hash())).isEmpty();

    store.commit(WriteBatch.builder().putBlock(b1).build());
    assertThat(store.block(b1.hash())).contains(b1);
    assertThat(store.head()).isEmpty();
    assertThat(store.canonicalHash(0)).isEmpty();
  }

  @Test
  public void theCanonicalIndexIsSetReplacedAndRemoved() {
    StoredBlock g = gen.genesis();
    StoredBlock a1 = gen.child(g);
    StoredBlock b1 = gen.child(g);
    StoredBlock a2 = gen.child(a1);
    store.commit(WriteBatch.builder().putBlock(g).putBlock(a1).putBlock(a2).putBlock(b1)
        .setCanonical(0, g.hash()).setCanonical(1, a1.hash()).setCanonical(2, a2.hash()).build());
    assertThat(store.canonicalHash(0)).contains(g.hash());
    assertThat(store.canonicalHash(1)).contains(a1.hash());
    assertThat(store.canonicalHash(2)).contains(a2.hash());
    assertThat(store.canonicalHash(3)).isEmpty();

    store.commit(WriteBatch.builder().setCanonical(1, b1.hash()).removeCanonical(2).build());
    assertThat(store.canonicalHash(0)).contains(g.hash());
    assertThat(store.canonicalHash(1)).contains(b1.hash());
    assertThat(store.canonicalHash(2)).isEmpty();

    store.commit(WriteBatch.builder().removeCanonical(2).removeCanonical(7).build());
    assertThat(store.canonicalHash(2)).isEmpty();
    assertThat(store.canonicalHash(7)).isEmpty();
    assertThat(store.block(a2.hash())).as("removing from the index keeps the block").contains(a2);
  }

  @Test
  public void transactionLocationsArePutAndRemoved() {
    StoredBlock g = gen.genesis();
    StoredBlock b1 = gen.child(g, 2, 1);
    Hash tx0 = TestBlocks.txHash(b1.block().transactions().get(0));
    Hash tx1 = TestBlocks.txHash(b1.block().transactions().get(1));
    TxLocation at0 = new TxLocation(b1.hash(), 1, 0);
    TxLocation at1 = new TxLocation(b1.hash(), 1, 1);
    store.commit(WriteBatch.builder().putBlock(g).putBlock(b1).putTransaction(tx0, at0).putTransaction(tx1, at1).build());
    assertThat(store.transaction(tx0)).contains(at0);
    assertThat(store.transaction(tx1)).contains(at1);
    assertThat(store.transaction(gen.hash())).isEmpty();

    StoredBlock c1 = gen.child(g, 1, 1);
    TxLocation moved = new TxLocation(c1.hash(), 1, 0);
    store.commit(WriteBatch.builder().putBlock(c1).removeTransaction(tx0).putTransaction(tx1, moved).removeTransaction(gen.hash()).build());
    assertThat(store.transaction(tx0)).isEmpty();
    assertThat(store.transaction(tx1)).contains(moved);
  }

  @Test
  public void accountsArePutUpdatedAndRemovedByEmpty() {
    Address a = gen.address();
    Address b = gen.address();
    Address never = gen.address();
    store.commit(WriteBatch.builder().putAccount(a, new Account(100, 0)).putAccount(b, new Account(5, 1)).build());
    assertThat(store.account(a)).contains(new Account(100, 0));
    assertThat(store.account(b)).contains(new Account(5, 1));

    store.commit(WriteBatch.builder().putAccount(a, new Account(40, 1)).putAccount(b, Account.EMPTY).putAccount(never, Account.EMPTY).build());
    assertThat(store.account(a)).contains(new Account(40, 1));
    assertThat(store.account(b)).isEmpty();
    assertThat(store.account(never)).isEmpty();
    assertThat(accounts()).containsExactly(Map.entry(a, new Account(40, 1)));

    store.commit(WriteBatch.builder().putAccount(a, new Account(0, 0)).build());
    assertThat(store.account(a)).as("an account equal to EMPTY is removed").isEmpty();
    assertThat(accounts()).isEmpty();
  }

  @Test
  public void forEachAccountSeesExactlyTheExistingAccounts() {
    Map<Address, Account> expected = new HashMap<>();
    WriteBatch.Builder first = WriteBatch.builder();
    for (int i = 0; i < 50; i++) {
      Address a = gen.address();
      Account acc = gen.account();
      first.putAccount(a, acc);
      expected.put(a, acc);
    }
    store.commit(first.build());
    assertThat(accounts()).isEqualTo(expected);

    WriteBatch.Builder second = WriteBatch.builder();
    int i = 0;
    for (Address a : List.copyOf(expected.keySet())) {
      if (i % 3 == 0) {
        second.putAccount(a, Account.EMPTY);
        expected.remove(a);
      } else if (i % 3 == 1) {
        Account acc = gen.account();
        second.putAccount(a, acc);
        expected.put(a, acc);
      }
      i++;
    }
    Address added = gen.address();
    second.putAccount(added, new Account(1, 0));
    expected.put(added, new Account(1, 0));
    store.commit(second.build());

    List<Address> seen = new ArrayList<>();
    store.forEachAccount((address, account) -> seen.add(address));
    assertThat(seen).as("each account once").doesNotHaveDuplicates().hasSize(expected.size());
    assertThat(accounts()).isEqualTo(expected);
  }

  @Test
  public void undoRecordsArePutReplacedAndRemoved() {
    StoredBlock g = gen.genesis();
    StoredBlock b1 = gen.child(g);
    StoredBlock b2 = gen.child(b1);
    Address a = gen.address();
    BlockUndo u1 = new BlockUndo(b1.hash(), Map.of(a, Account.EMPTY));
    BlockUndo u2 = new BlockUndo(b2.hash(), Map.of(a, new Account(7, 1), gen.address(), Account.EMPTY));
    store.commit(WriteBatch.builder().putBlock(g).putBlock(b1).putBlock(b2).putUndo(u1).putUndo(u2).build());
    assertThat(store.undo(b1.hash())).contains(u1);
    assertThat(store.undo(b2.hash())).contains(u2);
    assertThat(store.undo(g.hash())).isEmpty();

    BlockUndo u1b = new BlockUndo(b1.hash(), Map.of(a, new Account(3, 0)));
    store.commit(WriteBatch.builder().putUndo(u1b).removeUndo(b2.hash()).removeUndo(gen.hash()).build());
    assertThat(store.undo(b1.hash())).contains(u1b);
    assertThat(store.undo(b2.hash())).isEmpty();
    assertThat(store.block(b2.hash())).as("removing an undo record keeps the block").contains(b2);
  }

  @Test
  public void theHeadMovesToBlocksInTheBatchOrAlreadyStored() {
    StoredBlock g = gen.genesis();
    StoredBlock b1 = gen.child(g);
    store.commit(WriteBatch.builder().putBlock(g).setHead(g.hash()).build());
    assertThat(store.head()).contains(g.hash());

    store.commit(WriteBatch.builder().putBlock(b1).setHead(b1.hash()).build());
    assertThat(store.head()).contains(b1.hash());

    store.commit(WriteBatch.builder().putAccount(gen.address(), gen.account()).build());
    assertThat(store.head()).as("a batch without a head leaves it").contains(b1.hash());

    store.commit(WriteBatch.builder().setHead(g.hash()).build());
    assertThat(store.head()).as("back to a stored block").contains(g.hash());
  }

  @Test
  public void metadataIsStoredAndReplaced() {
    Bytes genesis = gen.bytes(32);
    store.commit(WriteBatch.builder().putMetadata("genesis", genesis).putMetadata("format", Bytes.of((byte) 1))
        .putMetadata("empty", Bytes.EMPTY).build());
    assertThat(store.metadata("genesis")).contains(genesis);
    assertThat(store.metadata("format")).contains(Bytes.of((byte) 1));
    assertThat(store.metadata("empty")).contains(Bytes.EMPTY);
    assertThat(store.metadata("Genesis")).isEmpty();

    store.commit(WriteBatch.builder().putMetadata("format", Bytes.of((byte) 2)).build());
    assertThat(store.metadata("format")).contains(Bytes.of((byte) 2));
    assertThat(store.metadata("genesis")).contains(genesis);
  }

  @Test
  public void anEmptyBatchChangesNothing() {
    Fixture f = commitFixture();
    View before = view(f);
    store.commit(WriteBatch.builder().build());
    assertThat(view(f)).isEqualTo(before);
  }

  // ---- All or nothing ----------------------------------------------------------------------------

  /** One thing that makes an otherwise good batch unacceptable. */
  public enum Flaw {
    HEAD_UNKNOWN((b, f) -> b.setHead(f.unknown)),
    CANONICAL_UNKNOWN_BLOCK((b, f) -> b.setCanonical(f.next.number() + 1, f.unknown)),
    CANONICAL_WRONG_NUMBER((b, f) -> b.setCanonical(f.next.number() + 1, f.next.hash())),
    CANONICAL_NEGATIVE_NUMBER((b, f) -> b.setCanonical(-1, f.genesis.hash())),
    TX_IN_UNKNOWN_BLOCK((b, f) -> b.putTransaction(f.unknown, new TxLocation(f.unknown, f.next.number(), 0))),
    TX_WITH_WRONG_BLOCK_NUMBER((b, f) -> b.putTransaction(f.unknown, new TxLocation(f.next.hash(), f.next.number() - 1, 0))),
    TX_INDEX_PAST_THE_BLOCK((b, f) -> b.putTransaction(f.unknown, new TxLocation(f.next.hash(), f.next.number(),
        f.next.block().transactions().size()))),
    UNDO_FOR_UNKNOWN_BLOCK((b, f) -> b.putUndo(new BlockUndo(f.unknown, Map.of()))),
    UNDO_PUT_AND_REMOVED((b, f) -> b.removeUndo(f.next.hash()));

    private final BiConsumer<WriteBatch.Builder, Fixture> add;

    Flaw(BiConsumer<WriteBatch.Builder, Fixture> add) {
      this.add = add;
    }
  }

  @ParameterizedTest
  @EnumSource(Flaw.class)
  public void aRefusedBatchChangesNothingAtAll(Flaw flaw) {
    Fixture f = commitFixture();
    View before = view(f);
    WriteBatch.Builder batch = goodNextBatch(f);
    flaw.add.accept(batch, f);

    assertThatThrownBy(() -> store.commit(batch.build())).isInstanceOf(StoreException.class);

    assertThat(view(f)).isEqualTo(before);
    store.commit(goodNextBatch(f).build());
    assertThat(store.head()).as("the store still works after refusing a batch").contains(f.next.hash());
    assertThat(store.block(f.next.hash())).contains(f.next);
  }

  @Test
  public void aGoodBatchIsAppliedWhole() {
    Fixture f = commitFixture();
    store.commit(goodNextBatch(f).build());
    assertThat(store.head()).contains(f.next.hash());
    assertThat(store.block(f.next.hash())).contains(f.next);
    assertThat(store.canonicalHash(f.next.number())).contains(f.next.hash());
    Transaction tx = f.next.block().transactions().get(1);
    assertThat(store.transaction(TestBlocks.txHash(tx))).contains(new TxLocation(f.next.hash(), f.next.number(), 1));
    assertThat(store.account(f.accountA)).contains(new Account(1, 1));
    assertThat(store.account(f.accountB)).isEmpty();
    assertThat(store.account(f.accountC)).contains(new Account(2, 0));
    assertThat(store.undo(f.next.hash())).isPresent();
    assertThat(store.undo(f.chain.get(0).hash())).isEmpty();
    assertThat(store.metadata("next")).contains(Bytes.of((byte) 4));
  }

  // ---- Reorg -------------------------------------------------------------------------------------

  @Test
  public void aReorgBatchReplacesTheTopOfTheCanonicalChainAndMovesTheHeadBack() {
    StoredBlock g = gen.genesis();
    List<StoredBlock> main = gen.chain(g, 5, 2); // numbers 1..5
    StoredBlock fork = main.get(1); // number 2
    StoredBlock s3 = gen.child(fork, 1, 2);
    StoredBlock s4 = gen.child(s3, 1, 2);
    Address miner = gen.address();
    Address other = gen.address();

    WriteBatch.Builder first = WriteBatch.builder().putBlock(g).setCanonical(0, g.hash());
    for (StoredBlock b : main) {
      first.putBlock(b).setCanonical(b.number(), b.hash()).putUndo(new BlockUndo(b.hash(), Map.of(miner, new Account(b.number() - 1, 0))));
      indexTransactions(first, b);
    }
    first.putAccount(miner, new Account(5, 0)).putAccount(other, new Account(9, 0)).setHead(main.get(4).hash());
    store.commit(first.build());

    store.commit(WriteBatch.builder().putBlock(s3).putBlock(s4).build());
    assertThat(store.head()).as("side blocks do not move the head").contains(main.get(4).hash());
    assertThat(store.canonicalHash(3)).contains(main.get(2).hash());
    assertThat(store.transaction(TestBlocks.txHash(s3.block().transactions().get(0)))).isEmpty();

    WriteBatch.Builder reorg = WriteBatch.builder();
    for (StoredBlock b : main.subList(2, 5)) {
      reorg.removeCanonical(b.number()).removeUndo(b.hash());
      for (Transaction tx : b.block().transactions()) {
        reorg.removeTransaction(TestBlocks.txHash(tx));
      }
      unindexTransactions(reorg, b);
    }
    for (StoredBlock b : List.of(s3, s4)) {
      reorg.setCanonical(b.number(), b.hash()).putUndo(new BlockUndo(b.hash(), Map.of(other, Account.EMPTY)));
      indexTransactions(reorg, b);
    }
    reorg.putAccount(miner, new Account(2, 0)).putAccount(other, Account.EMPTY).setHead(s4.hash());
    store.commit(reorg.build());

    assertThat(store.head()).contains(s4.hash());
    assertThat(store.canonicalHash(0)).contains(g.hash());
    assertThat(store.canonicalHash(1)).contains(main.get(0).hash());
    assertThat(store.canonicalHash(2)).contains(fork.hash());
    assertThat(store.canonicalHash(3)).contains(s3.hash());
    assertThat(store.canonicalHash(4)).contains(s4.hash());
    assertThat(store.canonicalHash(5)).isEmpty();
    for (StoredBlock b : main) {
      assertThat(store.block(b.hash())).as("old blocks stay").contains(b);
      boolean kept = b.number() <= 2;
      assertThat(store.undo(b.hash()).isPresent()).isEqualTo(kept);
      for (int i = 0; i < b.block().transactions().size(); i++) {
        Optional<TxLocation> at = store.transaction(TestBlocks.txHash(b.block().transactions().get(i)));
        if (kept) {
          assertThat(at).contains(new TxLocation(b.hash(), b.number(), i));
        } else {
          assertThat(at).isEmpty();
        }
      }
    }
    assertThat(store.transaction(TestBlocks.txHash(s4.block().transactions().get(0)))).contains(new TxLocation(s4.hash(), 4, 0));
    for (StoredBlock b : main) {
      for (int i = 0; i < b.block().transactions().size(); i++) {
        Transaction tx = b.block().transactions().get(i);
        List<AccountTx> listed = store.accountTransactions(tx.to(), Long.MAX_VALUE, 0, 10);
        if (b.number() <= 2) {
          assertThat(listed).containsExactly(new AccountTx(tx.to(), b.number(), i, TestBlocks.txHash(tx)));
        } else {
          assertThat(listed).as("the address index forgets the dropped block #%d", b.number()).isEmpty();
        }
      }
    }
    for (StoredBlock b : List.of(s3, s4)) {
      Transaction tx = b.block().transactions().get(0);
      assertThat(store.accountTransactions(tx.to(), Long.MAX_VALUE, 0, 10)).containsExactly(new AccountTx(tx.to(), b.number(), 0, TestBlocks.txHash(tx)));
    }
    assertThat(store.undo(s3.hash())).isPresent();
    assertThat(store.undo(s4.hash())).isPresent();
    assertThat(accounts()).containsExactly(Map.entry(miner, new Account(2, 0)));
  }

  // ---- Address index -----------------------------------------------------------------------------

  @Test
  public void theAddressIndexListsAnAddresssTransactionsNewestFirstStrictlyBeforeAPlace() {
    Address low = Address.of(new byte[20]);
    byte[] highBytes = new byte[20];
    java.util.Arrays.fill(highBytes, (byte) 0xff);
    Address high = Address.of(highBytes);
    byte[] midBytes = new byte[20];
    midBytes[0] = (byte) 0x80;
    Address mid = Address.of(midBytes);
    // places whose bytes differ in sign when read as signed bytes: 127/128, 255/256, 2^31, 2^32
    long[][] places = {{1, 0}, {1, 1}, {127, 5}, {128, 0}, {255, 3}, {256, 0}, {256, 200}, {1L << 31, 0}, {1L << 32, 7}};
    WriteBatch.Builder batch = WriteBatch.builder();
    List<AccountTx> midEntries = new ArrayList<>();
    for (long[] p : places) {
      for (Address a : List.of(low, mid, high)) {
        AccountTx e = new AccountTx(a, p[0], (int) p[1], gen.hash());
        batch.putAccountTx(e);
        if (a.equals(mid)) {
          midEntries.add(0, e);
        }
      }
    }
    store.commit(batch.build());

    assertThat(store.accountTransactions(mid, Long.MAX_VALUE, 0, 100)).containsExactlyElementsOf(midEntries);
    assertThat(store.accountTransactions(mid, Long.MAX_VALUE, 0, 3)).containsExactlyElementsOf(midEntries.subList(0, 3));
    // paging: each page starts strictly below the last place of the one before
    List<AccountTx> paged = new ArrayList<>();
    long beforeNumber = Long.MAX_VALUE;
    int beforeIndex = 0;
    for (int page = 0; page < 10; page++) {
      List<AccountTx> got = store.accountTransactions(mid, beforeNumber, beforeIndex, 2);
      paged.addAll(got);
      if (got.size() < 2) {
        break;
      }
      beforeNumber = got.get(1).blockNumber();
      beforeIndex = got.get(1).index();
    }
    assertThat(paged).containsExactlyElementsOf(midEntries);
    assertThat(store.accountTransactions(mid, 256, 200, 100)).containsExactlyElementsOf(midEntries.subList(3, midEntries.size()));
    assertThat(store.accountTransactions(mid, 256, 0, 100)).containsExactlyElementsOf(midEntries.subList(4, midEntries.size()));
    assertThat(store.accountTransactions(mid, 1, 1, 100)).containsExactly(midEntries.get(midEntries.size() - 1));
    assertThat(store.accountTransactions(mid, 1, 0, 100)).isEmpty();
    assertThat(store.accountTransactions(low, Long.MAX_VALUE, 0, 100)).hasSize(places.length).allMatch(e -> e.address().equals(low));
    assertThat(store.accountTransactions(high, Long.MAX_VALUE, 0, 100)).hasSize(places.length).allMatch(e -> e.address().equals(high));
    assertThat(store.accountTransactions(gen.address(), Long.MAX_VALUE, 0, 100)).isEmpty();

    store.commit(WriteBatch.builder().removeAccountTx(midEntries.get(0).key()).removeAccountTx(new AccountTx.Key(mid, 5, 5)).build());
    assertThat(store.accountTransactions(mid, Long.MAX_VALUE, 0, 100)).containsExactlyElementsOf(midEntries.subList(1, midEntries.size()));
  }

  @Test
  public void theAddressIndexRefusesBadArguments() {
    Address a = gen.address();
    assertThatThrownBy(() -> store.accountTransactions(a, 5, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.accountTransactions(a, -1, 0, 5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.accountTransactions(a, 5, -1, 5)).isInstanceOf(IllegalArgumentException.class);
  }

  // ---- Concurrency -------------------------------------------------------------------------------

  /**
   * Each batch adds a block, makes it canonical and the head, and sets two accounts to the block's
   * number. Readers check that the two accounts always agree and never run behind or ahead of the
   * head they read before or after them.
   */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  public void concurrentReadersNeverSeeHalfABatch() throws InterruptedException {
    StoredBlock g = gen.genesis();
    Address a = gen.address();
    Address b = gen.address();
    store.commit(WriteBatch.builder().putBlock(g).setCanonical(0, g.hash()).setHead(g.hash()).build());
    List<StoredBlock> chain = gen.chain(g, concurrentCommits(), 0);

    AtomicBoolean done = new AtomicBoolean();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicLong rounds = new AtomicLong();
    int readerCount = 2;
    CountDownLatch readersStarted = new CountDownLatch(readerCount);
    List<Thread> readers = new ArrayList<>();
    for (int r = 0; r < readerCount; r++) {
      Thread t = new Thread(() -> {
        try {
          readersStarted.countDown();
          while (!done.get() && failure.get() == null) {
            checkOneConsistentView(a, b);
            rounds.incrementAndGet();
          }
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        }
      }, "store-reader-" + r);
      t.setDaemon(true);
      readers.add(t);
      t.start();
    }
    try {
      assertThat(readersStarted.await(10, TimeUnit.SECONDS)).isTrue();
      for (StoredBlock blk : chain) {
        Account value = new Account(blk.number(), blk.number());
        store.commit(WriteBatch.builder().putBlock(blk).setCanonical(blk.number(), blk.hash())
            .putAccount(a, value).putAccount(b, value).setHead(blk.hash()).build());
        if (failure.get() != null) {
          break;
        }
      }
    } finally {
      done.set(true);
      for (Thread t : readers) {
        t.join(10_000);
      }
    }
    if (failure.get() != null) {
      throw new AssertionError("a reader saw an inconsistent store", failure.get());
    }
    assertThat(readers).noneMatch(Thread::isAlive);
    assertThat(rounds.get()).isPositive();
    assertThat(store.head()).contains(chain.get(chain.size() - 1).hash());
  }

  private void checkOneConsistentView(Address a, Address b) {
    long a1 = number(store.account(a));
    long b1 = number(store.account(b));
    assertThat(b1).as("b read after a").isGreaterThanOrEqualTo(a1);
    long b2 = number(store.account(b));
    long a2 = number(store.account(a));
    assertThat(a2).as("a read after b").isGreaterThanOrEqualTo(b2);

    Map<Address, Account> all = new HashMap<>();
    store.forEachAccount(all::put);
    assertThat(all.get(a)).as("one forEachAccount sees both accounts alike").isEqualTo(all.get(b));

    long before = number(store.account(a));
    Hash head = store.head().orElseThrow();
    StoredBlock block = store.block(head).orElseThrow(() -> new AssertionError("head " + head + " is not stored"));
    assertThat(block.number()).as("head read after the accounts").isGreaterThanOrEqualTo(before);
    assertThat(store.canonicalHash(block.number())).contains(head);
    assertThat(number(store.account(b))).as("accounts read after the head").isGreaterThanOrEqualTo(block.number());
  }

  private static long number(Optional<Account> account) {
    return account.map(Account::nonce).orElse(0L);
  }

  // ---- Close -------------------------------------------------------------------------------------

  @Test
  public void everyCallAfterCloseThrowsStoreException() {
    Fixture f = commitFixture();
    store.close();
    List<ThrowingCallable> calls = List.of(
        () -> store.block(f.tip.hash()),
        () -> store.canonicalHash(0),
        () -> store.transaction(f.unknown),
        () -> store.account(f.accountA),
        () -> store.accountTransactions(f.accountA, Long.MAX_VALUE, 0, 10),
        () -> store.forEachAccount((address, account) -> {}),
        () -> store.undo(f.tip.hash()),
        () -> store.head(),
        () -> store.metadata("genesis"),
        () -> store.commit(WriteBatch.builder().build()),
        () -> store.commit(goodNextBatch(f).build()));
    for (ThrowingCallable call : calls) {
      assertThatThrownBy(call).isInstanceOf(StoreException.class);
    }
  }

  @Test
  public void closeIsIdempotent() {
    commitFixture();
    store.close();
    store.close();
    assertThatThrownBy(() -> store.head()).isInstanceOf(StoreException.class);
  }

  // ---- Reopen (durable stores only) --------------------------------------------------------------

  @Test
  public void committedStateSurvivesReopening() {
    assumeTrue(supportsReopen(), "the store keeps nothing across restarts");
    Fixture f = commitFixture();
    store.commit(goodNextBatch(f).build());
    View committed = view(f);
    store = reopen(store);
    assertThat(view(f)).isEqualTo(committed);
    assertThat(store.head()).contains(f.next.hash());
  }

  @Test
  public void aRefusedBatchLeavesNothingAfterReopening() {
    assumeTrue(supportsReopen(), "the store keeps nothing across restarts");
    Fixture f = commitFixture();
    View before = view(f);
    WriteBatch.Builder batch = goodNextBatch(f).setHead(f.unknown);
    assertThatThrownBy(() -> store.commit(batch.build())).isInstanceOf(StoreException.class);
    store = reopen(store);
    assertThat(view(f)).isEqualTo(before);
  }

  // ---- Helpers -----------------------------------------------------------------------------------

  /** The state {@link #commitFixture} stores, and the values the tests build on it. */
  private static final class Fixture {
    final StoredBlock genesis;
    final List<StoredBlock> chain;
    final StoredBlock tip;
    final StoredBlock next;
    final Address accountA;
    final Address accountB;
    final Address accountC;
    final Hash unknown;

    Fixture(StoredBlock genesis, List<StoredBlock> chain, StoredBlock next, Address a, Address b, Address c, Hash unknown) {
      this.genesis = genesis;
      this.chain = chain;
      this.tip = chain.get(chain.size() - 1);
      this.next = next;
      this.accountA = a;
      this.accountB = b;
      this.accountC = c;
      this.unknown = unknown;
    }
  }

  /** Commits a genesis and three blocks with two transactions each, accounts, undo and metadata. */
  private Fixture commitFixture() {
    StoredBlock g = gen.genesis();
    List<StoredBlock> chain = gen.chain(g, 3, 2);
    Fixture f = new Fixture(g, chain, gen.child(chain.get(2), 2, 2), gen.address(), gen.address(), gen.address(), gen.hash());
    WriteBatch.Builder batch = WriteBatch.builder().putBlock(g).setCanonical(0, g.hash())
        .putMetadata("genesis", g.hash().toBytes());
    for (StoredBlock b : chain) {
      batch.putBlock(b).setCanonical(b.number(), b.hash()).putUndo(new BlockUndo(b.hash(), Map.of(f.accountA, Account.EMPTY)));
      indexTransactions(batch, b);
    }
    batch.putAccount(f.accountA, new Account(10, 0)).putAccount(f.accountB, new Account(20, 3)).setHead(f.tip.hash());
    store.commit(batch.build());
    return f;
  }

  /** A valid batch importing {@code f.next} on top of the fixture, touching every kind of data. */
  private static WriteBatch.Builder goodNextBatch(Fixture f) {
    WriteBatch.Builder batch = WriteBatch.builder().putBlock(f.next).setCanonical(f.next.number(), f.next.hash())
        .putAccount(f.accountA, new Account(1, 1)).putAccount(f.accountB, Account.EMPTY).putAccount(f.accountC, new Account(2, 0))
        .putUndo(new BlockUndo(f.next.hash(), Map.of(f.accountC, Account.EMPTY))).removeUndo(f.chain.get(0).hash())
        .putMetadata("next", Bytes.of((byte) 4)).setHead(f.next.hash());
    indexTransactions(batch, f.next);
    return batch;
  }

  private static void indexTransactions(WriteBatch.Builder batch, StoredBlock b) {
    List<Transaction> txs = b.block().transactions();
    for (int i = 0; i < txs.size(); i++) {
      batch.putTransaction(TestBlocks.txHash(txs.get(i)), new TxLocation(b.hash(), b.number(), i));
      batch.putAccountTx(new AccountTx(txs.get(i).to(), b.number(), i, TestBlocks.txHash(txs.get(i))));
    }
  }

  private static void unindexTransactions(WriteBatch.Builder batch, StoredBlock b) {
    List<Transaction> txs = b.block().transactions();
    for (int i = 0; i < txs.size(); i++) {
      batch.removeAccountTx(new AccountTx.Key(txs.get(i).to(), b.number(), i));
    }
  }

  /** Everything a reader can see of the fixture's keys (and of {@code next}, which it lacks). */
  private record View(
      Optional<Hash> head,
      Map<Long, Optional<Hash>> canonical,
      Map<Hash, Optional<StoredBlock>> blocks,
      Map<Hash, Optional<TxLocation>> transactions,
      Map<Hash, Optional<BlockUndo>> undo,
      Map<Address, Account> accounts,
      Map<Address, List<AccountTx>> accountTxs,
      Map<String, Optional<Bytes>> metadata) {}

  private View view(Fixture f) {
    List<StoredBlock> all = new ArrayList<>();
    all.add(f.genesis);
    all.addAll(f.chain);
    all.add(f.next);
    Map<Long, Optional<Hash>> canonical = new LinkedHashMap<>();
    for (long n = -1; n <= f.next.number() + 2; n++) {
      canonical.put(n, store.canonicalHash(n));
    }
    Map<Hash, Optional<StoredBlock>> blocks = new LinkedHashMap<>();
    Map<Hash, Optional<TxLocation>> transactions = new LinkedHashMap<>();
    Map<Hash, Optional<BlockUndo>> undo = new LinkedHashMap<>();
    Map<Address, List<AccountTx>> accountTxs = new LinkedHashMap<>();
    for (StoredBlock b : all) {
      blocks.put(b.hash(), store.block(b.hash()));
      undo.put(b.hash(), store.undo(b.hash()));
      for (Transaction tx : b.block().transactions()) {
        Hash h = TestBlocks.txHash(tx);
        transactions.put(h, store.transaction(h));
        accountTxs.put(tx.to(), store.accountTransactions(tx.to(), Long.MAX_VALUE, 0, 100));
      }
    }
    blocks.put(f.unknown, store.block(f.unknown));
    transactions.put(f.unknown, store.transaction(f.unknown));
    undo.put(f.unknown, store.undo(f.unknown));
    Map<String, Optional<Bytes>> metadata = new LinkedHashMap<>();
    for (String key : List.of("genesis", "next")) {
      metadata.put(key, store.metadata(key));
    }
    return new View(store.head(), canonical, blocks, transactions, undo, accounts(), accountTxs, metadata);
  }

  /** All accounts, by {@link ChainStore#forEachAccount}; fails if one is seen twice or is empty. */
  protected final Map<Address, Account> accounts() {
    Map<Address, Account> out = new HashMap<>();
    store.forEachAccount((address, account) -> {
      assertThat(account.isEmpty()).as("forEachAccount gives only existing accounts").isFalse();
      assertThat(out.put(address, account)).as("forEachAccount gives each account once").isNull();
    });
    return out;
  }
}
