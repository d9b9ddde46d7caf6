package io.ccoin.core.genesis;

import io.ccoin.api.Account;
import io.ccoin.api.Address;
import io.ccoin.api.Bytes;
import io.ccoin.api.ConsensusParams;
import io.ccoin.api.Genesis;
import io.ccoin.api.PlaceholderData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.ccoin.core.json.JsonFormatException;
import io.ccoin.core.json.JsonObjectReader;
import io.ccoin.core.json.StrictJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code genesis.json} (SPEC 6) into a {@link Genesis}: comments allowed; unknown keys,
 * duplicate keys and duplicate addresses refused; integers plain; durations in seconds with at most
 * three decimals; defaults and bounds as in the SPEC's table. Every mistake is one
 * {@link GenesisException} naming the key. Stateless and thread-safe.
 *
 * <p>Decisions where the SPEC is silent: keys the SPEC does not mark optional are required, except
 * {@code genesis_block.coinbase_reward} (default 0), {@code max_peers} (default 25), {@code alloc}
 * (default empty) and {@code limits} (each default from the table). {@code placeholder_data} must fit
 * in {@code max_block_data}.
 */
public final class GenesisParser {
  /** The default {@code max_peers}. */
  public static final int DEFAULT_MAX_PEERS = Genesis.DEFAULT_MAX_PEERS;
  private static final int MAX_PEERS_LIMIT = 10_000;

  private GenesisParser() {}

  /** Reads and parses a genesis file; errors start with the file name. */
  public static Genesis read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new GenesisException(file + ": cannot read: " + io.ccoin.core.IoErrors.reason(e), e);
    }
    try {
      return parse(text);
    } catch (GenesisException e) {
      throw new GenesisException(file + ": " + e.getMessage(), e);
    }
  }

  /** Parses the text of a genesis file. */
  public static Genesis parse(String text) {
    JsonNode tree;
    try {
      tree = StrictJson.parse(text);
    } catch (JsonFormatException e) {
      throw new GenesisException("not valid JSON: " + e.getMessage(), e);
    }
    return parseTree(tree);
  }

  /**
   * Reads a genesis from the tree {@link StrictJson#parse} made of it. Every key the parser knows
   * is looked up with {@code get} in each object present, whether the key is there or not, so that
   * a test can list the keys from the parser itself (docs/GENESIS.md must name each one).
   */
  static Genesis parseTree(JsonNode tree) {
    JsonObjectReader root = JsonObjectReader.of("", tree, GenesisException::new);

    long networkId = root.integer("network_id", 0, ConsensusParams.MAX_NETWORK_ID);
    long timestamp = root.integer("timestamp", 0, Long.MAX_VALUE, 0);
    List<Address> miners = miners(root);
    int n = miners.size();

    JsonObjectReader mining = root.object("block_mining");
    long intervalMs = mining.durationMs("interval");
    if (intervalMs < 50) {
      throw mining.error("interval", "must be at least 0.05 seconds (50 ms)");
    }
    long maxBound = mining.integer("max_bound", 1, Integer.MAX_VALUE);
    long minBound = mining.integer("min_bound", 0, maxBound);
    long reward = mining.integer("reward", 0, Long.MAX_VALUE);
    long difficulty = mining.integer("difficulty", 0, ConsensusParams.MAX_DIFFICULTY);
    boolean allowEmpty = mining.bool("allow_empty");
    JsonNode placeholderRaw = mining.value("placeholder_data");
    long leaderTimeoutMs = mining.optionalDurationMs("leader_timeout").orElse(ConsensusParams.Builder.defaultLeaderTimeoutMs(intervalMs));
    if (leaderTimeoutMs < 50) {
      throw mining.error("leader_timeout", "must be at least 0.05 seconds (50 ms)");
    }
    long epoch = mining.integer("epoch", 0, ConsensusParams.MAX_EPOCH, 0);
    if (epoch == 1) {
      throw mining.error("epoch", "must be 0 (no voting), or 2 .. 2^31-1 blocks, got 1");
    }
    if (epoch > 0 && mining.has("recent_window")) {
      throw mining.error("recent_window", "must be absent when epoch is set (a version 2 network's window is floor(N/2) of the miners in force)");
    }
    long recentWindow = epoch > 0 ? n / 2 : mining.integer("recent_window", 0, n - 1, n / 2);
    long minGapMs = mining.optionalDurationMs("min_gap").orElse(ConsensusParams.Builder.defaultMinGapMs(intervalMs));
    if (minGapMs < 1 || minGapMs > intervalMs) {
      throw mining.error("min_gap", "must be 0.001 seconds .. interval (" + seconds(intervalMs) + " s), got " + seconds(minGapMs) + " s");
    }
    long maxDriftMs = mining.optionalDurationMs("max_drift").orElse(ConsensusParams.Builder.defaultMaxDriftMs(leaderTimeoutMs));
    if (maxDriftMs > leaderTimeoutMs - 1) {
      throw mining.error("max_drift", "must be less than leader_timeout (" + seconds(leaderTimeoutMs) + " s), got " + seconds(maxDriftMs) + " s");
    }
    long minFee = mining.integer("min_fee", 0, Long.MAX_VALUE, 1);
    mining.finish();

    long maxTxData = 4096;
    long maxBlockData = 1024;
    long maxBlockBytes = 4_194_304;
    Optional<JsonObjectReader> limits = root.optionalObject("limits");
    if (limits.isPresent()) {
      JsonObjectReader l = limits.get();
      maxTxData = l.integer("max_tx_data", 0, Integer.MAX_VALUE, maxTxData);
      maxBlockData = l.integer("max_block_data", 0, Integer.MAX_VALUE, maxBlockData);
      maxBlockBytes = l.integer("max_block_bytes", 0, ConsensusParams.MAX_BLOCK_BYTES_LIMIT, maxBlockBytes);
      l.finish();
    }
    PlaceholderData placeholder = placeholder(mining, placeholderRaw, maxBlockData);

    int maxPeers = (int) root.integer("max_peers", 0, MAX_PEERS_LIMIT, DEFAULT_MAX_PEERS);

    JsonObjectReader gb = root.object("genesis_block");
    Optional<Address> coinbase = gb.optionalString("coinbase").filter(s -> !s.isEmpty()).map(s -> address(gb, "coinbase", s));
    long coinbaseReward = gb.integer("coinbase_reward", 0, Long.MAX_VALUE, 0);
    long genesisDifficulty = gb.integer("difficulty", 0, ConsensusParams.MAX_DIFFICULTY);
    gb.finish();

    Map<Address, Account> alloc = alloc(root);
    root.finish();

    ConsensusParams params;
    try {
      params = ConsensusParams.builder().networkId(networkId).miners(miners).intervalMs(intervalMs).maxBound(maxBound)
          .minBound(minBound).reward(reward).difficulty(difficulty).allowEmpty(allowEmpty).leaderTimeoutMs(leaderTimeoutMs)
          .recentWindow(recentWindow).maxTxData(maxTxData).maxBlockData(maxBlockData).maxBlockBytes(maxBlockBytes)
          .minFee(minFee).minGapMs(minGapMs).maxDriftMs(maxDriftMs).epoch(epoch).build();
      Genesis.Builder genesis = Genesis.builder(params).timestamp(timestamp).genesisDifficulty(genesisDifficulty)
          .maxPeers(maxPeers).placeholderData(placeholder).coinbaseReward(coinbaseReward);
      coinbase.ifPresent(genesis::coinbase);
      alloc.forEach((address, account) -> genesis.alloc(address, account.balance(), account.nonce()));
      return genesis.build();
    } catch (IllegalArgumentException e) {
      throw new GenesisException(e.getMessage(), e);
    }
  }

  private static String seconds(long ms) {
    return java.math.BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString();
  }

  private static List<Address> miners(JsonObjectReader root) {
    ArrayNode raw = root.array("miners");
    if (raw.isEmpty()) {
      throw root.error("miners", "needs at least one miner");
    }
    if (raw.size() > ConsensusParams.MAX_MINERS) {
      throw root.error("miners", "at most " + ConsensusParams.MAX_MINERS + " miners, got " + raw.size());
    }
    List<Address> miners = new ArrayList<>();
    Set<Address> seen = new HashSet<>();
    for (int i = 0; i < raw.size(); i++) {
      String key = "miners[" + i + "]";
      if (!raw.get(i).isTextual()) {
        throw root.error(key, "must be an address string, got " + JsonObjectReader.describe(raw.get(i)));
      }
      Address a = address(root, key, raw.get(i).textValue());
      if (!seen.add(a)) {
        throw root.error(key, "duplicate miner " + a);
      }
      miners.add(a);
    }
    return miners;
  }

  private static PlaceholderData placeholder(JsonObjectReader mining, JsonNode raw, long maxBlockData) {
    String key = "placeholder_data";
    String expected = "must be [\"rnd\", length] or [\"predef\", \"text\"]";
    if (!raw.isArray() || raw.size() != 2 || !raw.get(0).isTextual()) {
      throw mining.error(key, expected);
    }
    String kind = raw.get(0).textValue();
    JsonNode second = raw.get(1);
    if (kind.equals("rnd")) {
      long length = mining.toInteger(key + "[1]", second, 0, maxBlockData);
      return PlaceholderData.random((int) length);
    }
    if (kind.equals("predef")) {
      if (!second.isTextual()) {
        throw mining.error(key, expected);
      }
      byte[] bytes = second.textValue().getBytes(StandardCharsets.UTF_8);
      if (bytes.length > maxBlockData) {
        throw mining.error(key, "text of " + bytes.length + " bytes exceeds max_block_data (" + maxBlockData + ")");
      }
      return PlaceholderData.predefined(Bytes.of(bytes));
    }
    throw mining.error(key, expected + ", got kind \"" + kind + "\"");
  }

  private static Map<Address, Account> alloc(JsonObjectReader root) {
    Map<Address, Account> alloc = new LinkedHashMap<>();
    Optional<JsonObjectReader> maybe = root.optionalObject("alloc");
    if (maybe.isEmpty()) {
      return alloc;
    }
    JsonObjectReader a = maybe.get();
    for (String key : a.keys()) {
      Address address = address(a, key, key);
      JsonObjectReader entry = JsonObjectReader.of(a.path(key), a.value(key), GenesisException::new);
      long balance = entry.integer("balance", 0, Long.MAX_VALUE);
      long nonce = entry.integer("nonce", 0, Long.MAX_VALUE, 0);
      entry.finish();
      if (alloc.put(address, new Account(balance, nonce)) != null) {
        throw a.error(key, "duplicate address " + address + " (the same address written twice)");
      }
    }
    a.finish();
    return alloc;
  }

  private static Address address(JsonObjectReader r, String key, String text) {
    try {
      return Address.fromHex(text);
    } catch (IllegalArgumentException e) {
      throw r.error(key, "not an address (40 hex digits, optional 0x): \"" + text + "\"");
    }
  }
}
