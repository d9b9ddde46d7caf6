package io.ccoin.core.internal.consensus;

import io.ccoin.api.BlockCandidate;
import io.ccoin.api.ChainContext;
import io.ccoin.api.ConsensusRule;
import io.ccoin.api.ValidationResult;

/**
 * SPEC 7 item 5: the miner mined none of the w blocks before this one (genesis not counted), w being
 * {@code recent_window} on a version 1 network and {@code floor(N/2)} of the N in force on a version
 * 2 network, so a minority of the miners cannot extend a chain alone.
 */
public final class RecentsRule implements ConsensusRule {
  @Override
  public String name() {
    return "recents";
  }

  @Override
  public ValidationResult validate(BlockCandidate c, ChainContext ctx) {
    int at = ctx.recentMiners().indexOf(c.header().miner());
    if (at >= 0) {
      return reject("miner " + c.header().miner() + " mined block " + (c.header().number() - 1 - at)
          + ", within the recent window of " + ctx.params().recentWindow(ctx.authorities().size()));
    }
    return ValidationResult.valid();
  }

  @Override
  public String toString() {
    return name();
  }
}
