package io.ccoin.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.Bytes;
import io.ccoin.api.Transaction;
import io.ccoin.core.Await;
import io.ccoin.core.Ccoin;
import io.ccoin.core.CcoinNode;
import io.ccoin.core.TestKeys;
import io.ccoin.core.TransactionBuilder;
import io.ccoin.core.codec.Codec;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.genesis.GenesisParser;
import io.ccoin.core.pool.PoolConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * A validator whose pool is full keeps producing blocks while several clients flood its API with
 * batches, and every batch is refused early ({@code 503 not_ready} with {@code Retry-After}), none
 * checked entry by entry: the batches carry bad signatures, which would be answered
 * {@code bad_signature} in a {@code 200} had they been verified. Blocks are counted, not timed (the
 * node runs on the system clock; the flood is bounded in requests and stops once the blocks are in).
 */
class AdmissionFloodProductionTest {
  static final int POOL = 8;
  static final int BLOCKS = 5;
  static final int THREADS = 4;
  static final int MAX_REQUESTS_PER_THREAD = 5_000;

  final AccountKey miner = TestKeys.vector(0);
  final AccountKey alice = TestKeys.vector(1);
  final AccountKey bob = TestKeys.vector(2);

  private Transaction transfer(CcoinNode node, AccountKey from, long nonce) {
    return TransactionBuilder.forNetwork(9, node.genesis().hash()).nonce(nonce).to(bob.address()).value(5).fee(7).sign(from);
  }

  @Test
  void aFloodedValidatorWithAFullPoolKeepsProducingAndRefusesEveryBatchUnchecked() throws Exception {
    CcoinNode node = Ccoin.builder().genesis(GenesisParser.parse("""
        {"network_id": 9, "miners": ["%s"],
         "block_mining": {"interval": 0.2, "max_bound": 100, "min_bound": 1, "reward": 50, "difficulty": 1,
                          "allow_empty": true, "placeholder_data": ["predef", "idle"]},
         "genesis_block": {"difficulty": 1},
         "alloc": {"%s": {"balance": 1000000}}}
        """.formatted(miner.address(), alice.address()))).validator(miner).poolConfig(PoolConfig.DEFAULT.withMaxCount(POOL)).build();
    ApiServer server = ApiServer.builder(node).config(ApiConfig.builder().submitRate(ApiConfig.RateLimit.UNLIMITED).build())
        .build().start("127.0.0.1", 0);
    ApiFixture http = ApiFixture.client(server.port());
    try {
      // nonces 1 .. POOL with 0 missing: future transactions, never mined, so the pool stays full
      for (int n = 1; n <= POOL; n++) {
        assertThat(node.submit(transfer(node, alice, n)).status().name()).isEqualTo("ADDED");
      }
      assertThat(node.poolRoom()).isZero();
      node.start();
      List<String> entries = new ArrayList<>();
      for (int n = 0; n < 64; n++) {
        Transaction tx = transfer(node, bob, n);
        byte[] sig = tx.signature().toArray();
        sig[7] ^= 1;
        entries.add("{\"raw\": \"" + Base64.getEncoder().encodeToString(Codec.encode(tx.withSignature(Bytes.of(sig)))) + "\"}");
      }
      String batch = "[" + String.join(",", entries) + "]";

      AtomicInteger produced = new AtomicInteger();
      node.onBlockProduced(b -> produced.incrementAndGet());
      AtomicBoolean enough = new AtomicBoolean();
      Map<String, LongAdder> answers = new ConcurrentHashMap<>();
      List<Thread> flood = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        Thread thread = new Thread(() -> {
          for (int i = 0; i < MAX_REQUESTS_PER_THREAD && !enough.get(); i++) {
            ApiFixture.Reply r = http.postJson("/api/v1/transactions", batch);
            String code = r.status() == 503 ? r.json().path("error").path("code").asText() + " retry " + r.headers().get("Retry-After")
                : r.status() + " " + r.text();
            answers.computeIfAbsent(code, c -> new LongAdder()).increment();
          }
        }, "flood-" + t);
        thread.start();
        flood.add(thread);
      }
      int before = produced.get();
      boolean kept = Await.within(Duration.ofSeconds(60), () -> produced.get() >= before + BLOCKS);
      enough.set(true);
      for (Thread thread : flood) {
        thread.join(30_000);
        assertThat(thread.isAlive()).isFalse();
      }
      assertThat(kept).as("%d blocks produced while flooded", BLOCKS).isTrue();
      assertThat(answers).isNotEmpty();
      assertThat(answers.keySet()).as("every batch refused early, none checked: %s", answers).containsOnly("not_ready retry 1");
      assertThat(node.poolStats().count()).isEqualTo(POOL);
    } finally {
      server.stop();
      node.close();
      http.closeClient();
    }
  }
}
