package io.ccoin.core.internal.merkle;

import com.fasterxml.jackson.databind.JsonNode;
import io.ccoin.api.Account;
import io.ccoin.api.Address;
import io.ccoin.api.Hash;
import io.ccoin.core.Vectors;
import io.ccoin.core.merkle.StateProof;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads state-tree and tx-root values out of the SPEC test vectors (loaded with {@link Vectors}). */
final class MerkleVectors {
  private MerkleVectors() {}

  static Hash hash(JsonNode node) {
    return Hash.fromHex(node.asText());
  }

  static List<Hash> hashes(JsonNode array) {
    List<Hash> hashes = new ArrayList<>();
    array.forEach(n -> hashes.add(hash(n)));
    return hashes;
  }

  /** {@code {"address", "balance": "<decimal>", "nonce"}} as an account. */
  static Account account(JsonNode node) {
    return new Account(Long.parseLong(node.get("balance").asText()), node.get("nonce").asLong());
  }

  /** The {@code accounts} array of a state-root case, in file order. */
  static Map<Address, Account> accounts(JsonNode stateCase) {
    Map<Address, Account> accounts = new LinkedHashMap<>();
    for (JsonNode a : stateCase.get("accounts")) {
      Account previous = accounts.put(Address.fromHex(a.get("address").asText()), account(a));
      if (previous != null) {
        throw new IllegalStateException("duplicate address in vector: " + a);
      }
    }
    return accounts;
  }

  /** A proof in the vector form {@code {"address", "siblings", "terminal": {"type", ...}}}. */
  static StateProof proof(JsonNode node) {
    JsonNode t = node.get("terminal");
    StateProof.Terminal terminal = switch (t.get("type").asText()) {
      case "empty" -> StateProof.Terminal.empty();
      case "leaf" -> StateProof.Terminal.leaf(Address.fromHex(t.get("address").asText()), account(t));
      default -> throw new IllegalStateException("unknown terminal type in vector: " + t);
    };
    return new StateProof(Address.fromHex(node.get("address").asText()), hashes(node.get("siblings")), terminal);
  }
}
