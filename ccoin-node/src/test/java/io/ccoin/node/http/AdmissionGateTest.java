package io.ccoin.node.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccoin.core.Await;
import io.ccoin.core.pool.PoolConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The bound on submissions in progress: what is beyond it is refused at once with 503 and Retry-After. */
class AdmissionGateTest {
  @Test
  void placesBeyondConcurrencyAndQueueAreRefusedAndFreedOnClose() {
    AdmissionGate gate = new AdmissionGate(1, 2);
    List<AdmissionGate.Ticket> held = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      held.add(gate.enter());
    }
    held.get(0).work(1);
    assertThat(gate.inside()).isEqualTo(3);
    assertThatThrownBy(gate::enter).isInstanceOfSatisfying(ApiException.class, e -> {
      assertThat(e.status()).isEqualTo(503);
      assertThat(e.code()).isEqualTo("not_ready");
      assertThat(e.retryAfterSeconds()).isEqualTo(1);
    });
    assertThat(gate.refused()).isEqualTo(1);
    assertThat(gate.inside()).isEqualTo(3);
    held.get(0).close();
    held.get(0).close(); // twice is once
    assertThat(gate.inside()).isEqualTo(2);
    // the working place is free again: another ticket gets it without waiting
    AdmissionGate.Ticket next = gate.enter();
    next.work(1);
    next.close();
    held.get(1).close();
    held.get(2).close();
    assertThat(gate.inside()).isZero();
    assertThatThrownBy(() -> new AdmissionGate(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AdmissionGate(1, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AdmissionGate(1, 1, 0, () -> 1)).isInstanceOf(IllegalArgumentException.class);
  }

  private static void refusedBusy(ThrowingCallable call, String message) {
    assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, e -> {
      assertThat(e.status()).isEqualTo(503);
      assertThat(e.code()).isEqualTo("not_ready");
      assertThat(e.retryAfterSeconds()).isEqualTo(1);
      assertThat(e.getMessage()).contains(message);
    });
  }

  @Test
  void aFullPoolIsRefusedAtTheDoorAndABatchThatDoesNotFitBeforeItsWork() {
    AtomicInteger room = new AtomicInteger(0);
    AdmissionGate gate = new AdmissionGate(4, 4, 1_000_000, room::get);
    refusedBusy(gate::enter, "pool is full");
    assertThat(gate.inside()).isZero();
    assertThat(gate.refusedPoolFull()).isEqualTo(1);
    room.set(10);
    AdmissionGate.Ticket eight = gate.enter();
    eight.work(8);
    assertThat(gate.inFlight()).isEqualTo(8);
    // 2 left beyond what is in flight: a batch of 5 does not fit, a batch of 2 does
    AdmissionGate.Ticket five = gate.enter();
    refusedBusy(() -> five.work(5), "pool is full");
    five.close();
    AdmissionGate.Ticket two = gate.enter();
    two.work(2);
    // nothing left beyond what is in flight: refused at the door, before the body is read
    refusedBusy(gate::enter, "pool is full");
    assertThat(gate.refusedPoolFull()).isEqualTo(3);
    assertThat(gate.refused()).isEqualTo(3);
    eight.close();
    two.close();
    assertThat(gate.inFlight()).isZero();
    assertThat(gate.inside()).isZero();
    // with nothing in flight, a batch larger than the room goes in to fill what it can
    AdmissionGate.Ticket big = gate.enter();
    big.work(1024);
    assertThat(gate.inFlight()).isEqualTo(1024);
    big.close();
    assertThat(gate.inFlight()).isZero();
  }

  @Test
  void batchesBeyondTheTransactionsInFlightAreRefusedButSinglesAreNot() {
    AdmissionGate gate = new AdmissionGate(8, 8, 100, () -> Integer.MAX_VALUE);
    AdmissionGate.Ticket eighty = gate.enter();
    eighty.work(80);
    AdmissionGate.Ticket thirty = gate.enter();
    refusedBusy(() -> thirty.work(30), "already admitting 80 transactions");
    thirty.close();
    AdmissionGate.Ticket twenty = gate.enter();
    twenty.work(20);
    assertThat(gate.inFlight()).isEqualTo(100);
    // a single transaction is bounded by the places only
    AdmissionGate.Ticket one = gate.enter();
    one.work(1);
    assertThat(gate.inFlight()).isEqualTo(101);
    assertThat(gate.refused()).isEqualTo(1);
    assertThat(gate.refusedPoolFull()).isZero();
    eighty.close();
    twenty.close();
    one.close();
    // alone, a batch larger than the bound is taken
    AdmissionGate.Ticket huge = gate.enter();
    huge.work(1024);
    AdmissionGate.Ticket other = gate.enter();
    refusedBusy(() -> other.work(2), "already admitting 1024 transactions");
    other.close();
    huge.close();
    assertThat(gate.inFlight()).isZero();
    assertThat(gate.inside()).isZero();
  }

  @Test
  void aSubmissionWaitsForAPlaceOfWorkAndGetsItWhenOneIsFreed() throws Exception {
    AdmissionGate gate = new AdmissionGate(1, 1, 1_000, () -> Integer.MAX_VALUE);
    AdmissionGate.Ticket first = gate.enter();
    first.work(10);
    AdmissionGate.Ticket second = gate.enter();
    CountDownLatch working = new CountDownLatch(1);
    Thread waiter = new Thread(() -> {
      second.work(10);
      working.countDown();
    });
    waiter.start();
    // both places are taken (one working, one waiting): a third is refused at once
    refusedBusy(gate::enter, "busy admitting");
    assertThat(working.getCount()).isEqualTo(1);
    first.close();
    assertThat(working.await(10, TimeUnit.SECONDS)).isTrue();
    waiter.join(10_000);
    assertThat(gate.inFlight()).isEqualTo(10);
    second.close();
    assertThat(gate.inFlight()).isZero();
  }

  @Test
  void aFullGateAnswers503WithRetryAfterBeforeReadingTheBody() throws Exception {
    ApiFixture fx = new ApiFixture(b -> b.config(ApiConfig.builder().submitConcurrency(1).submitQueue(0).submitRate(ApiConfig.RateLimit.UNLIMITED).build()), PoolConfig.DEFAULT);
    // a submission whose body never finishes holds the only place
    try (SlowSubmission slow = new SlowSubmission(fx.server.port(), 100, "{\"raw\": ")) {
      ApiFixture.Snapshot before = fx.snapshot();
      ApiFixture.Reply busy = slow.awaitBusy(() -> fx.postJson("/api/v1/transactions", "{"),
          r -> r.error(400, "malformed_json")); // the slow request does not hold the place yet
      busy.error(503, "not_ready");
      assertThat(busy.headers().get("Retry-After")).isEqualTo("1");
      // a good transaction is refused too, and changes nothing
      fx.submit(fx.transfer(fx.alice, 0, fx.bob, 5, 1)).error(503, "not_ready");
      assertThat(fx.snapshot()).isEqualTo(before);
      assertThat(fx.get("/metrics").text()).containsPattern("ccoin_api_submissions_refused_total [1-9]");
    }
    // the slow client went away: its place is free again
    int status = Await.value("an answer other than 503", Duration.ofSeconds(10), () -> {
      int s = fx.submit(fx.transfer(fx.alice, 0, fx.bob, 5, 1)).status();
      return s == 503 ? null : s;
    });
    assertThat(status).isEqualTo(202);
    fx.close();
  }
}
