package io.ccoin.node.http;

import io.ccoin.core.Head;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ccoin.api.Account;
import io.ccoin.api.Address;
import io.ccoin.api.Hash;
import io.ccoin.api.StoredBlock;
import io.ccoin.core.CcoinNode;
import io.ccoin.core.TransactionInfo;
import io.ccoin.core.Head;
import io.ccoin.core.codec.Codec;
import io.ccoin.core.merkle.StateProof;
import io.ccoin.core.pool.PoolStats;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The handlers of every {@code /api/v1} endpoint (SPEC 11). Each reads one head snapshot where it
 * needs the chain, so the parts of one answer always agree. Thread-safe.
 */
final class Endpoints {
  static final String JSON = "application/json; charset=utf-8";
  static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

  private final CcoinNode node;
  private final Optional<Wallet> wallet;
  private final NetworkView network;
  private final ApiConfig config;
  private final Views views;
  private final Submissions submissions;
  private final MinerStats miners;
  private final ClientTokenBuckets submitLimiter;
  private final AdmissionGate submitGate;
  private final NodeMetrics metrics;
  private final NodeHealth health;
  private final PeerBans bans;

  Endpoints(CcoinNode node, Optional<Wallet> wallet, NetworkView network, ApiConfig config, Views views, ClientTokenBuckets submitLimiter,
      NodeMetrics metrics, PeerBans bans) {
    this.node = node;
    this.wallet = wallet;
    this.network = network;
    this.config = config;
    this.views = views;
    this.submissions = new Submissions(node);
    this.miners = new MinerStats(node, config.minersWindow(), config.historyWalkLimit());
    this.submitLimiter = submitLimiter;
    this.submitGate = new AdmissionGate(config.submitConcurrency(), config.submitQueue(), config.submitInFlight(), node::poolRoom);
    metrics.countOverloadRefusals(submitGate::refused);
    this.metrics = metrics;
    this.health = metrics.health();
    this.bans = bans;
  }

  static void send(Context ctx, int status, JsonNode body) {
    ctx.status(status).contentType(JSON).result(body.toString().getBytes(StandardCharsets.UTF_8));
  }

  static void ok(Context ctx, JsonNode body) {
    send(ctx, 200, body);
  }

  // ---- chain ------------------------------------------------------------------------------------

  void status(Context ctx) {
    Head head = node.head();
    ObjectNode o = Json.object();
    o.put("chainId", node.params().networkId());
    o.put("genesisHash", node.genesis().hash().toHex());
    o.put("number", head.number());
    o.put("hash", head.hash().toHex());
    o.put("totalWeight", head.totalWeight());
    NodeHealth.Snapshot h = health.snapshot();
    o.put("syncState", h.syncState());
    if (!h.detail().isEmpty()) {
      o.put("syncDetail", h.detail());
    }
    o.put("headAge", NodeHealth.seconds(h.headAgeMillis()));
    ArrayNode authorities = o.putArray("recentAuthorities");
    h.recentAuthorities().forEach(a -> authorities.add(a.toHex()));
    o.put("recentWindow", h.window());
    o.put("peers", network.peerCount());
    o.put("pool", node.poolStats().count());
    network.nodeId().ifPresent(id -> o.put("nodeId", id.toHex()));
    network.p2pAddress().ifPresent(p -> o.put("p2p", p));
    wallet.map(Wallet::address).or(node::validatorAddress).ifPresent(a -> o.put("address", a.toHex()));
    o.put("mining", node.validatorAddress().isPresent());
    ok(ctx, o);
  }

  void blockCount(Context ctx) {
    ok(ctx, Json.object().put("count", node.head().number() + 1));
  }

  void headBlock(Context ctx) {
    boolean onlyHashes = Inputs.onlyTxHashes(ctx);
    Head head = node.head();
    ok(ctx, block(head.stored(), head, onlyHashes));
  }

  private ObjectNode block(StoredBlock b, Head head, boolean onlyHashes) {
    return onlyHashes ? views.blockWithTxHashes(b, head) : views.block(b, head);
  }

  void block(Context ctx) {
    Inputs.BlockId id = Inputs.blockId(ctx.pathParam("id"));
    boolean onlyHashes = Inputs.onlyTxHashes(ctx);
    Head head = node.head();
    Optional<StoredBlock> b;
    if (id instanceof Inputs.ByHash byHash) {
      b = node.block(byHash.hash());
    } else {
      long n = ((Inputs.ByNumber) id).number();
      b = n == head.number() ? Optional.of(head.stored()) : n >= 0 && n < head.number() ? node.block(n) : Optional.empty();
    }
    StoredBlock block = b.orElseThrow(() -> ApiException.notFound("no block " + ctx.pathParam("id")));
    ok(ctx, block(block, head, onlyHashes));
  }

  void blocks(Context ctx) {
    Head head = node.head();
    long before = Inputs.queryLong(ctx, "before", 0, Long.MAX_VALUE, head.number() + 1);
    long limit = Inputs.queryLong(ctx, "limit", 1, 100, 20);
    ArrayNode page = Json.array();
    if (before > 0) {
      long start = Math.min(before - 1, head.number());
      StoredBlock cursor = start == head.number() ? head.stored() : node.block(start).orElse(null);
      while (cursor != null && page.size() < limit) {
        page.add(views.summary(cursor, head));
        cursor = cursor.number() == 0 ? null : node.block(cursor.parentHash()).orElse(null);
      }
    }
    ok(ctx, page);
  }

  void transaction(Context ctx) {
    Hash hash = Inputs.hash("the transaction hash", ctx.pathParam("hash"));
    ok(ctx, Views.transactionInfo(node.transaction(hash)
        .orElseThrow(() -> ApiException.notFound("no transaction " + hash.toHex() + " in the pool or on the canonical chain"))));
  }

  void account(Context ctx) {
    Address address = Inputs.address("the address", ctx.pathParam("address"));
    Account a = node.head().account(address);
    ObjectNode o = Json.object();
    o.put("address", address.toHex());
    o.put("balance", Long.toString(a.balance()));
    o.put("nonce", a.nonce());
    o.put("pendingNonce", Math.max(a.nonce(), node.pendingNonce(address)));
    ok(ctx, o);
  }

  void accountTransactions(Context ctx) {
    Address address = Inputs.address("the address", ctx.pathParam("address"));
    Inputs.Place before = Inputs.queryPlace(ctx, "before", new Inputs.Place(Long.MAX_VALUE, 0));
    long limit = Inputs.queryLong(ctx, "limit", 1, 100, 20);
    ArrayNode page = Json.array();
    for (TransactionInfo info : node.accountTransactions(address, before.number(), before.index(), (int) limit)) {
      page.add(Views.transactionInfo(info));
    }
    ok(ctx, page);
  }

  void proof(Context ctx) {
    Address address = Inputs.address("the address", ctx.pathParam("address"));
    CcoinNode.ProvenAccount proven = node.proof(address);
    StoredBlock b = proven.block();
    StateProof p = proven.proof();
    ObjectNode o = Json.object();
    o.put("address", address.toHex());
    o.put("number", b.number());
    o.put("blockHash", b.hash().toHex());
    o.put("sealedHeader", java.util.Base64.getEncoder().encodeToString(Codec.encode(b.block().sealedHeader())));
    o.put("stateRoot", b.block().header().stateRoot().toHex());
    ArrayNode siblings = o.putArray("siblings");
    p.siblings().forEach(h -> siblings.add(h.toHex()));
    ObjectNode t = o.putObject("terminal");
    if (p.terminal() instanceof StateProof.Leaf leaf) {
      t.put("type", "leaf");
      t.put("address", leaf.address().toHex());
      t.put("balance", Long.toString(leaf.account().balance()));
      t.put("nonce", leaf.account().nonce());
    } else {
      t.put("type", "empty");
    }
    ok(ctx, o);
  }

  void txpool(Context ctx) {
    PoolStats s = node.poolStats();
    ObjectNode o = Json.object();
    o.put("readyCount", s.readyCount());
    o.put("readyBytes", s.readyBytes());
    o.put("futureCount", s.futureCount());
    o.put("futureBytes", s.futureBytes());
    o.put("count", s.count());
    o.put("bytes", s.bytes());
    ok(ctx, o);
  }

  void peers(Context ctx) {
    ObjectNode answer = Json.object();
    ArrayNode list = answer.putArray("peers");
    for (NetworkView.Peer p : network.peers()) {
      ObjectNode o = list.addObject();
      o.put("nodeId", p.nodeId().toHex());
      o.put("address", p.address());
      o.put("direction", p.direction().name().toLowerCase(Locale.ROOT));
      o.put("headNumber", p.headNumber());
      o.put("headHash", p.headHash().toHex());
      o.put("totalWeight", p.totalWeight());
      o.put("agent", p.agent());
    }
    bans.describe(answer);
    ok(ctx, answer);
  }

  void miners(Context ctx) {
    ok(ctx, miners.json());
  }

  // ---- submissions ------------------------------------------------------------------------------

  void submit(Context ctx) {
    long wait = submitLimiter.acquire(ctx.req().getRemoteAddr());
    if (wait > 0) {
      throw ApiException.rateLimited("too many submissions from this address; retry in " + wait + " s", wait);
    }
    // Refused here, before the body is read, when the node already has all the submissions it can take
    // or its pool has no room beyond what is already being admitted.
    try (AdmissionGate.Ticket ticket = submitGate.enter()) {
      byte[] body = Inputs.body(ctx, config.maxBodyBytes());
      boolean msgpack = isMsgpack(ctx.contentType());
      // Each path counts its entries, then passes the gate's work check (in flight, pool room) before
      // any transaction is decoded or its signature verified.
      if (msgpack ? SubmissionBatch.isMsgpackBatch(body) : SubmissionBatch.isJsonBatch(body)) {
        List<SubmissionBatch.Entry> entries;
        if (msgpack) {
          ticket.work(SubmissionBatch.msgpackCount(body));
          entries = SubmissionBatch.fromMsgpack(body);
        } else {
          JsonNode array = SubmissionBatch.jsonArray(body);
          ticket.work(array.size());
          entries = SubmissionBatch.fromJson(array);
        }
        // A batch is answered 200 whatever became of its entries: each has its own result, in order.
        ok(ctx, submissions.submitBatch(entries));
        return;
      }
      ticket.work(1);
      byte[] raw = msgpack ? body : Submissions.rawFromJson(body);
      answer(ctx, submissions.submitRaw(raw));
    }
  }

  void submitFromWallet(Context ctx) {
    Wallet w = wallet.orElseThrow(() -> ApiException.notFound("this node has no wallet"));
    authorize(ctx, w.token());
    answer(ctx, submissions.submitFromWallet(w, Inputs.body(ctx, config.maxBodyBytes())));
  }

  /** {@code unauthorized}: 401 without {@code Authorization: Bearer <token>}, 403 with a wrong token (SPEC 11). */
  static void authorize(Context ctx, ApiToken expected) {
    String authorization = ctx.header("Authorization");
    String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        ? authorization.substring(7).strip() : "";
    if (token.isEmpty()) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw new ApiException(ErrorCode.UNAUTHORIZED, "this endpoint needs Authorization: Bearer <token> (the node's API token file)");
    }
    if (!expected.accepts(token)) {
      throw new ApiException(403, ErrorCode.UNAUTHORIZED.code(), "the API token is wrong");
    }
  }

  private static void answer(Context ctx, Submissions.Answer a) {
    if (a.status() == 202) {
      ctx.header("Location", "/api/v1/transactions/" + a.hash().toHex());
    }
    send(ctx, a.status(), a.body());
  }

  /** {@code application/msgpack} (or {@code application/x-msgpack}) carries raw bytes; anything else is read as JSON. */
  static boolean isMsgpack(String contentType) {
    if (contentType == null) {
      return false;
    }
    int semi = contentType.indexOf(';');
    String type = (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    return type.equals("application/msgpack") || type.equals("application/x-msgpack");
  }

  // ---- health and metrics -----------------------------------------------------------------------

  void live(Context ctx) {
    ok(ctx, Json.object().put("live", true));
  }

  void ready(Context ctx) {
    Readiness r = Readiness.of(node, network, health);
    if (!r.ready()) {
      throw new ApiException(ErrorCode.NOT_READY, "not ready: " + r.reasons());
    }
    ObjectNode o = Json.object();
    o.put("ready", true);
    o.put("syncState", r.syncState());
    o.put("peers", r.peers());
    o.put("minPeers", r.minPeers());
    o.put("reorgRefused", r.reorgRefused());
    o.put("headAge", NodeHealth.seconds(r.health().headAgeMillis()));
    o.put("recentAuthorities", r.health().recentAuthorities().size());
    o.put("authorities", r.health().authorities());
    ok(ctx, o);
  }

  void metrics(Context ctx) {
    ctx.status(200).contentType(PROMETHEUS).result(metrics.scrape().getBytes(StandardCharsets.UTF_8));
  }
}
