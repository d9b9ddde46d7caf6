/**
 * The values of the transaction pool (SPEC 8) that applications see: {@link io.ccoin.core.pool.AddResult}
 * of a submission, whose {@link io.ccoin.core.pool.PoolError} codes are the SPEC 11 error codes,
 * {@link io.ccoin.core.pool.PoolStats}, {@link io.ccoin.core.pool.PoolConfig} and
 * {@link io.ccoin.core.pool.DroppedTx}. All are immutable values.
 */
package io.ccoin.core.pool;
