package io.ccoin.node.http;

import io.ccoin.core.CcoinNode;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.router.ParsedEndpoint;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's JSON HTTP API (SPEC 11) on Javalin: every endpoint under {@code /api/v1}, and
 * {@code GET /metrics} in the Prometheus text format. {@code GET /api/v1/openapi.json} describes them all
 * (OpenAPI 3). {@code /} serves the block explorer ({@link Explorer}, docs/EXPLORER.md), pages that read
 * only this API.
 *
 * <pre>{@code
 * ApiServer api = ApiServer.builder(node)
 *     .wallet(Wallet.of(accountKey, apiToken))   // the token from the node's API token file (SPEC 12)
 *     .network(networkView)
 *     .build()
 *     .start("127.0.0.1", 30334);
 * ...
 * api.stop();
 * }</pre>
 *
 * <p>Every error is {@code {"error": {"code", "message"}}} with the SPEC's status; a failure of the
 * node itself is 500 {@code internal} with no detail (the details go to the log). Request bodies are
 * limited ({@link ApiConfig#maxBodyBytes()}), raw submissions are rate-limited per client address
 * (the TCP peer's address: behind a reverse proxy all clients share the proxy's bucket), the
 * wallet endpoint exists only with a {@link Wallet}, and the peer-ban endpoints only with an
 * {@link ApiToken} (the wallet's, or {@link Builder#apiToken}) and a network that can ban. The
 * authority-voting proposals ({@code /miners/proposals}) need the token too, a version 2 network
 * and a validator node, and answer {@code 404} saying which is missing.
 *
 * <p>Thread-safe. {@link #start} once; {@link #stop()} (or {@link #close()}) stops the server, the
 * event streams and the metrics listeners, but not the node.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
  /** The base path of the API. */
  public static final String BASE = "/api/v1";

  private final CcoinNode node;
  private final Optional<Wallet> wallet;
  private final NetworkView network;
  private final ApiConfig config;
  private final NodeMetrics metrics;
  private final boolean ownsMetrics;
  private final EventStream events;
  private final Javalin app;
  private boolean started;
  private boolean stopped;

  private ApiServer(Builder b) {
    this.node = b.node;
    this.wallet = Optional.ofNullable(b.wallet);
    this.network = b.network;
    this.config = b.config;
    this.ownsMetrics = b.metrics == null;
    this.metrics = b.metrics != null ? b.metrics : new NodeMetrics(node, network);
    Views views = new Views(node, new BlockStates(node, config.historyWalkLimit()));
    this.events = new EventStream(node, views, config);
    Optional<ApiToken> token = Optional.ofNullable(b.token).or(() -> wallet.map(Wallet::token));
    PeerBans bans = new PeerBans(network, config, token.orElse(null));
    Proposals proposals = new Proposals(node, config, token.orElse(null));
    Endpoints api = new Endpoints(node, wallet, network, config, views, new ClientTokenBuckets(config.submitRate(), b.clock), metrics, bans);
    this.app = Javalin.create(cfg -> {
      cfg.showJavalinBanner = false;
      cfg.startupWatcherEnabled = false;
      cfg.http.maxRequestSize = config.maxBodyBytes();
      cfg.http.defaultContentType = Endpoints.JSON;
      cfg.router.ignoreTrailingSlashes = true;
      QueuedThreadPool threads = new QueuedThreadPool(config.maxThreads(), 4, 60_000);
      threads.setName("ccoin-http");
      threads.setDaemon(true);
      cfg.jetty.threadPool = threads;
      cfg.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
      // Dispatch on the headers, so a body declared too large is refused before any of it arrives.
      cfg.jetty.modifyHttpConfiguration(http -> http.setDelayDispatchUntilContent(false));
      Explorer.install(cfg);
      cfg.requestLogger.http((ctx, ms) -> LOG.debug("{} {} -> {} ({} ms)", ctx.method(), ctx.path(), ctx.statusCode(), ms));
    });
    app.get(BASE + "/status", api::status);
    app.get(BASE + "/blocks/count", api::blockCount);
    app.get(BASE + "/blocks/head", api::headBlock);
    app.get(BASE + "/blocks/{id}", api::block);
    app.get(BASE + "/blocks", api::blocks);
    app.get(BASE + "/transactions/{hash}", api::transaction);
    app.post(BASE + "/transactions", api::submit);
    if (wallet.isPresent()) {
      app.post(BASE + "/wallet/transactions", api::submitFromWallet);
    }
    app.get(BASE + "/accounts/{address}", api::account);
    app.get(BASE + "/accounts/{address}/proof", api::proof);
    app.get(BASE + "/accounts/{address}/transactions", api::accountTransactions);
    app.get(BASE + "/txpool", api::txpool);
    app.get(BASE + "/peers", api::peers);
    if (token.isPresent() && network.canBan()) {
      app.post(BASE + "/peers/bans", bans::ban);
      app.delete(BASE + "/peers/bans/{address}", bans::unban);
    }
    app.get(BASE + "/miners", api::miners);
    // Always registered: on a version 1 network or a node without a validator account they answer 404 saying why.
    app.post(BASE + "/miners/proposals", proposals::propose);
    app.delete(BASE + "/miners/proposals/{candidate}", proposals::withdraw);
    app.get(BASE + "/events", events::handle);
    app.get(BASE + "/health/live", api::live);
    app.get(BASE + "/health/ready", api::ready);
    app.get(BASE + "/openapi.json", new OpenApiDocument()::serve);
    app.get("/metrics", api::metrics);

    app.exception(ApiException.class, (e, ctx) -> {
      if (e.retryAfterSeconds() > 0) {
        ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
      }
      Endpoints.send(ctx, e.status(), Json.error(e.code(), e.getMessage()));
    });
    app.exception(HttpResponseException.class, (e, ctx) -> {
      ErrorCode code = switch (e.getStatus()) {
        case 404, 405 -> ErrorCode.NOT_FOUND;
        case 413 -> ErrorCode.TOO_LARGE;
        default -> e.getStatus() >= 500 ? ErrorCode.INTERNAL : ErrorCode.BAD_PARAMETER;
      };
      String message = code == ErrorCode.NOT_FOUND ? "no such endpoint: " + ctx.method() + " " + Inputs.shorten(ctx.path())
          : code == ErrorCode.INTERNAL ? "internal error" : "bad request";
      Endpoints.send(ctx, code == ErrorCode.NOT_FOUND ? 404 : e.getStatus(), Json.error(code.code(), message));
    });
    app.exception(Exception.class, (e, ctx) -> {
      LOG.warn("{} {} failed", ctx.method(), Inputs.shorten(ctx.path()), e);
      Endpoints.send(ctx, 500, Json.error(ErrorCode.INTERNAL.code(), "internal error"));
    });
  }

  /** A builder for an API over {@code node}, with no wallet, no network and the default settings. */
  public static Builder builder(CcoinNode node) {
    return new Builder(node);
  }

  /**
   * Starts serving on {@code host} (e.g. {@code 127.0.0.1}; {@code 0.0.0.0} exposes the API to the
   * network) and {@code port} (0 picks a free port, see {@link #port()}).
   *
   * @throws IllegalStateException if already started or stopped
   * @throws RuntimeException if the port cannot be bound (the server is then stopped)
   */
  public synchronized ApiServer start(String host, int port) {
    Objects.requireNonNull(host, "host");
    if (started || stopped) {
      throw new IllegalStateException(stopped ? "the API server was stopped" : "the API server is already started");
    }
    started = true;
    if (ownsMetrics) {
      metrics.start();
    }
    events.start();
    try {
      app.start(host, port);
    } catch (RuntimeException e) {
      stop();
      throw e;
    }
    LOG.info("HTTP API listening on {}:{}{}", host, port(), wallet.map(w -> ", wallet " + w.address()).orElse(""));
    return this;
  }

  /** The port the server listens on; -1 before {@link #start}. */
  public int port() {
    return app.port();
  }

  /** The settings this server runs with. */
  public ApiConfig config() {
    return config;
  }

  /**
   * Every route the server answers, as {@code "GET /api/v1/blocks/{id}"}, read from Javalin's
   * router (so a route added anywhere is listed).
   */
  List<String> routes() {
    return app.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
        .map(ParsedEndpoint::getEndpoint)
        .filter(e -> e.getMethod().isHttpMethod())
        .map(e -> e.getMethod().name() + " " + e.getPath())
        .toList();
  }

  /** The number of open {@code /events} streams. */
  int eventClientCount() {
    return events.clientCount();
  }

  /** Node events the {@code /events} dispatcher has been handed so far. For tests. */
  long eventsDispatched() {
    return events.dispatched();
  }

  /** The metrics served at {@code /metrics}; the network layer times its imports with them. */
  public NodeMetrics metrics() {
    return metrics;
  }

  /** Stops the server (closing event streams first) and its listeners. Idempotent. */
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    events.close();
    app.stop();
    if (ownsMetrics) {
      metrics.close();
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** Builds an {@link ApiServer}. */
  public static final class Builder {
    private final CcoinNode node;
    private Wallet wallet;
    private ApiToken token;
    private NetworkView network = NetworkView.NONE;
    private ApiConfig config = ApiConfig.DEFAULT;
    private NodeMetrics metrics;
    private Clock clock = Clock.systemUTC();

    private Builder(CcoinNode node) {
      this.node = Objects.requireNonNull(node, "node");
    }

    /** The node's own account and API token; without one, {@code POST /wallet/transactions} does not exist. */
    public Builder wallet(Wallet wallet) {
      this.wallet = Objects.requireNonNull(wallet, "wallet");
      return this;
    }

    /**
     * The API token (SPEC 12) that guards the endpoints that change the node: the wallet, the
     * peer bans (which exist only with a token and a network that can ban) and the authority-voting
     * proposals. By default the wallet's token; a node without an account needs this for bans.
     */
    public Builder apiToken(ApiToken token) {
      this.token = Objects.requireNonNull(token, "token");
      return this;
    }

    public Builder network(NetworkView network) {
      this.network = Objects.requireNonNull(network, "network");
      return this;
    }

    public Builder config(ApiConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /**
     * Metrics to serve (e.g. shared with the network layer); the caller starts and closes them. By
     * default the server makes its own.
     */
    public Builder metrics(NodeMetrics metrics) {
      this.metrics = Objects.requireNonNull(metrics, "metrics");
      return this;
    }

    /** The clock of the submission rate limiter; the system clock by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public ApiServer build() {
      return new ApiServer(this);
    }
  }
}
