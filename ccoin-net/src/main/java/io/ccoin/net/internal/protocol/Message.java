package io.ccoin.net.internal.protocol;

import io.ccoin.core.codec.CanonicalWriter;

/**
 * One message of the peer-to-peer protocol (SPEC 9): a header and a body that is one canonical
 * msgpack array. {@link MessageCodec} turns messages into frames and back. Immutable.
 */
public sealed interface Message permits Hello, Auth, Bye, Ping, Pong, Transactions, NewBlock, GetBlocks, Blocks, GetPeers, Peers {
  /** The 3-character header, e.g. {@code "HEL"}. */
  String header();

  /** Writes the body, one msgpack array, in canonical form. */
  void writeBody(CanonicalWriter w);
}
