package io.ccoin.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccoin.api.Address;
import io.ccoin.api.Hash;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.net.URI;

/**
 * The few calls of a node's HTTP API (docs/API.md) the load generator makes, over one persistent
 * connection. Not thread-safe: one per thread and node.
 */
final class ApiClient implements Closeable {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String MSGPACK = "application/msgpack";

  private final URI base;
  private final HttpConnection connection;

  ApiClient(URI base) {
    this.base = base;
    this.connection = new HttpConnection(base);
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

  /** A canonical block as {@code GET /blocks/{number}} reports it: its hash, its parent's, its miner, its transactions' hashes. */
  record BlockTxs(long number, Hash hash, Hash parentHash, String miner, List<Hash> txHashes) {}

  /** The canonical block at {@code number}, or empty when the chain is not that long. */
  Optional<BlockTxs> block(long number) throws IOException {
    String path = "/api/v1/blocks/" + number;
    HttpConnection.Response r = connection.get(path);
    if (r.status() == 404) {
      return Optional.empty();
    }
    if (r.status() != 200) {
      throw new IOException("GET " + base + path + ": HTTP " + r.status() + " " + r.text());
    }
    JsonNode o = JSON.readTree(r.body());
    List<Hash> txs = new ArrayList<>();
    for (JsonNode tx : o.path("transactions")) {
      txs.add(Hash.fromHex(tx.path("hash").asText()));
    }
    return Optional.of(new BlockTxs(o.path("number").asLong(), Hash.fromHex(o.path("hash").asText()),
        Hash.fromHex(o.path("parentHash").asText()), o.path("miner").asText(""), txs));
  }

  /**
   * Submits a batch (docs/API.md): a msgpack array of the encoded transactions, answered with one
   * result per transaction.
   */
  HttpConnection.Response submitBatch(List<byte[]> raws) throws IOException {
    int size = 5;
    for (byte[] r : raws) {
      size += r.length;
    }
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream(size);
    body.writeBytes(io.ccoin.core.codec.CanonicalWriter.create(5).arrayHeader(raws.size()).toByteArray());
    raws.forEach(body::writeBytes);
    return connection.post("/api/v1/transactions", MSGPACK, body.toByteArray());
  }

  /** Per transaction of a batch answer, in order: empty when it was taken, else its error code. */
  static List<String> batchErrors(HttpConnection.Response r) throws IOException {
    List<String> out = new ArrayList<>();
    for (JsonNode result : JSON.readTree(r.body()).path("results")) {
      out.add(result.has("error") ? result.path("error").path("code").asText("error") : "");
    }
    return out;
  }

  /** Submits an encoded transaction as {@code application/msgpack}. */
  HttpConnection.Response submit(byte[] raw) throws IOException {
    return connection.post("/api/v1/transactions", MSGPACK, raw);
  }

  private JsonNode getJson(String path) throws IOException {
    HttpConnection.Response r = connection.get(path);
    if (r.status() != 200) {
      throw new IOException("GET " + base + path + ": HTTP " + r.status() + " " + r.text());
    }
    return JSON.readTree(r.body());
  }

  /** The {@code error.code} of an error answer, or {@code http_<status>}. */
  static String errorCode(HttpConnection.Response r) {
    try {
      String code = JSON.readTree(r.body()).path("error").path("code").asText("");
      return code.isEmpty() ? "http_" + r.status() : code;
    } catch (IOException e) {
      return "http_" + r.status();
    }
  }

  @Override
  public void close() {
    connection.close();
  }
}
