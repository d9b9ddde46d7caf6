package io.ccoin.net.sim;

import io.ccoin.core.crypto.AccountKey;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;

/**
 * Deterministic RSA keys for simulations: key {@code i} is generated from a SHA1PRNG seeded with
 * {@code i}, so every run of a simulation has the same node ids, accounts and signatures. Test use
 * only: these keys are public knowledge.
 */
public final class SimKeys {
  private static final Map<String, AccountKey> CACHE = new HashMap<>();

  private SimKeys() {}

  public static synchronized AccountKey key(String name) {
    return CACHE.computeIfAbsent(name, n -> {
      try {
        SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
        r.setSeed(("ccoin-sim-key/" + n).getBytes(StandardCharsets.UTF_8));
        return AccountKey.generate(r);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    });
  }
}
