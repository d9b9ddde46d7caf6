package io.ccoin.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ccoin.core.Await;
import io.ccoin.core.codec.CanonicalReader;
import io.ccoin.core.codec.CanonicalWriter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Resubmission after {@code 503} with {@code Retry-After}: two fake nodes refuse every third
 * submission request as a whole ({@code 503 not_ready}, {@code Retry-After: 1}) and take the
 * others (in batches, every 7th transaction is first answered {@code nonce_too_far}, with its
 * sender's later ones in that batch); every transaction reaches them, each sender's in nonce order (none overtakes an earlier
 * one that was refused for now), in batches and one by one. Without resubmission the refused ones
 * are counted as refused for good. And {@link SenderOrder} step by step, on a clock of its own. Transaction {@code i} is the msgpack number {@code i}, so the
 * fake can tell them apart; sender {@code i % 5}, nonce {@code i / 5}.
 */
class SubmitterResubmitTest {
  private static final int SENDERS = 5;
  private static final int TOTAL = 60;

  private final AtomicInteger requestCount = new AtomicInteger();
  /** What the fake nodes took, in the order they took it. */
  private final List<Integer> taken = Collections.synchronizedList(new ArrayList<>());
  /** Batch entries the fake has answered {@code nonce_too_far} once. */
  private final java.util.Set<Integer> tooFarOnce = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final List<HttpServer> servers = new ArrayList<>();
  private final ExecutorService pool = Executors.newFixedThreadPool(4);

  @AfterEach
  void stop() {
    servers.forEach(s -> s.stop(0));
    pool.shutdownNow();
  }

  @Test
  @Timeout(60)
  void batchesRefusedFor503AreSentAgainInEachSendersNonceOrder() throws Exception {
    Submitter s = runUntilSettled(false, true);
    assertEverythingTakenInOrder(s);
  }

  @Test
  @Timeout(60)
  void singleRequestsRefusedFor503AreSentAgainInEachSendersNonceOrder() throws Exception {
    Submitter s = runUntilSettled(true, true);
    assertEverythingTakenInOrder(s);
  }

  @Test
  @Timeout(60)
  void withoutResubmissionA503IsAFinalRefusal() throws Exception {
    Submitter s = runUntilSettled(false, false);
    long refused = s.rejected.get("not_ready").sum();
    assertThat(refused).isPositive();
    assertThat(s.rejected.get("nonce_too_far").sum()).isPositive();
    assertThat(s.accepted.sum() + refused + s.rejected.get("nonce_too_far").sum()).isEqualTo(TOTAL);
    assertThat(taken).hasSize((int) s.accepted.sum());
    assertThat(s.resent.sum()).isZero();
    assertThat(s.attemptsHistogram()).containsExactly(TOTAL, 0, 0);
  }

  @Test
  void resubmissionIsOnUnlessNoResubmitIsGiven() {
    picocli.CommandLine cmd = LoadGenerator.commandLine();
    cmd.parseArgs();
    assertThat(((LoadGenerator.Cli) cmd.getCommand()).resubmit).isTrue();
    cmd = LoadGenerator.commandLine();
    cmd.parseArgs("--no-resubmit");
    assertThat(((LoadGenerator.Cli) cmd.getCommand()).resubmit).isFalse();
    cmd = LoadGenerator.commandLine();
    java.io.StringWriter err = new java.io.StringWriter();
    cmd.setErr(new java.io.PrintWriter(err, true));
    assertThat(cmd.execute("--key-cache", "x", "--no-key-cache")).isEqualTo(2);
    assertThat(err.toString()).isEqualTo(
        "LoadGenerator: --key-cache and --no-key-cache exclude each other; give one (see --help)" + System.lineSeparator());
  }

  @Test
  void retryAfterIsReadAsSecondsWithOneSecondByDefault() {
    assertThat(Submitter.retryAfterNanos("2")).isEqualTo(2_000_000_000L);
    assertThat(Submitter.retryAfterNanos(" 0 ")).isZero();
    assertThat(Submitter.retryAfterNanos(null)).isEqualTo(1_000_000_000L);
    assertThat(Submitter.retryAfterNanos("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(1_000_000_000L);
    assertThat(Submitter.retryAfterNanos("-5")).isEqualTo(1_000_000_000L);
    assertThat(Submitter.isForNow(503)).isTrue();
    assertThat(Submitter.isForNow(429)).isTrue();
    assertThat(Submitter.isForNow(409)).isFalse();
    assertThat(Submitter.isTooFarForNow("nonce_too_far")).isTrue();
    assertThat(Submitter.isTooFarForNow("pool_full")).isFalse();
  }

  @Test
  void aRefusedTransactionHoldsItsSendersLaterOnesUntilItIsTaken() throws Exception {
    SenderOrder order = new SenderOrder(2, 256);
    assertThat(order.claim(List.of(0, 1, 2, 3))).containsExactly(0, 1, 2, 3);
    assertThat(order.answered(List.of(0, 1), false, List.of(0), 100)).as("0 refused until t=100").isEmpty();
    assertThat(order.answered(List.of(2, 3), false, List.of(), 0)).isEmpty();
    assertThat(order.outstanding()).isEqualTo(1);
    assertThat(order.claim(List.of(4, 5, 6, 7))).as("sender 0's later ones wait behind 0").containsExactly(5, 7);
    assertThat(order.held()).isEqualTo(3);
    long[] now = {50};
    assertThat(order.awaitDue(() -> now[0], 0)).as("not yet due").isEmpty();
    now[0] = 100;
    assertThat(order.awaitDue(() -> now[0], 0)).as("due: 0 first, then what waited behind it").containsExactly(0, 4, 6);
    assertThat(order.claim(List.of(8, 9))).as("sender 0 is being sent again").containsExactly(9);
    assertThat(order.answered(List.of(5, 7, 9), false, List.of(), 0)).isEmpty();
    assertThat(order.answered(List.of(0, 4, 6), true, List.of(), 0)).as("taken: what waited meanwhile goes").containsExactly(8);
    assertThat(order.answered(List.of(8), true, List.of(), 0)).isEmpty();
    assertThat(order.claim(List.of(10))).as("sender 0 back on schedule").containsExactly(10);
    assertThat(order.outstanding()).isEqualTo(1);
    assertThat(order.held()).isZero();
  }

  private void assertEverythingTakenInOrder(Submitter s) {
    assertThat(s.rejected).isEmpty();
    assertThat(s.accepted.sum()).isEqualTo(TOTAL);
    assertThat(s.firstSent.get()).isEqualTo(TOTAL);
    List<Integer> seen = List.copyOf(taken);
    assertThat(seen).as("each transaction taken once").doesNotHaveDuplicates().hasSize(TOTAL);
    for (int sender = 0; sender < SENDERS; sender++) {
      final int of = sender;
      List<Integer> nonces = seen.stream().filter(i -> i % SENDERS == of).map(i -> i / SENDERS).toList();
      assertThat(nonces).as("sender %d's nonces in the order taken", sender).isSorted().hasSize(TOTAL / SENDERS);
    }
    long[] h = s.attemptsHistogram();
    assertThat(h[0] + h[1] + h[2]).isEqualTo(TOTAL);
    assertThat(h[1] + h[2]).as("some were refused and sent again").isPositive();
    assertThat(s.resent.sum()).as("one resending per attempt after the first").isGreaterThanOrEqualTo(h[1] + 2 * h[2]);
    assertThat(s.requests.summary().refusedByKind()).containsOnlyKeys("503 not_ready, Retry-After: 1");
  }

  /** Runs the schedule against two fake nodes and waits (bounded) until nothing is held or in flight. */
  private Submitter runUntilSettled(boolean single, boolean resubmit) throws Exception {
    // One connection: a request is answered before the next is sent, so every refusal is known
    // before the sender's next transaction is due (with several, one already in flight when an
    // earlier one is refused may be taken first: SenderOrder's documented limit).
    List<URI> nodes = List.of(fakeNode(), fakeNode());
    byte[][] raw = new byte[TOTAL][];
    for (int i = 0; i < TOTAL; i++) {
      raw[i] = CanonicalWriter.create(9).uint(i).toByteArray();
    }
    Submitter s = new Submitter(nodes, raw, SENDERS, System.nanoTime(), Schedule.steady(200), single, 4, resubmit);
    s.start(1);
    Await.until("every transaction taken", Duration.ofSeconds(45), () -> s.scheduleDone() && s.outstanding() == 0);
    s.stop();
    return s;
  }

  private URI fakeNode() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(pool);
    server.createContext("/api/v1/transactions", this::answer);
    server.start();
    servers.add(server);
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void answer(HttpExchange ex) throws IOException {
    byte[] body = ex.getRequestBody().readAllBytes();
    if (requestCount.incrementAndGet() % 3 == 0) {
      reply(ex, 503, "{\"error\":{\"code\":\"not_ready\",\"message\":\"busy\"}}", "1");
      return;
    }
    CanonicalReader r = CanonicalReader.of(body);
    boolean batch = (body[0] & 0xf0) == 0x90 || body[0] == (byte) 0xdc;
    if (!batch) {
      taken.add((int) r.readUint("tx"));
      reply(ex, 202, "{\"status\":\"pending\"}", null);
      return;
    }
    int n = r.readArrayHeader("batch", 1, 1024);
    StringBuilder results = new StringBuilder("{\"results\":[");
    java.util.Set<Integer> tooFarSenders = new java.util.HashSet<>();
    for (int k = 0; k < n; k++) {
      int i = (int) r.readUint("tx");
      results.append(k == 0 ? "" : ",");
      // like a node whose window for the sender is full: this one and the sender's later ones
      if ((i % 7 == 3 && tooFarOnce.add(i)) || tooFarSenders.contains(i % SENDERS)) {
        tooFarSenders.add(i % SENDERS);
        results.append("{\"error\":{\"code\":\"nonce_too_far\",\"message\":\"later\"}}");
      } else {
        taken.add(i);
        results.append("{\"status\":\"pending\"}");
      }
    }
    reply(ex, 200, results.append("]}").toString(), null);
  }

  private static void reply(HttpExchange ex, int status, String json, String retryAfter) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    if (retryAfter != null) {
      ex.getResponseHeaders().set("Retry-After", retryAfter);
    }
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }
}
