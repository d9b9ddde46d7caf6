package io.ccoin.net;

import io.ccoin.api.Bytes;
import io.ccoin.api.Hash;
import io.ccoin.core.crypto.Sha256;
import java.util.Objects;

/**
 * A node's identity on the network: {@code H(nodeKey spki)} (SPEC 9). Ordered as 32 unsigned
 * bytes, most significant first, the order the duplicate-connection rule uses. Immutable and
 * thread-safe.
 */
public final class NodeId implements Comparable<NodeId> {
  private final Hash hash;

  private NodeId(Hash hash) {
    this.hash = hash;
  }

  /** The id of the node whose key is {@code spki} (its 294-byte SubjectPublicKeyInfo). */
  public static NodeId ofKey(Bytes spki) {
    return new NodeId(Sha256.hash(spki.toArray()));
  }

  /** The id with these 32 bytes. */
  public static NodeId of(Hash hash) {
    return new NodeId(Objects.requireNonNull(hash, "hash"));
  }

  /** Parses 64 hex digits (optional {@code 0x}). */
  public static NodeId fromHex(String hex) {
    return new NodeId(Hash.fromHex(hex));
  }

  /** The 32 bytes as a hash. */
  public Hash hash() {
    return hash;
  }

  /** 64 lowercase hex digits. */
  public String toHex() {
    return hash.toHex();
  }

  /** The first 12 hex digits, for logs. */
  public String shortId() {
    return hash.toHex().substring(0, 12);
  }

  @Override
  public int compareTo(NodeId o) {
    return hash.compareTo(o.hash);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodeId other && hash.equals(other.hash);
  }

  @Override
  public int hashCode() {
    return hash.hashCode();
  }

  /** 64 lowercase hex digits. */
  @Override
  public String toString() {
    return hash.toHex();
  }
}
