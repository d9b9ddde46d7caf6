package io.ccoin.core.internal.merkle;

import io.ccoin.core.merkle.StateProof;

import io.ccoin.api.Account;
import io.ccoin.api.Address;
import io.ccoin.api.Hash;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Every existing account, committed to by the compact sparse Merkle tree of SPEC 4: keyed by the
 * 160 address bits (bit 0 is the most significant bit of byte 0, 0 goes left), a lone account stops
 * the descent, and
 *
 * <pre>
 * leaf(a)  = H(0x00 || address(20) || balance(8, big-endian) || nonce(8, big-endian))
 * EMPTY    = 32 zero bytes
 * interior = H(0x01 || left || right)
 * </pre>
 *
 * <p><b>Cost.</b> The tree is incremental: {@link #put} rebuilds only the path to the account
 * (depth about log2(n), at most 160) and hashes nothing; {@link #root} then hashes only the nodes
 * created since the last call, so updating k accounts among n costs O(k log n) hashes.
 * {@link #copy} is O(1) apart from that pending hashing: nodes are immutable and shared between a
 * tree and its copies, and an update replaces the nodes on its path instead of changing them.
 *
 * <p><b>Threads.</b> A tree is not thread-safe: confine each instance to one thread or guard it with
 * one lock. A tree and its copies are independent, however, and may be used on different threads:
 * the nodes they share are fully hashed before they are shared and never written again.
 */
public final class StateTree {
  private final NodeHasher hasher = new NodeHasher();
  private StateNode root;

  /** A tree without accounts; its root is 32 zero bytes. */
  public StateTree() {
    this(StateNode.EMPTY);
  }

  private StateTree(StateNode root) {
    this.root = root;
  }

  /**
   * A tree holding {@code accounts}, built in one pass over the sorted addresses; empty accounts
   * (balance and nonce 0) are skipped, since they do not exist.
   */
  public static StateTree of(Map<Address, Account> accounts) {
    List<Map.Entry<Address, Account>> sorted = new ArrayList<>(accounts.size());
    for (Map.Entry<Address, Account> e : accounts.entrySet()) {
      if (!e.getValue().isEmpty()) {
        sorted.add(Map.entry(e.getKey(), e.getValue()));
      }
    }
    sorted.sort(Map.Entry.comparingByKey());
    return new StateTree(build(sorted, 0, sorted.size(), 0));
  }

  /** The subtree at {@code depth} of the sorted entries [from, to), which share their first {@code depth} bits. */
  private static StateNode build(List<Map.Entry<Address, Account>> sorted, int from, int to, int depth) {
    if (to - from == 0) {
      return StateNode.EMPTY;
    }
    if (to - from == 1) {
      return new StateNode.Leaf(sorted.get(from).getKey(), sorted.get(from).getValue());
    }
    // Sorted addresses with a common prefix: bit `depth` is 0 up to some index, then 1.
    int lo = from;
    int hi = to;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted.get(mid).getKey().bit(depth)) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return new StateNode.Branch(build(sorted, from, lo, depth + 1), build(sorted, lo, to, depth + 1));
  }

  /**
   * Sets the account at {@code address}; {@link Account#EMPTY}, or any account with balance and
   * nonce 0, removes it. Hashes nothing until the next {@link #root}.
   */
  public void put(Address address, Account account) {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(account, "account");
    root = root.with(0, address, account);
  }

  /** {@link #put}s every entry of {@code accounts}. */
  public void putAll(Map<Address, Account> accounts) {
    accounts.forEach(this::put);
  }

  /** The account at {@code address}, or {@link Account#EMPTY} when it has none. */
  public Account get(Address address) {
    StateNode node = root;
    for (int depth = 0; node instanceof StateNode.Branch branch; depth++) {
      node = branch.child(depth, address);
    }
    return node instanceof StateNode.Leaf leaf && leaf.address.equals(address) ? leaf.account : Account.EMPTY;
  }

  /** True when {@code address} has an account. */
  public boolean contains(Address address) {
    return !get(address).isEmpty();
  }

  /** The number of existing accounts. */
  public int size() {
    return root.size();
  }

  /** True when no account exists. */
  public boolean isEmpty() {
    return root.size() == 0;
  }

  /** Calls {@code action} for every existing account, in ascending address order. */
  public void forEach(BiConsumer<Address, Account> action) {
    root.forEach(action);
  }

  /**
   * True when no node waits to be hashed: {@link #root} and {@link #copy} then only read, and the
   * tree may be read and copied from several threads at once.
   */
  public boolean isFullyHashed() {
    return root.isHashed();
  }

  /** The state root, hashing only what changed since the last call. */
  public Hash root() {
    return root.hash(hasher);
  }

  /**
   * An independent tree with the same accounts: changes to either never show in the other. O(1)
   * apart from the pending hashing of {@link #root}, which it does first.
   */
  public StateTree copy() {
    root();
    return new StateTree(root);
  }

  /** The proof of {@code address}'s account, or of its absence, against {@link #root}. */
  public StateProof proof(Address address) {
    root();
    List<Hash> siblings = new ArrayList<>();
    StateNode node = root;
    for (int depth = 0; node instanceof StateNode.Branch branch; depth++) {
      siblings.add(branch.sibling(depth, address).hash(hasher));
      node = branch.child(depth, address);
    }
    StateProof.Terminal terminal = node instanceof StateNode.Leaf leaf
        ? StateProof.Terminal.leaf(leaf.address, leaf.account)
        : StateProof.Terminal.empty();
    return new StateProof(address, siblings, terminal);
  }

  /** How many hashes this tree has computed; lets tests check that updates are incremental. */
  long hashCount() {
    return hasher.count();
  }

  @Override
  public String toString() {
    return "StateTree[" + size() + " accounts]";
  }
}
