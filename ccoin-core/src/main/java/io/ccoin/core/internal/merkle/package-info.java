/**
 * The two Merkle commitments of a block header (SPEC 4 and 5): {@link io.ccoin.core.internal.merkle.TxRoot},
 * the RFC 6962 tree hash over a block's transaction hashes, and
 * {@link io.ccoin.core.internal.merkle.StateTree}, the compact sparse Merkle tree over all accounts.
 *
 * <p><b>Internal, not API.</b> Nothing here is covered by compatibility: it may change in any release.
 * Applications use {@link io.ccoin.core.CcoinNode} and the public packages of ccoin-core.
 */
package io.ccoin.core.internal.merkle;
