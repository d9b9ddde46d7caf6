package io.ccoin.core.internal.pool;

import io.ccoin.core.pool.AddResult;
import io.ccoin.core.pool.PoolConfig;

import static io.ccoin.core.internal.pool.PoolFixture.A;
import static io.ccoin.core.internal.pool.PoolFixture.B;
import static io.ccoin.core.internal.pool.PoolFixture.hash;
import static io.ccoin.core.internal.pool.PoolFixture.tx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.ccoin.api.Transaction;
import io.ccoin.api.event.Subscription;
import io.ccoin.api.event.TxAddedEvent;
import io.ccoin.api.event.TxDroppedEvent;
import io.ccoin.api.event.TxDroppedEvent.Reason;
import io.ccoin.core.internal.pool.PoolFixture.Accounts;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ListenersTest {
  private final Accounts accounts = Accounts.rich();
  private final TxPool pool = new TxPool(PoolFixture.verifier(), accounts, PoolConfig.DEFAULT.withMaxCount(2));
  private final List<Object> events = new ArrayList<>();

  @Test
  void firesAddedAndDroppedWithTheirReasonsInOrder() {
    pool.onTxAdded(events::add);
    pool.onTxDropped(events::add);
    Transaction a0 = tx(A, 0, 1);
    Transaction a0b = tx(A, 0, 2);
    Transaction a1 = tx(A, 1, 1);
    Transaction b0 = tx(B, 0, 5);
    pool.add(a0);
    pool.add(a0b); // replaces a0
    pool.add(a1);
    pool.add(b0); // evicts a1, the cheapest
    pool.add(tx(A, 0, 1)); // rejected: no event
    pool.onNewHead(accounts.copy().set(A, 1_000, 1).set(B, 0, 0), List.of(), hash(a0b)::equals);

    TxDroppedEvent included = new TxDroppedEvent(hash(a0b), a0b, Reason.INCLUDED);
    TxDroppedEvent invalid = new TxDroppedEvent(hash(b0), b0, Reason.UNAFFORDABLE);
    boolean aFirst = A.address().compareTo(B.address()) < 0; // a new head is applied in address order
    assertThat(events).containsExactly(
        new TxAddedEvent(hash(a0), a0),
        new TxDroppedEvent(hash(a0), a0, Reason.REPLACED),
        new TxAddedEvent(hash(a0b), a0b),
        new TxAddedEvent(hash(a1), a1),
        new TxDroppedEvent(hash(a1), a1, Reason.EVICTED),
        new TxAddedEvent(hash(b0), b0),
        aFirst ? included : invalid,
        aFirst ? invalid : included);
  }

  @Test
  void aClosedSubscriptionHearsNothingMore() {
    Subscription added = pool.onTxAdded(events::add);
    Subscription dropped = pool.onTxDropped(events::add);
    pool.add(tx(A, 0, 1));
    added.close();
    dropped.close();
    dropped.close();
    pool.add(tx(A, 0, 2));
    assertThat(events).hasSize(1);
  }

  @Test
  void runsOnTheGivenExecutor() {
    List<Runnable> queued = new ArrayList<>();
    pool.onTxAdded(queued::add, events::add);
    pool.onTxDropped(queued::add, events::add);
    Transaction a0 = tx(A, 0, 1);
    pool.add(a0);
    pool.add(tx(A, 0, 3));
    assertThat(events).isEmpty();
    assertThat(queued).hasSize(3);
    queued.forEach(Runnable::run);
    assertThat(events).hasSize(3);
    assertThat(events.get(1)).isEqualTo(new TxDroppedEvent(hash(a0), a0, Reason.REPLACED));
  }

  @Test
  void listenersRunOutsideThePoolLock() throws Exception {
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      List<Integer> sizesSeen = new ArrayList<>();
      pool.onTxAdded(e -> {
        try {
          // another thread must be able to use the pool while the listener runs
          sizesSeen.add(CompletableFuture.supplyAsync(pool::size, other).get(5, TimeUnit.SECONDS));
        } catch (Exception ex) {
          throw new IllegalStateException(ex);
        }
      });
      pool.add(tx(A, 0, 1));
      assertThat(sizesSeen).containsExactly(1);
    } finally {
      other.shutdownNow();
    }
  }

  @Test
  void aListenerWaitingForAnotherThreadsAddDoesNotDeadlock() throws Exception {
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      Transaction b0 = tx(B, 0, 1);
      List<AddResult> nested = new ArrayList<>();
      pool.onTxAdded(e -> {
        events.add(e);
        if (events.size() == 1) {
          try {
            nested.add(CompletableFuture.supplyAsync(() -> pool.add(b0), other).get(5, TimeUnit.SECONDS));
          } catch (Exception ex) {
            throw new IllegalStateException(ex);
          }
        }
      });
      Transaction a0 = tx(A, 0, 1);
      pool.add(a0);
      assertThat(nested).extracting(AddResult::status).containsExactly(AddResult.Status.ADDED);
      assertThat(events).containsExactly(new TxAddedEvent(hash(a0), a0), new TxAddedEvent(hash(b0), b0));
    } finally {
      other.shutdownNow();
    }
  }

  @Test
  void aThrowingListenerDoesNotBreakThePool() {
    pool.onTxAdded(e -> {
      throw new IllegalStateException("listener bug");
    });
    pool.onTxAdded(events::add);
    assertThat(pool.add(tx(A, 0, 1)).isRejected()).isFalse();
    assertThat(events).hasSize(1);
    assertThat(pool.size()).isEqualTo(1);
  }

  @Test
  void droppedEventsCarryTheTransaction() {
    pool.onTxDropped(events::add);
    Transaction a0 = tx(A, 0, 1);
    pool.add(a0);
    pool.onNewHead(accounts.copy().set(A, 1_000, 1), List.of(), hash(a0)::equals);
    assertThat(events).extracting(e -> ((TxDroppedEvent) e).transaction(), e -> ((TxDroppedEvent) e).reason())
        .containsExactly(tuple(a0, Reason.INCLUDED));
  }
}
