package io.ccoin.core.crypto;

import java.nio.charset.StandardCharsets;

/**
 * The ASCII domain tags that start every signed message (SPEC 2), so that a signature made for one
 * purpose is worthless for another.
 */
public enum Domain {
  /** Transactions: {@code "ccoin/tx/v1" || genesisHash || msgpack(unsigned tx)}. */
  TX("ccoin/tx/v1"),
  /** Block seals: {@code "ccoin/block/v1" || powHash}. */
  BLOCK("ccoin/block/v1"),
  /** Peer-to-peer handshakes. */
  P2P("ccoin/p2p/v1"),
  /** Discovery service registrations. */
  DISCOVERY("ccoin/discovery/v1");

  private final String tag;
  private final byte[] bytes;

  Domain(String tag) {
    this.tag = tag;
    this.bytes = tag.getBytes(StandardCharsets.US_ASCII);
  }

  /** The tag as text, for example {@code "ccoin/tx/v1"}. */
  public String tag() {
    return tag;
  }

  /** A fresh copy of the tag's ASCII bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The number of bytes in the tag. */
  public int length() {
    return bytes.length;
  }

  /** Copies the tag's bytes into {@code dest} at {@code offset}. */
  public void copyTo(byte[] dest, int offset) {
    System.arraycopy(bytes, 0, dest, offset, bytes.length);
  }

  /** True when {@code message} starts with this tag. */
  public boolean tags(byte[] message) {
    if (message.length < bytes.length) {
      return false;
    }
    for (int i = 0; i < bytes.length; i++) {
      if (message[i] != bytes[i]) {
        return false;
      }
    }
    return true;
  }

  /** The tag. */
  @Override
  public String toString() {
    return tag;
  }
}
