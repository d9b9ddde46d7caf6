/**
 * Connections to peers (SPEC 9): the handshake, keepalive, misbehaviour scores, refused node ids,
 * discouraged addresses and the operator's bans, the address book with reconnect backoff, and peer
 * exchange. Implementation detail of {@link io.ccoin.net.NetworkService}, not API: the classes here
 * are confined to the service's network thread and are not thread-safe, except
 * {@link io.ccoin.net.internal.peer.ExpiringSet} and {@link io.ccoin.net.internal.peer.ManualBans} (held by
 * {@link io.ccoin.net.internal.peer.PeerStanding}), which the API reads and (for bans) writes from its own
 * threads.
 *
 * <p><b>Internal, not API.</b> It may change in any release.
 */
package io.ccoin.net.internal.peer;
