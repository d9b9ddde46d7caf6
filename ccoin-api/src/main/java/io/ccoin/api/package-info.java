/**
 * ccoin's public API: immutable value types ({@link io.ccoin.api.Hash}, {@link io.ccoin.api.Address},
 * {@link io.ccoin.api.Transaction}, {@link io.ccoin.api.Block}, ...), outcomes, and the four service
 * interfaces where users plug in their own parts: {@link io.ccoin.api.ChainStore},
 * {@link io.ccoin.api.PeerTransport}, {@link io.ccoin.api.Miner} and
 * {@link io.ccoin.api.ConsensusRule}.
 *
 * <p>What holds for the whole package, unless a type says otherwise:
 * <ul>
 *   <li><b>No nulls.</b> No method returns null and no parameter accepts it (a null argument throws
 *       {@link java.lang.NullPointerException}); a value that may be absent is an
 *       {@link java.util.Optional}, a list or map that may be empty is empty.
 *   <li><b>Values are immutable and thread-safe.</b> Records and value classes check their
 *       arguments when built ({@link java.lang.IllegalArgumentException} naming what is wrong), copy
 *       arrays and collections on the way in and out, and compare by content.
 *   <li><b>Service interfaces state their threading.</b> Each SPI says which threads call it and
 *       what an implementation must tolerate; implementations provided by ccoin are thread-safe.
 * </ul>
 */
package io.ccoin.api;
