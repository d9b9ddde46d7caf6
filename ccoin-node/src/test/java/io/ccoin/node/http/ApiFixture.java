package io.ccoin.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccoin.api.Account;
import io.ccoin.api.Block;
import io.ccoin.api.Hash;
import io.ccoin.api.ImportResult;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.Transaction;
import io.ccoin.core.Ccoin;
import io.ccoin.core.CcoinNode;
import io.ccoin.core.ChainConfig;
import io.ccoin.core.internal.chain.ChainFixture;
import io.ccoin.core.codec.Codec;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.pool.PoolConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A node that follows blocks the test builds with {@link ChainFixture} (three miners, a clock
 * that moves only when told), so nothing changes unless the test says so, and an {@link ApiServer}
 * on 127.0.0.1 with a random port. The wallet is {@link ChainFixture#alice}'s account.
 */
final class ApiFixture implements AutoCloseable {
  static final String TOKEN = "test-token-0123456789abcdef";
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final MediaType JSON = MediaType.get("application/json");
  static final MediaType MSGPACK = MediaType.get("application/msgpack");

  static {
    // Without a logback-test.xml of the module, Logback logs everything at DEBUG: keep the tests quiet.
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .setLevel(ch.qos.logback.classic.Level.INFO);
  }

  final ChainFixture f;
  final AccountKey alice;
  final AccountKey bob;
  final CcoinNode node;
  final ApiServer server;
  final OkHttpClient http = new OkHttpClient.Builder()
      .connectTimeout(5, TimeUnit.SECONDS).readTimeout(10, TimeUnit.SECONDS).writeTimeout(10, TimeUnit.SECONDS)
      .retryOnConnectionFailure(false).build();
  final String base;

  ApiFixture() {
    this(b -> b, PoolConfig.DEFAULT);
  }

  ApiFixture(UnaryOperator<ApiServer.Builder> server, PoolConfig pool) {
    this(server, pool, ChainConfig.DEFAULT);
  }

  ApiFixture(UnaryOperator<ApiServer.Builder> server, PoolConfig pool, ChainConfig chain) {
    f = new ChainFixture();
    alice = f.alice;
    bob = f.bob;
    node = Ccoin.builder().genesis(f.genesis.genesis()).clock(f.clock).poolConfig(pool).chainConfig(chain).build();
    this.server = server.apply(ApiServer.builder(node).wallet(Wallet.of(alice, TOKEN))).build().start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + this.server.port();
  }

  /**
   * A fixture on {@code chain} (e.g. a version 2 network), its node configured further by
   * {@code nodeSetup} (e.g. with a validator key, never started, so it produces nothing).
   */
  ApiFixture(ChainFixture chain, UnaryOperator<Ccoin.Builder> nodeSetup, UnaryOperator<ApiServer.Builder> server) {
    f = chain;
    alice = f.alice;
    bob = f.bob;
    node = nodeSetup.apply(Ccoin.builder().genesis(f.genesis.genesis()).clock(f.clock)).build();
    this.server = server.apply(ApiServer.builder(node).wallet(Wallet.of(alice, TOKEN))).build().start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + this.server.port();
  }

  private ApiFixture(int port) {
    f = null;
    alice = null;
    bob = null;
    node = null;
    server = null;
    base = "http://127.0.0.1:" + port;
  }

  /** Only the HTTP helpers, for a server the test runs itself. */
  static ApiFixture client(int port) {
    return new ApiFixture(port);
  }

  /** An HTTP answer. */
  record Reply(int status, String text, Headers headers) {
    JsonNode json() {
      try {
        return MAPPER.readTree(text);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + text, e);
      }
    }

    /** Asserts a SPEC 11 error with this status and code, and returns its message. */
    String error(int expectedStatus, String expectedCode) {
      assertThat(status).as("status of %s", text).isEqualTo(expectedStatus);
      JsonNode e = json().get("error");
      assertThat(e).as("error object in %s", text).isNotNull();
      assertThat(json().size()).isEqualTo(1);
      assertThat(e.get("code").asText()).as("code in %s", text).isEqualTo(expectedCode);
      assertThat(e.get("message").isTextual()).isTrue();
      assertThat(e.size()).isEqualTo(2);
      assertThat(text).doesNotContain("Exception").doesNotContain("\tat ");
      return e.get("message").asText();
    }
  }

  Reply get(String path) {
    return call(new Request.Builder().url(base + path).get().build());
  }

  Reply post(String path, byte[] body, MediaType type, Map<String, String> headers) {
    Request.Builder r = new Request.Builder().url(base + path).post(RequestBody.create(body, type));
    headers.forEach(r::header);
    return call(r.build());
  }

  /** {@code DELETE path}, with {@code Authorization: Bearer token} unless {@code token} is null. */
  Reply delete(String path, String token) {
    Request.Builder r = new Request.Builder().url(base + path).delete();
    if (token != null) {
      r.header("Authorization", "Bearer " + token);
    }
    return call(r.build());
  }

  Reply postJson(String path, String json) {
    return post(path, json.getBytes(java.nio.charset.StandardCharsets.UTF_8), JSON, Map.of());
  }

  /** {@code POST /transactions} with {@code {"raw": base64}}. */
  Reply submit(Transaction tx) {
    return postJson("/api/v1/transactions", "{\"raw\": \"" + Base64.getEncoder().encodeToString(Codec.encode(tx)) + "\"}");
  }

  Reply wallet(String json, String token) {
    return post("/api/v1/wallet/transactions", json.getBytes(java.nio.charset.StandardCharsets.UTF_8), JSON,
        token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
  }

  Reply call(Request request) {
    try (Response r = http.newCall(request).execute()) {
      return new Reply(r.code(), r.body() == null ? "" : r.body().string(), r.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Transaction transfer(AccountKey from, long nonce, AccountKey to, long value, long fee) {
    return f.transfer(from, nonce, to.address(), value, fee);
  }

  /** Builds the in-turn block on the head with {@code txs} and imports it. */
  StoredBlock extend(List<Transaction> txs) {
    StoredBlock parent = node.head().stored();
    Block b = f.block(parent, f.leaderOn(parent), txs);
    return importBlock(b);
  }

  StoredBlock importBlock(Block b) {
    f.clockAt(b);
    ImportResult r = node.importBlock(b);
    assertThat(r.status()).as("import %s", r).isEqualTo(ImportResult.Status.IMPORTED);
    return f.remember(b);
  }

  /** What a bad request must leave unchanged. */
  record Snapshot(Hash head, int poolSize, Account alice, Account bob) {}

  Snapshot snapshot() {
    return new Snapshot(node.head().hash(), node.poolStats().count(), node.account(alice.address()), node.account(bob.address()));
  }

  @Override
  public void close() {
    server.stop();
    node.close();
    closeClient();
  }

  void closeClient() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
