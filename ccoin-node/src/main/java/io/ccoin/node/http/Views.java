package io.ccoin.node.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ccoin.api.Account;
import io.ccoin.api.Address;
import io.ccoin.api.BlockHeader;
import io.ccoin.api.Hash;
import io.ccoin.api.SealedHeader;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.Transaction;
import io.ccoin.api.TxLocation;
import io.ccoin.core.CcoinNode;
import io.ccoin.core.Hashes;
import io.ccoin.core.TransactionInfo;
import io.ccoin.core.Head;
import io.ccoin.core.codec.Codec;
import io.ccoin.core.crypto.PublicKeys;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON forms of SPEC 11: blocks, block summaries, transactions and accounts. Amounts and
 * {@code powNonce} are strings of decimal digits; hashes and addresses lowercase hex; keys,
 * signatures and data base64. Thread-safe.
 */
final class Views {
  private final CcoinNode node;
  private final BlockStates states;

  Views(CcoinNode node, BlockStates states) {
    this.node = node;
    this.states = states;
  }

  /** True when {@code b} is on the canonical chain ending in {@code head}, as far as the index tells now. */
  boolean isCanonical(StoredBlock b, Head head) {
    if (b.number() > head.number()) {
      return false;
    }
    if (b.number() == head.number()) {
      return b.hash().equals(head.hash());
    }
    return node.canonicalHash(b.number()).map(b.hash()::equals).orElse(false);
  }

  /** The whole block: header fields, {@code transactions} and {@code state} ({@code null} when unavailable). */
  ObjectNode block(StoredBlock b, Head head) {
    boolean canonical = isCanonical(b, head);
    ObjectNode o = header(b, head, canonical);
    ArrayNode txs = o.putArray("transactions");
    for (Transaction tx : b.block().transactions()) {
      txs.add(transaction(tx, Hashes.txHash(tx)));
    }
    Optional<Map<Address, Account>> state = canonical ? states.stateAfter(b, head) : Optional.empty();
    if (state.isPresent()) {
      ObjectNode s = o.putObject("state");
      state.get().forEach((address, account) -> s.set(address.toHex(), account(account)));
    } else {
      o.putNull("state");
    }
    return o;
  }

  /**
   * The block with its transactions' hashes (in block order) in place of the transactions, and no
   * state: what a client following inclusion needs, without encoding every transaction and reading
   * the state after the block.
   */
  ObjectNode blockWithTxHashes(StoredBlock b, Head head) {
    ObjectNode o = header(b, head, isCanonical(b, head));
    ArrayNode txs = o.putArray("transactions");
    for (Transaction tx : b.block().transactions()) {
      txs.add(Hashes.txHash(tx).toHex());
    }
    return o;
  }

  /** The block without transactions and state, plus {@code txCount}. */
  ObjectNode summary(StoredBlock b, Head head) {
    ObjectNode o = header(b, head, isCanonical(b, head));
    o.put("txCount", b.block().transactions().size());
    return o;
  }

  private ObjectNode header(StoredBlock b, Head head, boolean canonical) {
    SealedHeader sealed = b.block().sealedHeader();
    BlockHeader h = sealed.header();
    ObjectNode o = Json.object();
    o.put("hash", b.hash().toHex());
    o.put("chainId", h.chainId());
    o.put("number", h.number());
    o.put("parentHash", h.parentHash().toHex());
    o.put("timestamp", h.timestamp());
    o.put("miner", h.miner().toHex());
    o.put("txRoot", h.txRoot().toHex());
    o.put("stateRoot", h.stateRoot().toHex());
    o.put("difficulty", h.difficulty());
    o.put("data", h.data().toBase64());
    o.put("powNonce", Long.toString(h.powNonce()));
    o.put("powHash", Hashes.powHash(h).toHex());
    o.put("minerKey", sealed.minerKey().toBase64());
    o.put("signature", sealed.signature().toBase64());
    if (node.votingEnabled()) {
      // SPEC 11: on a version 2 network, null or {"candidate", "authorize"}
      h.vote().ifPresentOrElse(v -> o.putObject("vote").put("candidate", v.candidate().toHex()).put("authorize", v.authorize()),
          () -> o.putNull("vote"));
    }
    int rank = rank(b);
    o.put("weight", weight(b));
    o.put("totalWeight", b.totalWeight());
    o.put("inTurn", rank == 0);
    o.put("size", Codec.encode(b.block()).length);
    o.put("confirmations", canonical ? head.number() - b.number() + 1 : 0);
    return o;
  }

  /** The block's rank on its parent under the authority set in force at it; -1 for genesis (which has none). */
  private int rank(StoredBlock b) {
    if (b.number() == 0) {
      return -1;
    }
    return node.rank(b.hash()).orElse(-1);
  }

  /** The block's own weight (SPEC 7 fork choice): its total weight less its parent's; 0 for genesis. */
  private long weight(StoredBlock b) {
    if (b.number() == 0) {
      return 0;
    }
    return node.block(b.parentHash()).map(p -> b.totalWeight() - p.totalWeight()).orElse(0L);
  }

  /** The fields of a transaction. */
  static ObjectNode transaction(Transaction tx, Hash hash) {
    ObjectNode o = Json.object();
    o.put("hash", hash.toHex());
    o.put("chainId", tx.chainId());
    o.put("nonce", tx.nonce());
    o.put("from", PublicKeys.address(tx.publicKey()).toHex());
    o.put("to", tx.to().toHex());
    o.put("value", Long.toString(tx.value()));
    o.put("fee", Long.toString(tx.fee()));
    o.put("data", tx.data().toBase64());
    o.put("publicKey", tx.publicKey().toBase64());
    o.put("signature", tx.signature().toBase64());
    return o;
  }

  /** Every field of a known transaction, its {@code status} and, when confirmed, where it is. */
  static ObjectNode transactionInfo(TransactionInfo info) {
    ObjectNode o = transaction(info.transaction(), info.hash());
    status(o, info);
    return o;
  }

  /**
   * {@code status} ({@code pending}, {@code confirmed} or {@code dropped}); for a confirmed
   * transaction {@code blockNumber}, {@code blockHash}, {@code index}, {@code confirmations}; for a
   * dropped one {@code reason} (e.g. {@code nonce_used}) and {@code droppedAt} (ms).
   */
  static ObjectNode status(ObjectNode o, TransactionInfo info) {
    o.put("status", info.status().name().toLowerCase(java.util.Locale.ROOT));
    info.location().ifPresent(l -> location(o, l, info.confirmations()));
    info.dropReason().ifPresent(r -> o.put("reason", r.code()));
    info.droppedAt().ifPresent(t -> o.put("droppedAt", t));
    return o;
  }

  private static void location(ObjectNode o, TxLocation l, long confirmations) {
    o.put("blockNumber", l.blockNumber());
    o.put("blockHash", l.blockHash().toHex());
    o.put("index", l.index());
    o.put("confirmations", confirmations);
  }

  /** {@code {"balance", "nonce"}}. */
  static ObjectNode account(Account a) {
    ObjectNode o = Json.object();
    o.put("balance", Long.toString(a.balance()));
    o.put("nonce", a.nonce());
    return o;
  }
}
