package io.ccoin.core.internal.consensus;

import io.ccoin.api.BlockCandidate;
import io.ccoin.api.ChainContext;
import io.ccoin.api.ConsensusRule;
import io.ccoin.api.ValidationResult;
import io.ccoin.core.pow.ProofOfWork;

/**
 * SPEC 7 item 3: the header's difficulty is the genesis {@code block_mining.difficulty} and the
 * pow hash starts with that many zero hex digits. Needs no parent.
 */
public final class ProofOfWorkRule implements ConsensusRule {
  @Override
  public String name() {
    return "pow";
  }

  @Override
  public ValidationResult validate(BlockCandidate c, ChainContext ctx) {
    long d = c.header().difficulty();
    if (d != ctx.params().difficulty()) {
      return reject("difficulty " + d + ", the network's is " + ctx.params().difficulty());
    }
    if (!ProofOfWork.meetsDifficulty(c.powHash(), d)) {
      return reject("pow hash " + c.powHash() + " does not start with " + d + " zero hex digits");
    }
    return ValidationResult.valid();
  }

  @Override
  public String toString() {
    return name();
  }
}
