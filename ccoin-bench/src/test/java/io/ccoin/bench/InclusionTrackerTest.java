package io.ccoin.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ccoin.api.Hash;
import io.ccoin.core.Await;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The tracker follows a node's canonical chain through {@code GET /status} and
 * {@code GET /blocks/{n}}, stamps the run's transactions once, ignores others, and steps back to
 * read the new branch after a reorganisation.
 */
class InclusionTrackerTest {
  /** A fake API serving a chain that the test replaces at will. */
  static final class FakeNode {
    record FakeBlock(Hash hash, Hash parent, List<Hash> txs) {}

    final HttpServer server;
    volatile List<FakeBlock> chain = List.of(); // index i holds block number i + 1
    final AtomicInteger statusCalls = new AtomicInteger();

    FakeNode() throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/api/v1/status", ex -> {
        statusCalls.incrementAndGet();
        reply(ex, 200, "{\"chainId\":1,\"genesisHash\":\"" + hash(0) + "\",\"number\":" + chain.size() + ",\"pool\":0}");
      });
      server.createContext("/api/v1/blocks/", ex -> {
        if (!"transactions=hashes".equals(ex.getRequestURI().getQuery())) {
          reply(ex, 400, "{\"error\":{\"code\":\"bad_parameter\",\"message\":\"the tracker asks for hashes only\"}}");
          return;
        }
        long n = Long.parseLong(ex.getRequestURI().getPath().substring("/api/v1/blocks/".length()));
        List<FakeBlock> c = chain;
        if (n < 1 || n > c.size()) {
          reply(ex, 404, "{\"error\":{\"code\":\"not_found\",\"message\":\"no block\"}}");
          return;
        }
        FakeBlock b = c.get((int) n - 1);
        StringBuilder txs = new StringBuilder();
        for (Hash t : b.txs()) {
          txs.append(txs.length() == 0 ? "" : ",").append("\"").append(t).append("\"");
        }
        reply(ex, 200, "{\"number\":" + n + ",\"hash\":\"" + b.hash() + "\",\"parentHash\":\"" + b.parent()
            + "\",\"timestamp\":" + timestamp(n, b.hash()) + ",\"transactions\":[" + txs + "]}");
      });
      server.start();
    }

    /** A block's timestamp: a second per number, plus a few ms that differ between branches. */
    static long timestamp(long number, Hash hash) {
      return number * 1000 + (hash.toHex().hashCode() & 0xff);
    }

    URI uri() {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void reply(HttpExchange ex, int status, String json) throws IOException {
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(status, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    }
  }

  private FakeNode node;

  @AfterEach
  void stop() {
    if (node != null) {
      node.server.stop(0);
    }
  }

  static Hash hash(int i) {
    byte[] b = new byte[Hash.SIZE];
    Arrays.fill(b, (byte) i);
    b[0] = (byte) (i >> 8);
    return Hash.of(b);
  }

  @Test
  @Timeout(30)
  void stampsTheRunsTransactionsOnceAndFollowsAReorganisation() throws Exception {
    node = new FakeNode();
    Hash t1 = hash(101);
    Hash t2 = hash(102);
    Hash t3 = hash(103);
    Hash t4 = hash(104);
    Hash notOurs = hash(199);
    Map<Hash, Integer> run = new HashMap<>(Map.of(t1, 0, t2, 1, t3, 2, t4, 3));
    long[] mined = new long[4];

    FakeNode.FakeBlock b1 = new FakeNode.FakeBlock(hash(1), hash(0), List.of());
    FakeNode.FakeBlock b2 = new FakeNode.FakeBlock(hash(2), hash(1), List.of(t1, notOurs));
    FakeNode.FakeBlock a3 = new FakeNode.FakeBlock(hash(3), hash(2), List.of(t2));
    node.chain = List.of(b1); // block 1 was the head before the run: the tracker starts after it

    try (InclusionTracker tracker = new InclusionTracker(node.uri(), run, mined, 1, 5)) {
      tracker.start();
      node.chain = List.of(b1, b2, a3);
      Await.until("t1 and t2 seen", () -> tracker.mined() == 2);
      assertThat(mined[0]).isPositive();
      assertThat(mined[1]).isPositive();
      long t2Stamp = mined[1];

      // A heavier branch replaces block 3: B3 carries t2 again and t3, B4 carries t4.
      FakeNode.FakeBlock b3 = new FakeNode.FakeBlock(hash(13), hash(2), List.of(t2, t3));
      FakeNode.FakeBlock b4 = new FakeNode.FakeBlock(hash(14), hash(13), List.of(t4));
      List<FakeNode.FakeBlock> reorganised = new ArrayList<>(List.of(b1, b2, b3, b4));
      node.chain = reorganised;
      Await.until("every transaction of the run seen", () -> tracker.mined() == 4);
      assertThat(mined[2]).isPositive();
      assertThat(mined[3]).isPositive();
      assertThat(mined[1]).as("a transaction keeps its first stamp").isEqualTo(t2Stamp);
      int calls = node.statusCalls.get();
      Await.until("a few more rounds", () -> node.statusCalls.get() > calls + 3);
      assertThat(tracker.mined()).isEqualTo(4);
      assertThat(tracker.failure()).isNull();
      // the timestamps of the followed chain, the head before the run included, from the new branch
      assertThat(tracker.blockTimestamps()).containsExactly(Map.entry(1L, FakeNode.timestamp(1, b1.hash())),
          Map.entry(2L, FakeNode.timestamp(2, b2.hash())), Map.entry(3L, FakeNode.timestamp(3, b3.hash())),
          Map.entry(4L, FakeNode.timestamp(4, b4.hash())));
      assertThat(tracker.roundMillis()).isPositive();
    }
  }

  @Test
  @Timeout(30)
  void anUnreachableNodeIsReportedAsAFailure() throws Exception {
    node = new FakeNode();
    URI gone = node.uri();
    node.server.stop(0);
    node = null;
    try (InclusionTracker tracker = new InclusionTracker(gone, Map.of(), new long[0], 0, 5)) {
      tracker.start();
      Await.until("the failure", () -> tracker.failure() != null);
      assertThat(tracker.mined()).isZero();
    }
  }
}
