package io.ccoin.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ccoin.api.Account;
import io.ccoin.api.Bytes;
import io.ccoin.api.Hash;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.Transaction;
import io.ccoin.core.Hashes;
import io.ccoin.core.MutableClock;
import io.ccoin.core.TransactionBuilder;
import io.ccoin.core.TransactionInfo;
import io.ccoin.core.codec.Codec;
import io.ccoin.core.pool.PoolConfig;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /transactions} and {@code POST /wallet/transactions}: good and every kind of bad input. */
class SubmitEndpointsTest {
  ApiFixture fx;

  @BeforeEach
  void start() {
    fx = new ApiFixture();
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  /** Sends {@code bad}, expects the error, and checks that nothing changed. */
  private String refused(ApiFixture.Reply reply, int status, String code, ApiFixture.Snapshot before) {
    String message = reply.error(status, code);
    assertThat(fx.snapshot()).isEqualTo(before);
    return message;
  }

  @Test
  void aNewTransactionIsAcceptedAsPendingAndAgainAsAlreadyKnown() {
    Transaction tx = fx.transfer(fx.alice, 0, fx.bob, 500, 2);
    String hash = Hashes.txHash(tx).toHex();
    ApiFixture.Reply r = fx.submit(tx);
    assertThat(r.status()).isEqualTo(202);
    assertThat(r.json().get("hash").asText()).isEqualTo(hash);
    assertThat(r.json().get("status").asText()).isEqualTo("pending");
    assertThat(r.headers().get("Location")).isEqualTo("/api/v1/transactions/" + hash);
    assertThat(fx.node.poolStats().count()).isEqualTo(1);
    assertThat(fx.get("/api/v1/transactions/" + hash).json().get("status").asText()).isEqualTo("pending");

    ApiFixture.Reply again = fx.submit(tx);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("status").asText()).isEqualTo("pending");
    assertThat(fx.node.poolStats().count()).isEqualTo(1);

    // confirmed: 200 with where it is
    StoredBlock b = fx.extend(List.of(tx));
    ApiFixture.Reply confirmed = fx.submit(tx);
    assertThat(confirmed.status()).isEqualTo(200);
    JsonNode c = confirmed.json();
    assertThat(c.get("status").asText()).isEqualTo("confirmed");
    assertThat(c.get("blockNumber").asLong()).isEqualTo(1);
    assertThat(c.get("blockHash").asText()).isEqualTo(b.hash().toHex());
    assertThat(c.get("index").asInt()).isZero();
    assertThat(c.get("confirmations").asLong()).isEqualTo(1);
    assertThat(fx.node.poolStats().count()).isZero();
  }

  @Test
  void rawMsgpackBodiesAreAccepted() {
    Transaction tx = fx.transfer(fx.alice, 0, fx.bob, 5, 1);
    ApiFixture.Reply r = fx.post("/api/v1/transactions", Codec.encode(tx), ApiFixture.MSGPACK, Map.of());
    assertThat(r.status()).isEqualTo(202);
    assertThat(r.json().get("hash").asText()).isEqualTo(Hashes.txHash(tx).toHex());
    Transaction tx2 = fx.transfer(fx.alice, 1, fx.bob, 5, 1);
    r = fx.post("/api/v1/transactions", Codec.encode(tx2), okhttp3.MediaType.get("application/x-msgpack; charset=binary"), Map.of());
    assertThat(r.status()).isEqualTo(202);
    assertThat(fx.node.poolStats().count()).isEqualTo(2);
  }

  @Test
  void aBetterPaidReplacementIsAcceptedAndAnUnderpricedOneRefused() {
    assertThat(fx.submit(fx.transfer(fx.alice, 0, fx.bob, 5, 10)).status()).isEqualTo(202);
    ApiFixture.Snapshot before = fx.snapshot();
    refused(fx.submit(fx.transfer(fx.alice, 0, fx.bob, 6, 10)), 409, "replacement_underpriced", before);
    Transaction better = fx.transfer(fx.alice, 0, fx.bob, 6, 11);
    assertThat(fx.submit(better).status()).isEqualTo(202);
    assertThat(fx.node.transaction(Hashes.txHash(better)).filter(i -> i.status() == TransactionInfo.Status.PENDING)).isPresent();
    assertThat(fx.node.poolStats().count()).isEqualTo(1);
  }

  @Test
  void malformedJsonIsRefused() {
    ApiFixture.Snapshot before = fx.snapshot();
    String raw = b64(Codec.encode(fx.transfer(fx.alice, 0, fx.bob, 5, 1)));
    for (String body : List.of("", "{", "{\"raw\": ", "[1]", "\"raw\"", "null", "42", "{\"raw\": \"" + raw + "\"} x",
        "{\"raw\": \"" + raw + "\", \"raw\": \"" + raw + "\"}", "{raw: 1}", "{'raw': 'x'}", "\u00ff\u00fe")) {
      refused(fx.postJson("/api/v1/transactions", body), 400, "malformed_json", before);
    }
  }

  @Test
  void wrongFieldsAreBadParameters() {
    ApiFixture.Snapshot before = fx.snapshot();
    String raw = b64(Codec.encode(fx.transfer(fx.alice, 0, fx.bob, 5, 1)));
    assertThat(refused(fx.postJson("/api/v1/transactions", "{\"raw\": \"" + raw + "\", \"fee\": 1}"), 400, "bad_parameter", before))
        .contains("fee");
    refused(fx.postJson("/api/v1/transactions", "{}"), 400, "bad_parameter", before);
    refused(fx.postJson("/api/v1/transactions", "{\"raw\": 5}"), 400, "bad_parameter", before);
    refused(fx.postJson("/api/v1/transactions", "{\"raw\": null}"), 400, "bad_parameter", before);
    refused(fx.postJson("/api/v1/transactions", "{\"raw\": [\"" + raw + "\"]}"), 400, "bad_parameter", before);
  }

  @Test
  void badBase64IsRefused() {
    ApiFixture.Snapshot before = fx.snapshot();
    String raw = "";
    for (int n = 0; !raw.endsWith("="); n++) {
      raw = b64(Codec.encode(TransactionBuilder.forNetwork(5, fx.f.genesis.hash()).nonce(0).to(fx.bob.address()).value(5).fee(1)
          .data(Bytes.of(new byte[n])).sign(fx.alice)));
    }
    String unpadded = raw.replace("=", "");
    assertThat(unpadded).isNotEqualTo(raw);
    for (String bad : List.of("!!!!", "abc", unpadded, raw.replace('+', '-').replace('/', '_') + "*", " " + raw, raw + "\n")) {
      refused(fx.postJson("/api/v1/transactions", "{\"raw\": \"" + bad.replace("\n", "\\n") + "\"}"), 400, "bad_base64", before);
    }
  }

  @Test
  void nonCanonicalEncodingsAreRefused() {
    ApiFixture.Snapshot before = fx.snapshot();
    byte[] good = Codec.encode(fx.transfer(fx.alice, 0, fx.bob, 5, 1));
    assertThat(good[0]).isEqualTo((byte) 0x98);
    assertThat(good[1]).isEqualTo((byte) 5);
    byte[] longChainId = new byte[good.length + 1];
    longChainId[0] = good[0];
    longChainId[1] = (byte) 0xcc; // uint8 5: not the shortest form
    System.arraycopy(good, 1, longChainId, 2, good.length - 1);
    byte[] trailing = Arrays.copyOf(good, good.length + 1);
    byte[] truncated = Arrays.copyOf(good, good.length - 1);
    byte[] sevenFields = good.clone();
    sevenFields[0] = (byte) 0x97;
    for (byte[] bad : List.of(longChainId, trailing, truncated, sevenFields, new byte[] {(byte) 0xc0}, new byte[0])) {
      refused(fx.postJson("/api/v1/transactions", "{\"raw\": \"" + b64(bad) + "\"}"), 400, "bad_encoding", before);
      refused(fx.post("/api/v1/transactions", bad, ApiFixture.MSGPACK, Map.of()), 400, "bad_encoding", before);
    }
  }

  @Test
  void badSignaturesAndKeysAreRefused() {
    ApiFixture.Snapshot before = fx.snapshot();
    Transaction tx = fx.transfer(fx.alice, 0, fx.bob, 5, 1);
    byte[] sig = tx.signature().toArray();
    sig[100] ^= 1;
    refused(fx.submit(tx.withSignature(Bytes.of(sig))), 422, "bad_signature", before);
    refused(fx.submit(tx.withSignature(Bytes.of(Arrays.copyOf(sig, 255)))), 422, "bad_signature", before);
    refused(fx.submit(tx.withSignature(Bytes.EMPTY)), 422, "bad_signature", before);
    Transaction otherNetwork = TransactionBuilder.forNetwork(5, Hash.fromHex("11".repeat(32))).nonce(0).to(fx.bob.address())
        .value(5).fee(1).sign(fx.alice);
    refused(fx.submit(otherNetwork), 422, "bad_signature", before);
    byte[] key = tx.publicKey().toArray();
    Transaction shortKey = new Transaction(5, 0, fx.bob.address(), 5, 1, Bytes.EMPTY, Bytes.of(Arrays.copyOf(key, 293)), tx.signature());
    refused(fx.submit(shortKey), 422, "bad_key", before);
    key[0] = 0x31;
    Transaction otherForm = new Transaction(5, 0, fx.bob.address(), 5, 1, Bytes.EMPTY, Bytes.of(key), tx.signature());
    refused(fx.submit(otherForm), 422, "bad_key", before);
  }

  @Test
  void wrongChainLowFeeFarNonceAndMissingFundsAreRefused() {
    ApiFixture.Snapshot before = fx.snapshot();
    Transaction wrongChain = TransactionBuilder.forNetwork(6, fx.f.genesis.hash()).nonce(0).to(fx.bob.address()).value(5).fee(1)
        .sign(fx.alice);
    refused(fx.submit(wrongChain), 422, "wrong_chain", before);
    refused(fx.submit(fx.transfer(fx.alice, 0, fx.bob, 5, 0)), 422, "fee_too_low", before);
    refused(fx.submit(fx.transfer(fx.alice, 64, fx.bob, 5, 1)), 422, "nonce_too_far", before);
    refused(fx.submit(fx.transfer(fx.bob, 0, fx.alice, 5000, 1)), 422, "insufficient_funds", before);
    refused(fx.submit(fx.transfer(fx.bob, 0, fx.alice, 1000, 1)), 422, "insufficient_funds", before);
    refused(fx.submit(fx.transfer(fx.bob, 0, fx.alice, Long.MAX_VALUE, 1)), 422, "insufficient_funds", before);
  }

  @Test
  void aUsedNonceIsRefused() {
    fx.extend(List.of(fx.transfer(fx.alice, 0, fx.bob, 5, 1)));
    ApiFixture.Snapshot before = fx.snapshot();
    assertThat(before.alice().nonce()).isEqualTo(1);
    refused(fx.submit(fx.transfer(fx.alice, 0, fx.bob, 6, 1)), 409, "nonce_too_low", before);
  }

  @Test
  void dataLongerThanMaxTxDataIsTooLarge() {
    ApiFixture.Snapshot before = fx.snapshot();
    Transaction big = TransactionBuilder.forNetwork(5, fx.f.genesis.hash()).nonce(0).to(fx.bob.address()).value(5).fee(1)
        .data(Bytes.of(new byte[4097])).sign(fx.alice);
    refused(fx.submit(big), 413, "too_large", before);
  }

  @Test
  void aFullPoolRefusesWhatItCannotMakeRoomFor() {
    fx.close();
    fx = new ApiFixture(b -> b, PoolConfig.DEFAULT.withMaxPerSender(1));
    assertThat(fx.submit(fx.transfer(fx.alice, 0, fx.bob, 5, 1)).status()).isEqualTo(202);
    ApiFixture.Snapshot before = fx.snapshot();
    refused(fx.submit(fx.transfer(fx.alice, 1, fx.bob, 5, 1)), 409, "pool_full", before);
  }

  @Test
  void aBodyDeclaredLargerThanTheLimitIsRefusedBeforeItIsSent() throws Exception {
    ApiFixture.Snapshot before = fx.snapshot();
    String answer = rawHttp("POST /api/v1/transactions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + "Content-Length: 2097152\r\n\r\n", new byte[0]);
    assertThat(answer).startsWith("HTTP/1.1 413");
    assertThat(answer).contains("{\"error\":{\"code\":\"too_large\"");
    assertThat(fx.snapshot()).isEqualTo(before);
    String expecting = rawHttp("POST /api/v1/transactions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + "Expect: 100-continue\r\nContent-Length: 2097152\r\n\r\n", new byte[0]);
    assertThat(expecting).startsWith("HTTP/1.1 413");
    assertThat(fx.snapshot()).isEqualTo(before);
  }

  @Test
  void aChunkedBodyIsCutOffAtTheLimit() throws Exception {
    ApiFixture.Snapshot before = fx.snapshot();
    ByteArrayOutputStream chunks = new ByteArrayOutputStream();
    byte[] chunk = new byte[64 * 1024];
    Arrays.fill(chunk, (byte) ' ');
    for (int i = 0; i < 17; i++) { // 1.0625 MiB
      chunks.write(Integer.toHexString(chunk.length).getBytes(StandardCharsets.US_ASCII));
      chunks.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      chunks.write(chunk);
      chunks.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    chunks.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    String answer = rawHttp("POST /api/v1/transactions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n", chunks.toByteArray());
    assertThat(answer).startsWith("HTTP/1.1 413");
    assertThat(answer).contains("{\"error\":{\"code\":\"too_large\"");
    assertThat(fx.snapshot()).isEqualTo(before);
  }

  @Test
  void aBodyJustUnderTheLimitIsRead() {
    String raw = b64(Codec.encode(fx.transfer(fx.alice, 0, fx.bob, 5, 1)));
    String json = "{\"raw\": \"" + raw + "\"}";
    String padded = json + " ".repeat((1 << 20) - json.length());
    assertThat(fx.postJson("/api/v1/transactions", padded).status()).isEqualTo(202);
    ApiFixture.Snapshot before = fx.snapshot();
    refused(fx.postJson("/api/v1/transactions", padded + " "), 413, "too_large", before);
  }

  private String rawHttp(String head, byte[] body) throws Exception {
    try (Socket s = new Socket("127.0.0.1", fx.server.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      try {
        out.write(body);
        out.flush();
      } catch (java.io.IOException closedEarly) {
        // the server may stop reading once it has answered
      }
      InputStream in = s.getInputStream();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      byte[] buf = new byte[4096];
      try {
        for (int n; (n = in.read(buf)) >= 0; ) {
          got.write(buf, 0, n);
          if (got.toString(StandardCharsets.UTF_8).contains("}}")) {
            break;
          }
        }
      } catch (java.net.SocketException reset) {
        // a reset after the answer arrived
      }
      return got.toString(StandardCharsets.UTF_8);
    }
  }

  @Test
  void submissionsAreRateLimitedPerClient() {
    fx.close();
    MutableClock clock = new MutableClock(0);
    fx = new ApiFixture(b -> b.clock(clock).config(ApiConfig.builder().submitRate(new ApiConfig.RateLimit(0.5, 2)).build()),
        PoolConfig.DEFAULT);
    assertThat(fx.submit(fx.transfer(fx.alice, 0, fx.bob, 5, 1)).status()).isEqualTo(202);
    fx.postJson("/api/v1/transactions", "{").error(400, "malformed_json");
    ApiFixture.Snapshot before = fx.snapshot();
    ApiFixture.Reply limited = fx.submit(fx.transfer(fx.alice, 1, fx.bob, 5, 1));
    refused(limited, 429, "rate_limited", before);
    assertThat(limited.headers().get("Retry-After")).isEqualTo("2");
    clock.advance(1999);
    refused(fx.submit(fx.transfer(fx.alice, 1, fx.bob, 5, 1)), 429, "rate_limited", before);
    clock.advance(2000);
    assertThat(fx.submit(fx.transfer(fx.alice, 1, fx.bob, 5, 1)).status()).isEqualTo(202);
    // reads are not limited
    for (int i = 0; i < 5; i++) {
      assertThat(fx.get("/api/v1/status").status()).isEqualTo(200);
    }
  }

  // ---- wallet -----------------------------------------------------------------------------------

  @Test
  void theWalletNeedsItsToken() {
    ApiFixture.Snapshot before = fx.snapshot();
    String body = "{\"to\": \"" + fx.bob.address().toHex() + "\", \"value\": \"10\"}";
    ApiFixture.Reply none = fx.wallet(body, null);
    refused(none, 401, "unauthorized", before);
    assertThat(none.headers().get("WWW-Authenticate")).isEqualTo("Bearer");
    refused(fx.wallet(body, ""), 401, "unauthorized", before);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    refused(fx.post("/api/v1/wallet/transactions", bytes, ApiFixture.JSON, Map.of("Authorization", "Basic " + ApiFixture.TOKEN)),
        401, "unauthorized", before);
    refused(fx.wallet(body, "wrong-token-0123456789abcdef"), 403, "unauthorized", before);
    refused(fx.wallet(body, ApiFixture.TOKEN + "x"), 403, "unauthorized", before);
    refused(fx.wallet(body, ApiFixture.TOKEN.substring(1)), 403, "unauthorized", before);
    // the token is checked before the body is even read
    refused(fx.wallet("{", "wrong-token-0123456789abcdef"), 403, "unauthorized", before);
  }

  @Test
  void theWalletSignsAndSubmitsFromItsAccount() {
    ApiFixture.Reply r = fx.wallet("{\"to\": \"" + fx.bob.address().toHex() + "\", \"value\": \"1234\"}", ApiFixture.TOKEN);
    assertThat(r.status()).isEqualTo(202);
    Hash h1 = Hash.fromHex(r.json().get("hash").asText());
    Transaction t1 = fx.node.transaction(h1).orElseThrow().transaction();
    assertThat(t1.nonce()).isZero();
    assertThat(t1.fee()).isEqualTo(1);
    assertThat(t1.value()).isEqualTo(1234);
    assertThat(t1.publicKey()).isEqualTo(fx.alice.publicKey());

    ApiFixture.Reply r2 = fx.wallet("{\"to\": \"0x" + fx.bob.address().toHex().toUpperCase() + "\", \"value\": 7, \"fee\": \"3\", \"data\": \""
        + b64("hi".getBytes(StandardCharsets.US_ASCII)) + "\"}", ApiFixture.TOKEN);
    assertThat(r2.status()).isEqualTo(202);
    Transaction t2 = fx.node.transaction(Hash.fromHex(r2.json().get("hash").asText())).orElseThrow().transaction();
    assertThat(t2.nonce()).isEqualTo(1);
    assertThat(t2.fee()).isEqualTo(3);
    assertThat(t2.data().toArray()).isEqualTo("hi".getBytes(StandardCharsets.US_ASCII));

    fx.extend(List.of(t1, t2));
    assertThat(fx.node.transaction(h1).orElseThrow().status()).isEqualTo(TransactionInfo.Status.CONFIRMED);
    JsonNode bob = fx.get("/api/v1/accounts/" + fx.bob.address().toHex()).json();
    assertThat(bob.get("balance").asText()).isEqualTo(Long.toString(1000 + 1234 + 7));
    JsonNode alice = fx.get("/api/v1/accounts/" + fx.alice.address().toHex()).json();
    assertThat(alice.get("nonce").asLong()).isEqualTo(2);
  }

  @Test
  void badWalletRequestsAreRefused() {
    ApiFixture.Snapshot before = fx.snapshot();
    String bob = fx.bob.address().toHex();
    refused(fx.wallet("{\"to\": ", ApiFixture.TOKEN), 400, "malformed_json", before);
    refused(fx.wallet("[]", ApiFixture.TOKEN), 400, "malformed_json", before);
    refused(fx.wallet("{\"value\": \"1\"}", ApiFixture.TOKEN), 400, "bad_parameter", before);
    refused(fx.wallet("{\"to\": \"" + bob + "\"}", ApiFixture.TOKEN), 400, "bad_parameter", before);
    refused(fx.wallet("{\"to\": \"" + bob + "\", \"value\": \"1\", \"nonce\": 3}", ApiFixture.TOKEN), 400, "bad_parameter", before);
    refused(fx.wallet("{\"to\": \"xyz\", \"value\": \"1\"}", ApiFixture.TOKEN), 400, "bad_hex", before);
    refused(fx.wallet("{\"to\": \"" + bob + "00\", \"value\": \"1\"}", ApiFixture.TOKEN), 400, "bad_hex", before);
    refused(fx.wallet("{\"to\": 5, \"value\": \"1\"}", ApiFixture.TOKEN), 400, "bad_parameter", before);
    for (String value : List.of("\"-1\"", "\"1.5\"", "\"abc\"", "1.5", "-1", "\"9223372036854775808\"", "9223372036854775808", "\"\"",
        "true", "\" 1\"")) {
      refused(fx.wallet("{\"to\": \"" + bob + "\", \"value\": " + value + "}", ApiFixture.TOKEN), 400, "bad_parameter", before);
    }
    refused(fx.wallet("{\"to\": \"" + bob + "\", \"value\": \"1\", \"fee\": \"x\"}", ApiFixture.TOKEN), 400, "bad_parameter", before);
    refused(fx.wallet("{\"to\": \"" + bob + "\", \"value\": \"1\", \"data\": \"!!\"}", ApiFixture.TOKEN), 400, "bad_base64", before);
    refused(fx.wallet("{\"to\": \"" + bob + "\", \"value\": \"1000000000000\"}", ApiFixture.TOKEN), 422, "insufficient_funds", before);
    refused(fx.wallet("{\"to\": \"" + bob + "\", \"value\": \"1\", \"fee\": \"0\"}", ApiFixture.TOKEN), 422, "fee_too_low", before);
    refused(fx.wallet("{\"to\": \"" + bob + "\", \"value\": \"1\", \"data\": \"" + b64(new byte[4097]) + "\"}", ApiFixture.TOKEN),
        413, "too_large", before);
    Account alice = fx.node.account(fx.alice.address());
    assertThat(alice).isEqualTo(before.alice());
  }
}
