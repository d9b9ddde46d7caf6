package io.ccoin.core.internal.consensus;

import io.ccoin.api.BlockCandidate;
import io.ccoin.api.ChainContext;
import io.ccoin.api.ConsensusRule;
import io.ccoin.api.ValidationResult;

/** SPEC 7 item 1, the parent part: the number follows the parent's and the parent hash is the parent's. */
public final class ParentLinkRule implements ConsensusRule {
  @Override
  public String name() {
    return "parent";
  }

  @Override
  public ValidationResult validate(BlockCandidate c, ChainContext ctx) {
    if (!c.header().parentHash().equals(ctx.parentHash())) {
      return reject("parent hash " + c.header().parentHash() + " is not " + ctx.parentHash());
    }
    long expected = ctx.parent().number() + 1;
    if (c.header().number() != expected) {
      return reject("number " + c.header().number() + ", expected " + expected);
    }
    return ValidationResult.valid();
  }

  @Override
  public String toString() {
    return name();
  }
}
