package io.ccoin.api;

import java.util.Objects;

/**
 * A vote carried in a version 2 block header (SPEC 5 and 7.1), or a node-local proposal to cast
 * one: {@code authorize} true adds {@code candidate} to the authority set, false removes it.
 * Immutable.
 *
 * @param candidate the address voted on; never the zero address in a valid vote
 * @param authorize true to add the candidate, false to remove it
 */
public record Vote(Address candidate, boolean authorize) {
  /**
   * @throws NullPointerException if the candidate is null
   */
  public Vote {
    Objects.requireNonNull(candidate, "candidate");
  }

  @Override
  public String toString() {
    return (authorize ? "add " : "remove ") + candidate;
  }
}
