package io.ccoin.core.internal.consensus;

import io.ccoin.api.BlockCandidate;
import io.ccoin.api.ChainContext;
import io.ccoin.api.ConsensusRule;
import io.ccoin.api.ValidationResult;

/** SPEC 7 item 6: a block without transactions only when the genesis sets {@code allow_empty}. */
public final class EmptyBlockRule implements ConsensusRule {
  @Override
  public String name() {
    return "empty";
  }

  @Override
  public ValidationResult validate(BlockCandidate c, ChainContext ctx) {
    if (c.block().transactions().isEmpty() && !ctx.params().allowEmpty()) {
      return reject("empty blocks are not allowed on this network (allow_empty is false)");
    }
    return ValidationResult.valid();
  }

  @Override
  public String toString() {
    return name();
  }
}
