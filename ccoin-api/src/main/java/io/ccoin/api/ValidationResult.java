package io.ccoin.api;

import java.util.Objects;

/**
 * The outcome of a check: valid, or invalid with the name of the rule that refused and why.
 * A value, not an exception: rejecting a block or transaction is a normal outcome.
 */
public final class ValidationResult {
  private static final ValidationResult VALID = new ValidationResult(true, "", "");

  private final boolean valid;
  private final String rule;
  private final String reason;

  private ValidationResult(boolean valid, String rule, String reason) {
    this.valid = valid;
    this.rule = rule;
    this.reason = reason;
  }

  /** The one valid result. */
  public static ValidationResult valid() {
    return VALID;
  }

  /** An invalid result naming the rule that refused and a human-readable reason. */
  public static ValidationResult invalid(String rule, String reason) {
    return new ValidationResult(false, Objects.requireNonNull(rule, "rule"), Objects.requireNonNull(reason, "reason"));
  }

  public boolean isValid() {
    return valid;
  }

  /** The rule that refused; empty for a valid result. */
  public String rule() {
    return rule;
  }

  /** Why the rule refused; empty for a valid result. */
  public String reason() {
    return reason;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ValidationResult r && valid == r.valid && rule.equals(r.rule) && reason.equals(r.reason);
  }

  @Override
  public int hashCode() {
    return Objects.hash(valid, rule, reason);
  }

  @Override
  public String toString() {
    return valid ? "VALID" : "INVALID(" + rule + ": " + reason + ")";
  }
}
