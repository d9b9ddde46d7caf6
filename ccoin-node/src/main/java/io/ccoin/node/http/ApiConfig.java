package io.ccoin.node.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the HTTP API. Immutable; start from {@link #DEFAULT} or {@link #builder()}.
 *
 * @param maxBodyBytes the largest request body accepted; a larger one is {@code too_large} (413)
 *     before it is read in full. Default 1 MiB.
 * @param submitRate the token bucket each client address gets for {@code POST /transactions}
 *     (every attempt takes a token, good or bad); {@code rate_limited} (429) when empty. Default 20
 *     per second with bursts of 100.
 * @param maxEventClients the most concurrent {@code GET /events} streams; more are
 *     {@code rate_limited}. Default 64.
 * @param eventQueueSize the events queued for one stream; a client that falls this far behind is
 *     disconnected (it must reconnect and re-read what it missed). Default 1024.
 * @param eventHeartbeat how often an idle stream gets a comment line, which keeps proxies from
 *     closing it and finds clients that went away. Default 15 s.
 * @param historyWalkLimit the most blocks one request walks: to derive an old block's
 *     {@code state} ({@code null} beyond) and to find each miner's last block. Default 10,000.
 * @param minersWindow the "recent" blocks of {@code GET /miners}. Default 100.
 * @param maxThreads the request threads of the HTTP server. Default 32.
 * @param submitConcurrency the {@code POST /transactions} requests checked at once (a batch is
 *     one); the others wait. Default half the processors, at least 1, so that block production
 *     and import keep a core.
 * @param submitQueue the submissions that may wait for their turn; beyond, a submission is refused
 *     at once with {@code 503 not_ready} and {@code Retry-After: 1}. Default 64.
 * @param submitInFlight the transactions of the batches being checked or waiting for their turn,
 *     summed over their entries; a batch that would take the sum beyond is refused at once with
 *     {@code 503 not_ready} and {@code Retry-After: 1} (a batch larger than the bound is taken when
 *     nothing else is in flight; single transactions are bounded by the places only). Default
 *     {@value Builder#DEFAULT_SUBMIT_IN_FLIGHT}, two full batches.
 */
public record ApiConfig(
    int maxBodyBytes,
    RateLimit submitRate,
    int maxEventClients,
    int eventQueueSize,
    Duration eventHeartbeat,
    long historyWalkLimit,
    int minersWindow,
    int maxThreads,
    int submitConcurrency,
    int submitQueue,
    int submitInFlight) {

  public static final ApiConfig DEFAULT = builder().build();

  public ApiConfig {
    positive("maxBodyBytes", maxBodyBytes);
    Objects.requireNonNull(submitRate, "submitRate");
    positive("maxEventClients", maxEventClients);
    positive("eventQueueSize", eventQueueSize);
    Objects.requireNonNull(eventHeartbeat, "eventHeartbeat");
    if (eventHeartbeat.isNegative() || eventHeartbeat.isZero()) {
      throw new IllegalArgumentException("eventHeartbeat must be positive");
    }
    positive("historyWalkLimit", historyWalkLimit);
    positive("minersWindow", minersWindow);
    if (maxThreads < 8) {
      throw new IllegalArgumentException("maxThreads must be at least 8, got " + maxThreads);
    }
    positive("submitConcurrency", submitConcurrency);
    if (submitQueue < 0) {
      throw new IllegalArgumentException("submitQueue must not be negative, got " + submitQueue);
    }
    positive("submitInFlight", submitInFlight);
  }

  private static void positive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A token bucket: up to {@code burst} requests at once, refilled at {@code perSecond}.
   * {@link #UNLIMITED} turns limiting off.
   */
  public record RateLimit(double perSecond, int burst) {
    public static final RateLimit UNLIMITED = new RateLimit(Double.POSITIVE_INFINITY, Integer.MAX_VALUE);

    public RateLimit {
      if (!(perSecond > 0) || burst < 1) {
        throw new IllegalArgumentException("a rate limit needs perSecond > 0 and burst >= 1, got " + perSecond + "/s, burst " + burst);
      }
    }

    public boolean isUnlimited() {
      return perSecond == Double.POSITIVE_INFINITY;
    }
  }

  /** Builds an {@link ApiConfig}; unset values keep their defaults. */
  public static final class Builder {
    /** The default of {@link ApiConfig#submitInFlight()}: two full batches. */
    public static final int DEFAULT_SUBMIT_IN_FLIGHT = 2 * 1024;

    private int maxBodyBytes = 1 << 20;
    private RateLimit submitRate = new RateLimit(20, 100);
    private int maxEventClients = 64;
    private int eventQueueSize = 1024;
    private Duration eventHeartbeat = Duration.ofSeconds(15);
    private long historyWalkLimit = 10_000;
    private int minersWindow = 100;
    private int maxThreads = 32;
    private int submitConcurrency = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    private int submitQueue = 64;
    private int submitInFlight = DEFAULT_SUBMIT_IN_FLIGHT;

    private Builder() {}

    public Builder maxBodyBytes(int bytes) {
      this.maxBodyBytes = bytes;
      return this;
    }

    public Builder submitRate(RateLimit rate) {
      this.submitRate = rate;
      return this;
    }

    public Builder maxEventClients(int clients) {
      this.maxEventClients = clients;
      return this;
    }

    public Builder eventQueueSize(int events) {
      this.eventQueueSize = events;
      return this;
    }

    public Builder eventHeartbeat(Duration interval) {
      this.eventHeartbeat = interval;
      return this;
    }

    public Builder historyWalkLimit(long blocks) {
      this.historyWalkLimit = blocks;
      return this;
    }

    public Builder minersWindow(int blocks) {
      this.minersWindow = blocks;
      return this;
    }

    public Builder maxThreads(int threads) {
      this.maxThreads = threads;
      return this;
    }

    public Builder submitConcurrency(int requests) {
      this.submitConcurrency = requests;
      return this;
    }

    public Builder submitQueue(int requests) {
      this.submitQueue = requests;
      return this;
    }

    public Builder submitInFlight(int transactions) {
      this.submitInFlight = transactions;
      return this;
    }

    public ApiConfig build() {
      return new ApiConfig(maxBodyBytes, submitRate, maxEventClients, eventQueueSize, eventHeartbeat, historyWalkLimit,
          minersWindow, maxThreads, submitConcurrency, submitQueue, submitInFlight);
    }
  }
}
