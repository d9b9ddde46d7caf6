/**
 * The engine of ccoin-net behind {@link io.ccoin.net.NetworkService}: the wire protocol, peers,
 * sync and gossip.
 *
 * <p><b>Internal, not API.</b> Nothing here is covered by compatibility: it may change in any release.
 */
package io.ccoin.net.internal;
