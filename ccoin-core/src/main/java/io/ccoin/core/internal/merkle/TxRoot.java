package io.ccoin.core.internal.merkle;

import io.ccoin.api.Hash;
import java.util.List;

/**
 * A block's {@code txRoot} (SPEC 5): the RFC 6962 Merkle tree hash over its transaction hashes in
 * block order.
 *
 * <pre>
 * MTH([])  = H("")
 * MTH([d]) = H(0x00 || d)
 * MTH(D)   = H(0x01 || MTH(D[0:k]) || MTH(D[k:n]))   k = the largest power of two below n
 * </pre>
 *
 * <p>Computed in one pass with a stack of perfect subtrees, one hash per tree node and no copies of
 * the list: the RFC's split at the largest power of two means the tree is the perfect subtrees
 * given by the binary digits of {@code n}, largest first, folded together from the right.
 * Thread-safe: it holds no state.
 */
public final class TxRoot {
  /** {@code MTH([]) = H("")}: the root of a block without transactions, such as genesis. */
  public static final Hash EMPTY = new NodeHasher().emptyString();

  private TxRoot() {}

  /** The RFC 6962 tree hash of {@code txHashes}, in list order. */
  public static Hash of(List<Hash> txHashes) {
    int n = txHashes.size();
    if (n == 0) {
      return EMPTY;
    }
    NodeHasher hasher = new NodeHasher();
    // stack[i] is the root of a perfect subtree; sizes strictly decrease towards the top.
    Hash[] stack = new Hash[Integer.SIZE + 1];
    int top = 0;
    for (int i = 0; i < n; i++) {
      stack[top++] = hasher.txLeaf(txHashes.get(i));
      // Leaves seen so far = i + 1: each trailing zero bit is a pair of equal subtrees to merge.
      for (int seen = i + 1; (seen & 1) == 0; seen >>>= 1) {
        stack[top - 2] = hasher.node(stack[top - 2], stack[top - 1]);
        top--;
      }
    }
    while (top > 1) {
      stack[top - 2] = hasher.node(stack[top - 2], stack[top - 1]);
      top--;
    }
    return stack[0];
  }
}
