/**
 * The engine of ccoin-core behind {@link io.ccoin.core.CcoinNode}: its subpackages hold the chain,
 * consensus rules, state, pool, mining, Merkle trees and listeners, and
 * {@link io.ccoin.core.internal.NodeAccess} gives the other ccoin library modules the node's engine.
 *
 * <p><b>Internal, not API.</b> Nothing here is covered by compatibility: it may change in any release.
 * Applications use {@link io.ccoin.core.CcoinNode} and the public packages of ccoin-core.
 */
package io.ccoin.core.internal;
