package io.ccoin.core.merkle;

import io.ccoin.api.Account;
import io.ccoin.api.Address;
import io.ccoin.api.Hash;
import java.util.List;
import java.util.Objects;

/**
 * A claim about one address in a state tree (SPEC 4): the sibling hashes met on the way down from
 * the root, root side first, and the terminal node where the descent stopped.
 *
 * <p>The proof claims that {@link #address()} holds {@link #account()}: the terminal leaf's account
 * when that leaf is the address's own ({@link #isPresence()}), otherwise {@link Account#EMPTY}, that
 * is, no account. A proof is only a claim until {@link StateProofVerifier} has checked it against a
 * trusted state root. So that untrusted proofs can be represented and then rejected with a reason,
 * this record accepts any content (more than 160 siblings, a foreign leaf off the address's path);
 * only nulls are refused. Immutable and thread-safe.
 *
 * @param address the address the proof is about
 * @param siblings the hashes of the subtrees beside the path, root side first; a well-formed proof
 *     has at most {@value #MAX_SIBLINGS}
 * @param terminal the node where the descent stopped
 */
public record StateProof(Address address, List<Hash> siblings, Terminal terminal) {
  /** The most siblings a proof can have: one per address bit. */
  public static final int MAX_SIBLINGS = Address.SIZE * Byte.SIZE;

  public StateProof {
    Objects.requireNonNull(address, "address");
    siblings = List.copyOf(siblings);
    Objects.requireNonNull(terminal, "terminal");
  }

  /** True when the terminal is a leaf for {@link #address()}: the proof claims the account exists. */
  public boolean isPresence() {
    return terminal instanceof Leaf leaf && leaf.address().equals(address);
  }

  /** The account the proof claims for {@link #address()}: {@link Account#EMPTY} for absence. */
  public Account account() {
    return isPresence() ? ((Leaf) terminal).account() : Account.EMPTY;
  }

  /** The node where a proof's descent stops: {@link Empty} or a {@link Leaf}. */
  public sealed interface Terminal permits Empty, Leaf {
    /** The empty subtree. */
    static Terminal empty() {
      return Empty.INSTANCE;
    }

    /** A leaf holding {@code account} at {@code address}. */
    static Terminal leaf(Address address, Account account) {
      return new Leaf(address, account);
    }
  }

  /** The empty subtree (hash: 32 zero bytes); it proves that the address has no account. */
  public record Empty() implements Terminal {
    private static final Empty INSTANCE = new Empty();

    @Override
    public String toString() {
      return "Empty";
    }
  }

  /**
   * A leaf: proof of presence when {@code address} is the proven address, else proof of absence.
   *
   * @param address the leaf's account address
   * @param account the leaf's balance and nonce
   */
  public record Leaf(Address address, Account account) implements Terminal {
    public Leaf {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(account, "account");
    }
  }
}
