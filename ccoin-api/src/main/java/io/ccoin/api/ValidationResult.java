package io.ccoin.api;

import java.util.Objects;

/**
 * The outcome of a check: valid, or invalid with the name of the rule that refused and why.
 * A value, not an exception: rejecting a block or transaction is a normal outcome. Immutable;
 * equal by validity, rule and reason.
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

  /** The one valid result (always the same instance). */
  public static ValidationResult valid() {
    return VALID;
  }

  /**
   * An invalid result naming the rule that refused and a reason a person can act on.
   *
   * @throws NullPointerException if {@code rule} or {@code reason} is null
   */
  public static ValidationResult invalid(String rule, String reason) {
    return new ValidationResult(false, Objects.requireNonNull(rule, "rule"), Objects.requireNonNull(reason, "reason"));
  }

  /** True for the valid result. */
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

  /** {@code VALID}, or {@code INVALID(rule: reason)} (for logs). */
  @Override
  public String toString() {
    return valid ? "VALID" : "INVALID(" + rule + ": " + reason + ")";
  }
}
