package io.ccoin.net.discovery;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ccoin.api.Bytes;
import io.ccoin.api.Hash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON of discovery, read strictly: duplicate keys, trailing content, unknown fields, missing
 * fields and values of the wrong JSON type are all refused; integers must be JSON integers (no
 * {@code 80.0}, no {@code "80"}); base64 must be standard with padding, exactly as it would be
 * written. Thread-safe.
 */
final class DiscoveryJson {
  private static final Logger LOG = LoggerFactory.getLogger(DiscoveryJson.class);
  private static final Set<String> REGISTRATION_FIELDS = Set.of("host", "port", "chainId", "nodeKey", "timestamp", "signature");
  private static final Set<String> PEER_FIELDS = Set.of("host", "port", "nodeId", "lastSeen");

  static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).maxNumberLength(32).build())
      .build())
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private DiscoveryJson() {}

  /** Parses JSON text; {@code malformed_json} when it is not one JSON value. */
  static JsonNode parse(byte[] body) {
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw new DiscoveryError(400, "malformed_json", "the body is empty");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new DiscoveryError(400, "malformed_json", "not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A signed request from a request body. */
  static PeerRegistration registration(byte[] body) {
    JsonNode node = parse(body);
    if (!node.isObject()) {
      throw new DiscoveryError(400, "malformed_json", "the body must be a JSON object");
    }
    ObjectNode o = (ObjectNode) node;
    checkFields(o, REGISTRATION_FIELDS);
    String host = text(o, "host");
    long port = uint(o, "port");
    if (port > 65535) {
      throw DiscoveryError.badParameter("port must be 0..65535: " + port);
    }
    long chainId = uint(o, "chainId");
    Bytes nodeKey = base64(o, "nodeKey");
    long timestamp = uint(o, "timestamp");
    Bytes signature = base64(o, "signature");
    if (!host.isEmpty() && Hosts.problem(host) != null) {
      throw DiscoveryError.badParameter(Hosts.problem(host) + ": '" + abbreviate(host) + "'");
    }
    return new PeerRegistration(host, (int) port, chainId, nodeKey, timestamp, signature);
  }

  private static void checkFields(ObjectNode o, Set<String> allowed) {
    for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!allowed.contains(name)) {
        throw DiscoveryError.badParameter("unknown field '" + abbreviate(name) + "'");
      }
    }
    for (String name : allowed) {
      if (!o.has(name) || o.get(name).isNull()) {
        throw DiscoveryError.badParameter("missing field '" + name + "'");
      }
    }
  }

  private static String text(ObjectNode o, String name) {
    JsonNode v = o.get(name);
    if (!v.isTextual()) {
      throw DiscoveryError.badParameter("'" + name + "' must be a string");
    }
    return v.textValue();
  }

  private static long uint(ObjectNode o, String name) {
    JsonNode v = o.get(name);
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw DiscoveryError.badParameter("'" + name + "' must be an integer 0..2^63-1");
    }
    long value = v.longValue();
    if (value < 0) {
      throw DiscoveryError.badParameter("'" + name + "' must not be negative: " + value);
    }
    return value;
  }

  private static Bytes base64(ObjectNode o, String name) {
    String text = text(o, name);
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new DiscoveryError(400, "bad_base64", "'" + name + "' is not valid base64: " + e.getMessage());
    }
    if (!Base64.getEncoder().encodeToString(decoded).equals(text)) {
      throw new DiscoveryError(400, "bad_base64", "'" + name + "' is not standard base64 with padding");
    }
    return Bytes.of(decoded);
  }

  static String abbreviate(String s) {
    return s.length() <= 64 ? s : s.substring(0, 61) + "...";
  }

  static byte[] write(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] error(String code, String message) {
    ObjectNode root = MAPPER.createObjectNode();
    root.putObject("error").put("code", code).put("message", message);
    return write(root);
  }

  static byte[] registrationJson(PeerRegistration r) {
    ObjectNode o = MAPPER.createObjectNode()
        .put("host", r.host())
        .put("port", r.port())
        .put("chainId", r.chainId())
        .put("nodeKey", r.nodeKey().toBase64())
        .put("timestamp", r.timestamp())
        .put("signature", r.signature().toBase64());
    return write(o);
  }

  static byte[] peersJson(List<PeerInfo> peers) {
    ArrayNode a = MAPPER.createArrayNode();
    for (PeerInfo p : peers) {
      a.addObject()
          .put("host", p.host())
          .put("port", p.port())
          .put("nodeId", p.nodeId().toHex())
          .put("lastSeen", p.lastSeen());
    }
    return write(a);
  }

  /**
   * The peers of a {@code GET /peers} answer, at most {@code max} of them. Entries that are not
   * valid are skipped (and logged): the service is not trusted more than it must be.
   *
   * @throws DiscoveryError when the answer is not a JSON array
   */
  static List<PeerInfo> peers(byte[] body, int max) {
    JsonNode node = parse(body);
    if (!node.isArray()) {
      throw new DiscoveryError(400, "malformed_json", "expected a JSON array of peers");
    }
    List<PeerInfo> out = new ArrayList<>();
    int skipped = 0;
    for (JsonNode e : node) {
      if (out.size() >= max) {
        break;
      }
      try {
        if (!e.isObject()) {
          throw DiscoveryError.badParameter("a peer must be an object");
        }
        ObjectNode o = (ObjectNode) e;
        checkFields(o, PEER_FIELDS);
        long port = uint(o, "port");
        if (port < 1 || port > 65535) {
          throw DiscoveryError.badParameter("port out of range");
        }
        String nodeId = text(o, "nodeId");
        if (nodeId.length() != 2 * Hash.SIZE) {
          throw DiscoveryError.badParameter("nodeId is not 64 hex digits");
        }
        out.add(new PeerInfo(text(o, "host"), (int) port, Hash.fromHex(nodeId), uint(o, "lastSeen")));
      } catch (IllegalArgumentException | DiscoveryError ex) {
        skipped++;
      }
    }
    if (skipped > 0) {
      LOG.warn("discovery answer had {} invalid peer entries; they were skipped", skipped);
    }
    return out;
  }
}
