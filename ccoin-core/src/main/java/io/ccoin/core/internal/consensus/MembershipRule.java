package io.ccoin.core.internal.consensus;

import io.ccoin.api.BlockCandidate;
import io.ccoin.api.ChainContext;
import io.ccoin.api.ConsensusRule;
import io.ccoin.api.ValidationResult;
import java.util.Collections;

/**
 * SPEC 7 item 2, the parent part: the miner is in the authority set in force at the block (the
 * genesis miners on a version 1 network, {@code A(parent)} on a version 2 network, SPEC 7.1). A miner
 * voted out is refused from the block after the one whose vote removed it.
 */
public final class MembershipRule implements ConsensusRule {
  @Override
  public String name() {
    return "authority";
  }

  @Override
  public ValidationResult validate(BlockCandidate c, ChainContext ctx) {
    if (Collections.binarySearch(ctx.authorities(), c.header().miner()) < 0) {
      return reject("miner " + c.header().miner() + " is not in the authority set in force at #" + c.header().number());
    }
    return ValidationResult.valid();
  }

  @Override
  public String toString() {
    return name();
  }
}
