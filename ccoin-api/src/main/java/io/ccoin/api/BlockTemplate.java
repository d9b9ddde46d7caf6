package io.ccoin.api;

import java.util.List;
import java.util.Objects;

/**
 * A block ready for proof of work: the header (its {@code powNonce} is ignored), the transactions
 * it commits to, and the signer that seals it. Immutable.
 *
 * @param header the header to find a nonce for; its roots already commit to {@code transactions}
 * @param transactions the block's transactions, in order; copied, unmodifiable
 * @param signer seals the block once a nonce is found
 */
public record BlockTemplate(BlockHeader header, List<Transaction> transactions, BlockSigner signer) {
  /**
   * @throws NullPointerException if an argument is null
   */
  public BlockTemplate {
    Objects.requireNonNull(header, "header");
    transactions = List.copyOf(transactions);
    Objects.requireNonNull(signer, "signer");
  }
}
