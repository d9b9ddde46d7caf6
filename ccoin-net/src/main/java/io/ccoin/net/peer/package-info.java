/**
 * Connections to peers (SPEC 9): the handshake, keepalive, misbehaviour scores and bans, the
 * address book with reconnect backoff, and peer exchange. Implementation detail of
 * {@link io.ccoin.net.NetworkService}, not API: every class here is confined to the service's
 * network thread and is not thread-safe.
 */
package io.ccoin.net.peer;
