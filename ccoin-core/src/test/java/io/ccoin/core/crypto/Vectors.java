package io.ccoin.core.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccoin.api.Bytes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the SPEC test vectors under {@code src/test/resources/vectors}. */
final class Vectors {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One entry of keys.json. */
  record Key(String name, Bytes pkcs8, Bytes spki, String address) {
    @Override
    public String toString() {
      return name;
    }
  }

  private Vectors() {}

  static JsonNode load(String name) {
    try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test vector file " + name);
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Key> keys() {
    List<Key> keys = new ArrayList<>();
    for (JsonNode k : load("keys.json").get("keys")) {
      keys.add(new Key(k.get("name").asText(), Bytes.fromBase64(k.get("pkcs8").asText()),
          Bytes.fromBase64(k.get("spki").asText()), k.get("address").asText()));
    }
    return keys;
  }

  static Map<String, Key> keysByName() {
    Map<String, Key> byName = new HashMap<>();
    for (Key k : keys()) {
      byName.put(k.name(), k);
    }
    return byName;
  }

  static Key key(String name) {
    Key k = keysByName().get(name);
    if (k == null) {
      throw new IllegalStateException("no key named " + name + " in keys.json");
    }
    return k;
  }

  static List<JsonNode> elements(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out;
  }
}
