package io.ccoin.api;

import java.util.List;
import java.util.Objects;

/**
 * A block ready for proof of work: the header (its {@code powNonce} is ignored), the transactions
 * it commits to, and the signer that seals it.
 */
public record BlockTemplate(BlockHeader header, List<Transaction> transactions, BlockSigner signer) {
  public BlockTemplate {
    Objects.requireNonNull(header, "header");
    transactions = List.copyOf(transactions);
    Objects.requireNonNull(signer, "signer");
  }
}
