/**
 * The TCP {@link io.ccoin.api.PeerTransport} (SPEC 9 framing) on Netty: {@link io.ccoin.net.tcp.TcpTransport}.
 * Everything else in this package is package-private implementation detail.
 */
package io.ccoin.net.tcp;
