package io.ccoin.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ccoin.api.Bytes;
import io.ccoin.api.Transaction;
import io.ccoin.core.pool.PoolConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Early refusal under overload: when the pool has no room, {@code POST /transactions}, single or
 * batch, JSON or msgpack, is answered {@code 503 not_ready} with {@code Retry-After} before any
 * transaction is decoded or its signature verified (a batch of bad signatures is refused whole with
 * 503, not entry by entry with {@code bad_signature}); once the pool has room again, submissions are
 * taken; bodies stay bounded.
 */
class SubmitOverloadTest {
  static final String PATH = "/api/v1/transactions";
  static final int POOL = 2;
  static final int MAX_BODY = 16 * 1024;
  ApiFixture fx;

  @BeforeEach
  void start() {
    fx = new ApiFixture(b -> b.config(ApiConfig.builder().maxBodyBytes(MAX_BODY).submitRate(ApiConfig.RateLimit.UNLIMITED).build()),
        PoolConfig.DEFAULT.withMaxCount(POOL));
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  private Transaction badlySigned(long nonce) {
    Transaction tx = fx.transfer(fx.bob, nonce, fx.alice, 5, 1);
    byte[] sig = tx.signature().toArray();
    sig[100] ^= 1;
    return tx.withSignature(Bytes.of(sig));
  }

  private List<Transaction> badlySigned(int n) {
    List<Transaction> txs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      txs.add(badlySigned((long) i));
    }
    return txs;
  }

  private static void poolFull(ApiFixture.Reply r) {
    assertThat(r.error(503, "not_ready")).contains("pool is full");
    assertThat(r.headers().get("Retry-After")).isEqualTo("1");
  }

  private void fillThePool() {
    for (int i = 0; i < POOL; i++) {
      assertThat(fx.submit(fx.transfer(fx.alice, i, fx.bob, 5, 1)).status()).isEqualTo(202);
    }
    assertThat(fx.node.poolRoom()).isZero();
  }

  @Test
  void aFullPoolRefusesBatchesAndSinglesWith503BeforeCheckingAnySignature() {
    fillThePool();
    ApiFixture.Snapshot before = fx.snapshot();
    // bad signatures: were they verified, each entry would be refused bad_signature in a 200
    poolFull(fx.postJson(PATH, SubmitBatchTest.jsonBatch(badlySigned(3))));
    poolFull(fx.post(PATH, SubmitBatchTest.msgpackBatch(badlySigned(3)), ApiFixture.MSGPACK, Map.of()));
    poolFull(fx.submit(badlySigned(0L)));
    // a good transaction is refused the same way: the pool could not take it without evicting
    poolFull(fx.submit(fx.transfer(fx.alice, POOL, fx.bob, 5, 1)));
    // even a body that could not be read: refused before it is read
    poolFull(fx.postJson(PATH, "{"));
    poolFull(fx.post(PATH, new byte[MAX_BODY + 1], ApiFixture.MSGPACK, Map.of()));
    assertThat(fx.snapshot()).isEqualTo(before);
    assertThat(fx.get("/metrics").text()).containsPattern("ccoin_api_submissions_refused_total [6-9]");
  }

  @Test
  void onceThePoolHasRoomSubmissionsAreTakenAndChecked() {
    fillThePool();
    poolFull(fx.submit(fx.transfer(fx.alice, POOL, fx.bob, 5, 1)));
    // a block takes the pool's transactions: room again
    fx.extend(List.of(fx.transfer(fx.alice, 0, fx.bob, 5, 1), fx.transfer(fx.alice, 1, fx.bob, 5, 1)));
    assertThat(fx.node.poolRoom()).isEqualTo(POOL);
    // now a batch of bad signatures is checked, entry by entry
    ApiFixture.Reply checked = fx.postJson(PATH, SubmitBatchTest.jsonBatch(badlySigned(2)));
    assertThat(checked.status()).isEqualTo(200);
    for (JsonNode result : checked.json().get("results")) {
      assertThat(result.get("error").get("code").asText()).isEqualTo("bad_signature");
    }
    // bodies are still bounded when there is room
    fx.post(PATH, new byte[MAX_BODY + 1], ApiFixture.MSGPACK, Map.of()).error(413, "too_large");
    // and good transactions are taken
    ApiFixture.Reply taken = fx.post(PATH, SubmitBatchTest.msgpackBatch(
        List.of(fx.transfer(fx.alice, 2, fx.bob, 5, 1), fx.transfer(fx.alice, 3, fx.bob, 5, 1))), ApiFixture.MSGPACK, Map.of());
    assertThat(taken.status()).isEqualTo(200);
    assertThat(taken.json().get("accepted").asInt()).isEqualTo(2);
    assertThat(fx.node.poolStats().count()).isEqualTo(POOL);
    poolFull(fx.submit(fx.transfer(fx.alice, 4, fx.bob, 5, 1)));
  }

  @Test
  void aBatchLargerThanTheRoomLeftIsTakenWhenNothingElseIsInFlightAndItsRestRefusedUnchecked() {
    // one place left, a batch of three, nothing else in flight: it goes in and fills what it can
    assertThat(fx.submit(fx.transfer(fx.alice, 0, fx.bob, 5, 1)).status()).isEqualTo(202);
    Transaction bad = badlySigned(0L);
    ApiFixture.Reply r = fx.postJson(PATH, SubmitBatchTest.jsonBatch(
        List.of(fx.transfer(fx.alice, 1, fx.bob, 5, 1), fx.transfer(fx.alice, 2, fx.bob, 5, 1), bad)));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("accepted").asInt()).isEqualTo(1);
    assertThat(r.json().get("refused").asInt()).isEqualTo(2);
    // once the pool is full, the rest is pool_full without being verified (else: bad_signature)
    JsonNode last = r.json().get("results").get(2);
    assertThat(last.get("error").get("code").asText()).isEqualTo("pool_full");
    assertThat(last.get("hash").asText()).isEqualTo(io.ccoin.core.Hashes.txHash(bad).toHex());
    assertThat(r.json().get("results").get(1).get("error").get("code").asText()).isEqualTo("pool_full");
  }
}
