/**
 * ccoin's peer-to-peer network (SPEC 9 and 10): the protocol over any
 * {@link io.ccoin.api.PeerTransport}, the TCP transport, block sync and gossip, and discovery.
 */
package io.ccoin.net;
