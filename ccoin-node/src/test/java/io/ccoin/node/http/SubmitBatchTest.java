package io.ccoin.node.http;

import io.ccoin.core.TransactionInfo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ccoin.api.Transaction;
import io.ccoin.core.Hashes;
import io.ccoin.core.codec.CanonicalWriter;
import io.ccoin.core.codec.Codec;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /transactions} with a batch: JSON and msgpack, good, bad and mixed entries, limits. */
class SubmitBatchTest {
  static final String PATH = "/api/v1/transactions";
  ApiFixture fx;

  @BeforeEach
  void start() {
    fx = new ApiFixture();
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  static String jsonBatch(List<Transaction> txs) {
    List<String> entries = new ArrayList<>();
    for (Transaction tx : txs) {
      entries.add("{\"raw\": \"" + Base64.getEncoder().encodeToString(Codec.encode(tx)) + "\"}");
    }
    return "[" + String.join(", ", entries) + "]";
  }

  static byte[] msgpackBatch(List<Transaction> txs) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CanonicalWriter header = CanonicalWriter.create(8);
    header.arrayHeader(txs.size());
    out.writeBytes(header.toByteArray());
    txs.forEach(tx -> out.writeBytes(Codec.encode(tx)));
    return out.toByteArray();
  }

  private List<Transaction> fromAlice(int n) {
    List<Transaction> txs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      txs.add(fx.transfer(fx.alice, i, fx.bob, 5, 1));
    }
    return txs;
  }

  private static void pending(JsonNode result, Transaction tx) {
    assertThat(result.get("hash").asText()).isEqualTo(Hashes.txHash(tx).toHex());
    assertThat(result.get("status").asText()).isEqualTo("pending");
    assertThat(result.has("error")).isFalse();
  }

  private static void refused(JsonNode result, String code) {
    assertThat(result.get("error").get("code").asText()).as("%s", result).isEqualTo(code);
    assertThat(result.get("error").get("message").isTextual()).isTrue();
    assertThat(result.has("status")).isFalse();
  }

  @Test
  void aGoodJsonBatchIsAcceptedInOrder() {
    List<Transaction> txs = fromAlice(5);
    ApiFixture.Reply r = fx.postJson(PATH, jsonBatch(txs));
    assertThat(r.status()).isEqualTo(200);
    JsonNode results = r.json().get("results");
    assertThat(results.size()).isEqualTo(5);
    for (int i = 0; i < 5; i++) {
      pending(results.get(i), txs.get(i));
    }
    assertThat(r.json().get("accepted").asInt()).isEqualTo(5);
    assertThat(r.json().get("refused").asInt()).isZero();
    assertThat(fx.node.poolStats().count()).isEqualTo(5);
  }

  @Test
  void aGoodMsgpackBatchIsAcceptedInOrder() {
    List<Transaction> txs = fromAlice(3);
    ApiFixture.Reply r = fx.post(PATH, msgpackBatch(txs), ApiFixture.MSGPACK, Map.of());
    assertThat(r.status()).isEqualTo(200);
    JsonNode results = r.json().get("results");
    assertThat(results.size()).isEqualTo(3);
    for (int i = 0; i < 3; i++) {
      pending(results.get(i), txs.get(i));
    }
    assertThat(fx.node.poolStats().count()).isEqualTo(3);
    // a single msgpack transaction is still one submission, not a batch
    Transaction one = fx.transfer(fx.alice, 3, fx.bob, 5, 1);
    ApiFixture.Reply single = fx.post(PATH, Codec.encode(one), ApiFixture.MSGPACK, Map.of());
    assertThat(single.status()).isEqualTo(202);
    assertThat(single.json().get("hash").asText()).isEqualTo(Hashes.txHash(one).toHex());
  }

  @Test
  void aMixedBatchAnswersEachEntryAsASingleSubmissionWould() {
    Transaction good = fx.transfer(fx.alice, 0, fx.bob, 5, 1);
    Transaction lowFee = fx.transfer(fx.alice, 1, fx.bob, 5, 0);
    Transaction tooFar = fx.transfer(fx.alice, 64, fx.bob, 5, 1);
    Transaction good2 = fx.transfer(fx.alice, 1, fx.bob, 5, 1);
    String raw = Base64.getEncoder().encodeToString(Codec.encode(good));
    String body = "[" + jsonBatch(List.of(good, lowFee)).substring(1, jsonBatch(List.of(good, lowFee)).length() - 1)
        + ", {\"raw\": \"not base64!\"}, {\"raw\": \"" + raw + "\", \"extra\": 1}, {}, {\"raw\": \"AAAA\"}, "
        + jsonBatch(List.of(tooFar, good2)).substring(1);
    ApiFixture.Reply r = fx.postJson(PATH, body);
    assertThat(r.status()).isEqualTo(200);
    JsonNode results = r.json().get("results");
    assertThat(results.size()).isEqualTo(8);
    pending(results.get(0), good);
    refused(results.get(1), "fee_too_low");
    assertThat(results.get(1).get("hash").asText()).isEqualTo(Hashes.txHash(lowFee).toHex());
    refused(results.get(2), "bad_base64");
    refused(results.get(3), "bad_parameter");
    refused(results.get(4), "bad_parameter");
    refused(results.get(5), "bad_encoding");
    assertThat(results.get(5).has("hash")).isFalse();
    refused(results.get(6), "nonce_too_far");
    pending(results.get(7), good2);
    assertThat(r.json().get("accepted").asInt()).isEqualTo(2);
    assertThat(r.json().get("refused").asInt()).isEqualTo(6);
    assertThat(fx.node.poolStats().count()).isEqualTo(2);
  }

  @Test
  void aDuplicateWithinABatchIsAnsweredAsAlreadyKnown() {
    Transaction tx = fx.transfer(fx.alice, 0, fx.bob, 5, 1);
    ApiFixture.Reply r = fx.postJson(PATH, jsonBatch(List.of(tx, tx)));
    assertThat(r.status()).isEqualTo(200);
    pending(r.json().get("results").get(0), tx);
    pending(r.json().get("results").get(1), tx);
    assertThat(fx.node.poolStats().count()).isEqualTo(1);
  }

  @Test
  void aBatchThatOverdrawsItsSenderMidwayKeepsWhatWasCovered() {
    // bob holds 1000: the first two are covered, the third is not
    List<Transaction> txs = List.of(fx.transfer(fx.bob, 0, fx.alice, 400, 1), fx.transfer(fx.bob, 1, fx.alice, 400, 1),
        fx.transfer(fx.bob, 2, fx.alice, 400, 1));
    ApiFixture.Reply r = fx.post(PATH, msgpackBatch(txs), ApiFixture.MSGPACK, Map.of());
    assertThat(r.status()).isEqualTo(200);
    JsonNode results = r.json().get("results");
    pending(results.get(0), txs.get(0));
    pending(results.get(1), txs.get(1));
    refused(results.get(2), "insufficient_funds");
    assertThat(fx.node.poolStats().count()).isEqualTo(2);
    assertThat(fx.node.transaction(Hashes.txHash(txs.get(2))).filter(i -> i.status() == TransactionInfo.Status.PENDING)).isEmpty();
  }

  @Test
  void batchesOverTheLimitAreTooLargeAndNothingChanges() {
    ApiFixture.Snapshot before = fx.snapshot();
    Transaction tx = fx.transfer(fx.alice, 0, fx.bob, 5, 1);
    List<Transaction> many = new ArrayList<>();
    for (int i = 0; i <= SubmissionBatch.MAX_TRANSACTIONS; i++) {
      many.add(tx);
    }
    fx.post(PATH, msgpackBatch(many), ApiFixture.MSGPACK, Map.of()).error(413, "too_large");
    assertThat(fx.snapshot()).isEqualTo(before);
    String entry = "{\"raw\": \"AAAA\"}";
    String json = "[" + String.join(",", java.util.Collections.nCopies(SubmissionBatch.MAX_TRANSACTIONS + 1, entry)) + "]";
    fx.postJson(PATH, json).error(413, "too_large");
    assertThat(fx.snapshot()).isEqualTo(before);
    // exactly the limit is read (and each entry answered)
    String atLimit = "[" + String.join(",", java.util.Collections.nCopies(SubmissionBatch.MAX_TRANSACTIONS, entry)) + "]";
    ApiFixture.Reply r = fx.postJson(PATH, atLimit);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("refused").asInt()).isEqualTo(SubmissionBatch.MAX_TRANSACTIONS);
    // a body over the byte limit is too large whatever it holds
    fx.postJson(PATH, "[" + " ".repeat(1 << 20) + "]").error(413, "too_large");
    assertThat(fx.snapshot()).isEqualTo(before);
  }

  @Test
  void malformedBatchesAreRefusedWhole() {
    ApiFixture.Snapshot before = fx.snapshot();
    String good = jsonBatch(fromAlice(1));
    for (String body : List.of("[", "[1]", good.substring(0, good.length() - 1) + ", 1]", "[{\"raw\": \"x\"}] x", "[null]",
        "[[]]")) {
      fx.postJson(PATH, body).error(400, "malformed_json");
      assertThat(fx.snapshot()).isEqualTo(before);
    }
    fx.postJson(PATH, "[]").error(400, "bad_parameter");
    fx.post(PATH, new byte[] {(byte) 0x90}, ApiFixture.MSGPACK, Map.of()).error(400, "bad_parameter");
    byte[] two = msgpackBatch(fromAlice(2));
    // cut short, trailing byte, an entry that is not a Tx, more entries declared than present
    fx.post(PATH, java.util.Arrays.copyOf(two, two.length - 1), ApiFixture.MSGPACK, Map.of()).error(400, "bad_encoding");
    fx.post(PATH, java.util.Arrays.copyOf(two, two.length + 1), ApiFixture.MSGPACK, Map.of()).error(400, "bad_encoding");
    byte[] notTx = {(byte) 0x92, (byte) 0x91, 0x01, (byte) 0x91, 0x02};
    fx.post(PATH, notTx, ApiFixture.MSGPACK, Map.of()).error(400, "bad_encoding");
    byte[] declared = two.clone();
    declared[0] = (byte) 0x93;
    fx.post(PATH, declared, ApiFixture.MSGPACK, Map.of()).error(400, "bad_encoding");
    assertThat(fx.snapshot()).isEqualTo(before);
  }

  @Test
  void batchFormsAreToldFromSingleTransactions() {
    assertThat(SubmissionBatch.isJsonBatch(" \n[".getBytes(java.nio.charset.StandardCharsets.UTF_8))).isTrue();
    assertThat(SubmissionBatch.isJsonBatch("{\"raw\": \"x\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8))).isFalse();
    assertThat(SubmissionBatch.isJsonBatch(new byte[0])).isFalse();
    Transaction tx = fx.transfer(fx.alice, 0, fx.bob, 5, 1);
    assertThat(SubmissionBatch.isMsgpackBatch(Codec.encode(tx))).isFalse();
    assertThat(SubmissionBatch.isMsgpackBatch(msgpackBatch(List.of(tx)))).isTrue();
    List<Transaction> sixteen = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      sixteen.add(tx);
    }
    byte[] array16 = msgpackBatch(sixteen);
    assertThat(array16[0] & 0xff).isEqualTo(0xdc);
    assertThat(SubmissionBatch.isMsgpackBatch(array16)).isTrue();
    assertThat(SubmissionBatch.isMsgpackBatch(new byte[] {(byte) 0x90})).isTrue();
    assertThat(SubmissionBatch.isMsgpackBatch(new byte[] {(byte) 0x91})).isFalse();
    assertThat(SubmissionBatch.isMsgpackBatch(new byte[0])).isFalse();
  }
}
