package io.ccoin.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.core.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class StartGateTest {
  final MutableClock clock = new MutableClock(1_000_000);
  final List<Boolean> opened = new ArrayList<>();

  @Test
  void opensOnceWhenTheConditionHolds() {
    AtomicBoolean connected = new AtomicBoolean();
    StartGate gate = new StartGate(connected::get, clock, Duration.ofSeconds(10), opened::add);
    assertThat(gate.poll()).isFalse();
    clock.advance(9_000);
    assertThat(gate.poll()).isFalse();
    connected.set(true);
    assertThat(gate.poll()).isTrue();
    assertThat(gate.poll()).isTrue();
    clock.advance(60_000);
    gate.poll();
    assertThat(opened).containsExactly(true);
  }

  @Test
  void opensWhenTheGraceRunsOutWithoutTheCondition() {
    StartGate gate = new StartGate(() -> false, clock, Duration.ofSeconds(10), opened::add);
    clock.advance(9_999);
    assertThat(gate.poll()).isFalse();
    assertThat(opened).isEmpty();
    clock.advance(1);
    assertThat(gate.poll()).isTrue();
    assertThat(gate.isOpen()).isTrue();
    gate.poll();
    assertThat(opened).containsExactly(false);
  }
}
