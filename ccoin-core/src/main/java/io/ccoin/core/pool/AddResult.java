package io.ccoin.core.pool;

import io.ccoin.api.Hash;
import java.util.Objects;
import java.util.Optional;

/**
 * What the pool did with a submitted transaction: {@link Status#ADDED}, {@link Status#REPLACED} (it
 * took the place of a pending transaction with the same sender and nonce),
 * {@link Status#ALREADY_KNOWN} (it is already pending: not an error) or {@link Status#REJECTED},
 * with a {@link PoolError} and a human-readable message. Immutable.
 */
public final class AddResult {
  /** The outcome of a submission. */
  public enum Status {
    ADDED,
    REPLACED,
    ALREADY_KNOWN,
    REJECTED
  }

  private final Status status;
  private final Hash hash;
  private final PoolError error;
  private final String message;

  private AddResult(Status status, Hash hash, PoolError error, String message) {
    this.status = status;
    this.hash = Objects.requireNonNull(hash, "hash");
    this.error = error;
    this.message = message;
  }

  public static AddResult added(Hash hash) {
    return new AddResult(Status.ADDED, hash, null, "");
  }

  public static AddResult replaced(Hash hash) {
    return new AddResult(Status.REPLACED, hash, null, "");
  }

  public static AddResult alreadyKnown(Hash hash) {
    return new AddResult(Status.ALREADY_KNOWN, hash, null, "");
  }

  public static AddResult rejected(Hash hash, PoolError error, String message) {
    return new AddResult(Status.REJECTED, hash, Objects.requireNonNull(error, "error"), Objects.requireNonNull(message, "message"));
  }

  public Status status() {
    return status;
  }

  /** The hash of the submitted transaction. */
  public Hash hash() {
    return hash;
  }

  /** Why the transaction was rejected; empty unless {@link #isRejected()}. */
  public Optional<PoolError> error() {
    return Optional.ofNullable(error);
  }

  /** A human-readable reason for a rejection; empty otherwise. */
  public String message() {
    return message;
  }

  /** True when the transaction is not, and was not already, in the pool. */
  public boolean isRejected() {
    return status == Status.REJECTED;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AddResult r && status == r.status && hash.equals(r.hash) && error == r.error && message.equals(r.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(status, hash, error, message);
  }

  @Override
  public String toString() {
    return status == Status.REJECTED ? "REJECTED(" + hash + ", " + error.code() + ": " + message + ")" : status + "(" + hash + ")";
  }
}
