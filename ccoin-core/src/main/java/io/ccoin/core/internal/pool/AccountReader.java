package io.ccoin.core.internal.pool;

import io.ccoin.api.Account;
import io.ccoin.api.Address;

/**
 * Reads accounts of one state, normally the head of the canonical chain. The pool calls it while
 * holding its lock, so an implementation must be fast, thread-safe, and must not call back into
 * the pool.
 */
@FunctionalInterface
public interface AccountReader {
  /** The account at {@code address}; {@link Account#EMPTY} when it does not exist, never null. */
  Account account(Address address);
}
