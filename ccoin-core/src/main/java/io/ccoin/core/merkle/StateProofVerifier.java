package io.ccoin.core.merkle;

import io.ccoin.core.internal.merkle.NodeHasher;

import io.ccoin.api.Address;
import io.ccoin.api.Hash;
import io.ccoin.api.ValidationResult;
import java.util.List;
import java.util.Optional;

/**
 * Checks a {@link StateProof} against a state root, as a light client does with the
 * {@code stateRoot} of a header it trusts (SPEC 4).
 *
 * <p>The root is recomputed from the terminal upward: at depth {@code d} (from
 * {@code len(siblings) - 1} up to 0) the running hash goes right of the sibling when bit {@code d} of
 * the address is 1, left otherwise. Bad proof content never throws: it gives an invalid
 * {@link ValidationResult} naming the rule. Thread-safe: it holds no state.
 */
public final class StateProofVerifier {
  /** Rule name: the proof's shape is impossible in any state tree. */
  public static final String MALFORMED = "state-proof.malformed";
  /** Rule name: the proof is well formed but leads to another root. */
  public static final String ROOT_MISMATCH = "state-proof.root";

  private StateProofVerifier() {}

  /**
   * Valid when {@code proof} is well formed and leads to {@code expectedRoot}; then
   * {@link StateProof#account()} is the address's account in the state that root commits to
   * ({@link io.ccoin.api.Account#EMPTY} when it has none).
   */
  public static ValidationResult verify(StateProof proof, Hash expectedRoot) {
    ValidationResult shape = checkShape(proof);
    if (!shape.isValid()) {
      return shape;
    }
    Hash root = fold(proof);
    return root.equals(expectedRoot)
        ? ValidationResult.valid()
        : ValidationResult.invalid(ROOT_MISMATCH, "the proof for " + proof.address() + " leads to root " + root + ", not " + expectedRoot);
  }

  /** The root that {@code proof} leads to, or empty when the proof is malformed (see {@link #checkShape}). */
  public static Optional<Hash> computeRoot(StateProof proof) {
    return checkShape(proof).isValid() ? Optional.of(fold(proof)) : Optional.empty();
  }

  /**
   * Whether {@code proof} could come from some state tree: at most 160 siblings; a terminal leaf
   * holds an existing account (balance and nonce not both 0); a terminal leaf of another address
   * shares the proven address's first {@code len(siblings)} bits, since the descent would not have
   * reached it otherwise.
   */
  public static ValidationResult checkShape(StateProof proof) {
    List<Hash> siblings = proof.siblings();
    if (siblings.size() > StateProof.MAX_SIBLINGS) {
      return ValidationResult.invalid(MALFORMED, "a proof has at most " + StateProof.MAX_SIBLINGS + " siblings, this one has " + siblings.size());
    }
    if (proof.terminal() instanceof StateProof.Leaf leaf) {
      if (leaf.account().isEmpty()) {
        return ValidationResult.invalid(MALFORMED, "the terminal leaf " + leaf.address() + " holds balance 0 and nonce 0, an account that cannot exist");
      }
      int shared = sharedPrefix(proof.address(), leaf.address());
      if (shared < siblings.size()) {
        return ValidationResult.invalid(MALFORMED, "the terminal leaf " + leaf.address() + " shares only " + shared + " leading bits with "
            + proof.address() + ", but sits at depth " + siblings.size());
      }
    }
    return ValidationResult.valid();
  }

  private static Hash fold(StateProof proof) {
    NodeHasher hasher = new NodeHasher();
    Hash h = proof.terminal() instanceof StateProof.Leaf leaf ? hasher.stateLeaf(leaf.address(), leaf.account()) : Hash.ZERO;
    List<Hash> siblings = proof.siblings();
    Address address = proof.address();
    for (int depth = siblings.size() - 1; depth >= 0; depth--) {
      Hash sibling = siblings.get(depth);
      h = address.bit(depth) ? hasher.node(sibling, h) : hasher.node(h, sibling);
    }
    return h;
  }

  /** The number of leading bits two addresses share (160 when equal). */
  private static int sharedPrefix(Address a, Address b) {
    for (int i = 0; i < Address.SIZE; i++) {
      int diff = (a.get(i) ^ b.get(i)) & 0xff;
      if (diff != 0) {
        return i * Byte.SIZE + Integer.numberOfLeadingZeros(diff) - (Integer.SIZE - Byte.SIZE);
      }
    }
    return Address.SIZE * Byte.SIZE;
  }
}
