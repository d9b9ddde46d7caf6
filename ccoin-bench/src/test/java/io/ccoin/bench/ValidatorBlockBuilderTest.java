package io.ccoin.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccoin.api.Address;
import io.ccoin.api.Block;
import io.ccoin.api.ImportResult;
import io.ccoin.api.Transaction;
import io.ccoin.core.CcoinNode;
import io.ccoin.core.Hashes;
import io.ccoin.core.store.MemoryChainStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The benchmarks' blocks, made by validator nodes through the public API, are the ones asked for. */
class ValidatorBlockBuilderTest {
  @Test
  @Timeout(120)
  void theValidatorsMakeEachBlockInTurnWithExactlyTheTransactionsGiven() throws Exception {
    ImportFixture fixture = ImportFixture.build(4, 10, 2, 7L);
    assertThat(fixture.blocks).hasSize(4).allSatisfy(b -> assertThat(b.transactions()).hasSize(10));
    // the genesis batch and one per block
    assertThat(fixture.batches).hasSize(5);
    try (CcoinNode node = fixture.node(new MemoryChainStore())) {
      for (int i = 0; i < fixture.blocks.size(); i++) {
        Block b = fixture.blocks.get(i);
        assertThat(b.number()).isEqualTo(i + 1);
        assertThat(b.header().miner()).isEqualTo(node.inTurnNext());
        assertThat(node.importBlock(b).status()).isEqualTo(ImportResult.Status.IMPORTED);
      }
      // every block in turn: weight 2 each (SPEC 7)
      assertThat(node.head().totalWeight()).isEqualTo(8);
    }
  }

  @Test
  @Timeout(120)
  void anImportSeriesStartsAgainOnANewNodeAtGenesis() throws Exception {
    BenchNetwork network = BenchNetwork.create(2, 10, 10, 11L);
    long[] nonce = new long[2];
    try (ImportSeries series = ImportSeries.build(network, 2, b -> {
      long[] first = nonce.clone();
      nonce[0] += 2;
      nonce[1] += 2;
      return ImportSeries.signed(4, i -> network.transfer(i % 2, first[i % 2] + i / 2, network.extra.get(4 * b + i), 1));
    })) {
      assertThat(series.blocks).hasSize(2);
      assertThat(hashes(series.blocks.get(0).transactions())).hasSize(4).doesNotContainAnyElementsOf(
          hashes(series.blocks.get(1).transactions()));
      assertThat(ImportSeries.changedBy(series.blocks.get(0))).hasSize(2 + 4 + 1);
      for (int round = 0; round < 2; round++) {
        for (int b = 0; b < 2; b++) {
          series.prepare(round == 1);
          assertThat(series.importNext().status()).isEqualTo(ImportResult.Status.IMPORTED);
        }
      }
    }
  }

  @Test
  @Timeout(120)
  void onAVersion2NetworkValidatorsWithOpenProposalsVoteInEveryBlockButTheCheckpoints() throws Exception {
    BenchNetwork network = BenchNetwork.create(1, 0, 10, 13L, 4);
    Map<Address, Set<Address>> outsiders = outsiders(network);
    try (ImportSeries series = ImportSeries.build(network, 6, b -> List.of(),
        builder -> outsiders.forEach((m, cs) -> cs.forEach(c -> builder.propose(m, c, true))))) {
      // block 4 is a checkpoint: no vote there
      assertThat(series.blocks).extracting(b -> b.header().vote().isPresent())
          .containsExactly(true, true, true, false, true, true);
      VotingImportBenchmark.checkVotes(series.blocks, network.params, outsiders);
      series.prepare(false);
      for (int b = 0; b < 6; b++) {
        assertThat(series.importNext().status()).isEqualTo(ImportResult.Status.IMPORTED);
      }
    }
  }

  @Test
  @Timeout(120)
  void theVoteCheckRefusesAVersion2SeriesWithoutVotes() throws Exception {
    BenchNetwork network = BenchNetwork.create(1, 0, 10, 17L, 4);
    try (ImportSeries series = ImportSeries.build(network, 2, b -> List.of())) {
      assertThatThrownBy(() -> VotingImportBenchmark.checkVotes(series.blocks, network.params, outsiders(network)))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("0 blocks of 2 with a vote, not the 2 expected");
    }
  }

  private static Map<Address, Set<Address>> outsiders(BenchNetwork network) {
    Map<Address, Set<Address>> outsiders = new HashMap<>();
    for (int m = 0; m < network.miners.size(); m++) {
      outsiders.put(network.miners.get(m).address(), VotingImportBenchmark.outsiders(m));
    }
    return outsiders;
  }

  private static Set<String> hashes(List<Transaction> txs) {
    return txs.stream().map(t -> Hashes.txHash(t).toHex()).collect(Collectors.toSet());
  }
}
