package io.ccoin.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.Transaction;
import io.ccoin.core.Hashes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /accounts/{address}/transactions}: the address index over HTTP, its paging, bad parameters and reorgs. */
class AccountTransactionsTest {
  final ApiFixture fx = new ApiFixture();

  @AfterEach
  void close() {
    fx.close();
  }

  String path(String address) {
    return "/api/v1/accounts/" + address + "/transactions";
  }

  static List<String> hashes(JsonNode page) {
    List<String> out = new ArrayList<>();
    page.forEach(t -> out.add(t.get("hash").asText()));
    return out;
  }

  @Test
  void anAccountsSentAndReceivedTransactionsComeNewestFirstAndPageExactly() {
    String alice = fx.alice.address().toHex();
    String bob = fx.bob.address().toHex();
    List<String> aliceNewestFirst = new ArrayList<>();
    List<String> bobNewestFirst = new ArrayList<>();
    long aliceNonce = 0;
    long bobNonce = 0;
    for (int block = 1; block <= 6; block++) {
      List<Transaction> txs = new ArrayList<>();
      for (int k = 0; k < block % 3 + 1; k++) {
        txs.add(fx.transfer(fx.alice, aliceNonce++, fx.bob, 10 + k, 2));
      }
      if (block == 4) {
        txs.add(fx.transfer(fx.bob, bobNonce++, fx.bob, 1, 2)); // to itself: listed once
      }
      fx.extend(txs);
      for (Transaction tx : txs) {
        String h = Hashes.txHash(tx).toHex();
        if (tx.publicKey().equals(fx.alice.publicKey())) {
          aliceNewestFirst.add(0, h);
        }
        bobNewestFirst.add(0, h);
      }
    }
    JsonNode all = fx.get(path(alice) + "?limit=100").json();
    assertThat(hashes(all)).containsExactlyElementsOf(aliceNewestFirst);
    assertThat(hashes(fx.get(path(bob) + "?limit=100").json())).containsExactlyElementsOf(bobNewestFirst);
    JsonNode first = all.get(0);
    assertThat(first.get("status").asText()).isEqualTo("confirmed");
    assertThat(first.get("blockNumber").asLong()).isEqualTo(6);
    assertThat(first.get("confirmations").asLong()).isEqualTo(1);
    assertThat(first.get("from").asText()).isEqualTo(alice);

    // pages of 4, each from the last item's blockNumber-index
    List<String> paged = new ArrayList<>();
    String before = "";
    for (int page = 0; page < 10; page++) {
      JsonNode got = fx.get(path(alice) + "?limit=4" + before).json();
      paged.addAll(hashes(got));
      if (got.size() < 4) {
        break;
      }
      JsonNode last = got.get(got.size() - 1);
      before = "&before=" + last.get("blockNumber").asLong() + "-" + last.get("index").asInt();
    }
    assertThat(paged).containsExactlyElementsOf(aliceNewestFirst);
    assertThat(fx.get(path(alice)).json().size()).isEqualTo(Math.min(20, aliceNewestFirst.size()));
    // before=N is N-0: blocks below N only; a place above the head starts at the head
    JsonNode below4 = fx.get(path(alice) + "?before=4&limit=100").json();
    below4.forEach(t -> assertThat(t.get("blockNumber").asLong()).isLessThan(4));
    assertThat(below4.size()).isEqualTo(2 + 3 + 1);
    assertThat(hashes(fx.get(path(alice) + "?before=9223372036854775807-2147483647&limit=100").json())).containsExactlyElementsOf(aliceNewestFirst);
    assertThat(fx.get(path(alice) + "?before=0").json().size()).isZero();
    assertThat(fx.get(path("0".repeat(40))).json().size()).isZero();
  }

  @Test
  void badParametersAreRefused() {
    String alice = fx.alice.address().toHex();
    for (String bad : List.of("-1", "1-", "-1-0", "a", "1.5", "1-2147483648", "12345678901234567890", "1-2-3", "", " 1")) {
      fx.get(path(alice) + "?before=" + bad.replace(" ", "%20")).error(400, "bad_parameter");
    }
    for (String bad : List.of("0", "101", "x", "-5")) {
      fx.get(path(alice) + "?limit=" + bad).error(400, "bad_parameter");
    }
    fx.get(path("zz")).error(400, "bad_hex");
  }

  @Test
  void aReorgTakesTheDroppedBlocksTransactionsOffTheList() {
    String bob = fx.bob.address().toHex();
    StoredBlock b1 = fx.extend(List.of(fx.transfer(fx.alice, 0, fx.bob, 5, 2)));
    Transaction moved = fx.transfer(fx.alice, 1, fx.bob, 6, 2);
    // a backup's block with the transfer, then the leader's heavier empty block on the same parent
    fx.importBlock(fx.f.block(b1, fx.f.minerOfRank(b1, 1), List.of(moved)));
    assertThat(hashes(fx.get(path(bob)).json())).startsWith(Hashes.txHash(moved).toHex()).hasSize(2);
    StoredBlock leader = fx.importBlock(fx.f.block(b1, fx.f.leaderOn(b1), List.of()));
    assertThat(fx.node.head().hash()).isEqualTo(leader.hash());
    assertThat(hashes(fx.get(path(bob)).json())).doesNotContain(Hashes.txHash(moved).toHex()).hasSize(1);
    fx.extend(List.of(moved));
    JsonNode now = fx.get(path(bob)).json();
    assertThat(hashes(now)).startsWith(Hashes.txHash(moved).toHex()).hasSize(2);
    assertThat(now.get(0).get("blockNumber").asLong()).isEqualTo(3);
  }
}
