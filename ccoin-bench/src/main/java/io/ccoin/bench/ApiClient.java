package io.ccoin.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccoin.api.Address;
import io.ccoin.api.Hash;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * The few calls of a node's HTTP API (docs/API.md) the load generator makes, over one keep-alive
 * connection of its own, with OkHttp (ccoin's one HTTP client; its cost against a hand-written client
 * is in docs/PERFORMANCE.md). Meant for one thread and node; {@link #close} closes its connection.
 */
final class ApiClient implements Closeable {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String MSGPACK = "application/msgpack";
  private static final MediaType MSGPACK_TYPE = MediaType.get(MSGPACK);
  /** Timeouts and thread pools shared by every client; each client gets its own connection pool. */
  private static final OkHttpClient SHARED = new OkHttpClient.Builder()
      .connectTimeout(Duration.ofSeconds(5))
      .readTimeout(Duration.ofSeconds(30))
      .build();

  /** A response: status code, body, and its {@code Retry-After} header (null when it has none). */
  record Response(int status, byte[] body, String retryAfter) {
    Response(int status, byte[] body) {
      this(status, body, null);
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final URI base;
  private final OkHttpClient http;

  ApiClient(URI base) {
    this.base = base;
    this.http = SHARED.newBuilder().connectionPool(new ConnectionPool(1, 5, TimeUnit.MINUTES)).build();
  }

  URI base() {
    return base;
  }

  /** What {@code GET /status} says about the network and the head. */
  record Status(long chainId, Hash genesisHash, long head, int pool) {}

  /** An account as {@code GET /accounts/{a}} reports it. */
  record AccountState(long balance, long nonce, long pendingNonce) {}

  Status status() throws IOException {
    JsonNode o = getJson("/api/v1/status");
    return new Status(o.path("chainId").asLong(), Hash.fromHex(o.path("genesisHash").asText()), o.path("number").asLong(),
        o.path("pool").asInt());
  }

  AccountState account(Address a) throws IOException {
    JsonNode o = getJson("/api/v1/accounts/" + a.toHex());
    return new AccountState(Long.parseLong(o.path("balance").asText("0")), o.path("nonce").asLong(), o.path("pendingNonce").asLong());
  }

  /**
   * A canonical block as {@code GET /blocks/{number}?transactions=hashes} reports it: its hash, its
   * parent's, its miner, its timestamp (ms since the epoch), its transactions' hashes.
   */
  record BlockTxs(long number, Hash hash, Hash parentHash, String miner, long timestamp, List<Hash> txHashes) {}

  /** The canonical block at {@code number}, or empty when the chain is not that long. */
  Optional<BlockTxs> block(long number) throws IOException {
    // Hashes only: the full form makes the node encode every transaction and read the state after
    // the block, work a run would otherwise add to the node it follows.
    String path = "/api/v1/blocks/" + number + "?transactions=hashes";
    Response r = get(path);
    if (r.status() == 404) {
      return Optional.empty();
    }
    if (r.status() != 200) {
      throw new IOException("GET " + base + path + ": HTTP " + r.status() + " " + r.text());
    }
    JsonNode o = JSON.readTree(r.body());
    List<Hash> txs = new ArrayList<>();
    for (JsonNode tx : o.path("transactions")) {
      txs.add(Hash.fromHex(tx.asText()));
    }
    return Optional.of(new BlockTxs(o.path("number").asLong(), Hash.fromHex(o.path("hash").asText()),
        Hash.fromHex(o.path("parentHash").asText()), o.path("miner").asText(""), o.path("timestamp").asLong(), txs));
  }

  /**
   * Submits a batch (docs/API.md): a msgpack array of the encoded transactions, answered with one
   * result per transaction.
   */
  Response submitBatch(List<byte[]> raws) throws IOException {
    int size = 5;
    for (byte[] r : raws) {
      size += r.length;
    }
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream(size);
    body.writeBytes(io.ccoin.core.codec.CanonicalWriter.create(5).arrayHeader(raws.size()).toByteArray());
    raws.forEach(body::writeBytes);
    return post("/api/v1/transactions", body.toByteArray());
  }

  /** Per transaction of a batch answer, in order: empty when it was taken, else its error code. */
  static List<String> batchErrors(Response r) throws IOException {
    List<String> out = new ArrayList<>();
    for (JsonNode result : JSON.readTree(r.body()).path("results")) {
      out.add(result.has("error") ? result.path("error").path("code").asText("error") : "");
    }
    return out;
  }

  /** Submits an encoded transaction as {@code application/msgpack}. */
  Response submit(byte[] raw) throws IOException {
    return post("/api/v1/transactions", raw);
  }

  /** The node's Prometheus text ({@code GET /metrics}, docs/MONITORING.md). */
  String metrics() throws IOException {
    Response r = exchange(new Request.Builder().url(base + "/metrics").get().build());
    if (r.status() != 200) {
      throw new IOException("GET " + base + "/metrics: HTTP " + r.status());
    }
    return r.text();
  }

  private Response get(String path) throws IOException {
    return exchange(new Request.Builder().url(base + path).header("Accept", "application/json").get().build());
  }

  private Response post(String path, byte[] body) throws IOException {
    return exchange(new Request.Builder().url(base + path).header("Accept", "application/json")
        .post(RequestBody.create(body, MSGPACK_TYPE)).build());
  }

  private Response exchange(Request request) throws IOException {
    try (okhttp3.Response r = http.newCall(request).execute()) {
      return new Response(r.code(), r.body().bytes(), r.header("Retry-After"));
    }
  }

  private JsonNode getJson(String path) throws IOException {
    Response r = get(path);
    if (r.status() != 200) {
      throw new IOException("GET " + base + path + ": HTTP " + r.status() + " " + r.text());
    }
    return JSON.readTree(r.body());
  }

  /** The {@code error.code} of an error answer, or {@code http_<status>}. */
  static String errorCode(Response r) {
    try {
      String code = JSON.readTree(r.body()).path("error").path("code").asText("");
      return code.isEmpty() ? "http_" + r.status() : code;
    } catch (IOException e) {
      return "http_" + r.status();
    }
  }

  /** Closes this client's keep-alive connection. */
  @Override
  public void close() {
    http.connectionPool().evictAll();
  }
}
