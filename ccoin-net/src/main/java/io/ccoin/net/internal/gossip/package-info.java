/**
 * Gossip of transactions and blocks (SPEC 9): {@code TXS} relayed once to every other peer,
 * {@code NBL} relayed after the block was checked, never an equivocating one. Implementation detail
 * of {@link io.ccoin.net.NetworkService}, not API; confined to the service's network thread.
 *
 * <p><b>Internal, not API.</b> It may change in any release.
 */
package io.ccoin.net.internal.gossip;
