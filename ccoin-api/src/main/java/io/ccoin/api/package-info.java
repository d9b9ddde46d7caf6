/**
 * ccoin's public API: immutable value types ({@link io.ccoin.api.Hash}, {@link io.ccoin.api.Address},
 * {@link io.ccoin.api.Transaction}, {@link io.ccoin.api.Block}, ...), outcomes, and the four service
 * interfaces where users plug in their own parts: {@link io.ccoin.api.ChainStore},
 * {@link io.ccoin.api.PeerTransport}, {@link io.ccoin.api.Miner} and
 * {@link io.ccoin.api.ConsensusRule}. Nothing here is null: absent values are {@link java.util.Optional}.
 */
package io.ccoin.api;
