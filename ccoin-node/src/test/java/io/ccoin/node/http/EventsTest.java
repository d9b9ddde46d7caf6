package io.ccoin.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ccoin.api.Block;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.Transaction;
import io.ccoin.core.Hashes;
import io.ccoin.core.pool.PoolConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /events}: block, tx and reorg events, the stream limit and slow clients. */
class EventsTest {
  ApiFixture fx;

  @AfterEach
  void stop() {
    if (fx != null) {
      fx.close();
    }
  }

  /** One server-sent event. */
  record Event(String name, JsonNode data) {}

  /** Reads events from an open stream, skipping comments. */
  static final class Stream implements AutoCloseable {
    final Response response;
    final BufferedSource source;

    Stream(OkHttpClient http, String url) throws IOException {
      response = http.newCall(new Request.Builder().url(url).header("Accept", "text/event-stream").build()).execute();
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.header("Content-Type")).startsWith("text/event-stream");
      source = response.body().source();
      // the server greets with a comment once the stream is registered
      assertThat(source.readUtf8LineStrict()).isEqualTo(": ccoin events");
    }

    Event next() throws IOException {
      String name = null;
      String data = null;
      while (true) {
        String line = source.readUtf8LineStrict();
        if (line.isEmpty()) {
          if (name != null) {
            return new Event(name, ApiFixture.MAPPER.readTree(data));
          }
        } else if (line.startsWith("event: ")) {
          name = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data = line.substring(6);
        }
      }
    }

    @Override
    public void close() {
      response.close();
    }
  }

  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for %s", what).isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  @Test
  void blocksTransactionsAndReorgsAreStreamed() throws Exception {
    fx = new ApiFixture();
    try (Stream events = new Stream(fx.http, fx.base + "/api/v1/events")) {
      Transaction tx = fx.transfer(fx.alice, 0, fx.bob, 42, 3);
      assertThat(fx.submit(tx).status()).isEqualTo(202);
      Event e = events.next();
      assertThat(e.name()).isEqualTo("tx");
      assertThat(e.data().get("hash").asText()).isEqualTo(Hashes.txHash(tx).toHex());
      assertThat(e.data().get("from").asText()).isEqualTo(fx.alice.address().toHex());
      assertThat(e.data().get("to").asText()).isEqualTo(fx.bob.address().toHex());
      assertThat(e.data().get("value").asText()).isEqualTo("42");
      assertThat(e.data().get("fee").asText()).isEqualTo("3");
      assertThat(e.data().get("nonce").asLong()).isZero();

      StoredBlock b1 = fx.extend(List.of(tx));
      e = events.next();
      assertThat(e.name()).isEqualTo("block");
      assertThat(e.data().get("number").asLong()).isEqualTo(1);
      assertThat(e.data().get("hash").asText()).isEqualTo(b1.hash().toHex());
      assertThat(e.data().get("txCount").asInt()).isEqualTo(1);

      // a backup's block first, then the leader's heavier one on the same parent: a reorg
      StoredBlock backup = fx.importBlock(fx.f.block(b1, fx.f.minerOfRank(b1, 1), List.of()));
      e = events.next();
      assertThat(e.name()).isEqualTo("block");
      assertThat(e.data().get("hash").asText()).isEqualTo(backup.hash().toHex());
      assertThat(e.data().get("inTurn").asBoolean()).isFalse();
      Block leaderBlock = fx.f.block(b1, fx.f.leaderOn(b1), List.of());
      StoredBlock leader = fx.importBlock(leaderBlock);
      e = events.next();
      assertThat(e.name()).isEqualTo("reorg");
      assertThat(e.data().get("oldHead").asText()).isEqualTo(backup.hash().toHex());
      assertThat(e.data().get("newHead").asText()).isEqualTo(leader.hash().toHex());
      assertThat(e.data().get("commonAncestor").asText()).isEqualTo(b1.hash().toHex());
      assertThat(e.data().get("dropped").get(0).asText()).isEqualTo(backup.hash().toHex());
      assertThat(e.data().get("added").get(0).asText()).isEqualTo(leader.hash().toHex());
      e = events.next();
      assertThat(e.name()).isEqualTo("block");
      assertThat(e.data().get("hash").asText()).isEqualTo(leader.hash().toHex());
      assertThat(e.data().get("inTurn").asBoolean()).isTrue();
    }
  }

  @Test
  void aDroppedTransactionIsStreamedAndAnsweredAsDroppedWithItsReason() throws Exception {
    fx = new ApiFixture();
    try (Stream events = new Stream(fx.http, fx.base + "/api/v1/events")) {
      Transaction first = fx.transfer(fx.alice, 0, fx.bob, 42, 2);
      Transaction better = fx.transfer(fx.alice, 0, fx.bob, 42, 5);
      assertThat(fx.submit(first).status()).isEqualTo(202);
      assertThat(fx.submit(better).status()).isEqualTo(202);
      Event e = events.next();
      assertThat(e.name()).isEqualTo("tx");
      assertThat(e.data().get("status").asText()).isEqualTo("pending");
      e = events.next();
      assertThat(e.name()).isEqualTo("tx");
      assertThat(e.data().get("hash").asText()).isEqualTo(Hashes.txHash(first).toHex());
      assertThat(e.data().get("status").asText()).isEqualTo("dropped");
      assertThat(e.data().get("reason").asText()).isEqualTo("replaced");
      assertThat(e.data().get("nonce").asLong()).isZero();
      e = events.next();
      assertThat(e.data().get("hash").asText()).isEqualTo(Hashes.txHash(better).toHex());
      assertThat(e.data().get("status").asText()).isEqualTo("pending");

      JsonNode status = fx.get("/api/v1/transactions/" + Hashes.txHash(first).toHex()).json();
      assertThat(status.get("status").asText()).isEqualTo("dropped");
      assertThat(status.get("reason").asText()).isEqualTo("replaced");
      assertThat(status.get("droppedAt").asLong()).isEqualTo(fx.f.clock.millis());
      assertThat(status.get("fee").asText()).isEqualTo("2");
      assertThat(status.has("blockNumber")).isFalse();

      // mined: an inclusion is no drop and streams no tx event, only the block
      fx.extend(List.of(better));
      e = events.next();
      assertThat(e.name()).isEqualTo("block");
      assertThat(fx.get("/api/v1/transactions/" + Hashes.txHash(better).toHex()).json().get("status").asText())
          .isEqualTo("confirmed");
    }
  }

  @Test
  void theNumberOfStreamsIsBounded() throws Exception {
    fx = new ApiFixture(b -> b.config(ApiConfig.builder().maxEventClients(1).eventHeartbeat(Duration.ofMillis(50)).build()),
        PoolConfig.DEFAULT);
    try (Stream first = new Stream(fx.http, fx.base + "/api/v1/events")) {
      assertThat(fx.server.eventClientCount()).isEqualTo(1);
      fx.get("/api/v1/events").error(429, "rate_limited");
      assertThat(first.source.readUtf8LineStrict()).isEqualTo(": keep-alive");
    }
    // the heartbeat finds the closed stream and frees its place
    await("the closed stream to be dropped", () -> fx.server.eventClientCount() == 0);
    try (Stream again = new Stream(fx.http, fx.base + "/api/v1/events")) {
      assertThat(fx.server.eventClientCount()).isEqualTo(1);
      assertThat(again.response.code()).isEqualTo(200);
    }
  }

  @Test
  void aClientThatFallsBehindIsDisconnectedWithoutHoldingUpOthers() throws Exception {
    fx = new ApiFixture();
    EventStream stream = new EventStream(fx.node, new Views(fx.node, new BlockStates(fx.node, 100)),
        ApiConfig.builder().eventQueueSize(4).build());
    stream.start();
    try {
      FakeSink stalled = new FakeSink(true);
      FakeSink reader = new FakeSink(false);
      stream.register(stalled, false);
      stream.register(reader, false);
      assertThat(stream.clientCount()).isEqualTo(2);
      for (int i = 1; i <= 20; i++) {
        fx.extend(List.of());
        // The reader is paced by the test (a busy machine may run its writer thread late), so
        // only the stalled client can fall behind.
        int seen = i;
        await("block " + i + " to reach the reader", () -> reader.events.size() == seen);
      }
      await("the stalled client to be dropped", () -> stream.clientCount() == 1);
      await("the stalled client to be closed", () -> stalled.closed);
      assertThat(reader.closed).isFalse();
      assertThat(reader.events.get(19)).contains("\"number\":20");
    } finally {
      stream.close();
    }
  }

  /** A stream that records what it is sent, or blocks on the first event like a client that stopped reading. */
  static final class FakeSink implements EventStream.Sink {
    final boolean stall;
    final List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    volatile boolean closed;

    FakeSink(boolean stall) {
      this.stall = stall;
    }

    @Override
    public void send(String name, String data) {
      if (stall) {
        try {
          Thread.sleep(60_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      events.add(name + " " + data);
    }

    @Override
    public void comment(String text) {}

    @Override
    public boolean terminated() {
      return closed;
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
