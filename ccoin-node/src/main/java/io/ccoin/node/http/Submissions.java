package io.ccoin.node.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ccoin.api.Address;
import io.ccoin.api.Bytes;
import io.ccoin.api.Hash;
import io.ccoin.api.Transaction;
import io.ccoin.core.CcoinNode;
import io.ccoin.core.TransactionBuilder;
import io.ccoin.core.TransactionInfo;
import io.ccoin.core.codec.Codec;
import io.ccoin.core.crypto.Sha256;
import io.ccoin.core.pool.AddResult;
import io.ccoin.core.pool.PoolError;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /transactions} and {@code POST /wallet/transactions}: decode or build a transaction,
 * hand it to the pool, and turn the outcome into an answer. A transaction the node already knows,
 * pending or confirmed, is answered 200 with its current status; a new one 202 pending; a refusal
 * the pool's SPEC 11 error. Thread-safe.
 */
final class Submissions {
  static final Set<String> RAW_FIELDS = Set.of("raw");
  static final Set<String> WALLET_FIELDS = Set.of("to", "value", "fee", "data");

  private final CcoinNode node;
  private final Object walletLock = new Object();

  Submissions(CcoinNode node) {
    this.node = node;
  }

  /** The answer to a submission: its HTTP status and body. */
  record Answer(int status, ObjectNode body, Hash hash) {}

  /** The body of a JSON submission: {@code {"raw": "<base64 of msgpack(Tx)>"}}. */
  static byte[] rawFromJson(byte[] body) {
    return rawFromJson(Inputs.jsonObject(body));
  }

  /** One {@code {"raw": ...}} object, alone or in a batch. */
  static byte[] rawFromJson(ObjectNode o) {
    Inputs.onlyFields(o, RAW_FIELDS);
    return Inputs.base64("raw", Inputs.requiredString(o, "raw")).toArray();
  }

  Answer submitRaw(byte[] raw) {
    Transaction tx = decode(raw);
    return submit(tx);
  }

  /**
   * Submits each entry of a batch in order, exactly as {@link #submitRaw} would one by one, and
   * answers {@code {"results": [...], "accepted": n, "refused": m}}: per entry the body a single
   * submission would be answered with ({@code {"hash", "status", ...}}), or for a refused one
   * {@code {"hash" (when it could be decoded), "error": {"code", "message"}}}. Once the pool has no
   * room left ({@link CcoinNode#poolRoom()}, e.g. filled by gossip meanwhile), the remaining entries
   * are answered {@code pool_full} with their hash, without being decoded or verified.
   */
  ObjectNode submitBatch(List<SubmissionBatch.Entry> entries) {
    ObjectNode body = Json.object();
    ArrayNode results = body.putArray("results");
    int refused = 0;
    for (SubmissionBatch.Entry e : entries) {
      ObjectNode result = e.error() == null && node.poolRoom() == 0 ? poolFull(e.raw()) : result(e);
      if (result.has("error")) {
        refused++;
      }
      results.add(result);
    }
    body.put("accepted", entries.size() - refused);
    body.put("refused", refused);
    return body;
  }

  /** The answer to an entry that met a full pool: its hash (of the bytes, not decoded) and {@code pool_full}. */
  private static ObjectNode poolFull(byte[] raw) {
    ObjectNode o = Json.object().put("hash", Sha256.hash(raw).toHex());
    o.putObject("error").put("code", PoolError.POOL_FULL.code()).put("message", "the pool is full; send it again later");
    return o;
  }

  private ObjectNode result(SubmissionBatch.Entry e) {
    if (e.error() != null) {
      return Json.error(e.error().code(), e.error().getMessage());
    }
    boolean decoded = false;
    try {
      Transaction tx = decode(e.raw());
      decoded = true;
      return submit(tx).body();
    } catch (ApiException refused) {
      ObjectNode o = Json.object();
      if (decoded) {
        // the encoding is canonical, so the transaction hash is the hash of these very bytes
        o.put("hash", Sha256.hash(e.raw()).toHex());
      }
      o.putObject("error").put("code", refused.code()).put("message", refused.getMessage());
      return o;
    }
  }

  private static Transaction decode(byte[] raw) {
    try {
      return Codec.decodeTransaction(raw);
    } catch (IllegalArgumentException e) {
      throw new ApiException(ErrorCode.BAD_ENCODING, "not a canonical msgpack transaction: " + e.getMessage());
    }
  }

  /**
   * Submits to the pool straight away: the store is read only for a transaction the pool does not
   * take as new (already known, or refused {@code nonce_too_low}, which is how the pool refuses a
   * mined transaction, its nonce being checked before the pool's room), not for every new one.
   */
  private Answer submit(Transaction tx) {
    return answer(node.submit(tx));
  }

  /** Builds, signs and submits a transaction from the wallet's account. */
  Answer submitFromWallet(Wallet wallet, byte[] body) {
    ObjectNode o = Inputs.jsonObject(body);
    Inputs.onlyFields(o, WALLET_FIELDS);
    Address to = Inputs.address("to", Inputs.requiredString(o, "to"));
    long value = Inputs.amount(o, "value").orElseThrow(() -> ApiException.badParameter("value is required"));
    long fee = Inputs.amount(o, "fee").orElse(node.params().minFee());
    Bytes data = Inputs.string(o, "data").map(d -> Inputs.base64("data", d)).orElse(Bytes.EMPTY);
    // One at a time, so that two requests never take the same nonce.
    synchronized (walletLock) {
      Transaction tx = TransactionBuilder.forNetwork(node.params().networkId(), node.genesis().hash())
          .nonce(node.pendingNonce(wallet.address()))
          .to(to).value(value).fee(fee).data(data)
          .sign(wallet.key());
      return answer(node.submit(tx));
    }
  }

  private Answer answer(AddResult r) {
    switch (r.status()) {
      case ADDED, REPLACED:
        return new Answer(202, pending(r.hash()), r.hash());
      case ALREADY_KNOWN:
        return node.transaction(r.hash()).map(this::known).orElseGet(() -> new Answer(200, pending(r.hash()), r.hash()));
      default:
        PoolError error = r.error().orElseThrow();
        if (error == PoolError.NONCE_TOO_LOW) {
          // Mined between the lookup and the submission: known, not an error.
          Optional<TransactionInfo> now = node.transaction(r.hash());
          if (now.isPresent() && now.get().status() == TransactionInfo.Status.CONFIRMED) {
            return known(now.get());
          }
        }
        throw new ApiException(error.httpStatus(), error.code(), r.message());
    }
  }

  private Answer known(TransactionInfo info) {
    ObjectNode o = Json.object().put("hash", info.hash().toHex());
    return new Answer(200, Views.status(o, info), info.hash());
  }

  private static ObjectNode pending(Hash hash) {
    return Json.object().put("hash", hash.toHex()).put("status", "pending");
  }
}
