package io.ccoin.core.internal.chain;

import io.ccoin.core.ChainConfig;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.BlockCandidate;
import io.ccoin.api.ChainContext;
import io.ccoin.api.ConsensusRule;
import io.ccoin.api.ImportResult;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.Transaction;
import io.ccoin.api.ValidationResult;
import io.ccoin.core.internal.consensus.RuleSet;
import io.ccoin.core.store.MemoryChainStore;
import java.util.List;
import org.junit.jupiter.api.Test;

class CustomRuleTest {
  /** An application rule: no transfer above 100 coins. */
  static final class ValueCap implements ConsensusRule {
    @Override
    public String name() {
      return "value-cap";
    }

    @Override
    public ValidationResult validate(BlockCandidate c, ChainContext ctx) {
      for (Transaction tx : c.block().transactions()) {
        if (tx.value() > 100) {
          return reject("a transfer of " + tx.value() + " is above the cap of 100");
        }
      }
      return ValidationResult.valid();
    }
  }

  static final class Throwing implements ConsensusRule {
    @Override
    public String name() {
      return "broken";
    }

    @Override
    public ValidationResult validate(BlockCandidate c, ChainContext ctx) {
      throw new IllegalStateException("bug");
    }
  }

  @Test
  void anAddedRuleRefusesBlocksThatBreakIt() {
    ChainFixture f = new ChainFixture();
    StoredBlock g = f.genesisBlock();
    Chain chain = new Chain(new MemoryChainStore(), f.genesis, RuleSet.withExtraRules(List.of(new ValueCap())), ChainConfig.DEFAULT, f.clock);
    var big = f.block(g, f.leaderOn(g), List.of(f.transfer(f.alice, 0, f.bob.address(), 101, 1)));
    f.clockAt(big);
    ImportResult r = chain.importBlock(big);
    assertThat(r.status()).isEqualTo(ImportResult.Status.INVALID);
    assertThat(r.validation().rule()).isEqualTo("value-cap");
    var small = f.block(g, f.leaderOn(g), List.of(f.transfer(f.alice, 0, f.bob.address(), 100, 1)));
    assertThat(chain.importBlock(small).status()).isEqualTo(ImportResult.Status.IMPORTED);
    assertThat(RuleSet.withExtraRules(List.of(new ValueCap())).rules()).extracting(ConsensusRule::name)
        .containsExactly("format", "authority", "pow", "parent", "authority", "vote", "timing", "recents", "empty", "value-cap");
  }

  @Test
  void aRuleThatThrowsRefusesAndSaysWhy() {
    ChainFixture f = new ChainFixture();
    StoredBlock g = f.genesisBlock();
    Chain chain = new Chain(new MemoryChainStore(), f.genesis, RuleSet.withExtraRules(List.of(new Throwing())), ChainConfig.DEFAULT, f.clock);
    var b = f.block(g, f.leaderOn(g), List.of());
    f.clockAt(b);
    ImportResult r = chain.importBlock(b);
    assertThat(r.validation().rule()).isEqualTo("broken");
    assertThat(r.validation().reason()).contains("bug");
  }
}
