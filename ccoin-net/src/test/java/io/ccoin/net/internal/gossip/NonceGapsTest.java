package io.ccoin.net.internal.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccoin.api.Address;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The record of senders whose transactions were dropped: which later nonces may still be queued. */
class NonceGapsTest {
  static final Address A = address(0);
  static final Address B = address(1);
  static final Address C = address(2);

  static Address address(int b) {
    byte[] out = new byte[Address.SIZE];
    Arrays.fill(out, (byte) b);
    return Address.of(out);
  }

  final Map<Address, Long> pending = new HashMap<>();

  /** The pool is not asked for a nonce at or below the one awaited. */
  static long notAsked(Address a) {
    throw new AssertionError("pool asked for " + a);
  }

  long pending(Address a) {
    return pending.getOrDefault(a, 0L);
  }

  @Test
  void aSenderWithoutADropIsAlwaysAdmittedAndThePoolIsNotAsked() {
    NonceGaps gaps = new NonceGaps(4);
    assertThat(gaps.isEmpty()).isTrue();
    assertThat(gaps.admits(A, 1_000, NonceGapsTest::notAsked)).isTrue();
  }

  @Test
  void laterNoncesWaitForTheMissingOneWhichFillsTheGap() {
    NonceGaps gaps = new NonceGaps(4);
    gaps.dropped(A, 5);
    gaps.dropped(A, 7);
    assertThat(gaps.isEmpty()).isFalse();
    assertThat(gaps.admits(A, 6, this::pending)).isFalse();
    assertThat(gaps.admits(A, 4, NonceGapsTest::notAsked)).isTrue(); // before the gap: harmless
    assertThat(gaps.admits(A, 5, NonceGapsTest::notAsked)).isTrue(); // fills it
    assertThat(gaps.admits(A, 7, this::pending)).isFalse(); // 6 is still missing
    assertThat(gaps.admits(A, 6, this::pending)).isTrue();
    assertThat(gaps.admits(A, 7, this::pending)).isTrue();
    assertThat(gaps.admits(B, 100, this::pending)).isTrue();
  }

  @Test
  void anEarlierDropMovesTheGapDownAndThePoolMovesItUp() {
    NonceGaps gaps = new NonceGaps(4);
    gaps.dropped(A, 9);
    gaps.dropped(A, 3);
    assertThat(gaps.admits(A, 4, this::pending)).isFalse();
    pending.put(A, 20L); // the missing ones came in a block, or from the node's own API
    assertThat(gaps.admits(A, 21, this::pending)).isFalse();
    assertThat(gaps.admits(A, 20, this::pending)).isTrue();
    assertThat(gaps.admits(A, 21, this::pending)).isTrue();
  }

  @Test
  void isBoundedForgettingTheLeastRecentlyTouchedSender() {
    NonceGaps gaps = new NonceGaps(2);
    gaps.dropped(A, 0);
    gaps.dropped(B, 0);
    assertThat(gaps.admits(A, 1, this::pending)).isFalse(); // touches A
    gaps.dropped(C, 0);
    assertThat(gaps.size()).isEqualTo(2);
    assertThat(gaps.admits(B, 1, this::pending)).isTrue(); // B was forgotten
    assertThat(gaps.admits(A, 1, this::pending)).isFalse();
    assertThat(gaps.admits(C, 1, this::pending)).isFalse();
    assertThatThrownBy(() -> new NonceGaps(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
