package io.ccoin.net.internal.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.Hash;
import io.ccoin.net.NodeId;
import io.ccoin.net.internal.sync.SyncProgress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** The small bookkeeping parts: rate limits, known sets, bans, the address book's backoff, sync progress. */
class PeerBookkeepingTest {
  @Test
  void aSlidingWindowLimiterAllows20PerSlidingWindow() {
    SlidingWindowLimiter r = new SlidingWindowLimiter(20, 10_000);
    for (int i = 0; i < 20; i++) {
      assertThat(r.tryAcquire(1_000 + i * 100)).isTrue();
    }
    assertThat(r.tryAcquire(5_000)).isFalse();
    assertThat(r.nextAllowedAt(5_000)).isEqualTo(11_000);
    assertThat(r.tryAcquire(10_999)).isFalse();
    assertThat(r.tryAcquire(11_000)).isTrue();
    assertThat(r.tryAcquire(11_000)).isFalse();
    assertThat(r.tryAcquire(11_100)).isTrue();
  }

  @Test
  void aKnownSetForgetsItsOldestBeyondItsCapacity() {
    KnownSet<Integer> s = new KnownSet<>(3);
    assertThat(s.add(1)).isTrue();
    assertThat(s.add(1)).isFalse();
    s.add(2);
    s.add(3);
    s.add(4);
    assertThat(s.contains(1)).isFalse();
    assertThat(s.contains(4)).isTrue();
    assertThat(s.size()).isEqualTo(3);
  }

  @Test
  void aDiscouragementLastsItsDurationFromTheLastOffence() {
    ExpiringSet<String> discouraged = new ExpiringSet<>(600_000);
    discouraged.add("10.0.0.1", 1_000);
    assertThat(discouraged.contains("10.0.0.1", 600_999)).isTrue();
    assertThat(discouraged.contains("10.0.0.2", 2_000)).isFalse();
    assertThat(discouraged.snapshot(2_000, h -> h)).containsExactly(java.util.Map.entry("10.0.0.1", 601_000L));
    assertThat(discouraged.contains("10.0.0.1", 601_000)).isFalse();
    assertThat(discouraged.size()).isZero();
    discouraged.add("10.0.0.1", 700_000);
    discouraged.add("10.0.0.1", 800_000);
    assertThat(discouraged.contains("10.0.0.1", 1_300_000)).as("renewed by the later offence").isTrue();
    assertThat(discouraged.snapshot(1_400_000, h -> h)).isEmpty();
  }

  @Test
  void aFullSetDropsEndedEntriesThenThoseEndingSoonest() {
    ExpiringSet<Integer> s = new ExpiringSet<>(1_000, 3);
    s.add(1, 0);
    s.add(2, 100);
    s.add(3, 200);
    s.add(4, 1_050); // 1 ended at 1,000
    assertThat(s.snapshot(1_050, String::valueOf)).containsOnlyKeys("2", "3", "4");
    s.add(5, 1_060); // none ended: 2 ends soonest
    assertThat(s.snapshot(1_060, String::valueOf)).containsOnlyKeys("3", "4", "5");
    assertThat(s.size()).isEqualTo(3);
  }

  @Test
  void manualBansMatchAddressesAndRangesUntilTheyEndOrAreLifted() {
    ManualBans bans = new ManualBans();
    bans.ban(io.ccoin.net.IpRange.parse("10.1.0.0/16"), 5_000);
    bans.ban(io.ccoin.net.IpRange.parse("::1"), 9_000);
    assertThat(bans.isBanned("10.1.200.3", 4_999)).isTrue();
    assertThat(bans.isBanned("10.2.0.1", 1_000)).isFalse();
    assertThat(bans.isBanned("0:0:0:0:0:0:0:1", 1_000)).isTrue();
    assertThat(bans.isBanned("localhost", 1_000)).as("a host name never matches").isFalse();
    assertThat(bans.active(1_000)).extracting(b -> b.range().toString()).containsExactly("10.1.0.0/16", "::1");
    assertThat(bans.isBanned("10.1.200.3", 5_000)).as("ended").isFalse();
    assertThat(bans.active(5_000)).extracting(b -> b.range().toString()).containsExactly("::1");
    assertThat(bans.lift(io.ccoin.net.IpRange.parse("::1/128"), 6_000)).isTrue();
    assertThat(bans.lift(io.ccoin.net.IpRange.parse("::1"), 6_000)).as("already lifted").isFalse();
    assertThat(bans.isBanned("::1", 6_000)).isFalse();
  }

  @Test
  void theAddressBookBacksOffExponentiallyAndForgetsFailingLearnedAddresses() {
    AddressBook book = new AddressBook(1_000, 60_000, 3);
    InetSocketAddress seed = InetSocketAddress.createUnresolved("seed", 30333);
    book.addStatic(seed);
    assertThat(book.due(0, e -> false)).extracting(AddressBook.Entry::address).containsExactly(seed);
    long[] expected = {1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000};
    for (long b : expected) {
      book.failed(seed, 0);
      assertThat(book.get(seed).orElseThrow().nextAttemptAt()).isEqualTo(b);
    }
    NodeId self = NodeId.of(Hash.ZERO);
    NodeId other = NodeId.of(Hash.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
        24, 25, 26, 27, 28, 29, 30, 31, 32}));
    InetSocketAddress learned = InetSocketAddress.createUnresolved("peer", 30333);
    book.learn(learned, self, self);
    assertThat(book.get(learned)).isEmpty();
    book.learn(learned, other, self);
    book.learn(InetSocketAddress.createUnresolved("zero", 0), other, self);
    assertThat(book.size()).isEqualTo(2);
    for (int i = 0; i < AddressBook.MAX_LEARNED_FAILURES; i++) {
      book.failed(learned, 0);
    }
    assertThat(book.get(learned)).isEmpty();
    book.failed(seed, 0);
    assertThat(book.get(seed)).isPresent();
    book.connected(seed, other);
    assertThat(book.get(seed).orElseThrow().failures()).isZero();
    book.markSelf(seed);
    assertThat(book.due(Long.MAX_VALUE, e -> false)).isEmpty();
  }

  @Test
  void syncProgressReportsDoneLeftRateAndEta() {
    SyncProgress p = new SyncProgress(0, 0, 1_000);
    p.advance(250, 250, 1_000);
    assertThat(p.done()).isEqualTo(250);
    assertThat(p.left()).isEqualTo(750);
    assertThat(p.rate(5_000)).isEqualTo(50.0);
    assertThat(p.etaSeconds(5_000)).isEqualTo(15);
    assertThat(p.describe(5_000)).isEqualTo("#250, 250 block(s) done, ~750 left, 50.0 blocks/s, ETA 15 s");
    assertThat(new SyncProgress(0, 0, 10).etaSeconds(1_000)).isEqualTo(-1);
  }
}
