package io.ccoin.examples;

import io.ccoin.api.Block;
import io.ccoin.api.BlockCandidate;
import io.ccoin.api.ChainContext;
import io.ccoin.api.ConsensusRule;
import io.ccoin.api.Genesis;
import io.ccoin.api.ImportResult;
import io.ccoin.api.Transaction;
import io.ccoin.api.ValidationResult;
import io.ccoin.core.Ccoin;
import io.ccoin.core.CcoinNode;
import io.ccoin.core.TransactionBuilder;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.genesis.GenesisParser;
import io.ccoin.core.pool.AddResult;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Adds a consensus rule of the application's through the public API (a cap on a transaction's
 * value) and shows a block that breaks it being rejected by a node that runs the rule: a validator
 * that does not run the rule produces the block (captured with {@link CcoinNode#onBlockProduced}),
 * and the node with the rule refuses it on import.
 */
public final class CustomConsensusRule {
  private CustomConsensusRule() {}

  /** No single transfer above {@code cap} coins. Pure, fast and thread-safe, as rules must be. */
  public static final class ValueCap implements ConsensusRule {
    private final long cap;

    public ValueCap(long cap) {
      this.cap = cap;
    }

    @Override
    public String name() {
      return "value-cap";
    }

    @Override
    public ValidationResult validate(BlockCandidate block, ChainContext context) {
      for (Transaction tx : block.block().transactions()) {
        if (tx.value() > cap) {
          return reject("a transfer of " + tx.value() + " is above the cap of " + cap);
        }
      }
      return ValidationResult.valid();
    }
  }

  public static void main(String[] args) throws Exception {
    SecureRandom random = new SecureRandom();
    AccountKey miner = AccountKey.generate(random);
    AccountKey alice = AccountKey.generate(random);
    Genesis genesis = GenesisParser.parse("""
        {"network_id": 2, "miners": ["%s"],
         "block_mining": {"interval": 0.5, "max_bound": 10, "min_bound": 1, "reward": 1, "difficulty": 1,
                          "allow_empty": false, "placeholder_data": ["rnd", 4]},
         "genesis_block": {"difficulty": 1},
         "alloc": {"%s": {"balance": 1000000}}}
        """.formatted(miner.address(), alice.address()));

    // A node that runs the extra rule, and a validator that does not know it.
    try (CcoinNode node = Ccoin.builder().genesis(genesis).addRule(new ValueCap(1_000)).build();
        CcoinNode unaware = Ccoin.builder().genesis(genesis).validator(miner).build()) {
      CompletableFuture<Block> produced = new CompletableFuture<>();
      unaware.onBlockProduced(produced::complete);
      unaware.start();

      // The validator takes a transfer above the cap and makes a block of it (valid by the SPEC's rules alone).
      Transaction big = TransactionBuilder.forNetwork(2, node.genesis().hash())
          .nonce(0).to(miner.address()).value(5_000).fee(1).sign(alice);
      AddResult added = unaware.submit(big);
      if (added.isRejected()) {
        throw new IllegalStateException("the validator refused the transfer: " + added);
      }
      Block block = produced.get(30, TimeUnit.SECONDS);

      // The node with the rule refuses it.
      ImportResult result = node.importBlock(block);
      System.out.println("block with a transfer of 5000: " + result);
      if (result.status() != ImportResult.Status.INVALID || !result.validation().rule().equals("value-cap")) {
        throw new IllegalStateException("the custom rule did not reject the block: " + result);
      }
    }
  }
}
