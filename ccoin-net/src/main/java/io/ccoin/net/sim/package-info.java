/**
 * A deterministic network simulator: a {@link io.ccoin.net.sim.VirtualScheduler} that runs every
 * node's work in virtual time on the calling thread, an in-memory
 * {@link io.ccoin.api.PeerTransport} ({@link io.ccoin.net.sim.SimNetwork}) with per-link latency,
 * message loss and partitions drawn from a seed, and an {@link io.ccoin.net.sim.InlineMiner} that
 * seals blocks synchronously. Given the same seed and inputs, a run takes the same steps.
 */
package io.ccoin.net.sim;
