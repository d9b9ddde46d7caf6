package io.ccoin.core.internal.pool;

import static io.ccoin.core.internal.pool.PoolFixture.A;
import static io.ccoin.core.internal.pool.PoolFixture.B;
import static io.ccoin.core.internal.pool.PoolFixture.C;
import static io.ccoin.core.internal.pool.PoolFixture.hash;
import static io.ccoin.core.internal.pool.PoolFixture.tx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.ccoin.api.Address;
import io.ccoin.api.Hash;
import io.ccoin.api.Transaction;
import io.ccoin.api.event.TxDroppedEvent;
import io.ccoin.api.event.TxDroppedEvent.Reason;
import io.ccoin.core.internal.pool.PoolFixture.Accounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The pool's update to a new head it is told the block of (issue 16): only the block's senders are
 * re-checked when the block extends the head the pool followed last, everyone otherwise, and the
 * drops and their events are those of a full re-check.
 */
class FollowHeadTest {
  private static final Hash G = Hash.fromHex("01".repeat(32));
  private static final Hash H1 = Hash.fromHex("02".repeat(32));
  private static final Hash H2 = Hash.fromHex("03".repeat(32));
  private static final Hash OTHER = Hash.fromHex("04".repeat(32));

  private final Accounts genesis = Accounts.rich();
  private final Counting reads = new Counting();
  private final TxPool pool = new TxPool(PoolFixture.verifier(), genesis);
  private final List<TxDroppedEvent> dropped = new ArrayList<>();

  FollowHeadTest() {
    pool.onTxDropped(dropped::add);
  }

  /** An account reader that remembers which addresses were read. */
  private static final class Counting {
    final Set<Address> read = ConcurrentHashMap.newKeySet();

    AccountReader over(AccountReader state) {
      return address -> {
        read.add(address);
        return state.account(address);
      };
    }
  }

  private FollowedHead head(Hash hash, Hash parent, List<Transaction> txs, Accounts state) {
    return new FollowedHead(hash, parent, txs, reads.over(state));
  }

  @Test
  void anExtendingBlockRereadsOnlyItsSendersAndItsTransactionLeavesAsIncluded() {
    Transaction a0 = tx(A, 0, 1);
    Transaction a1 = tx(A, 1, 1);
    Transaction b0 = tx(B, 0, 1);
    Transaction c0 = tx(C, 0, 1);
    pool.addAll(List.of(a0, a1, b0, c0));
    pool.onNewHead(head(G, OTHER, List.of(), genesis), List.of(), h -> false);
    assertThat(reads.read).as("the first head: everyone").containsExactlyInAnyOrder(A.address(), B.address(), C.address());

    reads.read.clear();
    Accounts after1 = genesis.copy().set(A, PoolFixture.RICH - 2, 1);
    pool.onNewHead(head(H1, G, List.of(a0), after1), List.of(), Set.of(hash(a0))::contains);

    assertThat(reads.read).containsExactly(A.address());
    assertThat(dropped).extracting(TxDroppedEvent::hash, TxDroppedEvent::reason).containsExactly(tuple(hash(a0), Reason.INCLUDED));
    assertThat(pool.size()).isEqualTo(3);
    assertThat(pool.stats().readyCount()).isEqualTo(3);
    assertThat(pool.pendingNonce(A.address())).isEqualTo(2);
  }

  @Test
  void aHeadThatSkipsABlockRechecksEveryone() {
    Transaction a0 = tx(A, 0, 1);
    Transaction c0 = tx(C, 0, 1, 500_000);
    pool.addAll(List.of(a0, c0));
    pool.onNewHead(head(G, OTHER, List.of(), genesis), List.of(), h -> false);

    // The pool never saw H1, in which C spent nearly everything; H2 holds only a0.
    reads.read.clear();
    Accounts after2 = genesis.copy().set(C, 100, 1).set(A, PoolFixture.RICH - 2, 1);
    pool.onNewHead(head(H2, H1, List.of(a0), after2), List.of(), Set.of(hash(a0))::contains);

    assertThat(reads.read).containsExactlyInAnyOrder(A.address(), C.address());
    assertThat(dropped).extracting(TxDroppedEvent::hash, TxDroppedEvent::reason)
        .containsExactlyInAnyOrder(tuple(hash(a0), Reason.INCLUDED), tuple(hash(c0), Reason.NONCE_USED));
    assertThat(pool.size()).isZero();
  }

  @Test
  void afterAnUpdateWithoutABlockTheNextHeadRechecksEveryone() {
    Transaction b0 = tx(B, 0, 1, 500_000);
    pool.add(b0);
    pool.onNewHead(head(G, OTHER, List.of(), genesis), List.of(), h -> false);
    pool.onNewHead(genesis, List.of(), h -> false); // a state the pool is not told the block of

    reads.read.clear();
    Accounts poorB = genesis.copy().set(B, 10, 0);
    pool.onNewHead(head(H1, G, List.of(), poorB), List.of(), h -> false);

    assertThat(reads.read).contains(B.address());
    assertThat(dropped).extracting(TxDroppedEvent::hash, TxDroppedEvent::reason).containsExactly(tuple(hash(b0), Reason.UNAFFORDABLE));
  }

  @Test
  void theSameHeadAgainRechecksNobodyButStillReadmits() {
    pool.add(tx(B, 0, 1));
    pool.onNewHead(head(G, OTHER, List.of(), genesis), List.of(), h -> false);
    reads.read.clear();
    Transaction c0 = tx(C, 0, 1);
    pool.onNewHead(head(G, OTHER, List.of(), genesis), List.of(c0), h -> false);
    assertThat(reads.read).containsExactly(C.address()); // the readmission's own check
    assertThat(pool.contains(hash(c0))).isTrue();
  }

  /** The drops and their order are those of a full re-check, for a block that includes, replaces and overdraws. */
  @Test
  void anExtendingBlockDropsWhatAFullRecheckDrops() {
    Transaction a0 = tx(A, 0, 1);
    Transaction a1 = tx(A, 1, 1, 400_000);
    Transaction a2 = tx(A, 2, 1, 400_000);
    Transaction b0 = tx(B, 0, 1);
    Transaction b1 = tx(B, 1, 1);
    Transaction c0 = tx(C, 0, 1);
    Transaction minedB0 = tx(B, 0, 3); // B's nonce 0 used by another transaction
    List<Transaction> pending = List.of(a0, a1, a2, b0, b1, c0);
    // A's nonce 0 is included and a large transfer elsewhere left it enough for a1 only.
    Accounts after = genesis.copy().set(A, 450_000, 1).set(B, PoolFixture.RICH - 4, 1);
    Predicate<Hash> onChain = Set.of(hash(a0), hash(minedB0))::contains;

    TxPool full = new TxPool(PoolFixture.verifier(), genesis);
    List<TxDroppedEvent> fullDrops = new ArrayList<>();
    full.onTxDropped(fullDrops::add);
    full.addAll(pending);
    full.onNewHead(after, List.of(), onChain);

    pool.addAll(pending);
    pool.onNewHead(head(G, OTHER, List.of(), genesis), List.of(), h -> false);
    reads.read.clear();
    pool.onNewHead(head(H1, G, List.of(minedB0, a0), after), List.of(), onChain);

    assertThat(reads.read).containsExactlyInAnyOrder(A.address(), B.address());
    assertThat(dropped).extracting(TxDroppedEvent::hash, TxDroppedEvent::reason).containsExactlyElementsOf(
        fullDrops.stream().map(e -> tuple(e.hash(), e.reason())).toList());
    assertThat(dropped).extracting(TxDroppedEvent::hash).containsExactlyInAnyOrder(hash(a0), hash(a2), hash(b0));
    assertThat(pool.stats()).isEqualTo(full.stats());
    for (Transaction t : pending) {
      assertThat(pool.contains(hash(t))).isEqualTo(full.contains(hash(t)));
    }
  }

  /**
   * The head block answers whether a pooled transaction is on the chain for the (sender, nonce)
   * pairs it uses, the same as the chain would, without asking the chain (a store look-up each);
   * the chain is asked only about a used nonce the block does not account for.
   */
  @Test
  void theHeadBlockAnswersForItsOwnNoncesAndTheChainOnlyForTheRest() {
    Transaction a0 = tx(A, 0, 1);
    Transaction b0 = tx(B, 0, 1);
    Transaction c0 = tx(C, 0, 1);
    Transaction minedB0 = tx(B, 0, 3); // B's nonce 0 used by another transaction
    pool.addAll(List.of(a0, b0, c0));
    pool.onNewHead(head(G, OTHER, List.of(), genesis), List.of(), h -> false);
    // C's nonce 0 was used by an earlier block the pool did not see (it is not in this one)
    Accounts after = genesis.copy().set(A, PoolFixture.RICH - 2, 1).set(B, PoolFixture.RICH - 4, 1).set(C, PoolFixture.RICH - 2, 1);
    List<Hash> asked = new ArrayList<>();
    Predicate<Hash> chain = h -> {
      asked.add(h);
      return h.equals(hash(c0));
    };

    pool.onNewHead(head(H2, OTHER, List.of(a0, minedB0), after), List.of(), chain);

    assertThat(dropped).extracting(TxDroppedEvent::hash, TxDroppedEvent::reason).containsExactlyInAnyOrder(
        tuple(hash(a0), Reason.INCLUDED), tuple(hash(b0), Reason.NONCE_USED), tuple(hash(c0), Reason.INCLUDED));
    assertThat(asked).containsExactly(hash(c0));
    assertThat(pool.size()).isZero();
  }
}
