package io.ccoin.api;

import java.util.Objects;

/**
 * What happened to a block handed to the chain. Immutable. Refusing a block is an outcome, not an
 * exception: {@link Status#INVALID} says which rule refused and why.
 *
 * @param status the outcome
 * @param blockHash the block's hash
 * @param validation {@link ValidationResult#valid()} unless {@code status} is {@link Status#INVALID},
 *     in which case it names the rule and the reason
 */
public record ImportResult(Status status, Hash blockHash, ValidationResult validation) {
  /** The outcomes of an import. */
  public enum Status {
    /** The block is valid and stored; it may or may not be on the canonical chain. */
    IMPORTED,
    /** The block was known already; nothing changed. */
    ALREADY_KNOWN,
    /** The block's parent is unknown; it is held as an orphan until the parent arrives. */
    ORPHAN,
    /**
     * The block is too far ahead of the local clock: it waits in the future pool and is retried
     * (or, more than 60 s ahead, is dropped).
     */
    FUTURE,
    /**
     * The block extends a block more than {@code max_reorg_depth} below the head; it is not stored
     * (SPEC 7, reorg limit). Not the sender's fault.
     */
    IGNORED,
    /** The block breaks a rule; it is not stored. */
    INVALID
  }

  /**
   * @throws IllegalArgumentException if {@code status} is {@link Status#INVALID} and
   *     {@code validation} is valid, or the other way round
   */
  public ImportResult {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(blockHash, "blockHash");
    Objects.requireNonNull(validation, "validation");
    if ((status == Status.INVALID) == validation.isValid()) {
      throw new IllegalArgumentException("an INVALID result needs an invalid validation and only it: " + status + " " + validation);
    }
  }

  /**
   * A result without a refusal.
   *
   * @throws IllegalArgumentException if {@code status} is {@link Status#INVALID}
   */
  public static ImportResult of(Status status, Hash blockHash) {
    return new ImportResult(status, blockHash, ValidationResult.valid());
  }

  /**
   * An {@link Status#INVALID} result with the rule and the reason.
   *
   * @throws IllegalArgumentException if {@code why} is valid
   */
  public static ImportResult invalid(Hash blockHash, ValidationResult why) {
    return new ImportResult(Status.INVALID, blockHash, why);
  }

  /** The status, with the rule and the reason when invalid (for logs). */
  @Override
  public String toString() {
    return status == Status.INVALID ? "INVALID(" + validation.rule() + ": " + validation.reason() + ")" : status.name();
  }
}
