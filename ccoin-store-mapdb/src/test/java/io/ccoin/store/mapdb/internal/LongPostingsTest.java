package io.ccoin.store.mapdb.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The in-memory postings: sets of block numbers per key, listed highest first, against a plain model. */
class LongPostingsTest {
  static List<Long> list(LongPostings p, long key, long atMost) {
    List<Long> out = new ArrayList<>();
    p.forEachDescending(key, atMost, v -> out.add(v));
    return out;
  }

  @Test
  void valuesAreASetListedHighestFirstWhateverOrderTheyCameIn() {
    LongPostings p = new LongPostings();
    assertThat(p.add(7, 5)).isTrue();
    assertThat(p.add(7, 9)).isTrue();
    assertThat(p.add(7, 1)).isTrue();
    assertThat(p.add(7, 6)).isTrue();
    assertThat(p.add(7, 6)).as("already there").isFalse();
    assertThat(list(p, 7, Long.MAX_VALUE)).containsExactly(9L, 6L, 5L, 1L);
    assertThat(list(p, 7, 6)).containsExactly(6L, 5L, 1L);
    assertThat(list(p, 8, Long.MAX_VALUE)).isEmpty();
    assertThat(p.remove(7, 6)).isTrue();
    assertThat(p.remove(7, 6)).isFalse();
    assertThat(p.remove(8, 6)).isFalse();
    assertThat(p.contains(7, 5)).isTrue();
    assertThat(p.contains(7, 6)).isFalse();
    assertThat(p.size()).isEqualTo(3);
    assertThat(p.keys()).isEqualTo(1);
  }

  @Test
  void theListingStopsWhenTheActionSaysSo() {
    LongPostings p = new LongPostings();
    for (long v = 0; v < 10; v++) {
      p.add(-3, v);
    }
    List<Long> seen = new ArrayList<>();
    p.forEachDescending(-3, Long.MAX_VALUE, v -> {
      seen.add(v);
      return seen.size() < 3;
    });
    assertThat(seen).containsExactly(9L, 8L, 7L);
  }

  @Test
  void aNegativeValueIsRefused() {
    assertThatThrownBy(() -> new LongPostings().add(1, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * Random adds and removes over few slot-crowding keys and many values, growing the table several
   * times and emptying keys (which moves others back in their probe runs), checked against a model.
   */
  @Test
  void agreesWithAModelThroughGrowthAndRemovals() {
    Random r = new Random(20261208L);
    LongPostings p = new LongPostings();
    Map<Long, TreeSet<Long>> model = new HashMap<>();
    long[] keys = new long[5000];
    for (int i = 0; i < keys.length; i++) {
      // multiples of a power of two crowd the low bits, and zero is a key like any other
      keys[i] = i % 3 == 0 ? (long) i << 32 : r.nextLong();
    }
    for (int step = 0; step < 60_000; step++) {
      long key = keys[r.nextInt(step < 30_000 ? keys.length : 300)];
      long value = r.nextInt(50);
      TreeSet<Long> set = model.computeIfAbsent(key, k -> new TreeSet<>());
      if (r.nextInt(3) == 0) {
        assertThat(p.remove(key, value)).isEqualTo(set.remove(value));
      } else {
        assertThat(p.add(key, value)).isEqualTo(set.add(value));
      }
      if (set.isEmpty()) {
        model.remove(key);
      }
    }
    long pairs = 0;
    for (long key : keys) {
      TreeSet<Long> set = model.getOrDefault(key, new TreeSet<>());
      assertThat(list(p, key, Long.MAX_VALUE)).isEqualTo(new ArrayList<>(set.descendingSet()));
    }
    for (TreeSet<Long> set : model.values()) {
      pairs += set.size();
    }
    assertThat(p.size()).isEqualTo(pairs);
    assertThat(p.keys()).isEqualTo(model.size());
    assertThat(p.memoryBytes()).isPositive();
  }
}
