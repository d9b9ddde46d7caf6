package io.ccoin.core.internal.merkle;

import io.ccoin.core.merkle.StateProof;
import io.ccoin.core.merkle.StateProofVerifier;

import io.ccoin.core.Vectors;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ccoin.api.Account;
import io.ccoin.api.Address;
import io.ccoin.api.Hash;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The state roots and proofs of {@code vectors/stateroot.json}, byte for byte. */
class StateTreeVectorTest {

  static Stream<Named<JsonNode>> cases() {
    return Vectors.cases("stateroot.json").stream()
        .map(c -> Named.of(c.get("accounts").size() + " accounts", c));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void bulkBuiltTreeHasTheVectorRoot(JsonNode c) {
    StateTree tree = StateTree.of(MerkleVectors.accounts(c));

    assertThat(tree.root()).isEqualTo(MerkleVectors.hash(c.get("stateRoot")));
    assertThat(tree.size()).isEqualTo(c.get("accounts").size());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void incrementallyBuiltTreeHasTheVectorRoot(JsonNode c) {
    StateTree tree = new StateTree();
    MerkleVectors.accounts(c).forEach(tree::put);

    assertThat(tree.root()).isEqualTo(MerkleVectors.hash(c.get("stateRoot")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void referenceImplementationAgreesWithTheVector(JsonNode c) {
    assertThat(NaiveStateTree.root(MerkleVectors.accounts(c))).isEqualTo(MerkleVectors.hash(c.get("stateRoot")));
  }

  static Stream<Arguments> proofs() {
    List<Arguments> proofs = new ArrayList<>();
    for (JsonNode c : Vectors.cases("stateroot.json")) {
      int i = 0;
      for (JsonNode p : c.get("proofs")) {
        String name = c.get("accounts").size() + " accounts, proof " + i++ + " for " + p.get("address").asText()
            + " (" + p.get("siblings").size() + " siblings, " + p.get("terminal").get("type").asText() + ")";
        proofs.add(Arguments.of(Named.of(name, c), p));
      }
    }
    return proofs.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("proofs")
  void proofMatchesTheVectorAndVerifies(JsonNode c, JsonNode vectorProof) {
    Map<Address, Account> accounts = MerkleVectors.accounts(c);
    Hash root = MerkleVectors.hash(c.get("stateRoot"));
    StateProof expected = MerkleVectors.proof(vectorProof);

    StateProof actual = StateTree.of(accounts).proof(expected.address());

    assertThat(actual.siblings()).containsExactlyElementsOf(expected.siblings());
    assertThat(actual.terminal()).isEqualTo(expected.terminal());
    assertThat(actual).isEqualTo(expected);
    assertThat(StateProofVerifier.verify(expected, root).isValid()).isTrue();
    assertThat(StateProofVerifier.computeRoot(expected)).contains(root);
    assertThat(expected.account()).isEqualTo(accounts.getOrDefault(expected.address(), Account.EMPTY));
    assertThat(expected.isPresence()).isEqualTo(accounts.containsKey(expected.address()));
  }
}
