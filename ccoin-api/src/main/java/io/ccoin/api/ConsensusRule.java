package io.ccoin.api;

/**
 * One check that a block must pass on top of its parent (SPEC 7), such as "the miner is an
 * authority" or "the proof of work meets the difficulty". A network's rule set is an ordered list
 * of rules, cheap stateless checks first; the first rule that refuses ends validation. Users may add
 * rules of their own; every node of a network must then run the same rules.
 *
 * <p>Contract: a rule is a pure function of its arguments, thread-safe, and fast; it never throws
 * for a bad block but returns {@link ValidationResult#invalid} with its own {@link #name()} and a
 * reason a person can act on. It never sees the account state: transaction execution and the state
 * root are checked by the chain after all rules pass.
 */
public interface ConsensusRule {
  /** A short stable name, used in logs and in {@link ImportResult}s, e.g. {@code "authority"}. */
  String name();

  /**
   * Checks {@code candidate} against its parent context. Called on the importing thread, under the
   * chain's lock, so it must not block or call back into the node.
   *
   * @return {@link ValidationResult#valid()}, or {@link #reject} with a reason
   */
  ValidationResult validate(BlockCandidate candidate, ChainContext context);

  /** Shorthand for {@code ValidationResult.invalid(name(), reason)}. */
  default ValidationResult reject(String reason) {
    return ValidationResult.invalid(name(), reason);
  }
}
