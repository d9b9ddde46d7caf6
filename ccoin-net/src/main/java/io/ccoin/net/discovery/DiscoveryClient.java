package io.ccoin.net.discovery;

import io.ccoin.core.crypto.AccountKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's side of discovery (SPEC 10), over OkHttp: registers the node's address, signed with its
 * node key, every 30 s while {@link #start started}; fetches the peers of a chain; deregisters.
 *
 * <pre>{@code
 * DiscoveryClient discovery = DiscoveryClient.builder("http://seed.example.org:4444", nodeKey).build();
 * discovery.start("203.0.113.7", 30333, chainId);
 * discovery.peers(chainId).ifPresent(peers -> ...);
 * }</pre>
 *
 * <p>Discovery is a convenience, never a dependency: no method throws because the service is down,
 * slow, or answers nonsense. Failures are logged (at WARN once, then DEBUG while they last) and the
 * periodic registration retries after {@code retryDelay}; {@link #register}, {@link #deregister}
 * and {@link #peers} say whether they succeeded in their result. Peers in an answer that are not
 * valid are skipped. Timestamps of one client strictly increase even when its clock does not.
 * Thread-safe.
 */
public final class DiscoveryClient implements AutoCloseable {
  /** How often a started client registers again (entries expire after 120 s). */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
  /** The largest {@code GET /peers} answer read: 10,000 entries of about 150 bytes. */
  public static final int MAX_ANSWER_BYTES = 2 * 1024 * 1024;
  /** The most peers taken from one answer. */
  public static final int MAX_PEERS = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(DiscoveryClient.class);
  private static final MediaType JSON = MediaType.get("application/json");

  private final HttpUrl peersUrl;
  private final AccountKey nodeKey;
  private final Clock clock;
  private final Duration interval;
  private final Duration retryDelay;
  private final OkHttpClient http;
  private final ScheduledExecutorService scheduler;
  private final boolean ownScheduler;
  private final AtomicLong lastTimestamp = new AtomicLong(-1);
  private final AtomicLong registrations = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private volatile String lastError;
  private volatile boolean failing;
  private ScheduledFuture<?> task;
  private long generation;
  private boolean closed;

  private DiscoveryClient(Builder b) {
    this.peersUrl = b.baseUrl.newBuilder().addPathSegment("peers").build();
    this.nodeKey = b.nodeKey;
    this.clock = b.clock;
    this.interval = b.interval;
    this.retryDelay = b.retryDelay;
    this.http = new OkHttpClient.Builder()
        .connectTimeout(b.timeout)
        .readTimeout(b.timeout)
        .writeTimeout(b.timeout)
        .callTimeout(b.timeout.multipliedBy(2))
        .followRedirects(false)
        .build();
    if (b.scheduler != null) {
      this.scheduler = b.scheduler;
      this.ownScheduler = false;
    } else {
      this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ccoin-discovery-client");
        t.setDaemon(true);
        return t;
      });
      this.ownScheduler = true;
    }
  }

  /**
   * A builder for a client of the service at {@code baseUrl} (for example
   * {@code "http://127.0.0.1:4444"}) that signs with {@code nodeKey}.
   *
   * @throws IllegalArgumentException if {@code baseUrl} is not an http or https URL
   */
  public static Builder builder(String baseUrl, AccountKey nodeKey) {
    return new Builder(baseUrl, nodeKey);
  }

  /**
   * Registers {@code host:port} on {@code chainId} once, now. Never throws for a network or service
   * failure.
   *
   * @return true when the service accepted it (204)
   */
  public boolean register(String host, int port, long chainId) {
    PeerRegistration r;
    try {
      r = PeerRegistration.register(nodeKey, host, port, chainId, nextTimestamp());
    } catch (IllegalArgumentException e) {
      fail("cannot register " + host + ":" + port + ": " + e.getMessage());
      return false;
    }
    Request request = new Request.Builder().url(peersUrl)
        .post(RequestBody.create(DiscoveryJson.registrationJson(r), JSON)).build();
    if (call(request, "register")) {
      registrations.incrementAndGet();
      return true;
    }
    return false;
  }

  /**
   * Removes this node's entry. Never throws for a network or service failure.
   *
   * @return true when the service removed it (204)
   */
  public boolean deregister(long chainId) {
    PeerRegistration r = PeerRegistration.deregister(nodeKey, chainId, nextTimestamp());
    HttpUrl url = peersUrl.newBuilder().addPathSegment(r.nodeId().toHex()).build();
    Request request = new Request.Builder().url(url)
        .delete(RequestBody.create(DiscoveryJson.registrationJson(r), JSON)).build();
    return call(request, "deregister");
  }

  /**
   * The peers registered for {@code chainId}, freshest first, or empty when the service could not
   * be asked or gave no valid answer. Never throws for a network or service failure.
   */
  public Optional<List<PeerInfo>> peers(long chainId) {
    HttpUrl url = peersUrl.newBuilder().addQueryParameter("chainId", Long.toString(chainId)).build();
    try (Response response = http.newCall(new Request.Builder().url(url).get().build()).execute()) {
      if (response.code() != 200) {
        fail("peers: HTTP " + response.code() + errorText(response));
        return Optional.empty();
      }
      byte[] body = read(response.body(), MAX_ANSWER_BYTES);
      List<PeerInfo> peers = DiscoveryJson.peers(body, MAX_PEERS);
      succeed();
      return Optional.of(peers);
    } catch (IOException | RuntimeException e) {
      fail("peers: " + e);
      return Optional.empty();
    }
  }

  /**
   * Registers now and then every {@code interval} (after a failure, after {@code retryDelay}),
   * until {@link #stop}. Starting again replaces the address being registered.
   *
   * @throws IllegalStateException if the client is closed
   */
  public synchronized void start(String host, int port, long chainId) {
    if (closed) {
      throw new IllegalStateException("discovery client is closed");
    }
    stop();
    long gen = ++generation;
    schedule(gen, host, port, chainId, Duration.ZERO);
  }

  private synchronized void schedule(long gen, String host, int port, long chainId, Duration delay) {
    if (gen != generation || closed) {
      return;
    }
    try {
      task = scheduler.schedule(() -> {
        boolean ok = register(host, port, chainId);
        schedule(gen, host, port, chainId, ok ? interval : retryDelay);
      }, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      LOG.debug("discovery scheduler shut down; registration stops");
    }
  }

  /** Stops the periodic registration (it does not deregister). Idempotent. */
  public synchronized void stop() {
    generation++;
    if (task != null) {
      task.cancel(false);
      task = null;
    }
  }

  /** Successful registrations so far. */
  public long registrations() {
    return registrations.get();
  }

  /** Failed requests so far. */
  public long failures() {
    return failures.get();
  }

  /** The last failure, if any. */
  public Optional<String> lastError() {
    return Optional.ofNullable(lastError);
  }

  /** Stops, and releases the client's threads and connections. Idempotent. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      stop();
      closed = true;
    }
    if (ownScheduler) {
      scheduler.shutdownNow();
    }
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  private boolean call(Request request, String what) {
    try (Response response = http.newCall(request).execute()) {
      if (response.code() == 204) {
        succeed();
        return true;
      }
      fail(what + ": HTTP " + response.code() + errorText(response));
      return false;
    } catch (IOException | RuntimeException e) {
      fail(what + ": " + e);
      return false;
    }
  }

  private static String errorText(Response response) {
    try {
      byte[] body = read(response.body(), 4096);
      return body.length == 0 ? "" : " " + new String(body, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private static byte[] read(ResponseBody body, int max) throws IOException {
    if (body == null) {
      return new byte[0];
    }
    BufferedSource source = body.source();
    if (source.request((long) max + 1)) {
      throw new IOException("answer larger than " + max + " bytes");
    }
    return source.getBuffer().readByteArray();
  }

  private long nextTimestamp() {
    long now = clock.millis();
    return lastTimestamp.updateAndGet(last -> Math.max(now, last + 1));
  }

  private void succeed() {
    if (failing) {
      LOG.info("discovery service at {} reachable again", peersUrl);
      failing = false;
    }
  }

  private void fail(String message) {
    failures.incrementAndGet();
    lastError = message;
    if (!failing) {
      LOG.warn("discovery at {} failed (will retry): {}", peersUrl, message);
      failing = true;
    } else {
      LOG.debug("discovery at {} failed again: {}", peersUrl, message);
    }
  }

  /** Settings of a {@link DiscoveryClient}. Not thread-safe. */
  public static final class Builder {
    private final HttpUrl baseUrl;
    private final AccountKey nodeKey;
    private Clock clock = Clock.systemUTC();
    private Duration interval = DEFAULT_INTERVAL;
    private Duration retryDelay = Duration.ofSeconds(5);
    private Duration timeout = Duration.ofSeconds(5);
    private ScheduledExecutorService scheduler;

    private Builder(String baseUrl, AccountKey nodeKey) {
      HttpUrl url = HttpUrl.parse(Objects.requireNonNull(baseUrl, "baseUrl"));
      if (url == null) {
        throw new IllegalArgumentException("not an http or https URL: " + baseUrl);
      }
      this.baseUrl = url;
      this.nodeKey = Objects.requireNonNull(nodeKey, "nodeKey");
    }

    /** The clock of the request timestamps; default the system clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How often a started client registers again; default 30 s. */
    public Builder interval(Duration interval) {
      this.interval = positive(interval, "interval");
      return this;
    }

    /** How long to wait after a failed registration before trying again; default 5 s. */
    public Builder retryDelay(Duration retryDelay) {
      this.retryDelay = positive(retryDelay, "retryDelay");
      return this;
    }

    /** Connect, read and write timeout of each request; default 5 s. */
    public Builder timeout(Duration timeout) {
      this.timeout = positive(timeout, "timeout");
      return this;
    }

    /**
     * Runs the periodic registration on {@code scheduler} (the node's), which the client then
     * does not shut down; default a daemon thread of the client's own.
     */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
      return d;
    }

    public DiscoveryClient build() {
      return new DiscoveryClient(this);
    }
  }
}
