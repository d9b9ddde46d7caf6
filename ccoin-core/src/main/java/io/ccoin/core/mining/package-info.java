/**
 * Block production's proof of work (SPEC 5, 7): {@link io.ccoin.core.mining.PowMiner}, the
 * multi-threaded {@link io.ccoin.api.Miner} that grinds {@code powNonce} and seals the block.
 */
package io.ccoin.core.mining;
