package io.ccoin.bench;

import io.ccoin.api.Address;
import io.ccoin.api.Hash;
import io.ccoin.core.TransactionBuilder;
import io.ccoin.core.codec.Codec;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.crypto.Sha256;
import io.ccoin.core.crypto.Keystore;
import io.ccoin.node.Devnet;
import io.ccoin.node.config.NodeConfig;
import io.ccoin.node.config.NodeConfigParser;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Drives running ccoin nodes over HTTP at a target rate and measures what gets mined.
 *
 * <ol>
 *   <li>Measures V, raw RSA-2048 verification per second on one thread ({@link RawVerifyRate}),
 *       the yardstick its figures are also given against; with {@code rateOfV}, the rate offered
 *       is {@code round(rateOfV × V)}.</li>
 *   <li>Reads the devnet folder: the nodes' {@code ccoin.json} (API addresses), the miners'
 *       keystores, the passphrase file and the genesis {@code interval}.</li>
 *   <li>Takes {@code senders} keys from the key cache ({@link SenderKeyCache}, making only the
 *       missing ones; or new keys without a cache) and funds them from the miners' accounts (the
 *       pool takes at most 64 pending nonces per sender, so many senders are needed for a high
 *       rate), in rounds of at most 60 transactions per miner, and waits until every sender has its
 *       coins; a sender goes on from its {@code pendingNonce}.</li>
 *   <li>Pre-signs {@code rate × duration} transfers on all cores, so that signing costs nothing
 *       during the run.</li>
 *   <li>Submits them ({@code POST /transactions}, {@code application/msgpack}) on a fixed schedule
 *       (open loop: the i-th is due at {@code start + i / rate}), each sender always to the same
 *       node, from {@code connections} threads with one keep-alive connection each: by default in
 *       batches (a batch of {@code rate × batchWindow} consecutive transactions, at most 1,024,
 *       goes out when its last one is due, one request per node), or one request per transaction
 *       ({@code single}). Meanwhile an {@link InclusionTracker} follows one node's chain block by
 *       block. A progress line every second, and a {@link RunSeries} sample. With
 *       {@code resubmit}, what is refused for now (503/429 with {@code Retry-After},
 *       {@code nonce_too_far}) is sent again, each sender's in nonce order ({@link Submitter}).</li>
 *   <li>Waits up to {@code drain} for the rest to be mined and reports submitted and mined
 *       transactions per second and the inclusion latency percentiles (from sending the request to
 *       seeing the transaction in the tracking node's chain), also as ratios to V; the refused
 *       transactions by reason and the refused requests by status and {@code Retry-After}, with the
 *       round trip of taken and refused requests ({@link RequestStats}); the gaps between blocks
 *       ({@link BlockGaps}); each node's largest heap in use ({@link HeapMetrics}); and whether the
 *       nodes agree on the chain afterwards ({@link Agreement}); with {@code warmup}, the same figures
 *       once more for the part of the run after it ({@link SteadyState}). With a report folder, writes the
 *       report as text and, beside it, an HTML page of charts ({@link ChartPage}).</li>
 * </ol>
 *
 * Run it with {@code java -cp ccoin-bench/target/benchmarks.jar io.ccoin.bench.LoadGenerator --help};
 * docs/PERFORMANCE.md has the commands.
 */
public final class LoadGenerator {
  /** Transactions a miner has pending at once while funding (the pool's window is 64). */
  static final int FUNDING_WINDOW = 60;

  /** The most transactions the node takes in one batch (docs/API.md). */
  static final int MAX_BATCH = 1024;

  /** What to run. */
  public record Settings(Path devnet, List<URI> nodes, int trackNode, int senders, double rate, Duration duration,
      Duration drain, int connections, Duration poll, long fee, boolean single, Duration batchWindow, Duration verifyTime,
      Path reportDir, double rateOfV, Path keyCache, boolean resubmit, Duration warmup, boolean rampUp) {
    /**
     * {@code rateOfV} above 0 replaces {@code rate} with {@code round(rateOfV × V)} once V is
     * measured ({@link RawVerifyRate#offeredRate}); 0 keeps {@code rate}. {@code keyCache} is the
     * folder of the sender keys kept between runs ({@link SenderKeyCache}), null to make new ones
     * every run; {@code resubmit} sends requests refused with 503 or 429 again after their
     * {@code Retry-After} ({@link Submitter}); {@code warmup} (zero for none, less than
     * {@code duration}) is the start of the submission left out of the {@link SteadyState} figures;
     * with {@code rampUp} the warm-up offers a rate rising from a tenth of {@code rate} to all of it
     * ({@link Schedule#rampingUp}) instead of {@code rate} from the start.
     */
    public Settings {
      if (!(rateOfV >= 0) || Double.isInfinite(rateOfV)) {
        throw new IllegalArgumentException("rateOfV must be a positive number, or 0 for none");
      }
      Objects.requireNonNull(devnet, "devnet");
      nodes = List.copyOf(nodes);
      if (senders < 1 || rate <= 0 || duration.isNegative() || duration.isZero() || connections < 1 || fee < 0) {
        throw new IllegalArgumentException("senders, rate, duration and connections must be positive, fee not negative");
      }
      if (batchWindow.isNegative() || batchWindow.isZero() || verifyTime.isNegative() || verifyTime.isZero()) {
        throw new IllegalArgumentException("batchWindow and verifyTime must be positive");
      }
      if (warmup.isNegative() || (!warmup.isZero() && warmup.compareTo(duration) >= 0)) {
        throw new IllegalArgumentException("warmup must be at least 0 and shorter than duration");
      }
      if (rampUp && warmup.isZero()) {
        throw new IllegalArgumentException("a ramp-up needs a warm-up to ramp over");
      }
    }

    /** New sender keys every run, resubmission after {@code Retry-After}. */
    public Settings(Path devnet, List<URI> nodes, int trackNode, int senders, double rate, Duration duration, Duration drain,
        int connections, Duration poll, long fee, boolean single, Duration batchWindow, Duration verifyTime, Path reportDir,
        double rateOfV) {
      this(devnet, nodes, trackNode, senders, rate, duration, drain, connections, poll, fee, single, batchWindow, verifyTime,
          reportDir, rateOfV, null, true, Duration.ZERO, false);
    }

    /** The rate as given. */
    public Settings(Path devnet, List<URI> nodes, int trackNode, int senders, double rate, Duration duration, Duration drain,
        int connections, Duration poll, long fee, boolean single, Duration batchWindow, Duration verifyTime, Path reportDir) {
      this(devnet, nodes, trackNode, senders, rate, duration, drain, connections, poll, fee, single, batchWindow, verifyTime,
          reportDir, 0);
    }

    /** The same settings offering {@code newRate} tx/s. */
    public Settings withRate(double newRate) {
      return new Settings(devnet, nodes, trackNode, senders, newRate, duration, drain, connections, poll, fee, single, batchWindow,
          verifyTime, reportDir, rateOfV, keyCache, resubmit, warmup, rampUp);
    }

    /** Batches of {@code rate × 100 ms}, V measured for 2 s, no report files. */
    public Settings(Path devnet, List<URI> nodes, int trackNode, int senders, double rate, Duration duration, Duration drain,
        int connections, Duration poll, long fee) {
      this(devnet, nodes, trackNode, senders, rate, duration, drain, connections, poll, fee, false, Duration.ofMillis(100),
          Duration.ofSeconds(2), null);
    }

    /** Transactions in one batch request (before it is split by node): {@code rate × batchWindow}, 1 to 1,024. */
    public int batchSize() {
      return (int) Math.max(1, Math.min(MAX_BATCH, Math.round(rate * batchWindow.toNanos() / 1e9)));
    }

    /** When each transaction is due: {@code rate}, after the ramp-up over the warm-up if there is one. */
    Schedule schedule() {
      return rampUp ? Schedule.rampingUp(rate, warmup) : Schedule.steady(rate);
    }

    /** Transactions in the run: {@code rate × duration} (less the ramp-up's shortfall), at least one. */
    public int total() {
      return schedule().total(duration);
    }
  }

  /** What a run measured. Latencies in milliseconds. */
  public record Report(int submitted, long accepted, Map<String, Long> rejected, long mined, double submitSeconds,
      double submittedPerSecond, double minedPerSecondInWindow, double minedPerSecondOverall, long p50, long p90, long p99,
      long max, double resolutionMillis, long blocks, List<Double> minedPerSecondBy10s, double verifyPerSecond,
      RequestStats.Summary requests, BlockGaps gaps, Map<String, HeapMetrics> maxHeap, Agreement agreement,
      java.time.Instant windowStart, java.time.Instant windowEnd, Resubmissions resubmissions, SteadyState steady) {

    /** The summary printed at the end of a run. */
    public String format(Settings s) {
      StringBuilder b = new StringBuilder();
      b.append(String.format("Load: %,d transactions from %d senders to %d node(s), target %,.0f tx/s for %d s%s, %s%n",
          submitted, s.senders(), s.nodes().size(), s.rate(), s.duration().toSeconds(),
          s.rampUp() ? " (rising from a tenth of it over the first " + s.warmup().toSeconds() + " s)" : "",
          s.single() ? "one request per transaction" : "batches of " + s.batchSize()));
      b.append(String.format("  V (raw RSA-2048 verify, one thread, measured before the run) %,.0f /s%n", verifyPerSecond));
      if (s.rateOfV() > 0) {
        b.append(String.format("  offered --rate-of-v %s x V = %,.0f tx/s%n", s.rateOfV(), s.rate()));
      }
      b.append(String.format("  submitted  %,d in %.1f s = %,.0f tx/s; accepted %,d; rejected %s%n", submitted, submitSeconds,
          submittedPerSecond, accepted, rejected.isEmpty() ? "none" : rejected));
      b.append(String.format("  mined      %,d (%.1f%%): %,.0f tx/s while submitting, %,.0f tx/s overall, in %d blocks%n",
          mined, submitted == 0 ? 0 : 100.0 * mined / submitted, minedPerSecondInWindow, minedPerSecondOverall, blocks));
      b.append("  mined tx/s per 10 s while submitting:");
      for (double r : minedPerSecondBy10s) {
        b.append(String.format(" %,.0f", r));
      }
      b.append(System.lineSeparator());
      b.append(String.format("  inclusion latency p50 %,d ms, p90 %,d ms, p99 %,d ms, max %,d ms (resolution ~%.0f ms)%n",
          p50, p90, p99, max, resolutionMillis));
      if (steady != null) {
        b.append("  ").append(steady.format(verifyPerSecond)).append(System.lineSeparator());
      }
      b.append(String.format("  as ratios to V: offered %.3f V, submitted %.3f V, mined %.3f V while submitting, %.3f V overall%n",
          ratio(s.rate()), ratio(submittedPerSecond), ratio(minedPerSecondInWindow), ratio(minedPerSecondOverall)));
      b.append("  ").append(requests.format()).append(System.lineSeparator());
      b.append("  ").append(resubmissions.format()).append(System.lineSeparator());
      b.append("  ").append(gaps.format()).append(System.lineSeparator());
      b.append("  heap in use, largest sample per node:").append(System.lineSeparator());
      maxHeap.forEach((node, h) -> b.append(String.format("    %s %s%n", node, h.usedBytes() < 0 ? "no figure"
          : String.format("%,.0f MiB%s", h.usedBytes() / 1048576.0,
              h.maxBytes() < 0 ? "" : String.format(" (of %,.0f MiB)", h.maxBytes() / 1048576.0)))));
      b.append("  ").append(agreement.format()).append(System.lineSeparator());
      return b.toString();
    }

    /** {@code perSecond / V}. */
    public double ratio(double perSecond) {
      return verifyPerSecond <= 0 ? Double.NaN : perSecond / verifyPerSecond;
    }
  }

  /**
   * Transactions sent again after a {@code 503}/{@code 429} with {@code Retry-After}: how many
   * sendings were resubmissions, how many transactions were sent once, twice, three times or more,
   * and how many first submissions waited (past their time in the schedule) for their sender's
   * earlier transaction to be answered or taken, so as to reach the node in nonce order.
   */
  public record Resubmissions(boolean enabled, long resent, long once, long twice, long thriceOrMore, long heldBack) {
    Resubmissions(boolean enabled, long resent, long[] histogram, long heldBack) {
      this(enabled, resent, histogram[0], histogram[1], histogram[2], heldBack);
    }

    /** The report line. */
    String format() {
      return String.format("resubmissions%s: %,d; transactions sent once %,d, twice %,d, 3 times or more %,d; first submissions"
          + " held back behind their sender's earlier transaction %,d", enabled ? " (after 503/429 and Retry-After)" : " off (--no-resubmit)",
          resent, once, twice, thriceOrMore, heldBack);
    }
  }

  private final Settings settings;
  private final PrintStream out;

  private LoadGenerator(Settings settings, PrintStream out) {
    this.settings = settings;
    this.out = out;
  }

  /**
   * Runs the load described by {@code settings}, printing progress to {@code out}: measures V first,
   * so that {@link Settings#rateOfV} can set the rate before anything is funded or signed.
   */
  public static Report run(Settings settings, PrintStream out) throws IOException, InterruptedException {
    out.printf("Measuring V (raw RSA-2048 verify, one thread) for %d s ...%n", settings.verifyTime().toSeconds());
    double verify = RawVerifyRate.measure(Duration.ofSeconds(1), settings.verifyTime());
    Settings resolved = settings;
    if (settings.rateOfV() > 0) {
      resolved = settings.withRate(RawVerifyRate.offeredRate(settings.rateOfV(), verify));
      out.printf("V = %,.0f verifications/s; --rate-of-v %s: offering %,.0f tx/s%n", verify, settings.rateOfV(), resolved.rate());
    } else {
      out.printf("V = %,.0f verifications/s; offered %,.0f tx/s = %.3f V%n", verify, settings.rate(), settings.rate() / verify);
    }
    return new LoadGenerator(resolved, out).run(verify);
  }

  /** The genesis {@code interval} in ms of the devnet's first node (its ccoin.json names the genesis file). */
  static long devnetInterval(Path devnet) throws IOException {
    List<Path> dirs = nodeDirs(devnet);
    if (dirs.isEmpty()) {
      throw new IOException("no node folder (with a ccoin.json) in " + devnet);
    }
    NodeConfig c = NodeConfigParser.read(dirs.get(0).resolve("ccoin.json"));
    return io.ccoin.core.genesis.GenesisParser.read(c.genesisFile()).params().intervalMs();
  }

  /** The API addresses of the devnet's nodes, from their {@code ccoin.json}, in folder order. */
  public static List<URI> devnetNodes(Path devnet) throws IOException {
    List<URI> nodes = new ArrayList<>();
    for (Path dir : nodeDirs(devnet)) {
      NodeConfig c = NodeConfigParser.read(dir.resolve("ccoin.json"));
      String host = c.http().host().equals("0.0.0.0") ? "127.0.0.1" : c.http().host();
      nodes.add(URI.create("http://" + host + ":" + c.http().port()));
    }
    return nodes;
  }

  private static List<Path> nodeDirs(Path devnet) throws IOException {
    try (Stream<Path> dirs = Files.list(devnet)) {
      return dirs.filter(d -> Files.isRegularFile(d.resolve("ccoin.json"))).sorted().toList();
    }
  }

  /** The accounts of the devnet's nodes that have a keystore (the miners), unlocked with its passphrase file. */
  static List<AccountKey> funders(Path devnet) throws IOException {
    String passphrase = Files.readString(devnet.resolve("passphrase"), StandardCharsets.UTF_8);
    if (passphrase.endsWith("\n")) {
      passphrase = passphrase.substring(0, passphrase.length() - 1);
    }
    List<AccountKey> keys = new ArrayList<>();
    for (Path dir : nodeDirs(devnet)) {
      NodeConfig c = NodeConfigParser.read(dir.resolve("ccoin.json"));
      if (c.accountAddress().isPresent()) {
        Path file = Keystore.path(c.keystoreDir(), c.accountAddress().get());
        if (Files.exists(file)) {
          keys.add(Keystore.read(file, passphrase.toCharArray()));
        }
      }
    }
    if (keys.isEmpty()) {
      throw new IOException("no keystore account in the nodes of " + devnet);
    }
    return keys;
  }

  private Report run(double verify) throws IOException, InterruptedException {
    List<URI> nodes = settings.nodes();
    int total = settings.total();
    int senderCount = settings.senders();
    ApiClient.Status status;
    try (ApiClient api = new ApiClient(nodes.get(0))) {
      status = api.status();
    }
    List<AccountKey> funders = funders(settings.devnet());
    out.printf("Network %d, genesis %s, head #%d; %d node(s); funders %s%n", status.chainId(), status.genesisHash(), status.head(),
        nodes.size(), funders.stream().map(k -> k.address().toHex().substring(0, 8)).toList());

    List<AccountKey> senders = senderKeys(senderCount);
    long started = System.nanoTime();
    long[] perSender = new long[senderCount];
    for (int i = 0; i < total; i++) {
      perSender[i % senderCount]++;
    }
    long need = Arrays.stream(perSender).max().orElse(0) * (1 + settings.fee());
    long[] firstNonce = fund(status, funders, senders, need + 1_000);
    out.printf("Funded %d senders in %.1f s%n", senderCount, (System.nanoTime() - started) / 1e9);

    byte[][] raw = presign(status, senders, firstNonce, total);
    long[] minedNanos = new long[total];
    Map<Hash, Integer> runIndex = new HashMap<>(total * 2);
    for (int i = 0; i < total; i++) {
      runIndex.put(Sha256.hash(raw[i]), i); // txHash = SHA-256 of the transaction's canonical encoding
    }
    int track = settings.trackNode() < 0 ? nodes.size() - 1 : settings.trackNode();
    long interval = devnetInterval(settings.devnet());
    long headBefore = head(nodes.get(track));
    List<String> nodeNames = nodes.stream().map(URI::getAuthority).toList();
    List<String> minerAddresses = funders.stream().map(k -> k.address().toHex()).toList();
    RunSeries series = new RunSeries(nodeNames, minerAddresses.stream().map(a -> a.substring(0, 8)).toList());
    Map<String, HeapMetrics> maxHeap = new java.util.LinkedHashMap<>();
    nodeNames.forEach(n -> maxHeap.put(n, new HeapMetrics(-1, -1)));
    long t0 = System.nanoTime() + 200_000_000L;
    long wallT0 = System.currentTimeMillis() + (t0 - System.nanoTime()) / 1_000_000;
    Submitter submitter = new Submitter(nodes, raw, senderCount, t0, settings.schedule(), settings.single(), settings.batchSize(),
        settings.resubmit());
    long[] submitNanos = submitter.submitNanos;
    Map<String, LongAdder> rejected = submitter.rejected;
    out.printf("Submitting %,d transactions at %,.0f tx/s to %s (%s; %s); tracking inclusion on %s%n", total, settings.rate(), nodes,
        settings.single() ? "one request per transaction" : "batches of " + settings.batchSize(),
        settings.resubmit() ? "requests refused with 503/429 sent again after Retry-After" : "no resubmission", nodes.get(track));
    List<ApiClient> poolReaders = nodes.stream().map(ApiClient::new).toList();
    try (InclusionTracker tracker = new InclusionTracker(nodes.get(track), runIndex, minedNanos, headBefore,
        settings.poll().toMillis())) {
      tracker.start();
      submitter.start(settings.connections());
      long deadline = Long.MAX_VALUE;
      long lastMined = 0;
      long lastSent = 0;
      long[] lastSentByNode = new long[nodes.size()];
      Map<String, Long> lastByMiner = new HashMap<>();
      long[] lastRefused = new long[1];
      for (int second = 1; ; second++) {
        LockSupport.parkNanos(Math.max(0, t0 + second * 1_000_000_000L - System.nanoTime()));
        long refusedNow = rejected.values().stream().mapToLong(LongAdder::sum).sum();
        sample(series, second, t0, submitter.sentByNode, lastSentByNode, tracker.minedByMiner(), lastByMiner, minerAddresses,
            submitNanos, minedNanos, poolReaders, refusedNow - lastRefused[0], nodeNames, maxHeap);
        lastRefused[0] = refusedNow;
        boolean submitting = !submitter.scheduleDone();
        long minedNow = tracker.mined();
        long acceptedNow = submitter.accepted.sum();
        long sentNow = submitter.firstSent.get();
        out.printf("[%3d s] submitted %,9d (+%,6d/s)  resent %,7d  open %,6d  rejected %,6d  mined %,9d (+%,6d/s)  waiting %,7d  %s%n",
            second, sentNow, sentNow - lastSent, submitter.resent.sum(), submitter.outstanding(),
            rejected.values().stream().mapToLong(LongAdder::sum).sum(), minedNow, minedNow - lastMined, acceptedNow - minedNow,
            percentiles(submitNanos, minedNanos, 0.5, 0.99));
        lastMined = minedNow;
        lastSent = sentNow;
        if (tracker.failure() != null) {
          throw new IOException("tracking failed: " + tracker.failure().getMessage(), tracker.failure());
        }
        if (!submitting && deadline == Long.MAX_VALUE) {
          deadline = System.nanoTime() + settings.drain().toNanos();
          out.printf("Submitted everything; waiting up to %d s for the rest to be mined%n", settings.drain().toSeconds());
        }
        if (!submitting && ((submitter.outstanding() == 0 && minedNow >= acceptedNow) || System.nanoTime() > deadline)) {
          break;
        }
      }
      submitter.stop();
      long endMillis = System.currentTimeMillis();
      BlockGaps gaps = BlockGaps.of(List.copyOf(tracker.blockTimestamps().values()), endMillis, interval);
      double[] gapAt = new double[gaps.blockMillis().length];
      double[] gapMillis = new double[gapAt.length];
      for (int i = 0; i < gapAt.length; i++) {
        gapAt[i] = (gaps.blockMillis()[i] - wallT0) / 1000.0;
        gapMillis[i] = gaps.gapMillis()[i];
      }
      series.blockGaps(gapAt, gapMillis, 2.0 * interval);
      long headAfter = head(nodes.get(track));
      out.println("Reading every node's head and its block at the lowest head ...");
      Agreement agreement = Agreement.settle(nodes, 5);
      Report r = report(total, submitter.accepted.sum(), rejected, submitNanos, minedNanos, t0, submitter.lastFirstSubmit.get(),
          tracker.roundMillis(), headAfter - headBefore, verify, submitter.requests.summary(), gaps, maxHeap, agreement, wallT0,
          endMillis, new Resubmissions(settings.resubmit(), submitter.resent.sum(), submitter.attemptsHistogram(),
          submitter.heldBack.sum()), settings.warmup().isZero() ? null
          : SteadyState.of(settings.warmup().toSeconds(), t0, wallT0, submitter.lastFirstSubmit.get(), submitNanos, minedNanos, gaps));
      out.print(r.format(settings));
      if (settings.reportDir() != null) {
        writeReport(settings, r, series);
      }
      return r;
    } finally {
      poolReaders.forEach(ApiClient::close);
    }
  }

  /**
   * One second of the run into {@code series}: what was sent, mined and refused since the last
   * sample, latency, pools and heaps (the largest heap sample of each node kept in {@code maxHeap}).
   */
  private static void sample(RunSeries series, int second, long t0, LongAdder[] sentByNode, long[] lastSentByNode,
      Map<String, Long> minedByMiner, Map<String, Long> lastByMiner, List<String> miners, long[] submitNanos, long[] minedNanos,
      List<ApiClient> poolReaders, long refused, List<String> nodeNames, Map<String, HeapMetrics> maxHeap) {
    long[] sentNow = new long[sentByNode.length];
    long[] pools = new long[sentByNode.length];
    long[] heaps = new long[sentByNode.length];
    for (int k = 0; k < sentByNode.length; k++) {
      long v = sentByNode[k].sum();
      sentNow[k] = v - lastSentByNode[k];
      lastSentByNode[k] = v;
      try {
        pools[k] = poolReaders.get(k).status().pool();
      } catch (IOException e) {
        pools[k] = -1;
      }
      try {
        HeapMetrics h = HeapMetrics.parse(poolReaders.get(k).metrics());
        heaps[k] = h.usedBytes();
        maxHeap.merge(nodeNames.get(k), h, (a, b) -> b.usedBytes() > a.usedBytes() ? b : a);
      } catch (IOException e) {
        heaps[k] = -1;
      }
    }
    long[] mined = new long[miners.size()];
    for (int k = 0; k < miners.size(); k++) {
      long v = minedByMiner.getOrDefault(miners.get(k), 0L);
      mined[k] = v - lastByMiner.getOrDefault(miners.get(k), 0L);
      lastByMiner.put(miners.get(k), v);
    }
    long from = t0 + (second - 1) * 1_000_000_000L;
    long to = t0 + second * 1_000_000_000L;
    long[] l = new long[minedNanos.length];
    int n = 0;
    for (int i = 0; i < minedNanos.length; i++) {
      long m = minedNanos[i];
      if (m > from && m <= to && submitNanos[i] != 0) {
        l[n++] = Math.max(0, (m - submitNanos[i]) / 1_000_000);
      }
    }
    long[] sorted = Arrays.copyOf(l, n);
    Arrays.sort(sorted);
    series.add(second, sentNow, mined, refused, n == 0 ? Double.NaN : quantile(sorted, 0.5),
        n == 0 ? Double.NaN : quantile(sorted, 0.99), pools, heaps);
  }

  /** The report as {@code load-<time>.txt} and its charts as {@code load-<time>.html}, in the report folder. */
  private void writeReport(Settings s, Report r, RunSeries series) throws IOException {
    Files.createDirectories(s.reportDir());
    String stamp = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(java.time.ZoneOffset.UTC)
        .format(java.time.Instant.now());
    String text = r.format(s);
    Path txt = s.reportDir().resolve("load-" + stamp + ".txt");
    Path html = s.reportDir().resolve("load-" + stamp + ".html");
    Files.writeString(txt, text, StandardCharsets.UTF_8);
    Files.writeString(html, series.page("ccoin load run " + stamp + " UTC", text.lines().toList()).html(), StandardCharsets.UTF_8);
    out.printf("Wrote %s and %s%n", txt, html);
  }

  private static long head(URI node) throws IOException {
    try (ApiClient api = new ApiClient(node)) {
      return api.status().head();
    }
  }

  /** The run's sender keys: from the key cache when there is one ({@link SenderKeyCache}), else new ones. */
  private List<AccountKey> senderKeys(int count) throws IOException {
    if (settings.keyCache() != null) {
      out.printf("Taking %,d sender keys from the cache in %s (making the missing ones) ...%n", count, settings.keyCache());
      SenderKeyCache.Keys keys = SenderKeyCache.take(settings.keyCache(), count);
      out.println(keys.format(settings.keyCache().resolve(SenderKeyCache.FILE)));
      return keys.keys();
    }
    long started = System.nanoTime();
    List<AccountKey> keys = IntStream.range(0, count).parallel().mapToObj(i -> AccountKey.generate(new SecureRandom())).toList();
    out.printf("Sender keys: %,d generated in %.1f s (no key cache)%n", count, (System.nanoTime() - started) / 1e9);
    return keys;
  }

  /**
   * Funds every sender with {@code amount} from the funders, round-robin, and waits until all have it.
   *
   * @return each sender's next nonce ({@code pendingNonce}) on the node it sends to: a sender whose
   *     key was used in an earlier run on the same chain goes on from there
   */
  private long[] fund(ApiClient.Status status, List<AccountKey> funders, List<AccountKey> senders, long amount)
      throws IOException, InterruptedException {
    List<URI> nodes = settings.nodes();
    int f = funders.size();
    List<ApiClient> apis = new ArrayList<>();
    try {
      for (int m = 0; m < f; m++) {
        apis.add(new ApiClient(nodes.get(m % nodes.size())));
      }
      int[] nextSender = new int[f];
      for (int m = 0; m < f; m++) {
        nextSender[m] = m;
      }
      long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
      int sent = 0;
      while (Arrays.stream(nextSender).anyMatch(s -> s < senders.size())) {
        for (int m = 0; m < f; m++) {
          if (nextSender[m] >= senders.size()) {
            continue;
          }
          ApiClient.AccountState a = apis.get(m).account(funders.get(m).address());
          long nonce = a.pendingNonce();
          while (nonce < a.nonce() + FUNDING_WINDOW && nextSender[m] < senders.size()) {
            AccountKey to = senders.get(nextSender[m]);
            byte[] tx = Codec.encode(TransactionBuilder.forNetwork(status.chainId(), status.genesisHash()).nonce(nonce).to(to.address())
                .value(amount).fee(Math.max(1, settings.fee())).sign(funders.get(m)));
            ApiClient.Response r = apis.get(m).submit(tx);
            if (r.status() != 200 && r.status() != 202) {
              throw new IOException("funding " + to.address() + " from " + funders.get(m).address() + " was refused: HTTP "
                  + r.status() + " " + r.text());
            }
            nonce++;
            nextSender[m] += f;
            sent++;
          }
        }
        out.printf("  funding: %d of %d sent%n", sent, senders.size());
        if (System.nanoTime() > deadline) {
          throw new IOException("funding did not finish within 5 minutes; is the devnet mining?");
        }
        Thread.sleep(500);
      }
      // Every sender must have its coins on the node it will send to before the run starts.
      long[] nonces = new long[senders.size()];
      for (int s = 0; s < senders.size(); s++) {
        try (ApiClient target = new ApiClient(nodes.get(s % nodes.size()))) {
          ApiClient.AccountState a = target.account(senders.get(s).address());
          while (a.balance() < amount) {
            if (System.nanoTime() > deadline) {
              throw new IOException("sender " + senders.get(s).address() + " was not funded within 5 minutes");
            }
            Thread.sleep(250);
            a = target.account(senders.get(s).address());
          }
          nonces[s] = a.pendingNonce();
        }
      }
      return nonces;
    } finally {
      apis.forEach(ApiClient::close);
    }
  }

  /**
   * Transfer i: from sender {@code s = i % S} with nonce {@code firstNonce[s] + i / S}, value 1, to
   * one of 1,024 addresses.
   */
  private byte[][] presign(ApiClient.Status status, List<AccountKey> senders, long[] firstNonce, int total) {
    long started = System.nanoTime();
    out.printf("Pre-signing %,d transactions on %d cores ...%n", total, Runtime.getRuntime().availableProcessors());
    Random random = new Random(1);
    Address[] recipients = new Address[1024];
    for (int i = 0; i < recipients.length; i++) {
      recipients[i] = BenchNetwork.randomAddress(random);
    }
    Hash genesis = status.genesisHash();
    byte[][] raw = new byte[total][];
    AtomicInteger done = new AtomicInteger();
    int step = Math.max(1, total / 10);
    IntStream.range(0, total).parallel().forEach(i -> {
      int s = i % senders.size();
      raw[i] = Codec.encode(TransactionBuilder.forNetwork(status.chainId(), genesis).nonce(firstNonce[s] + i / senders.size())
          .to(recipients[i % recipients.length]).value(1).fee(settings.fee()).sign(senders.get(s)));
      int d = done.incrementAndGet();
      if (d % step == 0) {
        out.printf("  signed %,d of %,d%n", d, total);
      }
    });
    out.printf("Signed %,d transactions in %.1f s%n", total, (System.nanoTime() - started) / 1e9);
    return raw;
  }

  /** p-quantiles of the latencies of the transactions mined so far, for the progress line. */
  private static String percentiles(long[] submitNanos, long[] minedNanos, double... ps) {
    long[] l = latencies(submitNanos, minedNanos);
    if (l.length == 0) {
      return "";
    }
    StringBuilder b = new StringBuilder("latency");
    for (double p : ps) {
      b.append(String.format(" p%.0f %,d ms", p * 100, quantile(l, p)));
    }
    return b.toString();
  }

  private static long[] latencies(long[] submitNanos, long[] minedNanos) {
    long[] out = new long[minedNanos.length];
    int n = 0;
    for (int i = 0; i < minedNanos.length; i++) {
      long m = minedNanos[i];
      long s = submitNanos[i];
      if (m != 0 && s != 0) {
        out[n++] = Math.max(0, (m - s) / 1_000_000);
      }
    }
    long[] l = Arrays.copyOf(out, n);
    Arrays.sort(l);
    return l;
  }

  static long quantile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  private Report report(int total, long accepted, Map<String, LongAdder> rejected, long[] submitNanos, long[] minedNanos,
      long t0, long lastSubmit, double resolution, long blocks, double verify, RequestStats.Summary requests, BlockGaps gaps,
      Map<String, HeapMetrics> maxHeap, Agreement agreement, long windowStartMillis, long windowEndMillis,
      Resubmissions resubmissions, SteadyState steady) {
    long[] l = latencies(submitNanos, minedNanos);
    long mined = 0;
    long minedInWindow = 0;
    long lastMined = t0;
    double submitSeconds = Math.max(1e-3, (lastSubmit - t0) / 1e9);
    int buckets = (int) Math.ceil(submitSeconds / 10);
    long[] byBucket = new long[Math.max(1, buckets)];
    for (long m : minedNanos) {
      if (m != 0) {
        mined++;
        lastMined = Math.max(lastMined, m);
        if (m <= lastSubmit) {
          minedInWindow++;
        }
        int b = (int) ((m - t0) / 10_000_000_000L);
        if (m <= lastSubmit && b >= 0 && b < byBucket.length) { // while submitting: the last bucket may be shorter than 10 s
          byBucket[b]++;
        }
      }
    }
    List<Double> by10s = new ArrayList<>();
    for (int b = 0; b < byBucket.length; b++) {
      double width = Math.min(10, submitSeconds - 10.0 * b);
      if (width >= 1) {
        by10s.add(byBucket[b] / width);
      }
    }
    Map<String, Long> refused = new TreeMap<>();
    rejected.forEach((k, v) -> refused.put(k, v.sum()));
    return new Report(total, accepted, refused, mined, submitSeconds, total / submitSeconds, minedInWindow / submitSeconds,
        mined / Math.max(1e-3, (lastMined - t0) / 1e9), quantile(l, 0.5), quantile(l, 0.9), quantile(l, 0.99),
        l.length == 0 ? 0 : l[l.length - 1], resolution, blocks, by10s, verify, requests, gaps, maxHeap, agreement,
        java.time.Instant.ofEpochMilli(windowStartMillis), java.time.Instant.ofEpochMilli(windowEndMillis), resubmissions, steady);
  }

  /** The command line. */
  @Command(name = "LoadGenerator", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Funds many senders from a devnet's miners, pre-signs transfers, submits them over HTTP at a target rate,",
          "and reports submitted and mined tx/s and inclusion latency percentiles."})
  static final class Cli implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--devnet", defaultValue = ".ccoin-devnet", description = "the devnet folder: node configs, keystores, passphrase (default: ${DEFAULT-VALUE})")
    Path devnet;

    @Option(names = "--nodes", split = ",", paramLabel = "URL", description = "API base URLs (default: every node of the devnet folder)")
    List<URI> nodes;

    @Option(names = "--track", defaultValue = "-1", description = "index of the node whose chain decides inclusion (default: the last)")
    int track;

    @Option(names = "--senders", defaultValue = "1024", description = "sender accounts; each keeps at most 64 transactions pending (default: ${DEFAULT-VALUE})")
    int senders;

    @Option(names = "--rate", defaultValue = "3000", description = "target submissions per second (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--rate-of-v", paramLabel = "X", description = "instead of --rate: offer X times V (raw RSA-2048 verifications/s on one thread,"
        + " measured first), rounded to whole tx/s, e.g. 0.15")
    Double rateOfV;

    @Option(names = "--duration", defaultValue = "60", description = "seconds of submission (default: ${DEFAULT-VALUE})")
    long duration;

    @Option(names = "--warmup", defaultValue = "0", paramLabel = "SECONDS", description = "the first SECONDS of the submission are a"
        + " warm-up: submitted and reported like the rest, and left out of the report's 'after the warm-up' line; less than --duration"
        + " (default: ${DEFAULT-VALUE}, no such line)")
    long warmup;

    @Option(names = "--ramp-up", description = "with --warmup: the warm-up offers a rate rising linearly from a tenth of the target"
        + " to all of it, instead of the whole target from the first second, so that the nodes' JIT warm-up does not leave a backlog"
        + " in the measured part")
    boolean rampUp;

    @Option(names = "--drain", defaultValue = "30", description = "seconds to wait afterwards for the rest to be mined (default: ${DEFAULT-VALUE})")
    long drain;

    @Option(names = "--connections", defaultValue = "32", description = "submitting threads, one keep-alive connection each (default: ${DEFAULT-VALUE})")
    int connections;

    @Option(names = "--poll-ms", defaultValue = "100", description = "pause between inclusion polling rounds (default: ${DEFAULT-VALUE})")
    long pollMs;

    @Option(names = "--fee", defaultValue = "1", description = "fee of each transfer (default: ${DEFAULT-VALUE})")
    long fee;

    @Option(names = "--single", description = "one request per transaction instead of batches")
    boolean single;

    @Option(names = "--batch-ms", defaultValue = "100", description = "a batch holds the transactions due in this many ms (at most 1,024) (default: ${DEFAULT-VALUE})")
    long batchMs;

    @Option(names = "--verify-seconds", defaultValue = "3", description = "how long V (raw RSA-2048 verify, one thread) is measured before the run (default: ${DEFAULT-VALUE})")
    long verifySeconds;

    @Option(names = "--key-cache", paramLabel = "DIR", description = "folder of the sender keys kept between runs (file "
        + SenderKeyCache.FILE + "; UNENCRYPTED throwaway benchmark keys): a run takes the first --senders keys and makes and appends"
        + " the missing ones (default: load-keys beside the --devnet folder)")
    Path keyCache;

    @Option(names = "--no-key-cache", description = "make new sender keys for this run and keep none")
    boolean noKeyCache;

    @Option(names = "--resubmit", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "send a request refused with 503 or 429 again once its Retry-After (1 s when absent) has passed, keeping each"
            + " sender's nonces in order; --no-resubmit counts such a refusal as final (default: on)")
    boolean resubmit;

    @Option(names = "--report-dir", paramLabel = "DIR", description = "where the report (.txt) and its charts (.html) are written (default: <devnet>/reports)")
    Path reportDir;

    @Option(names = "--start-devnet", description = "start the devnet in --devnet first (created if missing), and stop it at the end")
    boolean startDevnet;

    @Option(names = "--validators-only", description = "with --start-devnet: stop the devnet's basic node once it is up, and load and track the validators alone")
    boolean validatorsOnly;

    @Option(names = "--validators", paramLabel = "N", defaultValue = "3", description = "with --start-devnet: validators in the devnet's genesis, 1 or 3;"
        + " a new --devnet folder is made with N, an existing one must have N (default: ${DEFAULT-VALUE})")
    int validators;

    @Option(names = "--jfr", description = "with --start-devnet: record each node JVM with JFR (profile settings) into <report-dir>/jfr-<time>/<node>.jfr,"
        + " written when the devnet stops, then print their split by JfrSplit")
    boolean jfr;

    @Option(names = "--base-port", defaultValue = "30333", description = "with --start-devnet: the first node's P2P port (default: ${DEFAULT-VALUE})")
    int basePort;

    @Option(names = "--discovery-port", defaultValue = "4444", description = "with --start-devnet: the discovery port (default: ${DEFAULT-VALUE})")
    int discoveryPort;

    @Override
    public Integer call() throws Exception {
      CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
      if (validatorsOnly && !startDevnet) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--validators-only needs --start-devnet");
      }
      if (parsed.hasMatchedOption("--validators") && !startDevnet) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--validators needs --start-devnet");
      }
      if (jfr && !startDevnet) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--jfr needs --start-devnet");
      }
      if (validators != 1 && validators != 3) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--validators must be 1 or 3, got " + validators);
      }
      if (noKeyCache && keyCache != null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--key-cache and --no-key-cache exclude each other; give one");
      }
      if (rateOfV != null && parsed.hasMatchedOption("--rate")) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--rate and --rate-of-v exclude each other; give one");
      }
      if (rateOfV != null && !(rateOfV > 0 && rateOfV <= 10)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--rate-of-v must be above 0 and at most 10, got " + rateOfV);
      }
      if (warmup < 0 || (warmup > 0 && warmup >= duration)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--warmup must be at least 0 and less than --duration, got "
            + warmup);
      }
      if (rampUp && warmup == 0) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--ramp-up needs --warmup (the seconds to ramp over)");
      }
      Path reports = reportDir != null ? reportDir : this.devnet.resolve("reports");
      Path recordings = null;
      Report report = null;
      Devnet devnet = null;
      try {
        if (startDevnet) {
          devnet = new Devnet(this.devnet, basePort, discoveryPort, 0, validators);
          if (jfr) {
            recordings = reports.resolve("jfr-" + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.now()));
            devnet.recordFlights(recordings);
          }
          devnet.prepare(new PrintWriter(System.out, true));
          devnet.start();
          System.out.println("Starting the devnet in " + devnet.dir() + " ...");
          devnet.awaitReady(Duration.ofSeconds(120));
        }
        List<URI> urls = nodes == null || nodes.isEmpty() ? devnetNodes(this.devnet) : nodes;
        if (validatorsOnly) {
          int basic = devnet.basic();
          devnet.process(basic).destroy();
          devnet.process(basic).waitFor();
          System.out.println("Stopped the basic node; loading the " + devnet.validators() + " validator(s) alone");
          List<URI> validatorUrls = new ArrayList<>();
          for (int i = 0; i < devnet.validators(); i++) {
            validatorUrls.add(URI.create(devnet.apiUrl(i)));
          }
          urls = validatorUrls;
        }
        Settings s = new Settings(this.devnet, urls, track, senders, rate, Duration.ofSeconds(duration), Duration.ofSeconds(drain),
            connections, Duration.ofMillis(pollMs), fee, single, Duration.ofMillis(batchMs), Duration.ofSeconds(verifySeconds),
            reports, rateOfV == null ? 0 : rateOfV, noKeyCache ? null : keyCache != null ? keyCache : defaultKeyCache(this.devnet),
            resubmit, Duration.ofSeconds(warmup), rampUp);
        report = run(s, System.out);
      } finally {
        if (devnet != null) {
          if (recordings != null) {
            System.out.println("Stopping the devnet; each node writes its flight recording ...");
          }
          devnet.close();
        }
      }
      if (recordings != null) {
        splitRecordings(recordings, report);
      }
      return 0;
    }

    /** {@code load-keys} beside the devnet folder, so that every devnet folder there shares the keys. */
    static Path defaultKeyCache(Path devnet) {
      Path parent = devnet.toAbsolutePath().normalize().getParent();
      return (parent == null ? devnet.toAbsolutePath() : parent).resolve("load-keys");
    }

    /**
     * Prints the split of each node's recording over the run's submission window and drain, and
     * keeps it beside them as {@code split.txt}.
     */
    private static void splitRecordings(Path recordings, Report report) throws IOException {
      List<String> args = new ArrayList<>(List.of("--from", report.windowStart().toString(), "--to", report.windowEnd().toString()));
      try (Stream<Path> list = Files.list(recordings)) {
        list.filter(f -> f.toString().endsWith(".jfr")).sorted().map(Path::toString).forEach(args::add);
      }
      java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
      PrintStream both = new PrintStream(text, true, StandardCharsets.UTF_8);
      both.println("Where the time went (JfrSplit), per node, while submitting and draining:");
      if (args.size() == 4 || JfrSplit.run(args.toArray(String[]::new), both, both) != 0) {
        both.println("(no readable recording in " + recordings + ")");
      }
      Files.write(recordings.resolve("split.txt"), text.toByteArray());
      System.out.print(text.toString(StandardCharsets.UTF_8));
      System.out.println("Wrote " + recordings.resolve("split.txt"));
    }
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line: bad options and failures print one line and exit 2. */
  static CommandLine commandLine() {
    return new CommandLine(new Cli()).setParameterExceptionHandler((e, args) -> {
      e.getCommandLine().getErr().println("LoadGenerator: " + e.getMessage() + " (see --help)");
      return 2;
    }).setExecutionExceptionHandler((e, cmd, parsed) -> {
      // a missing devnet folder, an unreachable node; a bad key cache says all in its message
      cmd.getErr().println("LoadGenerator: " + (e instanceof SenderKeyCache.CorruptCache ? e.getMessage() : e));
      return 2;
    });
  }
}
