package io.ccoin.net.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class VirtualSchedulerTest {
  @Test
  void tasksRunInDueTimeThenSubmissionOrderAndTheClockJumps() {
    VirtualScheduler s = new VirtualScheduler(1_000);
    List<String> log = new ArrayList<>();
    s.schedule(() -> log.add("b@" + s.clock().millis()), 20, TimeUnit.MILLISECONDS);
    s.schedule(() -> log.add("a@" + s.clock().millis()), 10, TimeUnit.MILLISECONDS);
    s.execute(() -> log.add("now@" + s.now()));
    s.schedule(() -> log.add("c@" + s.now()), 20, TimeUnit.MILLISECONDS);
    assertThat(log).isEmpty();
    s.runFor(Duration.ofMillis(15));
    assertThat(log).containsExactly("now@1000", "a@1010");
    assertThat(s.now()).isEqualTo(1_015);
    s.runFor(Duration.ofSeconds(1));
    assertThat(log).containsExactly("now@1000", "a@1010", "b@1020", "c@1020");
    assertThat(s.now()).isEqualTo(2_015);
  }

  @Test
  void periodicTasksRepeatUntilCancelledAndRunUntilStopsOnItsCondition() {
    VirtualScheduler s = new VirtualScheduler(0);
    List<Long> rate = new ArrayList<>();
    List<Long> delay = new ArrayList<>();
    ScheduledFuture<?> r = s.scheduleAtFixedRate(() -> rate.add(s.now()), 5, 10, TimeUnit.MILLISECONDS);
    s.scheduleWithFixedDelay(() -> delay.add(s.now()), 0, 30, TimeUnit.MILLISECONDS);
    assertThat(s.runUntil(() -> rate.size() == 3, Duration.ofSeconds(1))).isTrue();
    assertThat(rate).containsExactly(5L, 15L, 25L);
    r.cancel(false);
    s.runFor(Duration.ofMillis(100));
    assertThat(rate).hasSize(3);
    assertThat(delay).containsExactly(0L, 30L, 60L, 90L, 120L);
    assertThat(s.runUntil(() -> false, Duration.ofMillis(1))).isFalse();
  }

  @Test
  void failuresAreRecordedAndCompletableFuturesWork() {
    VirtualScheduler s = new VirtualScheduler(0);
    s.execute(() -> {
      throw new IllegalStateException("boom");
    });
    CompletableFuture<Integer> f = CompletableFuture.supplyAsync(() -> 42, s);
    s.runFor(Duration.ZERO);
    assertThat(f).isCompletedWithValue(42);
    assertThat(s.failures()).singleElement().satisfies(t -> assertThat(t).hasMessage("boom"));
    s.shutdown();
    assertThatThrownBy(() -> s.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
    assertThat(s.isTerminated()).isTrue();
  }
}
