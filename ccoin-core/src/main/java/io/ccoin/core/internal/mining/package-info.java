/**
 * Block production (SPEC 7): {@link io.ccoin.core.internal.mining.BlockProducer} decides when this
 * validator may seal, {@link io.ccoin.core.internal.mining.BlockAssembler} fills a block from the pool.
 *
 * <p><b>Internal, not API.</b> Nothing here is covered by compatibility: it may change in any release.
 * Applications use {@link io.ccoin.core.CcoinNode} and the public packages of ccoin-core.
 */
package io.ccoin.core.internal.mining;
