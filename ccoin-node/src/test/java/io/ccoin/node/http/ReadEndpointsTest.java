package io.ccoin.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ccoin.api.Account;
import io.ccoin.api.Address;
import io.ccoin.api.Block;
import io.ccoin.api.BlockHeader;
import io.ccoin.api.Hash;
import io.ccoin.api.SealedHeader;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.Transaction;
import io.ccoin.core.Hashes;
import io.ccoin.core.codec.Codec;
import io.ccoin.core.crypto.PublicKeys;
import io.ccoin.core.merkle.StateProof;
import io.ccoin.core.merkle.StateProofVerifier;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The read endpoints over a fixed chain of eight blocks (transfers in blocks 1, 3 and 6) and a
 * lighter side block at height 8.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadEndpointsTest {
  static final Address NOBODY = Address.fromHex("00000000000000000000000000000000000000c1");

  ApiFixture fx;
  final List<StoredBlock> chain = new ArrayList<>();
  StoredBlock side;
  Transaction tx1;
  Transaction pending;

  @BeforeAll
  void buildChain() {
    fx = new ApiFixture();
    chain.add(fx.node.head().stored());
    tx1 = fx.transfer(fx.alice, 0, fx.bob, 1000, 5);
    chain.add(fx.extend(List.of(tx1)));
    chain.add(fx.extend(List.of()));
    chain.add(fx.extend(List.of(
        fx.transfer(fx.bob, 0, fx.alice, 100, 1),
        fx.transfer(fx.alice, 1, fx.alice, 7, 2),
        fx.f.transfer(fx.alice, 2, NOBODY, 0, 1))));
    chain.add(fx.extend(List.of()));
    chain.add(fx.extend(List.of()));
    chain.add(fx.extend(List.of(fx.transfer(fx.alice, 3, fx.bob, 50, 3))));
    chain.add(fx.extend(List.of()));
    chain.add(fx.extend(List.of()));
    // a backup's block on #7: lighter than the leader's #8, so it stays on a side branch
    StoredBlock seven = chain.get(7);
    Block b = fx.f.block(seven, fx.f.minerOfRank(seven, 1), List.of());
    side = fx.importBlock(b);
    assertThat(fx.node.head().hash()).isEqualTo(chain.get(8).hash());
    pending = fx.transfer(fx.alice, 4, fx.bob, 1, 1);
    assertThat(fx.node.submit(pending).isRejected()).isFalse();
  }

  @AfterAll
  void close() {
    fx.close();
  }

  @Test
  void statusDescribesTheNode() {
    JsonNode s = fx.get("/api/v1/status").json();
    assertThat(s.get("chainId").asLong()).isEqualTo(5);
    assertThat(s.get("genesisHash").asText()).isEqualTo(fx.f.genesis.hash().toHex());
    assertThat(s.get("number").asLong()).isEqualTo(8);
    assertThat(s.get("hash").asText()).isEqualTo(chain.get(8).hash().toHex());
    assertThat(s.get("totalWeight").asLong()).isEqualTo(16);
    assertThat(s.get("syncState").asText()).isEqualTo("SYNCED");
    assertThat(s.get("peers").asInt()).isZero();
    assertThat(s.get("pool").asInt()).isEqualTo(1);
    assertThat(s.get("address").asText()).isEqualTo(fx.alice.address().toHex());
    assertThat(s.get("mining").asBoolean()).isFalse();
    assertThat(s.has("nodeId")).isFalse();
    assertThat(s.has("p2p")).isFalse();
  }

  @Test
  void blockCountIsHeadNumberPlusOne() {
    assertThat(fx.get("/api/v1/blocks/count").json().get("count").asLong()).isEqualTo(9);
  }

  @Test
  void aBlockHasEveryFieldOfSpec11() {
    StoredBlock b1 = chain.get(1);
    JsonNode j = fx.get("/api/v1/blocks/1").json();
    SealedHeader sealed = b1.block().sealedHeader();
    BlockHeader h = sealed.header();
    assertThat(j.get("hash").asText()).isEqualTo(b1.hash().toHex());
    assertThat(j.get("chainId").asLong()).isEqualTo(5);
    assertThat(j.get("number").asLong()).isEqualTo(1);
    assertThat(j.get("parentHash").asText()).isEqualTo(fx.f.genesis.hash().toHex());
    assertThat(j.get("timestamp").asLong()).isEqualTo(h.timestamp());
    assertThat(j.get("miner").asText()).isEqualTo(h.miner().toHex());
    assertThat(j.get("txRoot").asText()).isEqualTo(h.txRoot().toHex());
    assertThat(j.get("stateRoot").asText()).isEqualTo(h.stateRoot().toHex());
    assertThat(j.get("difficulty").asLong()).isEqualTo(1);
    assertThat(j.get("data").asText()).isEqualTo(h.data().toBase64());
    assertThat(j.get("powNonce").isTextual()).isTrue();
    assertThat(j.get("powNonce").asText()).isEqualTo(Long.toString(h.powNonce()));
    assertThat(j.get("powHash").asText()).isEqualTo(Hashes.powHash(h).toHex());
    assertThat(j.get("minerKey").asText()).isEqualTo(sealed.minerKey().toBase64());
    assertThat(j.get("signature").asText()).isEqualTo(sealed.signature().toBase64());
    assertThat(j.get("weight").asInt()).isEqualTo(2);
    assertThat(j.get("totalWeight").asLong()).isEqualTo(2);
    assertThat(j.get("inTurn").asBoolean()).isTrue();
    assertThat(j.get("size").asInt()).isEqualTo(Codec.encode(b1.block()).length);
    assertThat(j.get("confirmations").asLong()).isEqualTo(8);
    JsonNode tx = j.get("transactions").get(0);
    assertThat(j.get("transactions").size()).isEqualTo(1);
    assertTransaction(tx, tx1);
    assertThat(j.get("state")).isNotNull();
  }

  static void assertTransaction(JsonNode j, Transaction tx) {
    assertThat(j.get("hash").asText()).isEqualTo(Hashes.txHash(tx).toHex());
    assertThat(j.get("chainId").asLong()).isEqualTo(tx.chainId());
    assertThat(j.get("nonce").asLong()).isEqualTo(tx.nonce());
    assertThat(j.get("from").asText()).isEqualTo(PublicKeys.address(tx.publicKey()).toHex());
    assertThat(j.get("to").asText()).isEqualTo(tx.to().toHex());
    assertThat(j.get("value").isTextual()).isTrue();
    assertThat(j.get("value").asText()).isEqualTo(Long.toString(tx.value()));
    assertThat(j.get("fee").asText()).isEqualTo(Long.toString(tx.fee()));
    assertThat(j.get("data").asText()).isEqualTo(tx.data().toBase64());
    assertThat(j.get("publicKey").asText()).isEqualTo(tx.publicKey().toBase64());
    assertThat(j.get("signature").asText()).isEqualTo(tx.signature().toBase64());
  }

  @Test
  void blocksAreFoundByNumberOrHashInEveryAcceptedForm() {
    StoredBlock b3 = chain.get(3);
    String hex = b3.hash().toHex();
    for (String id : List.of("3", "0003", hex, "0x" + hex, hex.toUpperCase(), "0X" + hex)) {
      assertThat(fx.get("/api/v1/blocks/" + id).json().get("hash").asText()).as(id).isEqualTo(hex);
    }
    JsonNode head = fx.get("/api/v1/blocks/head").json();
    assertThat(head.get("hash").asText()).isEqualTo(chain.get(8).hash().toHex());
    assertThat(head.get("confirmations").asLong()).isEqualTo(1);
    assertThat(fx.get("/api/v1/blocks/0").json().get("hash").asText()).isEqualTo(fx.f.genesis.hash().toHex());
  }

  @Test
  void withTransactionsHashesABlockListsItsTransactionsHashesInOrderAndNoState() {
    StoredBlock b3 = chain.get(3);
    JsonNode full = fx.get("/api/v1/blocks/3").json();
    JsonNode light = fx.get("/api/v1/blocks/3?transactions=hashes").json();

    List<String> hashes = new ArrayList<>();
    light.get("transactions").forEach(h -> hashes.add(h.asText()));
    assertThat(hashes).containsExactlyElementsOf(b3.block().transactions().stream().map(t -> Hashes.txHash(t).toHex()).toList())
        .hasSize(3);
    assertThat(light.has("state")).isFalse();
    // every other field as in the full block
    List<String> fields = new ArrayList<>();
    full.fieldNames().forEachRemaining(fields::add);
    fields.removeAll(List.of("transactions", "state"));
    for (String field : fields) {
      assertThat(light.get(field)).as(field).isEqualTo(full.get(field));
    }
    assertThat(fx.get("/api/v1/blocks/3?transactions=full").json()).isEqualTo(full);
    JsonNode head = fx.get("/api/v1/blocks/head?transactions=hashes").json();
    assertThat(head.get("hash").asText()).isEqualTo(chain.get(8).hash().toHex());
    assertThat(head.get("transactions").isEmpty()).isTrue();
    assertThat(fx.get("/api/v1/blocks/" + side.hash().toHex() + "?transactions=hashes").json().get("confirmations").asLong()).isZero();
  }

  @Test
  void anyOtherTransactionsValueIsABadParameter() {
    for (String value : List.of("", "Hashes", "none", "hashes,full", "%00")) {
      fx.get("/api/v1/blocks/3?transactions=" + value).error(400, "bad_parameter");
      fx.get("/api/v1/blocks/head?transactions=" + value).error(400, "bad_parameter");
    }
    fx.get("/api/v1/blocks/99?transactions=nope").error(400, "bad_parameter");
  }

  @Test
  void badBlockIdsAreBadParametersAndUnknownBlocksNotFound() {
    for (String id : List.of("-1", "1.5", "abc", "12345678901234567890", "0x", "0x12", "1e3", "%20",
        "0x" + "0".repeat(63), "g".repeat(64), "1" + "0".repeat(64))) {
      fx.get("/api/v1/blocks/" + id).error(400, "bad_parameter");
    }
    fx.get("/api/v1/blocks/9").error(404, "not_found");
    fx.get("/api/v1/blocks/9223372036854775807").error(404, "not_found");
    fx.get("/api/v1/blocks/9999999999999999999").error(404, "not_found");
    fx.get("/api/v1/blocks/" + "ab".repeat(32)).error(404, "not_found");
  }

  @Test
  void genesisStateIsItsAllocation() {
    JsonNode g = fx.get("/api/v1/blocks/0").json();
    assertThat(g.get("weight").asInt()).isZero();
    assertThat(g.get("inTurn").asBoolean()).isFalse();
    assertThat(g.get("totalWeight").asLong()).isZero();
    Map<String, Account> expected = new HashMap<>();
    fx.f.genesis.state().forEach((a, acc) -> expected.put(a.toHex(), acc));
    assertThat(state(g)).isEqualTo(expected);
  }

  @Test
  void everyBlockStateHoldsWhatItChangedAndItsMinerAsAfterTheBlock() {
    for (int n = 1; n <= 8; n++) {
      StoredBlock b = chain.get(n);
      JsonNode j = fx.get("/api/v1/blocks/" + n).json();
      assertThat(state(j)).as("state of #%d", n).isEqualTo(expectedState(b));
    }
    // block 3: bob pays alice, alice pays herself (value and fee) and a zero-value transfer to NOBODY
    Map<String, Account> s3 = state(fx.get("/api/v1/blocks/3").json());
    assertThat(s3).containsKeys(fx.alice.address().toHex(), fx.bob.address().toHex(), chain.get(3).block().header().miner().toHex());
    assertThat(s3).doesNotContainKey(NOBODY.toHex());
    assertThat(s3.get(fx.bob.address().toHex())).isEqualTo(new Account(1000 + 1000 - 101, 1));
  }

  /** Accounts whose balance or nonce changed across the block, and the miner, from the fixture's replayed states. */
  private Map<String, Account> expectedState(StoredBlock b) {
    var before = fx.f.state(b.parentHash());
    var after = fx.f.state(b.hash());
    Set<Address> candidates = new HashSet<>();
    candidates.add(b.block().header().miner());
    for (Transaction tx : b.block().transactions()) {
      candidates.add(PublicKeys.address(tx.publicKey()));
      candidates.add(tx.to());
    }
    Map<String, Account> out = new HashMap<>();
    for (Address a : candidates) {
      if (!before.get(a).equals(after.get(a)) || a.equals(b.block().header().miner())) {
        out.put(a.toHex(), after.get(a));
      }
    }
    return out;
  }

  static Map<String, Account> state(JsonNode block) {
    Map<String, Account> out = new HashMap<>();
    block.get("state").properties().forEach(e -> {
      assertThat(e.getValue().get("balance").isTextual()).isTrue();
      out.put(e.getKey(), new Account(Long.parseLong(e.getValue().get("balance").asText()), e.getValue().get("nonce").asLong()));
    });
    return out;
  }

  @Test
  void aBlockOffTheCanonicalChainHasNoConfirmationsAndNoState() {
    JsonNode j = fx.get("/api/v1/blocks/" + side.hash().toHex()).json();
    assertThat(j.get("number").asLong()).isEqualTo(8);
    assertThat(j.get("confirmations").asLong()).isZero();
    assertThat(j.get("weight").asInt()).isEqualTo(1);
    assertThat(j.get("inTurn").asBoolean()).isFalse();
    assertThat(j.get("state").isNull()).isTrue();
    assertThat(fx.get("/api/v1/blocks/8").json().get("hash").asText()).isEqualTo(chain.get(8).hash().toHex());
  }

  @Test
  void stateBeyondTheWalkLimitIsNull() {
    try (ApiServer limited = ApiServer.builder(fx.node).config(ApiConfig.builder().historyWalkLimit(1).build()).build()
        .start("127.0.0.1", 0)) {
      String base = "http://127.0.0.1:" + limited.port();
      JsonNode far = fx.call(new okhttp3.Request.Builder().url(base + "/api/v1/blocks/4").build()).json();
      assertThat(far.get("state").isNull()).isTrue();
      JsonNode near = fx.call(new okhttp3.Request.Builder().url(base + "/api/v1/blocks/7").build()).json();
      assertThat(state(near)).isEqualTo(expectedState(chain.get(7)));
      JsonNode first = fx.call(new okhttp3.Request.Builder().url(base + "/api/v1/blocks/1").build()).json();
      assertThat(state(first)).isEqualTo(expectedState(chain.get(1)));
    }
  }

  @Test
  void blockPagesAreNewestFirstSummaries() {
    JsonNode all = fx.get("/api/v1/blocks").json();
    assertThat(all.isArray()).isTrue();
    assertThat(all.size()).isEqualTo(9);
    for (int i = 0; i < 9; i++) {
      JsonNode s = all.get(i);
      assertThat(s.get("number").asLong()).isEqualTo(8 - i);
      assertThat(s.get("hash").asText()).isEqualTo(chain.get(8 - i).hash().toHex());
      assertThat(s.get("txCount").asInt()).isEqualTo(chain.get(8 - i).block().transactions().size());
      assertThat(s.has("transactions")).isFalse();
      assertThat(s.has("state")).isFalse();
      assertThat(s.get("confirmations").asLong()).isEqualTo(i + 1);
    }
    JsonNode page = fx.get("/api/v1/blocks?before=5&limit=2").json();
    assertThat(page.size()).isEqualTo(2);
    assertThat(page.get(0).get("number").asLong()).isEqualTo(4);
    assertThat(page.get(1).get("number").asLong()).isEqualTo(3);
    assertThat(fx.get("/api/v1/blocks?before=0").json().size()).isZero();
    assertThat(fx.get("/api/v1/blocks?before=1").json().get(0).get("number").asLong()).isZero();
    assertThat(fx.get("/api/v1/blocks?before=1000&limit=1").json().get(0).get("number").asLong()).isEqualTo(8);
    assertThat(fx.get("/api/v1/blocks?limit=100").json().size()).isEqualTo(9);
    for (String q : List.of("limit=0", "limit=101", "limit=-1", "limit=x", "before=-1", "before=1.5", "before=", "before=99999999999999999999")) {
      fx.get("/api/v1/blocks?" + q).error(400, "bad_parameter");
    }
  }

  @Test
  void transactionsAreFoundConfirmedOrPending() {
    JsonNode c = fx.get("/api/v1/transactions/" + Hashes.txHash(tx1).toHex()).json();
    assertTransaction(c, tx1);
    assertThat(c.get("status").asText()).isEqualTo("confirmed");
    assertThat(c.get("blockNumber").asLong()).isEqualTo(1);
    assertThat(c.get("blockHash").asText()).isEqualTo(chain.get(1).hash().toHex());
    assertThat(c.get("index").asInt()).isZero();
    assertThat(c.get("confirmations").asLong()).isEqualTo(8);

    JsonNode p = fx.get("/api/v1/transactions/0x" + Hashes.txHash(pending).toHex().toUpperCase()).json();
    assertTransaction(p, pending);
    assertThat(p.get("status").asText()).isEqualTo("pending");
    assertThat(p.has("blockNumber")).isFalse();
    assertThat(p.has("confirmations")).isFalse();

    fx.get("/api/v1/transactions/" + "12".repeat(32)).error(404, "not_found");
    fx.get("/api/v1/transactions/xyz").error(400, "bad_hex");
    fx.get("/api/v1/transactions/" + "12".repeat(31)).error(400, "bad_hex");
  }

  @Test
  void accountsShowBalanceNonceAndPendingNonce() {
    Account a = fx.node.account(fx.alice.address());
    JsonNode j = fx.get("/api/v1/accounts/" + fx.alice.address().toHex()).json();
    assertThat(j.get("address").asText()).isEqualTo(fx.alice.address().toHex());
    assertThat(j.get("balance").isTextual()).isTrue();
    assertThat(j.get("balance").asText()).isEqualTo(Long.toString(a.balance()));
    assertThat(j.get("nonce").asLong()).isEqualTo(4);
    assertThat(j.get("pendingNonce").asLong()).isEqualTo(5);

    JsonNode nobody = fx.get("/api/v1/accounts/0X" + NOBODY.toHex().toUpperCase()).json();
    assertThat(nobody.get("address").asText()).isEqualTo(NOBODY.toHex());
    assertThat(nobody.get("balance").asText()).isEqualTo("0");
    assertThat(nobody.get("nonce").asLong()).isZero();
    assertThat(nobody.get("pendingNonce").asLong()).isZero();

    for (String bad : List.of("xyz", "12", "g".repeat(40), "0x" + "1".repeat(42))) {
      fx.get("/api/v1/accounts/" + bad).error(400, "bad_hex");
      fx.get("/api/v1/accounts/" + bad + "/proof").error(400, "bad_hex");
    }
  }

  @Test
  void proofsVerifyAgainstTheSealedHeaderTheyCarry() {
    for (Address address : List.of(fx.alice.address(), fx.bob.address(), NOBODY)) {
      JsonNode j = fx.get("/api/v1/accounts/" + address.toHex() + "/proof").json();
      assertThat(j.get("address").asText()).isEqualTo(address.toHex());
      assertThat(j.get("number").asLong()).isEqualTo(8);
      SealedHeader sealed = Codec.decodeSealedHeader(Base64.getDecoder().decode(j.get("sealedHeader").asText()));
      assertThat(Hashes.blockHash(sealed).toHex()).isEqualTo(j.get("blockHash").asText());
      Hash root = sealed.header().stateRoot();
      assertThat(j.get("stateRoot").asText()).isEqualTo(root.toHex());
      List<Hash> siblings = new ArrayList<>();
      j.get("siblings").forEach(s -> siblings.add(Hash.fromHex(s.asText())));
      JsonNode t = j.get("terminal");
      StateProof.Terminal terminal = switch (t.get("type").asText()) {
        case "empty" -> StateProof.Terminal.empty();
        case "leaf" -> StateProof.Terminal.leaf(Address.fromHex(t.get("address").asText()),
            new Account(Long.parseLong(t.get("balance").asText()), t.get("nonce").asLong()));
        default -> throw new AssertionError(t);
      };
      StateProof proof = new StateProof(address, siblings, terminal);
      assertThat(StateProofVerifier.verify(proof, root).isValid()).as("proof of %s", address).isTrue();
      assertThat(proof.account()).isEqualTo(fx.node.account(address));
    }
  }

  @Test
  void txpoolCountsReadyAndFutureTransactions() {
    JsonNode j = fx.get("/api/v1/txpool").json();
    assertThat(j.get("readyCount").asInt()).isEqualTo(1);
    assertThat(j.get("readyBytes").asLong()).isEqualTo(Codec.encode(pending).length);
    assertThat(j.get("futureCount").asInt()).isZero();
    assertThat(j.get("futureBytes").asLong()).isZero();
    assertThat(j.get("count").asInt()).isEqualTo(1);
    assertThat(j.get("bytes").asLong()).isEqualTo(Codec.encode(pending).length);
  }

  @Test
  void minersShowTurnLastBlockAndRecentCount() {
    JsonNode j = fx.get("/api/v1/miners").json();
    assertThat(j.get("number").asLong()).isEqualTo(8);
    assertThat(j.get("window").asInt()).isEqualTo(100);
    JsonNode miners = j.get("miners");
    assertThat(miners.size()).isEqualTo(3);
    int inTurn = 0;
    int recent = 0;
    for (JsonNode m : miners) {
      Address a = Address.fromHex(m.get("address").asText());
      if (m.get("inTurn").asBoolean()) {
        inTurn++;
        assertThat(a).isEqualTo(fx.f.leaderOn(chain.get(8)).address());
      }
      recent += m.get("recentBlocks").asInt();
      long last = -1;
      for (int n = 8; n >= 1 && last < 0; n--) {
        if (chain.get(n).block().header().miner().equals(a)) {
          last = n;
        }
      }
      assertThat(m.get("lastBlock").get("number").asLong()).isEqualTo(last);
      assertThat(m.get("lastBlock").get("hash").asText()).isEqualTo(chain.get((int) last).hash().toHex());
    }
    assertThat(inTurn).isEqualTo(1);
    assertThat(recent).isEqualTo(8);
  }

  @Test
  void peersAndReadinessComeFromTheNetworkView() {
    FakeNetwork net = new FakeNetwork(Hash.fromHex("aa".repeat(32)));
    net.peers = List.of(new NetworkView.Peer(Hash.fromHex("bb".repeat(32)), "10.0.0.2:30333", NetworkView.Direction.OUTBOUND,
        8, chain.get(8).hash(), 16, "ccoin/0.1"));
    try (ApiServer s = ApiServer.builder(fx.node).network(net).build().start("127.0.0.1", 0)) {
      String base = "http://127.0.0.1:" + s.port();
      JsonNode answer = fx.call(new okhttp3.Request.Builder().url(base + "/api/v1/peers").build()).json();
      JsonNode peers = answer.get("peers");
      assertThat(peers.size()).isEqualTo(1);
      assertThat(answer.get("discouraged")).isEmpty();
      assertThat(answer.get("refusedNodeIds")).isEmpty();
      assertThat(answer.get("bans")).isEmpty();
      JsonNode p = peers.get(0);
      assertThat(p.get("nodeId").asText()).isEqualTo("bb".repeat(32));
      assertThat(p.get("address").asText()).isEqualTo("10.0.0.2:30333");
      assertThat(p.get("direction").asText()).isEqualTo("outbound");
      assertThat(p.get("headNumber").asLong()).isEqualTo(8);
      assertThat(p.get("headHash").asText()).isEqualTo(chain.get(8).hash().toHex());
      assertThat(p.get("totalWeight").asLong()).isEqualTo(16);
      assertThat(p.get("agent").asText()).isEqualTo("ccoin/0.1");

      JsonNode status = fx.call(new okhttp3.Request.Builder().url(base + "/api/v1/status").build()).json();
      assertThat(status.get("nodeId").asText()).isEqualTo("aa".repeat(32));
      assertThat(status.get("p2p").asText()).isEqualTo("127.0.0.1:30333");
      assertThat(status.get("peers").asInt()).isEqualTo(1);
      assertThat(status.has("address")).isFalse();

      okhttp3.Request ready = new okhttp3.Request.Builder().url(base + "/api/v1/health/ready").build();
      JsonNode r = fx.call(ready).json();
      assertThat(r.get("ready").asBoolean()).isTrue();
      assertThat(r.get("minPeers").asInt()).isEqualTo(1);
      net.syncState = NetworkView.SYNCING;
      assertThat(fx.call(ready).error(503, "not_ready")).contains("SYNCING");
      net.syncState = NetworkView.SYNCED;
      net.minPeers = 2;
      assertThat(fx.call(ready).error(503, "not_ready")).contains("1 peer(s), at least 2");
      net.minPeers = 1;
      assertThat(fx.call(ready).status()).isEqualTo(200);
      okhttp3.Request live = new okhttp3.Request.Builder().url(base + "/api/v1/health/live").build();
      assertThat(fx.call(live).json().get("live").asBoolean()).isTrue();

      String metrics = fx.call(new okhttp3.Request.Builder().url(base + "/metrics").build()).text();
      assertThat(metrics).contains("ccoin_peers 1.0").contains("ccoin_sync_state{state=\"SYNCED\"} 1.0")
          .contains("ccoin_sync_state{state=\"BOOT\"} 0.0");
    }
  }

  @Test
  void aNodeWithoutNetworkIsReadyAndLive() {
    assertThat(fx.get("/api/v1/health/ready").json().get("ready").asBoolean()).isTrue();
    assertThat(fx.get("/api/v1/health/live").status()).isEqualTo(200);
    assertThat(fx.get("/api/v1/peers").json().get("peers").size()).isZero();
    assertThat(fx.post("/api/v1/peers/bans", "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8), ApiFixture.JSON,
        java.util.Map.of("Authorization", "Bearer " + ApiFixture.TOKEN)).status()).as("no network: nothing to ban").isEqualTo(404);
  }

  @Test
  void metricsAreInThePrometheusTextFormat() {
    ApiFixture.Reply r = fx.get("/metrics");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.headers().get("Content-Type")).startsWith("text/plain");
    assertThat(r.text())
        .contains("ccoin_head_number 8.0")
        .contains("ccoin_head_total_weight 16.0")
        .contains("ccoin_peers 0.0")
        .contains("ccoin_txpool_transactions{state=\"ready\"} 1.0")
        .contains("ccoin_txpool_transactions{state=\"future\"} 0.0")
        .contains("ccoin_blocks_imported_total 8.0")
        .contains("ccoin_transactions_imported_total 5.0")
        .contains("ccoin_sync_state{state=\"SYNCED\"} 1.0")
        .contains("ccoin_ready 1.0");
    fx.get("/api/v1/metrics").error(404, "not_found");
  }

  @Test
  void unknownEndpointsAndMethodsAreNotFound() {
    fx.get("/api/v1/nothing").error(404, "not_found");
    fx.get("/nothing").error(404, "not_found"); // "/" is the explorer (ExplorerServingTest)
    fx.post("/api/v1/status", new byte[0], ApiFixture.JSON, Map.of()).error(404, "not_found");
    try (ApiServer noWallet = ApiServer.builder(fx.node).build().start("127.0.0.1", 0)) {
      okhttp3.Request r = new okhttp3.Request.Builder().url("http://127.0.0.1:" + noWallet.port() + "/api/v1/wallet/transactions")
          .post(okhttp3.RequestBody.create("{}".getBytes(StandardCharsets.UTF_8), ApiFixture.JSON))
          .header("Authorization", "Bearer " + ApiFixture.TOKEN).build();
      fx.call(r).error(404, "not_found");
    }
  }

  @Test
  void requestsJettyCannotParseGetAJsonErrorWithoutDetails() throws Exception {
    try (Socket s = new Socket("127.0.0.1", fx.server.port())) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write("GET /api/v1/status HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 400");
      assertThat(answer).contains("{\"error\":{\"code\":\"bad_parameter\"");
      assertThat(answer).doesNotContain("Exception").doesNotContain("jetty");
    }
  }
}
