package io.ccoin.core.internal.consensus;

import io.ccoin.api.BlockCandidate;
import io.ccoin.api.ChainContext;
import io.ccoin.api.ConsensusRule;
import io.ccoin.api.ValidationResult;

/**
 * SPEC 7 item 4: at least {@code min_gap} after the parent; an in-turn block with fewer than
 * {@code max(min_bound, 1)} transactions at least {@code interval} after it; a backup of rank r at
 * least {@code interval + r * leader_timeout} after it. How far ahead of the local clock a block may
 * be is the chain's future-pool check, not this rule.
 */
public final class TimingRule implements ConsensusRule {
  @Override
  public String name() {
    return "timing";
  }

  @Override
  public ValidationResult validate(BlockCandidate c, ChainContext ctx) {
    int rank = Ranks.rank(ctx.authorities(), ctx.parent(), c.header().miner());
    if (rank < 0) {
      return reject("miner " + c.header().miner() + " has no rank: not in the authority set in force");
    }
    long earliest = Ranks.earliestTimestamp(ctx.params(), ctx.parent(), rank, c.block().transactions().size());
    long ts = c.header().timestamp();
    if (ts < earliest) {
      return reject("timestamp " + ts + " is " + (earliest - ts) + " ms before the earliest allowed " + earliest
          + " for rank " + rank + " with " + c.block().transactions().size() + " transaction(s)");
    }
    return ValidationResult.valid();
  }

  @Override
  public String toString() {
    return name();
  }
}
