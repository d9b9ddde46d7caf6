package io.ccoin.core.internal.merkle;


import io.ccoin.core.Vectors;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ccoin.api.Hash;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TxRootTest {

  static Stream<Named<JsonNode>> specVectors() {
    return Vectors.cases("txroot.json").stream()
        .map(c -> Named.of(c.get("leaves").size() + " leaves", c));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specVectors")
  void matchesSpecVector(JsonNode c) {
    assertThat(TxRoot.of(MerkleVectors.hashes(c.get("leaves")))).isEqualTo(MerkleVectors.hash(c.get("root")));
  }

  static Stream<Named<JsonNode>> rfc6962DataFile() {
    return Vectors.cases("/merkle/rfc6962-0-8.json").stream()
        .map(c -> Named.of(c.get("leaves").size() + " leaves", c));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rfc6962DataFile")
  void matchesCommittedRfc6962Hashes(JsonNode c) {
    int n = c.get("leaves").size();
    List<byte[]> leaves = Rfc6962Reference.leaves(n);
    Hash committed = MerkleVectors.hash(c.get("root"));

    assertThat(MerkleVectors.hashes(c.get("leaves"))).isEqualTo(Rfc6962Reference.asHashes(leaves));
    assertThat(Hash.of(Rfc6962Reference.mth(leaves))).isEqualTo(committed);
    assertThat(TxRoot.of(Rfc6962Reference.asHashes(leaves))).isEqualTo(committed);
  }

  @Test
  void dataFileCoversZeroToEightLeaves() {
    assertThat(Vectors.cases("/merkle/rfc6962-0-8.json"))
        .extracting(c -> c.get("leaves").size())
        .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
  }

  @ParameterizedTest(name = "{0} leaves")
  @MethodSource("sizes")
  void matchesReferenceOnRandomLeaves(int n) {
    Random random = new Random(6962L * 1000 + n);
    List<byte[]> leaves = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] leaf = new byte[Hash.SIZE];
      random.nextBytes(leaf);
      leaves.add(leaf);
    }
    assertThat(TxRoot.of(Rfc6962Reference.asHashes(leaves))).isEqualTo(Hash.of(Rfc6962Reference.mth(leaves)));
  }

  static IntStream sizes() {
    return IntStream.concat(IntStream.rangeClosed(0, 70), IntStream.of(127, 128, 129, 255, 256, 257, 1000, 1023, 1024, 1025));
  }

  @Test
  void emptyRootIsSha256OfNothing() {
    assertThat(TxRoot.EMPTY.toHex()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(TxRoot.of(List.of())).isEqualTo(TxRoot.EMPTY);
  }

  @Test
  void orderMatters() {
    List<Hash> leaves = Rfc6962Reference.asHashes(Rfc6962Reference.leaves(3));
    List<Hash> swapped = List.of(leaves.get(1), leaves.get(0), leaves.get(2));
    assertThat(TxRoot.of(swapped)).isNotEqualTo(TxRoot.of(leaves));
  }

  @Test
  void singleLeafRootIsNotTheLeaf() {
    Hash leaf = Rfc6962Reference.asHashes(Rfc6962Reference.leaves(1)).get(0);
    assertThat(TxRoot.of(List.of(leaf))).isNotEqualTo(leaf);
  }
}
