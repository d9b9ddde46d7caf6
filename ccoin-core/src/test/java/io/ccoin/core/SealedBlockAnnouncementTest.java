package io.ccoin.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.Block;
import io.ccoin.api.Hash;
import io.ccoin.core.crypto.AccountKey;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A validator hands each block it seals to {@link CcoinNode#onBlockSealed} once its own import found
 * it valid and before the store commits it (so a network can announce it while this node commits
 * it), and then to {@link CcoinNode#onBlockProduced}.
 */
class SealedBlockAnnouncementTest {
  @Test
  void aSealedBlockIsHandedOnBeforeItIsCommittedAndThenAsProduced() throws Exception {
    AccountKey miner = TestKeys.vector(0);
    var genesis = io.ccoin.core.genesis.GenesisParser.parse("""
        {"network_id": 9, "miners": ["%s"],
         "block_mining": {"interval": 0.2, "max_bound": 100, "min_bound": 1, "reward": 50, "difficulty": 1,
                          "allow_empty": true, "placeholder_data": ["predef", "idle"]},
         "genesis_block": {"difficulty": 1}}
        """.formatted(miner.address()));
    List<String> events = new CopyOnWriteArrayList<>();
    List<Boolean> storedWhenSealed = new CopyOnWriteArrayList<>();
    CountDownLatch threeProduced = new CountDownLatch(3);
    try (CcoinNode node = Ccoin.builder().genesis(genesis).validator(miner).build()) {
      node.onBlockSealed(b -> {
        Hash hash = Hashes.blockHash(b.sealedHeader());
        events.add("sealed #" + b.number());
        storedWhenSealed.add(node.block(hash).isPresent());
      });
      node.onBlockProduced(b -> {
        events.add("produced #" + b.number());
        threeProduced.countDown();
      });
      node.start();
      assertThat(threeProduced.await(20, TimeUnit.SECONDS)).as("three produced blocks").isTrue();
      assertThat(node.head().number()).isGreaterThanOrEqualTo(3);
    }
    assertThat(events.subList(0, 6)).containsExactly("sealed #1", "produced #1", "sealed #2", "produced #2", "sealed #3",
        "produced #3");
    assertThat(storedWhenSealed.subList(0, 3)).containsExactly(false, false, false);
  }
}
