package io.ccoin.core.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import io.ccoin.api.Bytes;
import io.ccoin.core.Vectors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The keys of the SPEC test vectors' keys.json (read with {@link Vectors}), by name. */
final class KeyVectors {

  /** One entry of keys.json. */
  record Key(String name, Bytes pkcs8, Bytes spki, String address) {
    @Override
    public String toString() {
      return name;
    }
  }

  private KeyVectors() {}

  static List<Key> keys() {
    List<Key> keys = new ArrayList<>();
    for (JsonNode k : Vectors.json("keys.json").get("keys")) {
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
}
