package io.ccoin.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ccoin.api.Transaction;
import io.ccoin.core.Await;
import io.ccoin.core.Ccoin;
import io.ccoin.core.CcoinNode;
import io.ccoin.core.Hashes;
import io.ccoin.core.TestKeys;
import io.ccoin.core.TransactionBuilder;
import io.ccoin.core.codec.Codec;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.genesis.GenesisParser;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The API over a single validator producing a block every 0.2 s on the system clock. */
class LiveNodeTest {
  final AccountKey miner = TestKeys.vector(0);
  final AccountKey alice = TestKeys.vector(1);
  final AccountKey bob = TestKeys.vector(2);
  CcoinNode node;
  ApiServer server;
  ApiFixture http;

  @BeforeEach
  void start() {
    node = Ccoin.builder().genesis(GenesisParser.parse("""
        {"network_id": 9, "miners": ["%s"],
         "block_mining": {"interval": 0.2, "max_bound": 100, "min_bound": 1, "reward": 50, "difficulty": 1,
                          "allow_empty": true, "placeholder_data": ["predef", "idle"]},
         "genesis_block": {"difficulty": 1},
         "alloc": {"%s": {"balance": 1000000}}}
        """.formatted(miner.address(), alice.address()))).validator(miner).build().start();
    server = ApiServer.builder(node).wallet(Wallet.of(alice, ApiFixture.TOKEN)).build().start("127.0.0.1", 0);
    http = ApiFixture.client(server.port());
  }

  @AfterEach
  void stop() {
    server.stop();
    node.close();
    http.closeClient();
  }

  JsonNode confirmed(String hash) throws InterruptedException {
    return Await.value("transaction " + hash + " to be mined", () -> {
      JsonNode t = http.get("/api/v1/transactions/" + hash).json();
      return "confirmed".equals(t.path("status").asText()) ? t : null;
    });
  }

  @Test
  void aSubmittedTransferIsMinedAndShowsInBlocksAccountsAndEvents() throws Exception {
    List<String> seen = new ArrayList<>();
    try (EventsTest.Stream events = new EventsTest.Stream(http.http, http.base + "/api/v1/events")) {
      Transaction tx = TransactionBuilder.forNetwork(9, node.genesis().hash()).nonce(0).to(bob.address()).value(1234).fee(7).sign(alice);
      String hash = Hashes.txHash(tx).toHex();
      ApiFixture.Reply r = http.postJson("/api/v1/transactions",
          "{\"raw\": \"" + Base64.getEncoder().encodeToString(Codec.encode(tx)) + "\"}");
      assertThat(r.status()).as(r.text()).isIn(202, 200);
      JsonNode t = confirmed(hash);
      long n = t.get("blockNumber").asLong();

      JsonNode block = http.get("/api/v1/blocks/" + n).json();
      assertThat(block.get("transactions").get(0).get("hash").asText()).isEqualTo(hash);
      JsonNode state = block.get("state");
      assertThat(state.get(alice.address().toHex()).get("balance").asText()).isEqualTo(Long.toString(1_000_000 - 1234 - 7));
      assertThat(state.get(alice.address().toHex()).get("nonce").asLong()).isEqualTo(1);
      assertThat(state.get(bob.address().toHex()).get("balance").asText()).isEqualTo("1234");
      // the only miner mined every block: n rewards and this block's fee
      assertThat(state.get(miner.address().toHex()).get("balance").asText()).isEqualTo(Long.toString(50 * n + 7));
      assertThat(state.size()).isEqualTo(3);
      assertThat(http.get("/api/v1/accounts/" + bob.address().toHex()).json().get("balance").asText()).isEqualTo("1234");

      for (int i = 0; i < 50 && !(seen.contains("tx " + hash) && seen.contains("block " + n)); i++) {
        EventsTest.Event e = events.next();
        seen.add(e.name() + " " + (e.name().equals("block") ? e.data().get("number").asText() : e.data().path("hash").asText()));
      }
      assertThat(seen).contains("tx " + hash, "block " + n);
    }
    JsonNode status = http.get("/api/v1/status").json();
    assertThat(status.get("mining").asBoolean()).isTrue();
    assertThat(status.get("chainId").asLong()).isEqualTo(9);
    JsonNode miners = http.get("/api/v1/miners").json().get("miners");
    assertThat(miners.size()).isEqualTo(1);
    assertThat(miners.get(0).get("inTurn").asBoolean()).isTrue();
    assertThat(miners.get(0).get("recentBlocks").asInt()).isPositive();
    assertThat(http.get("/api/v1/health/ready").status()).isEqualTo(200);
  }

  @Test
  void theWalletSendsFromTheNodesAccount() throws Exception {
    ApiFixture.Reply r = http.wallet("{\"to\": \"" + bob.address().toHex() + "\", \"value\": \"500\", \"fee\": \"2\"}", ApiFixture.TOKEN);
    assertThat(r.status()).as(r.text()).isEqualTo(202);
    ApiFixture.Reply r2 = http.wallet("{\"to\": \"" + bob.address().toHex() + "\", \"value\": \"1\"}", ApiFixture.TOKEN);
    assertThat(r2.status()).as(r2.text()).isEqualTo(202);
    confirmed(r.json().get("hash").asText());
    confirmed(r2.json().get("hash").asText());
    JsonNode a = http.get("/api/v1/accounts/" + alice.address().toHex()).json();
    assertThat(a.get("balance").asText()).isEqualTo(Long.toString(1_000_000 - 502 - 2));
    assertThat(a.get("nonce").asLong()).isEqualTo(2);
    assertThat(a.get("pendingNonce").asLong()).isEqualTo(2);
  }
}
