package io.ccoin.node.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.ccoin.api.Address;
import io.ccoin.core.json.JsonFormatException;
import io.ccoin.core.json.JsonObjectReader;
import io.ccoin.core.json.StrictJson;
import io.ccoin.core.IoErrors;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code ccoin.json} (SPEC 12): the original's keys ({@code app.base_path},
 * {@code client.account_address}, {@code discovery_service.{host,port,proto}}) and ccoin's
 * ({@code p2p.*}, {@code http.*}, {@code store.type}, {@code txpool.*}). Comments allowed, unknown
 * and duplicate keys refused, {@code ${VAR}} in string values expanded from the environment (a
 * variable that is not set is an error). Relative paths are resolved against the file's folder.
 * Thread-safe.
 */
public final class NodeConfigParser {
  public static final int DEFAULT_P2P_PORT = 30333;
  public static final int DEFAULT_DISCOVERY_PORT = 4444;
  /** {@code http.submit_concurrency}: 1 .. 256 submissions checked at once. */
  static final int MAX_SUBMIT_CONCURRENCY = 256;
  /** {@code http.submit_queue}: 0 .. 65,536 submissions waiting. */
  static final int MAX_SUBMIT_QUEUE = 65_536;
  /** {@code http.submit_in_flight}: 1 .. 1,048,576 transactions of batches being admitted. */
  static final int MAX_SUBMIT_IN_FLIGHT = 1_048_576;
  /** {@code p2p.tx_queue_limit}: at least one full {@code TXS} (SPEC 9: 1,024 transactions). */
  static final int MIN_TX_QUEUE_LIMIT = 1_024;
  /** {@code p2p.tx_queue_limit}: at most 1,024 full {@code TXS}. */
  static final int MAX_TX_QUEUE_LIMIT = 1_048_576;
  private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:\\-\\[\\]%]{1,253}");

  private NodeConfigParser() {}

  /** Reads {@code file} with the process environment. */
  public static NodeConfig read(Path file) {
    return read(file, System.getenv());
  }

  /** Reads {@code file} expanding variables from {@code env}. */
  public static NodeConfig read(Path file, Map<String, String> env) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + IoErrors.reason(e), e);
    }
    Path dir = file.toAbsolutePath().getParent();
    try {
      return parse(text, env, dir);
    } catch (ConfigException e) {
      throw new ConfigException(file + ": " + e.getMessage(), e);
    }
  }

  /** Parses the text of a config file; relative paths resolve against {@code dir}. */
  public static NodeConfig parse(String text, Map<String, String> env, Path dir) {
    JsonNode tree;
    try {
      tree = StrictJson.parse(text);
    } catch (JsonFormatException e) {
      throw new ConfigException("not valid JSON: " + e.getMessage(), e);
    }
    Function<String, RuntimeException> errors = ConfigException::new;
    JsonObjectReader root = JsonObjectReader.of("", expand(tree, env, ""), errors);

    JsonObjectReader app = root.object("app");
    Path basePath = dir.resolve(app.string("base_path")).normalize();
    app.finish();

    Optional<Address> account = Optional.empty();
    Optional<JsonObjectReader> client = root.optionalObject("client");
    if (client.isPresent()) {
      JsonObjectReader c = client.get();
      Optional<String> a = c.optionalString("account_address").filter(s -> !s.isEmpty());
      if (a.isPresent()) {
        try {
          account = Optional.of(Address.fromHex(a.get()));
        } catch (IllegalArgumentException e) {
          throw c.error("account_address", "not an address (40 hex digits): \"" + a.get() + "\"");
        }
      }
      c.finish();
    }

    Optional<NodeConfig.Discovery> discovery = Optional.empty();
    Optional<JsonObjectReader> ds = root.optionalObject("discovery_service");
    if (ds.isPresent()) {
      JsonObjectReader d = ds.get();
      String host = host(d, "host", d.optionalString("host").orElse("127.0.0.1"));
      int port = (int) d.integer("port", 1, 65535, DEFAULT_DISCOVERY_PORT);
      String proto = d.optionalString("proto").orElse("http");
      if (!proto.equals("http") && !proto.equals("https")) {
        throw d.error("proto", "must be \"http\" or \"https\", got \"" + proto + "\"");
      }
      d.finish();
      discovery = Optional.of(new NodeConfig.Discovery(host, port, proto));
    }

    String p2pHost = "127.0.0.1";
    int p2pPort = DEFAULT_P2P_PORT;
    Optional<String> advertise = Optional.empty();
    List<InetSocketAddress> bootstrap = new ArrayList<>();
    Optional<Integer> maxPeers = Optional.empty();
    int minPeers = 1;
    int maxReorgDepth = 1024;
    int txQueueLimit = NodeConfig.P2p.DEFAULT_TX_QUEUE_LIMIT;
    Optional<JsonObjectReader> p2pObj = root.optionalObject("p2p");
    if (p2pObj.isPresent()) {
      JsonObjectReader p = p2pObj.get();
      p2pHost = host(p, "host", p.optionalString("host").orElse(p2pHost));
      p2pPort = (int) p.integer("port", 0, 65535, DEFAULT_P2P_PORT);
      advertise = p.optionalString("advertise_host").map(h -> host(p, "advertise_host", h));
      if (p.has("bootstrap")) {
        ArrayNode list = p.array("bootstrap");
        for (int i = 0; i < list.size(); i++) {
          bootstrap.add(hostPort(p, "bootstrap[" + i + "]", list.get(i)));
        }
      }
      if (p.has("max_peers")) {
        maxPeers = Optional.of((int) p.integer("max_peers", 0, 10_000));
      }
      minPeers = (int) p.integer("min_peers", 0, 10_000, minPeers);
      maxReorgDepth = (int) p.integer("max_reorg_depth", 1, 1_000_000, maxReorgDepth);
      txQueueLimit = (int) p.integer("tx_queue_limit", MIN_TX_QUEUE_LIMIT, MAX_TX_QUEUE_LIMIT, txQueueLimit);
      p.finish();
    }

    String httpHost = "127.0.0.1";
    int httpPort = p2pPort == 0 ? 0 : p2pPort + 1;
    int submitRate = NodeConfig.Http.DEFAULT_SUBMIT_RATE;
    int submitBurst = NodeConfig.Http.DEFAULT_SUBMIT_BURST;
    Optional<Integer> submitConcurrency = Optional.empty();
    int submitQueue = NodeConfig.Http.DEFAULT_SUBMIT_QUEUE;
    int submitInFlight = NodeConfig.Http.DEFAULT_SUBMIT_IN_FLIGHT;
    Optional<JsonObjectReader> httpObj = root.optionalObject("http");
    if (httpObj.isPresent()) {
      JsonObjectReader h = httpObj.get();
      httpHost = host(h, "host", h.optionalString("host").orElse(httpHost));
      httpPort = (int) h.integer("port", 0, 65535, httpPort);
      submitRate = (int) h.integer("submit_rate", 0, 1_000_000, submitRate);
      submitBurst = (int) h.integer("submit_burst", 1, 1_000_000, submitBurst);
      if (h.has("submit_concurrency")) {
        submitConcurrency = Optional.of((int) h.integer("submit_concurrency", 1, MAX_SUBMIT_CONCURRENCY));
      }
      submitQueue = (int) h.integer("submit_queue", 0, MAX_SUBMIT_QUEUE, submitQueue);
      submitInFlight = (int) h.integer("submit_in_flight", 1, MAX_SUBMIT_IN_FLIGHT, submitInFlight);
      h.finish();
    }
    if (httpPort > 65535) {
      throw root.error("http", "the default port (p2p.port + 1) is out of range; set http.port");
    }

    NodeConfig.StoreType storeType = NodeConfig.StoreType.MAPDB;
    int writeBehind = NodeConfig.DEFAULT_STORE_WRITE_BEHIND;
    Optional<JsonObjectReader> storeObj = root.optionalObject("store");
    if (storeObj.isPresent()) {
      JsonObjectReader s = storeObj.get();
      String type = s.optionalString("type").orElse("mapdb");
      storeType = switch (type) {
        case "mapdb" -> NodeConfig.StoreType.MAPDB;
        case "memory" -> NodeConfig.StoreType.MEMORY;
        default -> throw s.error("type", "must be \"mapdb\" or \"memory\", got \"" + type + "\"");
      };
      writeBehind = (int) s.integer("write_behind", 0, NodeConfig.MAX_STORE_WRITE_BEHIND, writeBehind);
      s.finish();
    }

    int poolCount = 50_000;
    long poolBytes = 128L * 1024 * 1024;
    int perSender = 1_024;
    Optional<JsonObjectReader> poolObj = root.optionalObject("txpool");
    if (poolObj.isPresent()) {
      JsonObjectReader t = poolObj.get();
      poolCount = (int) t.integer("max_count", 1, 10_000_000, poolCount);
      poolBytes = t.integer("max_bytes", 1, 64L * 1024 * 1024 * 1024, poolBytes);
      perSender = (int) t.integer("max_per_sender", 1, 1_000_000, perSender);
      t.finish();
    }
    root.finish();
    return new NodeConfig(basePath, account, discovery,
        new NodeConfig.P2p(p2pHost, p2pPort, advertise, List.copyOf(bootstrap), maxPeers, minPeers, maxReorgDepth,
            txQueueLimit),
        new NodeConfig.Http(httpHost, httpPort, submitRate, submitBurst, submitConcurrency, submitQueue, submitInFlight), storeType, writeBehind,
        new NodeConfig.TxPoolSettings(poolCount, poolBytes, perSender));
  }

  private static String host(JsonObjectReader r, String key, String host) {
    if (!HOST.matcher(host).matches()) {
      throw r.error(key, "not a host name or IP address: \"" + host + "\"");
    }
    return host;
  }

  private static InetSocketAddress hostPort(JsonObjectReader r, String key, JsonNode v) {
    if (!v.isTextual()) {
      throw r.error(key, "must be a \"host:port\" string, got " + JsonObjectReader.describe(v));
    }
    String s = v.textValue();
    int colon = s.lastIndexOf(':');
    if (colon <= 0 || colon == s.length() - 1) {
      throw r.error(key, "must be \"host:port\", got \"" + s + "\"");
    }
    String host = s.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    host(r, key, host);
    int port;
    try {
      port = Integer.parseInt(s.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw r.error(key, "port is not a number in \"" + s + "\"");
    }
    if (port < 1 || port > 65535) {
      throw r.error(key, "port must be 1 .. 65535 in \"" + s + "\"");
    }
    return InetSocketAddress.createUnresolved(host, port);
  }

  /** A copy of the tree with {@code ${VAR}} expanded in every string value. */
  private static JsonNode expand(JsonNode node, Map<String, String> env, String path) {
    if (node.isTextual()) {
      Matcher m = VAR.matcher(node.textValue());
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        String value = env.get(m.group(1));
        if (value == null) {
          throw new ConfigException((path.isEmpty() ? "value" : path) + ": environment variable " + m.group(1) + " is not set");
        }
        m.appendReplacement(out, Matcher.quoteReplacement(value));
      }
      m.appendTail(out);
      return TextNode.valueOf(out.toString());
    }
    if (node instanceof ObjectNode object) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      object.properties().forEach(e -> out.set(e.getKey(), expand(e.getValue(), env, path.isEmpty() ? e.getKey() : path + "." + e.getKey())));
      return out;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      for (int i = 0; i < array.size(); i++) {
        out.add(expand(array.get(i), env, path + "[" + i + "]"));
      }
      return out;
    }
    return node;
  }
}
