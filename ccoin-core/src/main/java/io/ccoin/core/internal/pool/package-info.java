/**
 * The transaction pool of SPEC 8: {@link io.ccoin.core.internal.pool.TxPool} admits signed
 * transactions against the head state, bounds what it holds, hands the best ready transactions to
 * block production and follows the chain's head. Thread-safe.
 *
 * <p><b>Internal, not API.</b> Nothing here is covered by compatibility: it may change in any release.
 * Applications use {@link io.ccoin.core.CcoinNode} and the public packages of ccoin-core.
 */
package io.ccoin.core.internal.pool;
