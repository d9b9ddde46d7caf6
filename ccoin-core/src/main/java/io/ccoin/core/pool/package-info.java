/**
 * The transaction pool of SPEC 8: {@link io.ccoin.core.internal.pool.TxPool} admits signed transactions
 * against the head state, bounds what it holds, hands the best ready transactions to block
 * production and follows the chain's head. Its outcomes are {@link io.ccoin.core.pool.AddResult}
 * values whose {@link io.ccoin.core.pool.PoolError} codes are the SPEC 11 error codes. The pool is
 * thread-safe; the other types here are immutable values.
 */
package io.ccoin.core.pool;
