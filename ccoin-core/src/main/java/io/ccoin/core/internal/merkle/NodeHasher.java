package io.ccoin.core.internal.merkle;

import io.ccoin.api.Account;
import io.ccoin.api.Address;
import io.ccoin.api.Hash;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The node hashes shared by both trees, computed with one reused {@link MessageDigest} and scratch
 * buffer. Leaves are prefixed with 0x00 and interior nodes with 0x01, so a leaf can never be
 * mistaken for an interior node. Not thread-safe: each tree or computation owns its own hasher.
 */
public final class NodeHasher {
  private static final byte LEAF = 0x00;
  private static final byte NODE = 0x01;

  private final MessageDigest digest;
  private final byte[] scratch = new byte[1 + 2 * Hash.SIZE];
  private long count;

  public NodeHasher() {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }

  /** {@code H(0x01 || left || right)}: an interior node of either tree. */
  public Hash node(Hash left, Hash right) {
    scratch[0] = NODE;
    left.copyTo(scratch, 1);
    right.copyTo(scratch, 1 + Hash.SIZE);
    return digest(1 + 2 * Hash.SIZE);
  }

  /** {@code H(0x00 || d)}: the RFC 6962 leaf hash of a transaction hash. */
  public Hash txLeaf(Hash d) {
    scratch[0] = LEAF;
    d.copyTo(scratch, 1);
    return digest(1 + Hash.SIZE);
  }

  /** {@code H(0x00 || address || balance || nonce)}, integers as 8 big-endian bytes (SPEC 4). */
  public Hash stateLeaf(Address address, Account account) {
    scratch[0] = LEAF;
    address.copyTo(scratch, 1);
    putLong(1 + Address.SIZE, account.balance());
    putLong(1 + Address.SIZE + Long.BYTES, account.nonce());
    return digest(1 + Address.SIZE + 2 * Long.BYTES);
  }

  /** {@code H("")}. */
  public Hash emptyString() {
    return digest(0);
  }

  /** How many hashes this hasher has computed; lets tests check that updates are incremental. */
  public long count() {
    return count;
  }

  private void putLong(int offset, long value) {
    for (int i = 0; i < Long.BYTES; i++) {
      scratch[offset + i] = (byte) (value >>> (56 - 8 * i));
    }
  }

  private Hash digest(int length) {
    count++;
    digest.update(scratch, 0, length);
    return Hash.of(digest.digest());
  }
}
