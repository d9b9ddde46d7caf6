package io.ccoin.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.ccoin.api.Bytes;
import io.ccoin.core.crypto.AccountKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/** Test keys: the three of keys.json, and more generated once per JVM. */
public final class TestKeys {
  private static final List<AccountKey> VECTOR_KEYS = load();
  private static final List<AccountKey> EXTRA = new ArrayList<>();

  private TestKeys() {}

  private static List<AccountKey> load() {
    List<AccountKey> keys = new ArrayList<>();
    for (JsonNode k : Vectors.json("keys.json").get("keys")) {
      keys.add(AccountKey.fromPkcs8(Bytes.fromBase64(k.get("pkcs8").asText())));
    }
    return List.copyOf(keys);
  }

  /** key0, key1, key2 of the vectors. */
  public static AccountKey vector(int i) {
    return VECTOR_KEYS.get(i);
  }

  /** The i-th extra key (generated on first use and kept for the JVM's life). */
  public static synchronized AccountKey extra(int i) {
    while (EXTRA.size() <= i) {
      EXTRA.add(AccountKey.generate(new SecureRandom()));
    }
    return EXTRA.get(i);
  }
}
