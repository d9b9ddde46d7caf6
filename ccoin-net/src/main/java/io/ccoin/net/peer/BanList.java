package io.ccoin.net.peer;

import java.util.HashMap;
import java.util.Map;

/** Hosts banned until a time (SPEC 9: 10 minutes after a peer reached the ban score). Not thread-safe. */
public final class BanList {
  private final long durationMs;
  private final Map<String, Long> until = new HashMap<>();

  public BanList(long durationMs) {
    this.durationMs = durationMs;
  }

  public void ban(String host, long now) {
    until.put(host, now + durationMs);
  }

  public boolean isBanned(String host, long now) {
    Long t = until.get(host);
    if (t == null) {
      return false;
    }
    if (t <= now) {
      until.remove(host);
      return false;
    }
    return true;
  }

  public int size() {
    return until.size();
  }
}
