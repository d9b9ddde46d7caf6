package io.ccoin.core.internal.merkle;

import io.ccoin.api.Account;
import io.ccoin.api.Address;
import io.ccoin.api.Hash;
import java.util.function.BiConsumer;

/**
 * A node of the compact sparse Merkle tree (SPEC 4): {@link Empty}, a {@link Leaf} holding one
 * account, or a {@link Branch} at depth {@code d} whose subtree holds at least two accounts, split by
 * address bit {@code d}.
 *
 * <p>Nodes are persistent: an update returns new nodes along one path and shares everything else,
 * so trees that share nodes never see each other's changes. A node's hash is computed on demand and
 * cached; a new node starts without a hash, which is what "dirty" means here. Depth is not stored:
 * it is the number of branches above the node, known to whoever walks down to it.
 */
abstract sealed class StateNode permits StateNode.Empty, StateNode.Leaf, StateNode.Branch {
  /** The empty subtree. */
  static final StateNode EMPTY = new Empty();

  /** The number of accounts below this node. */
  abstract int size();

  /** This node's hash, computing and caching it, and those of its descendants, when missing. */
  abstract Hash hash(NodeHasher hasher);

  /** True when this node's hash is cached (and so, since a hash is computed from its children's, theirs too). */
  abstract boolean isHashed();

  /**
   * The subtree, rooted at {@code depth}, after setting {@code address} to {@code account}; an
   * empty account removes the address. Returns {@code this} when nothing changes.
   */
  abstract StateNode with(int depth, Address address, Account account);

  /** Calls {@code action} for every account below this node, in ascending address order. */
  abstract void forEach(BiConsumer<Address, Account> action);

  /** The subtree without accounts. */
  static final class Empty extends StateNode {
    private Empty() {}

    @Override
    int size() {
      return 0;
    }

    @Override
    Hash hash(NodeHasher hasher) {
      return Hash.ZERO;
    }

    @Override
    boolean isHashed() {
      return true;
    }

    @Override
    StateNode with(int depth, Address address, Account account) {
      return account.isEmpty() ? this : new Leaf(address, account);
    }

    @Override
    void forEach(BiConsumer<Address, Account> action) {}
  }

  /** A subtree holding exactly one account: a lone account stops the descent. */
  static final class Leaf extends StateNode {
    final Address address;
    final Account account;
    private Hash hash;

    Leaf(Address address, Account account) {
      this.address = address;
      this.account = account;
    }

    @Override
    int size() {
      return 1;
    }

    @Override
    Hash hash(NodeHasher hasher) {
      if (hash == null) {
        hash = hasher.stateLeaf(address, account);
      }
      return hash;
    }

    @Override
    boolean isHashed() {
      return hash != null;
    }

    @Override
    StateNode with(int depth, Address address, Account account) {
      if (this.address.equals(address)) {
        if (account.isEmpty()) {
          return EMPTY;
        }
        return this.account.equals(account) ? this : new Leaf(address, account);
      }
      return account.isEmpty() ? this : split(depth, this, new Leaf(address, account));
    }

    /** The subtree at {@code depth} holding two leaves with different addresses. */
    private static StateNode split(int depth, Leaf a, Leaf b) {
      boolean bitA = a.address.bit(depth);
      if (bitA != b.address.bit(depth)) {
        return bitA ? new Branch(b, a) : new Branch(a, b);
      }
      StateNode below = split(depth + 1, a, b);
      return bitA ? new Branch(EMPTY, below) : new Branch(below, EMPTY);
    }

    @Override
    void forEach(BiConsumer<Address, Account> action) {
      action.accept(address, account);
    }
  }

  /** A subtree holding two or more accounts: left holds those whose bit at this depth is 0. */
  static final class Branch extends StateNode {
    final StateNode left;
    final StateNode right;
    private final int size;
    private Hash hash;

    Branch(StateNode left, StateNode right) {
      this.left = left;
      this.right = right;
      this.size = left.size() + right.size();
    }

    /** The child that address bit {@code depth} selects. */
    StateNode child(int depth, Address address) {
      return address.bit(depth) ? right : left;
    }

    /** The child that address bit {@code depth} does not select. */
    StateNode sibling(int depth, Address address) {
      return address.bit(depth) ? left : right;
    }

    @Override
    int size() {
      return size;
    }

    @Override
    Hash hash(NodeHasher hasher) {
      if (hash == null) {
        hash = hasher.node(left.hash(hasher), right.hash(hasher));
      }
      return hash;
    }

    @Override
    boolean isHashed() {
      return hash != null;
    }

    @Override
    StateNode with(int depth, Address address, Account account) {
      boolean bit = address.bit(depth);
      StateNode child = bit ? right : left;
      StateNode updated = child.with(depth + 1, address, account);
      if (updated == child) {
        return this;
      }
      StateNode other = bit ? left : right;
      // A subtree left with one account is that account's leaf, wherever it sat below.
      if (updated instanceof Empty && other instanceof Leaf) {
        return other;
      }
      if (other instanceof Empty && updated instanceof Leaf) {
        return updated;
      }
      return bit ? new Branch(other, updated) : new Branch(updated, other);
    }

    @Override
    void forEach(BiConsumer<Address, Account> action) {
      left.forEach(action);
      right.forEach(action);
    }
  }
}
