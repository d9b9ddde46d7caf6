package io.ccoin.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When a run's transactions are due: steady, or ramping up over the warm-up. */
class ScheduleTest {
  @Test
  void aSteadyScheduleSpacesTransactionsEvenly() {
    Schedule s = Schedule.steady(2_000);
    assertThat(s.offsetNanos(0)).isZero();
    assertThat(s.offsetNanos(1)).isEqualTo(500_000);
    assertThat(s.offsetNanos(120_000)).isEqualTo(60_000_000_000L);
    assertThat(s.total(Duration.ofSeconds(60))).isEqualTo(120_000);
  }

  @Test
  void aRampStartsAtATenthOfTheRateAndReachesItWhenTheRampEnds() {
    Schedule s = Schedule.rampingUp(1_000, Duration.ofSeconds(30));
    // within the ramp: 1000 × (0.1 t + 0.9 t² / 60) transactions by t seconds; 16,500 by 30 s
    assertThat(s.dueInRamp()).isCloseTo(16_500, within(1e-6));
    assertThat(s.offsetNanos(0)).isZero();
    assertThat(s.offsetNanos(100) / 1e9).isCloseTo(0.9, within(0.05)); // about 100 tx/s at first
    assertThat(s.offsetNanos(16_500) / 1e9).isCloseTo(30, within(1e-6));
    // past the ramp: the full rate
    assertThat(s.offsetNanos(17_500) - s.offsetNanos(16_500)).isEqualTo(1_000_000_000L);
    assertThat(s.total(Duration.ofSeconds(90))).isEqualTo(16_500 + 60_000);
    assertThat(s.rateAt(0)).isEqualTo(100);
    assertThat(s.rateAt(15)).isCloseTo(550, within(1e-9));
    assertThat(s.rateAt(45)).isEqualTo(1_000);
  }

  @Test
  void dueTimesNeverGoBackwardsAndTheRateOnlyRises() {
    Schedule s = Schedule.rampingUp(3_000, Duration.ofSeconds(20));
    int total = s.total(Duration.ofSeconds(40));
    long previousGap = Long.MAX_VALUE - 1;
    for (int i = 1; i < total; i += 97) {
      long gap = s.offsetNanos(i) - s.offsetNanos(i - 1);
      assertThat(gap).as("gap before %d", i).isPositive().isLessThanOrEqualTo(previousGap + 1);
      previousGap = gap;
    }
    assertThat(s.offsetNanos(total - 1) / 1e9).isCloseTo(40, within(0.01));
  }

  @Test
  void aRampNeedsAWarmUpAndAScheduleAPositiveRate() {
    assertThatThrownBy(() -> Schedule.steady(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Schedule(1, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LoadGenerator.Settings(java.nio.file.Path.of("d"), java.util.List.of(), -1, 4, 100,
        Duration.ofSeconds(10), Duration.ofSeconds(1), 1, Duration.ofMillis(100), 1, false, Duration.ofMillis(100),
        Duration.ofSeconds(1), null, 0, null, true, Duration.ZERO, true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ramp-up needs a warm-up");
  }
}
