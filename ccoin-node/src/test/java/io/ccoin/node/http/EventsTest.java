package io.ccoin.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ccoin.api.Block;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.Transaction;
import io.ccoin.core.Await;
import io.ccoin.core.Hashes;
import io.ccoin.core.pool.PoolConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
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
      this(http, url, "text/event-stream");
    }

    /** A stream asked for with this {@code Accept} header, or none when null (OkHttp adds none of its own). */
    Stream(OkHttpClient http, String url, String accept) throws IOException {
      Request.Builder request = new Request.Builder().url(url);
      if (accept != null) {
        request.header("Accept", accept);
      }
      response = http.newCall(request.build()).execute();
      assertThat(response.request().header("Accept")).isEqualTo(accept);
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
  void withoutAStreamTheNodesEventsNeverReachTheDispatcher() throws Exception {
    fx = new ApiFixture();
    // under load a node fires an event per admitted transaction: without clients they must cost
    // nothing here (they once filled the dispatcher's queue and logged a warning per event)
    for (int nonce = 0; nonce < 3; nonce++) {
      assertThat(fx.submit(fx.transfer(fx.alice, nonce, fx.bob, 1, 3)).status()).isEqualTo(202);
    }
    fx.extend(List.of(fx.transfer(fx.alice, 0, fx.bob, 1, 3)));
    assertThat(fx.server.eventsDispatched()).isZero();

    try (Stream events = new Stream(fx.http, fx.base + "/api/v1/events")) {
      Transaction tx = fx.transfer(fx.alice, 3, fx.bob, 1, 3);
      assertThat(fx.submit(tx).status()).isEqualTo(202);
      Event e = events.next();
      assertThat(e.name()).isEqualTo("tx");
      assertThat(e.data().get("hash").asText()).isEqualTo(Hashes.txHash(tx).toHex());
      assertThat(fx.server.eventsDispatched()).isEqualTo(1);
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
  void aRequestWithoutAcceptOrWithAcceptAnyStreamsEventsAsCurlDoes() throws Exception {
    fx = new ApiFixture();
    // curl -N sends "Accept: */*"; plain HTTP clients often send no Accept at all
    try (Stream curl = new Stream(fx.http, fx.base + "/api/v1/events", "*/*");
        Stream bare = new Stream(fx.http, fx.base + "/api/v1/events", null);
        Stream browser = new Stream(fx.http, fx.base + "/api/v1/events", "text/html,application/xhtml+xml,text/*;q=0.8")) {
      assertThat(fx.server.eventClientCount()).isEqualTo(3);
      StoredBlock b1 = fx.extend(List.of());
      for (Stream s : List.of(curl, bare, browser)) {
        Event e = s.next();
        assertThat(e.name()).isEqualTo("block");
        assertThat(e.data().get("hash").asText()).isEqualTo(b1.hash().toHex());
      }
    }
  }

  @Test
  void requestsThatDoNotBecomeStreamsTakeNoPlace() throws Exception {
    fx = new ApiFixture();
    // more than the 64 places: none of these may keep one
    for (int i = 0; i < 70; i++) {
      if (i % 2 == 0) {
        ApiFixture.Reply r = fx.call(new Request.Builder().url(fx.base + "/api/v1/events").header("Accept", "application/json").build());
        assertThat(r.error(406, "not_acceptable")).contains("text/event-stream");
      } else {
        ApiFixture.Reply r = fx.call(new Request.Builder().url(fx.base + "/api/v1/events").head().build());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEmpty();
      }
      assertThat(fx.server.eventClientCount()).isZero();
    }
    ApiFixture.Reply excluded = fx.call(new Request.Builder().url(fx.base + "/api/v1/events")
        .header("Accept", "text/event-stream;q=0, */*").build());
    excluded.error(406, "not_acceptable");
    try (Stream real = new Stream(fx.http, fx.base + "/api/v1/events")) {
      assertThat(fx.server.eventClientCount()).isEqualTo(1);
      fx.extend(List.of());
      assertThat(real.next().name()).isEqualTo("block");
    }
  }

  @Test
  void theNumberOfStreamsIsBounded() throws Exception {
    fx = new ApiFixture(b -> b.config(ApiConfig.builder().maxEventClients(1).eventHeartbeat(Duration.ofMillis(50)).build()),
        PoolConfig.DEFAULT);
    try (Stream first = new Stream(fx.http, fx.base + "/api/v1/events")) {
      assertThat(fx.server.eventClientCount()).isEqualTo(1);
      ApiFixture.Reply refused = fx.get("/api/v1/events");
      refused.error(429, "rate_limited");
      // one heartbeat (50 ms here) rounded up to whole seconds
      assertThat(refused.headers().get("Retry-After")).isEqualTo("1");
      assertThat(first.source.readUtf8LineStrict()).isEqualTo(": keep-alive");
    }
    // the heartbeat finds the closed stream and frees its place
    Await.until("the closed stream to be dropped", () -> fx.server.eventClientCount() == 0);
    try (Stream again = new Stream(fx.http, fx.base + "/api/v1/events")) {
      assertThat(fx.server.eventClientCount()).isEqualTo(1);
      assertThat(again.response.code()).isEqualTo(200);
    }
  }

  @Test
  void clientsThatGoAwayGiveTheirPlacesBack() throws Exception {
    fx = new ApiFixture(b -> b.config(ApiConfig.builder().maxEventClients(3).eventHeartbeat(Duration.ofMillis(50)).build()),
        PoolConfig.DEFAULT);
    for (int round = 0; round < 3; round++) {
      List<Stream> streams = new java.util.ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) {
          streams.add(new Stream(fx.http, fx.base + "/api/v1/events", "*/*"));
        }
        assertThat(fx.server.eventClientCount()).isEqualTo(3);
        ApiFixture.Reply full = fx.get("/api/v1/events");
        full.error(429, "rate_limited");
        assertThat(full.headers().get("Retry-After")).isEqualTo("1");
      } finally {
        streams.forEach(Stream::close);
      }
      Await.until("the streams of round " + round + " to be dropped", () -> fx.server.eventClientCount() == 0);
    }
    try (Stream again = new Stream(fx.http, fx.base + "/api/v1/events", null)) {
      assertThat(fx.server.eventClientCount()).isEqualTo(1);
      assertThat(again.response.header("Cache-Control")).isEqualTo("no-cache");
    }
  }

  @Test
  void theRetryAfterOfAFullServerIsOneHeartbeatRoundedUp() {
    fx = new ApiFixture();
    Views views = new Views(fx.node, new BlockStates(fx.node, 100));
    try (EventStream byDefault = new EventStream(fx.node, views, ApiConfig.DEFAULT);
        EventStream odd = new EventStream(fx.node, views, ApiConfig.builder().eventHeartbeat(Duration.ofMillis(1_001)).build())) {
      assertThat(byDefault.retryAfterSeconds()).isEqualTo(15);
      assertThat(odd.retryAfterSeconds()).isEqualTo(2);
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
        Await.until("block " + i + " to reach the reader", () -> reader.events.size() == seen);
      }
      Await.until("the stalled client to be dropped", () -> stream.clientCount() == 1);
      Await.until("the stalled client to be closed", () -> stalled.closed);
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
