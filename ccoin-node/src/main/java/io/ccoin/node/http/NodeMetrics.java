package io.ccoin.node.http;

import io.ccoin.api.Hash;
import io.ccoin.api.ImportResult;
import io.ccoin.api.event.NewHeadEvent;
import io.ccoin.api.event.ReorgEvent;
import io.ccoin.api.event.Subscription;
import io.ccoin.core.CcoinNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.Locale;
import java.util.Objects;

/**
 * The node's Prometheus metrics, served at {@code GET /metrics}:
 *
 * <ul>
 *   <li>{@code ccoin_head_number}, {@code ccoin_head_total_weight}, {@code ccoin_head_timestamp_seconds}:
 *       the canonical head (its timestamp in seconds since the Unix epoch);
 *   <li>{@code ccoin_peers}, {@code ccoin_min_peers}: connected peers and the readiness floor;
 *   <li>{@code ccoin_txpool_transactions{state="ready|future"}}, {@code ccoin_txpool_bytes{state}};
 *   <li>{@code ccoin_blocks_imported_total}, {@code ccoin_transactions_imported_total}: blocks that
 *       joined the canonical chain (extending it or in a reorg) and the transactions they carried;
 *       {@code ccoin_reorgs_total};
 *   <li>{@code ccoin_block_import_seconds{result}}: the time of every {@code CcoinNode.importBlock}
 *       call, through the node's import listener, as a histogram ({@code _bucket{le}}, {@code _count},
 *       {@code _sum}, and {@code _max});
 *   <li>{@code ccoin_sync_state{state="BOOT|SYNCING|SYNCED|ISOLATED|STALLED"}} (1 for the current
 *       state, {@link NodeHealth}) and {@code ccoin_ready} (1 when {@code /health/ready} would answer 200);
 *   <li>{@code ccoin_head_age_seconds}: the node's clock minus the head's timestamp;
 *       {@code ccoin_recent_authorities}: authorities that sealed the last N blocks;
 *   <li>from {@link #start()}, the JVM and process metrics of Micrometer's binders
 *       ({@code jvm_memory_*}, {@code jvm_gc_*}, {@code jvm_threads_*}, {@code jvm_classes_*},
 *       {@code system_cpu_*}, {@code process_*}), see {@link JvmMetrics}.
 * </ul>
 *
 * <p>Thread-safe. Counting starts at {@link #start()}; {@link #close()} stops it and removes the
 * garbage collection listeners.
 */
public final class NodeMetrics implements AutoCloseable {
  /** The range of the import time histogram's buckets. */
  private static final java.time.Duration IMPORT_MIN = java.time.Duration.ofMillis(1);
  private static final java.time.Duration IMPORT_MAX = java.time.Duration.ofSeconds(30);
  private final CcoinNode node;
  private final NetworkView network;
  private final PrometheusMeterRegistry registry;
  private final NodeHealth health;
  private final Counter blocksImported;
  private final Counter txsImported;
  private final Counter reorgs;
  private final List<Subscription> subscriptions = new ArrayList<>();
  private JvmMetrics jvm;

  /** Metrics of {@code node} in a new registry. */
  public NodeMetrics(CcoinNode node, NetworkView network) {
    this(node, network, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  /** Metrics of {@code node} in {@code registry}, which may hold metrics of its own. */
  public NodeMetrics(CcoinNode node, NetworkView network, PrometheusMeterRegistry registry) {
    this.node = Objects.requireNonNull(node, "node");
    this.network = Objects.requireNonNull(network, "network");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.health = new NodeHealth(node, network);
    gauge("ccoin.head.number", "number of the canonical head block", () -> node.head().number());
    gauge("ccoin.head.total.weight", "total weight of the canonical chain", () -> node.head().totalWeight());
    Gauge.builder("ccoin.head.timestamp", () -> node.head().block().header().timestamp() / 1000.0)
        .description("timestamp of the canonical head block").baseUnit("seconds").strongReference(true).register(registry);
    gauge("ccoin.peers", "connected peers", network::peerCount);
    gauge("ccoin.min.peers", "peers needed to be ready", network::minPeers);
    Gauge.builder("ccoin.txpool.transactions", () -> node.poolStats().readyCount())
        .description("transactions in the pool").tag("state", "ready").strongReference(true).register(registry);
    Gauge.builder("ccoin.txpool.transactions", () -> node.poolStats().futureCount())
        .description("transactions in the pool").tag("state", "future").strongReference(true).register(registry);
    Gauge.builder("ccoin.txpool.bytes", () -> node.poolStats().readyBytes())
        .description("encoded bytes of the transactions in the pool").tag("state", "ready").strongReference(true).register(registry);
    Gauge.builder("ccoin.txpool.bytes", () -> node.poolStats().futureBytes())
        .description("encoded bytes of the transactions in the pool").tag("state", "future").strongReference(true).register(registry);
    for (String state : List.of(NetworkView.BOOT, NetworkView.SYNCING, NetworkView.SYNCED, NodeHealth.ISOLATED, NodeHealth.STALLED)) {
      Gauge.builder("ccoin.sync.state", () -> syncState().equals(state) ? 1 : 0)
          .description("1 for the current sync state").tag("state", state).strongReference(true).register(registry);
    }
    gauge("ccoin.ready", "1 when the node is ready", () -> Readiness.of(node, network, health).ready() ? 1 : 0);
    gauge("ccoin.head.age.seconds", "seconds since the head's timestamp", () -> NodeHealth.seconds(health.snapshot().headAgeMillis()));
    gauge("ccoin.recent.authorities", "authorities that sealed the last N blocks (N authorities)",
        () -> health.snapshot().recentAuthorities().size());
    this.blocksImported = Counter.builder("ccoin.blocks.imported").description("blocks that joined the canonical chain").register(registry);
    this.txsImported = Counter.builder("ccoin.transactions.imported").description("transactions in blocks that joined the canonical chain").register(registry);
    this.reorgs = Counter.builder("ccoin.reorgs").description("reorganisations of the canonical chain").register(registry);
    // the network view is held by this object, so the registry's weak reference to it lasts as long
    io.micrometer.core.instrument.FunctionCounter.builder("ccoin.p2p.transactions.dropped", network, n -> n.transactionsDropped())
        .description("transactions received from peers and dropped unchecked: the admission queue was full,"
            + " or an earlier nonce of their sender was dropped")
        .register(registry);
    io.micrometer.core.instrument.FunctionCounter.builder("ccoin.p2p.transactions.dropped.after.gap", network, n -> n.transactionsDroppedAfterGap())
        .description("of ccoin_p2p_transactions_dropped_total, those dropped because an earlier nonce of their sender"
            + " was dropped or refused pool_full or nonce_too_far and has not reached the node since")
        .register(registry);
    io.micrometer.core.instrument.FunctionCounter.builder("ccoin.p2p.transactions.skipped.known", network, n -> n.transactionsSkippedKnown())
        .description("transactions received from peers and not queued for admission because the node held them already")
        .register(registry);
  }

  private void gauge(String name, String description, Supplier<Number> value) {
    Gauge.builder(name, value).description(description).strongReference(true).register(registry);
  }

  /**
   * Reports {@code store}'s queue as {@code ccoin_store_write_queue}: the imported blocks' batches
   * waiting to be written. Called once by a node whose store writes behind its chain.
   */
  public void watchWriteQueue(io.ccoin.core.store.WriteBehindChainStore store) {
    gauge("ccoin.store.write.queue", "committed batches (imported blocks) waiting to be written to the store", store::queued);
  }

  private final List<Supplier<Number>> counted = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Counts the submissions the API refused because it was busy ({@code 503}); the first function registered is kept. */
  void countOverloadRefusals(Supplier<Number> refused) {
    counted.add(refused); // the registry holds it weakly
    io.micrometer.core.instrument.FunctionCounter.builder("ccoin.api.submissions.refused", refused, s -> s.get().doubleValue())
        .description("transaction submissions refused with 503 because the node had all it could take")
        .register(registry);
  }

  /** The node's health, shared with the API's endpoints (one cache of the recent authorities). */
  NodeHealth health() {
    return health;
  }

  private String syncState() {
    String s = health.snapshot().syncState();
    int colon = s.indexOf(':');
    return (colon < 0 ? s : s.substring(0, colon)).trim().toUpperCase(Locale.ROOT);
  }

  /** Starts counting imported blocks and reorgs, and binds the JVM and process metrics. */
  public synchronized NodeMetrics start() {
    if (subscriptions.isEmpty()) {
      subscriptions.add(node.onNewHead(this::onNewHead));
      subscriptions.add(node.onReorg(Runnable::run, this::onReorg));
      subscriptions.add(node.onImport(t -> recordImport(t.result(), t.nanos())));
    }
    if (jvm == null) {
      jvm = new JvmMetrics(registry);
    }
    return this;
  }

  private void onNewHead(NewHeadEvent e) {
    blocksImported.increment();
    txsImported.increment(e.head().transactions().size());
  }

  /** A reorg is followed by a new-head event for its last block; the others are counted here. */
  private void onReorg(ReorgEvent e) {
    reorgs.increment();
    List<Hash> added = e.added();
    for (int i = 0; i < added.size() - 1; i++) {
      blocksImported.increment();
      node.block(added.get(i)).map(b -> b.block().transactions().size()).ifPresent(txsImported::increment);
    }
  }

  private void recordImport(ImportResult r, long nanos) {
    Timer.builder("ccoin.block.import").description("time to import a block").tag("result", r.status().name())
        .publishPercentileHistogram().minimumExpectedValue(IMPORT_MIN).maximumExpectedValue(IMPORT_MAX)
        .register(registry).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  /** The registry, for adding metrics of other parts of the node. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The Prometheus text exposition of every metric. */
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public synchronized void close() {
    subscriptions.forEach(Subscription::close);
    subscriptions.clear();
    if (jvm != null) {
      jvm.close();
      jvm = null;
    }
  }
}
