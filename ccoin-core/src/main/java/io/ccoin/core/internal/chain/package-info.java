/**
 * The chain engine (SPEC 7): import, fork choice, reorgs, orphan and future pools, equivocation
 * evidence, and the immutable {@link io.ccoin.core.internal.chain.ChainHead} snapshot.
 *
 * <p><b>Internal, not API.</b> Nothing here is covered by compatibility: it may change in any release.
 * Applications use {@link io.ccoin.core.CcoinNode} and the public packages of ccoin-core.
 */
package io.ccoin.core.internal.chain;
