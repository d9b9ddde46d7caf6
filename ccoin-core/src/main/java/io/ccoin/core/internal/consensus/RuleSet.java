package io.ccoin.core.internal.consensus;

import io.ccoin.api.BlockCandidate;
import io.ccoin.api.ChainContext;
import io.ccoin.api.ConsensusRule;
import io.ccoin.api.ValidationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The ordered consensus rules of a network: the checks that need no parent first ({@code format},
 * {@code authority}, {@code pow}), then those that need the parent ({@code parent}, {@code authority}
 * (the set in force), {@code vote}, {@code timing},
 * {@code recents}, {@code empty}), then any rules the application added. The first rule that refuses
 * ends validation. Immutable and thread-safe.
 */
public final class RuleSet {
  private final List<ConsensusRule> parentFree;
  private final List<ConsensusRule> all;

  private RuleSet(List<ConsensusRule> parentFree, List<ConsensusRule> all) {
    this.parentFree = List.copyOf(parentFree);
    this.all = List.copyOf(all);
  }

  /** The SPEC 7 rules. */
  public static RuleSet standard() {
    return withExtraRules(List.of());
  }

  /** The SPEC 7 rules followed by {@code extra}, in order. */
  public static RuleSet withExtraRules(List<ConsensusRule> extra) {
    List<ConsensusRule> parentFree = List.of(new FormatRule(), new AuthorityRule(), new ProofOfWorkRule());
    List<ConsensusRule> all = new ArrayList<>(parentFree);
    all.add(new ParentLinkRule());
    all.add(new MembershipRule());
    all.add(new VoteRule());
    all.add(new TimingRule());
    all.add(new RecentsRule());
    all.add(new EmptyBlockRule());
    for (ConsensusRule r : extra) {
      all.add(Objects.requireNonNull(r, "rule"));
    }
    return new RuleSet(parentFree, all);
  }

  /** Every rule, in the order they run. */
  public List<ConsensusRule> rules() {
    return all;
  }

  /**
   * Runs only the checks that need no parent (SPEC 7 items 1-3), as done before a block enters the
   * orphan or future pool. {@code ctx} need only answer {@link ChainContext#params()} and
   * {@link ChainContext#genesisHash()}.
   */
  public ValidationResult validateParentFree(BlockCandidate c, ChainContext ctx) {
    return run(parentFree, c, ctx);
  }

  /** Runs every rule. */
  public ValidationResult validate(BlockCandidate c, ChainContext ctx) {
    return run(all, c, ctx);
  }

  private static ValidationResult run(List<ConsensusRule> rules, BlockCandidate c, ChainContext ctx) {
    for (ConsensusRule rule : rules) {
      ValidationResult r;
      try {
        r = rule.validate(c, ctx);
      } catch (RuntimeException e) {
        // A rule must not throw; one that does has refused, and says why.
        r = ValidationResult.invalid(rule.name(), "rule failed: " + e);
      }
      if (!r.isValid()) {
        return r;
      }
    }
    return ValidationResult.valid();
  }

  @Override
  public String toString() {
    return "RuleSet" + all;
  }
}
