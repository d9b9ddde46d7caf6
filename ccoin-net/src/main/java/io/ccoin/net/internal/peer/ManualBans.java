package io.ccoin.net.internal.peer;

import io.ccoin.net.IpRange;
import io.ccoin.net.ManualBan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The addresses and ranges an operator banned by hand (SPEC 9 and 11: only operators ban), each
 * until a time. Kept in memory. Thread-safe: the API adds and lifts bans, the network thread checks
 * them.
 */
public final class ManualBans {
  private final Map<IpRange, Long> until = new ConcurrentHashMap<>();

  /** Bans {@code range} until {@code untilMs} (epoch ms), replacing an earlier ban of the same range. */
  public void ban(IpRange range, long untilMs) {
    until.put(Objects.requireNonNull(range, "range"), untilMs);
  }

  /** Lifts the ban of exactly {@code range}; false when there was none in force at {@code now}. */
  public boolean lift(IpRange range, long now) {
    Long t = until.remove(range);
    return t != null && t > now;
  }

  /** True when {@code host} (an IP literal; a host name never matches) is in a range banned at {@code now}. */
  public boolean isBanned(String host, long now) {
    if (until.isEmpty()) {
      return false;
    }
    for (Map.Entry<IpRange, Long> e : until.entrySet()) {
      if (e.getValue() <= now) {
        until.remove(e.getKey(), e.getValue());
      } else if (e.getKey().contains(host)) {
        return true;
      }
    }
    return false;
  }

  /** The bans in force at {@code now}, soonest to end first. */
  public List<ManualBan> active(long now) {
    List<ManualBan> out = new ArrayList<>();
    until.forEach((r, t) -> {
      if (t > now) {
        out.add(new ManualBan(r, Instant.ofEpochMilli(t)));
      }
    });
    out.sort(Comparator.comparing(ManualBan::until).thenComparing(b -> b.range().toString()));
    return out;
  }
}
