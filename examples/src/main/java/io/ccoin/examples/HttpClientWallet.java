package io.ccoin.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccoin.api.Address;
import io.ccoin.api.Hash;
import io.ccoin.api.Transaction;
import io.ccoin.core.TransactionBuilder;
import io.ccoin.core.codec.Codec;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.crypto.Keystore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A wallet over a node's HTTP API: reads an account from a keystore file, signs a transfer with
 * ccoin-core (the key never leaves this process), submits it and waits until it is mined.
 *
 * <p>Usage: {@code HttpClientWallet <node URL> <keystore file> <passphrase file> <recipient> <value>}
 */
public final class HttpClientWallet {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType JSON_TYPE = MediaType.get("application/json");

  private HttpClientWallet() {}

  public static void main(String[] args) throws Exception {
    String node = args[0];
    AccountKey key = Keystore.read(Path.of(args[1]), Files.readString(Path.of(args[2]), StandardCharsets.UTF_8).strip().toCharArray());
    Address to = Address.fromHex(args[3]);
    long value = Long.parseLong(args[4]);
    OkHttpClient http = new OkHttpClient();

    // the network's identity: the signature binds the transaction to this genesis
    JsonNode status = get(http, node + "/api/v1/status");
    long chainId = status.get("chainId").asLong();
    Hash genesisHash = Hash.fromHex(status.get("genesisHash").asText());
    long nonce = get(http, node + "/api/v1/accounts/" + key.address()).get("pendingNonce").asLong();

    Transaction tx = TransactionBuilder.forNetwork(chainId, genesisHash).nonce(nonce).to(to).value(value).fee(1).sign(key);
    String body = JSON.createObjectNode().put("raw", Base64.getEncoder().encodeToString(Codec.encode(tx))).toString();
    JsonNode submitted;
    try (Response r = http.newCall(new Request.Builder().url(node + "/api/v1/transactions").post(RequestBody.create(body, JSON_TYPE)).build()).execute()) {
      submitted = JSON.readTree(r.body().string());
      if (!r.isSuccessful()) {
        throw new IllegalStateException("refused: " + submitted.path("error"));
      }
    }
    String hash = submitted.get("hash").asText();
    System.out.println("submitted " + hash + " from " + key.address() + " (nonce " + nonce + ")");

    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      JsonNode t = get(http, node + "/api/v1/transactions/" + hash);
      if ("confirmed".equals(t.path("status").asText())) {
        System.out.println("mined in block #" + t.get("blockNumber").asLong() + " " + t.get("blockHash").asText());
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("not mined within 60 s");
  }

  private static JsonNode get(OkHttpClient http, String url) throws IOException {
    try (Response r = http.newCall(new Request.Builder().url(url).build()).execute()) {
      JsonNode body = JSON.readTree(r.body().string());
      if (!r.isSuccessful()) {
        throw new IllegalStateException(url + ": " + body.path("error"));
      }
      return body;
    }
  }
}
