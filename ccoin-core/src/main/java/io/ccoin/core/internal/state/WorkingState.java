package io.ccoin.core.internal.state;

import io.ccoin.api.Account;
import io.ccoin.api.Address;
import io.ccoin.api.Hash;
import io.ccoin.core.internal.merkle.StateTree;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A scratch copy of the account state for executing blocks: it starts as an O(1) copy of a base
 * tree, records the value every touched account had before its first change (the undo data), and
 * never changes the base. Not thread-safe.
 */
public final class WorkingState {
  private final StateTree tree;
  private final Map<Address, Account> previous = new LinkedHashMap<>();

  /** A working copy of {@code base}; {@code base} is left untouched whatever happens here. */
  public WorkingState(StateTree base) {
    this.tree = base.copy();
  }

  /** The account at {@code address}, {@link Account#EMPTY} when it does not exist. */
  public Account get(Address address) {
    return tree.get(address);
  }

  /** Sets an account; {@link Account#EMPTY} removes it. */
  public void put(Address address, Account account) {
    previous.computeIfAbsent(address, tree::get);
    tree.put(address, account);
  }

  /** The state root of the working state. */
  public Hash root() {
    return tree.root();
  }

  /** The tree with every change applied (hand it on as the new canonical state once valid). */
  public StateTree tree() {
    return tree;
  }

  /** Every touched account as it was before this working state changed it. */
  public Map<Address, Account> previous() {
    return Collections.unmodifiableMap(previous);
  }

  /** Every touched account as it is now ({@link Account#EMPTY} for removed ones). */
  public Map<Address, Account> changed() {
    Map<Address, Account> out = new LinkedHashMap<>();
    for (Address a : previous.keySet()) {
      out.put(a, tree.get(a));
    }
    return out;
  }
}
