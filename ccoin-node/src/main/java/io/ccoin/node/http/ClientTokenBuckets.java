package io.ccoin.node.http;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One token bucket per client address. At most {@value #MAX_CLIENTS} buckets are kept; the least
 * recently used goes first (a client forgotten that way starts again with a full bucket, which is
 * no more than a new client gets). Thread-safe.
 */
final class ClientTokenBuckets {
  static final int MAX_CLIENTS = 10_000;

  private final ApiConfig.RateLimit limit;
  private final Clock clock;
  private final Map<String, Bucket> buckets = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
      return size() > MAX_CLIENTS;
    }
  };

  ClientTokenBuckets(ApiConfig.RateLimit limit, Clock clock) {
    this.limit = limit;
    this.clock = clock;
  }

  /**
   * Takes a token for {@code client}; returns 0 when it got one, else the whole seconds to wait
   * (at least 1) until the next token.
   */
  synchronized long acquire(String client) {
    if (limit.isUnlimited()) {
      return 0;
    }
    long now = clock.millis();
    Bucket b = buckets.computeIfAbsent(client, c -> new Bucket(limit.burst(), now));
    double elapsedSeconds = Math.max(0, now - b.updated) / 1000.0;
    b.tokens = Math.min(limit.burst(), b.tokens + elapsedSeconds * limit.perSecond());
    b.updated = now;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, (long) Math.ceil((1 - b.tokens) / limit.perSecond()));
  }

  private static final class Bucket {
    double tokens;
    long updated;

    Bucket(double tokens, long updated) {
      this.tokens = tokens;
      this.updated = updated;
    }
  }
}
