package io.ccoin.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccoin.api.Account;
import io.ccoin.api.Address;
import io.ccoin.api.Hash;
import io.ccoin.api.SealedHeader;
import io.ccoin.api.ValidationResult;
import io.ccoin.core.Hashes;
import io.ccoin.core.codec.Codec;
import io.ccoin.core.merkle.StateProof;
import io.ccoin.core.merkle.StateProofVerifier;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Fetches an account's proof from a node and checks it without trusting the node: the sealed
 * header must hash to the block hash the node names (compare that hash with one you trust, e.g.
 * from another node), and the proof must lead from the account to the header's state root.
 *
 * <p>Usage: {@code VerifyStateProof <node URL> <address>}
 */
public final class VerifyStateProof {
  private VerifyStateProof() {}

  /** The verified account, or an exception saying what did not check out. */
  public static Account verify(JsonNode proof, Address address) {
    SealedHeader sealed = Codec.decodeSealedHeader(Base64.getDecoder().decode(proof.get("sealedHeader").asText()));
    Hash blockHash = Hashes.blockHash(sealed);
    if (!blockHash.toHex().equals(proof.get("blockHash").asText())) {
      throw new IllegalStateException("the sealed header does not hash to the block hash the node named");
    }
    List<Hash> siblings = new ArrayList<>();
    proof.get("siblings").forEach(s -> siblings.add(Hash.fromHex(s.asText())));
    JsonNode t = proof.get("terminal");
    StateProof.Terminal terminal = "leaf".equals(t.get("type").asText())
        ? StateProof.Terminal.leaf(Address.fromHex(t.get("address").asText()),
            new Account(Long.parseLong(t.get("balance").asText()), t.get("nonce").asLong()))
        : StateProof.Terminal.empty();
    StateProof p = new StateProof(address, siblings, terminal);
    ValidationResult r = StateProofVerifier.verify(p, sealed.header().stateRoot());
    if (!r.isValid()) {
      throw new IllegalStateException("the proof does not verify: " + r);
    }
    return p.account();
  }

  public static void main(String[] args) throws Exception {
    String node = args[0];
    Address address = Address.fromHex(args[1]);
    JsonNode proof = fetchProof(new OkHttpClient(), node, address);
    Account account = verify(proof, address);
    System.out.println("verified against block #" + proof.get("number").asLong() + " " + proof.get("blockHash").asText() + ": "
        + address + (account.isEmpty() ? " has no account" : " has balance " + account.balance() + ", nonce " + account.nonce()));
  }

  /** {@code GET /api/v1/accounts/{address}/proof}: the node's answer, not yet checked. */
  static JsonNode fetchProof(OkHttpClient http, String node, Address address) throws IOException {
    String url = node + "/api/v1/accounts/" + address + "/proof";
    try (Response r = http.newCall(new Request.Builder().url(url).build()).execute()) {
      JsonNode body = new ObjectMapper().readTree(r.body().string());
      if (!r.isSuccessful()) {
        throw new IllegalStateException(url + ": " + body.path("error"));
      }
      return body;
    }
  }
}
