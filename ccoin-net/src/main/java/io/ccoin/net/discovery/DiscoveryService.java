package io.ccoin.net.discovery;

import io.ccoin.api.Hash;
import io.ccoin.core.crypto.PublicKeys;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The discovery service of SPEC 10: a small HTTP service where nodes register where they listen
 * and find each other. See {@code docs/DISCOVERY.md} for the endpoints, limits and error codes.
 *
 * <pre>{@code
 * DiscoveryService service = DiscoveryService.builder().bind("0.0.0.0", 4444).build().start();
 * ...
 * service.close();
 * }</pre>
 *
 * <ul>
 *   <li>{@code POST /peers} with a signed {@link PeerRegistration}: 204 when the signature is valid,
 *       the timestamp within 60 s of this service's clock and greater than the last one accepted
 *       for the node, and the table and the client address have room;
 *   <li>{@code GET /peers?chainId=N}: the live entries of that chain, freshest first;
 *   <li>{@code DELETE /peers/{nodeId}} with a signed deregistration (host {@code ""}, port 0) by
 *       the key whose hash is {@code nodeId}: 204.
 * </ul>
 * Errors are {@code {"error": {"code", "message"}}}: 400 {@code malformed_json}, {@code bad_base64},
 * {@code bad_parameter}; 401 {@code bad_signature}, {@code bad_timestamp}, {@code replayed} (the
 * request does not prove it comes from the node, now); 403 {@code forbidden} (a valid signature by
 * another node than the one named in the path); 404 {@code not_found}; 413 {@code too_large};
 * 422 {@code bad_key}; 429 {@code quota_exceeded}, {@code table_full}.
 *
 * <p>The client address is the TCP peer address; forwarding headers are not trusted. Thread-safe.
 */
public final class DiscoveryService implements AutoCloseable {
  /** The port of SPEC 10. */
  public static final int DEFAULT_PORT = 4444;
  /** How far a request's timestamp may be from the service's clock. */
  public static final Duration TIMESTAMP_WINDOW = Duration.ofSeconds(60);
  /** How long an entry lives after its last registration. */
  public static final Duration EXPIRY = Duration.ofSeconds(120);
  /** The default bound of the table. */
  public static final int DEFAULT_MAX_ENTRIES = 10_000;
  /** The default number of entries one client address may hold. */
  public static final int DEFAULT_MAX_ENTRIES_PER_CLIENT = 16;
  /** The largest request body; a registration is about 1 KiB. */
  public static final int MAX_BODY_BYTES = 4096;

  private static final Logger LOG = LoggerFactory.getLogger(DiscoveryService.class);
  private static final Pattern CHAIN_ID = Pattern.compile("[0-9]{1,19}");
  private static final String JSON = "application/json";

  private final String host;
  private final int port;
  private final Clock clock;
  private final PeerTable table;
  private final int maxEntries;
  private final int maxPerClient;
  private final int threads;
  private Javalin app;
  private boolean closed;

  private DiscoveryService(Builder b) {
    this.host = b.host;
    this.port = b.port;
    this.clock = b.clock;
    this.maxEntries = b.maxEntries;
    this.maxPerClient = b.maxEntriesPerClient;
    this.threads = b.threads;
    this.table = new PeerTable(b.maxEntries, b.maxEntriesPerClient, EXPIRY.toMillis(), TIMESTAMP_WINDOW.toMillis());
  }

  /** A builder with the defaults: 127.0.0.1:{@value #DEFAULT_PORT}, the system clock, SPEC 10 bounds. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts serving.
   *
   * @return this service
   * @throws IllegalStateException if already started or closed
   * @throws RuntimeException from Jetty if the address cannot be bound
   */
  public synchronized DiscoveryService start() {
    if (app != null || closed) {
      throw new IllegalStateException("discovery service already started or closed");
    }
    QueuedThreadPool pool = new QueuedThreadPool(threads, Math.min(2, threads), 60_000);
    pool.setName("ccoin-discovery");
    pool.setDaemon(true);
    Javalin javalin = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.startupWatcherEnabled = false;
      config.jetty.threadPool = pool;
      config.http.maxRequestSize = MAX_BODY_BYTES;
    });
    javalin.post("/peers", this::register);
    javalin.get("/peers", this::list);
    javalin.delete("/peers/{nodeId}", this::deregister);
    javalin.exception(DiscoveryError.class, (e, ctx) -> answer(ctx, e.status(), e.code(), e.getMessage()));
    javalin.exception(Exception.class, (e, ctx) -> {
      LOG.error("discovery request {} {} failed", ctx.method(), ctx.path(), e);
      answer(ctx, 500, "internal_error", "internal error");
    });
    javalin.exception(HttpResponseException.class, (e, ctx) -> answer(ctx, e.getStatus(), switch (e.getStatus()) {
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 413 -> "too_large";
      default -> "http_" + e.getStatus();
    }, e.getMessage()));
    try {
      javalin.start(host, port);
    } catch (RuntimeException e) {
      javalin.stop();
      throw e;
    }
    app = javalin;
    LOG.info("discovery service listening on {}:{}", host, javalin.port());
    return this;
  }

  /**
   * The port the service listens on (the ephemeral one when built with port 0).
   *
   * @throws IllegalStateException before {@link #start}
   */
  public synchronized int port() {
    if (app == null) {
      throw new IllegalStateException("discovery service not started");
    }
    return app.port();
  }

  /** The number of live entries, all chains together. */
  public int size() {
    return table.size(clock.millis());
  }

  /** The table bound. */
  public int maxEntries() {
    return maxEntries;
  }

  /** How many entries one client address may hold. */
  public int maxEntriesPerClient() {
    return maxPerClient;
  }

  /** Stops serving; idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (app != null) {
      app.stop();
      LOG.info("discovery service stopped");
    }
  }

  private void register(Context ctx) {
    PeerRegistration r = DiscoveryJson.registration(body(ctx));
    if (r.host().isEmpty() || r.port() == 0) {
      throw DiscoveryError.badParameter("a registration needs a host and a port 1..65535");
    }
    authenticate(r);
    Hash nodeId = r.nodeId();
    PeerTable.Outcome outcome = table.register(nodeId, r, ctx.ip(), clock.millis());
    refuse(outcome, nodeId);
    LOG.debug("registered {} at {}:{} on chain {} from {}", nodeId, r.host(), r.port(), r.chainId(), ctx.ip());
    ctx.status(HttpStatus.NO_CONTENT);
  }

  private void deregister(Context ctx) {
    Hash nodeId = nodeIdParameter(ctx.pathParam("nodeId"));
    PeerRegistration r = DiscoveryJson.registration(body(ctx));
    if (!r.isDeregistration()) {
      throw DiscoveryError.badParameter("a deregistration has host \"\" and port 0");
    }
    checkKey(r);
    if (!r.nodeId().equals(nodeId)) {
      throw new DiscoveryError(403, "forbidden", "nodeKey is not the key of node " + nodeId.toHex());
    }
    authenticate(r);
    PeerTable.Outcome outcome = table.deregister(nodeId, r.timestamp(), clock.millis());
    refuse(outcome, nodeId);
    LOG.debug("deregistered {}", nodeId);
    ctx.status(HttpStatus.NO_CONTENT);
  }

  private void list(Context ctx) {
    String chainId = ctx.queryParam("chainId");
    if (chainId == null || !CHAIN_ID.matcher(chainId).matches()) {
      throw DiscoveryError.badParameter("chainId must be given as 1 to 19 decimal digits");
    }
    long id;
    try {
      id = Long.parseLong(chainId);
    } catch (NumberFormatException e) {
      throw DiscoveryError.badParameter("chainId must be at most 2^63-1");
    }
    List<PeerInfo> peers = table.peers(id, clock.millis());
    ctx.status(200).contentType(JSON).result(DiscoveryJson.peersJson(peers));
  }

  private static Hash nodeIdParameter(String text) {
    String hex = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
    if (hex.length() != 2 * Hash.SIZE) {
      throw DiscoveryError.badParameter("nodeId must be 64 hex digits");
    }
    try {
      return Hash.fromHex(hex);
    } catch (IllegalArgumentException e) {
      throw DiscoveryError.badParameter("nodeId must be 64 hex digits");
    }
  }

  private static void checkKey(PeerRegistration r) {
    if (!PublicKeys.isValid(r.nodeKey())) {
      throw new DiscoveryError(422, "bad_key", "nodeKey is not the 294-byte SubjectPublicKeyInfo of an RSA-2048 key"
          + " with exponent 65537");
    }
  }

  /** The key, the freshness of the timestamp and the signature. */
  private void authenticate(PeerRegistration r) {
    checkKey(r);
    long now = clock.millis();
    if (Math.abs(r.timestamp() - now) > TIMESTAMP_WINDOW.toMillis()) {
      throw new DiscoveryError(401, "bad_timestamp", "timestamp " + r.timestamp() + " is more than "
          + TIMESTAMP_WINDOW.toSeconds() + " s from the service's clock (" + now + ")");
    }
    if (!r.verify()) {
      throw new DiscoveryError(401, "bad_signature", "the signature does not verify with nodeKey");
    }
  }

  private void refuse(PeerTable.Outcome outcome, Hash nodeId) {
    switch (outcome) {
      case ACCEPTED -> { }
      case REPLAYED -> throw new DiscoveryError(401, "replayed",
          "timestamp is not greater than the last one accepted for node " + nodeId.toHex());
      case QUOTA_EXCEEDED -> throw new DiscoveryError(429, "quota_exceeded",
          "this client address already holds " + maxPerClient + " entries");
      case TABLE_FULL -> throw new DiscoveryError(429, "table_full", "the table is full; try again later");
      case NOT_FOUND -> throw new DiscoveryError(404, "not_found", "node " + nodeId.toHex() + " is not registered");
      default -> throw new IllegalStateException("unexpected outcome " + outcome);
    }
  }

  /** The request body, at most {@link #MAX_BODY_BYTES}, read without trusting Content-Length. */
  private static byte[] body(Context ctx) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > MAX_BODY_BYTES) {
      throw tooLarge();
    }
    try (InputStream in = ctx.req().getInputStream()) {
      byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
      if (bytes.length > MAX_BODY_BYTES) {
        throw tooLarge();
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static DiscoveryError tooLarge() {
    return new DiscoveryError(413, "too_large", "the request body is larger than " + MAX_BODY_BYTES + " bytes");
  }

  private static void answer(Context ctx, int status, String code, String message) {
    ctx.status(status).contentType(JSON).result(DiscoveryJson.error(code, message));
  }

  /** Settings of a {@link DiscoveryService}. Not thread-safe. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = DEFAULT_PORT;
    private Clock clock = Clock.systemUTC();
    private int maxEntries = DEFAULT_MAX_ENTRIES;
    private int maxEntriesPerClient = DEFAULT_MAX_ENTRIES_PER_CLIENT;
    private int threads = 16;

    private Builder() {}

    /**
     * The address to serve on: a host name or IP literal ({@code "0.0.0.0"} for every interface)
     * and a port, 0 for an ephemeral one (see {@link DiscoveryService#port()}). Default
     * 127.0.0.1:{@value DiscoveryService#DEFAULT_PORT}.
     */
    public Builder bind(String host, int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535: " + port);
      }
      this.host = Objects.requireNonNull(host, "host");
      this.port = port;
      return this;
    }

    /** The clock timestamps are checked against and entries expire by; default the system clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The table bound; default {@value DiscoveryService#DEFAULT_MAX_ENTRIES}. */
    public Builder maxEntries(int maxEntries) {
      if (maxEntries < 1) {
        throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
      }
      this.maxEntries = maxEntries;
      return this;
    }

    /** Entries per client address; default {@value DiscoveryService#DEFAULT_MAX_ENTRIES_PER_CLIENT}. */
    public Builder maxEntriesPerClient(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxEntriesPerClient must be positive: " + max);
      }
      this.maxEntriesPerClient = max;
      return this;
    }

    /** The most HTTP worker threads; default 16. */
    public Builder threads(int threads) {
      if (threads < 8) {
        throw new IllegalArgumentException("threads must be at least 8 (Jetty needs some for itself): " + threads);
      }
      this.threads = threads;
      return this;
    }

    public DiscoveryService build() {
      return new DiscoveryService(this);
    }
  }
}
