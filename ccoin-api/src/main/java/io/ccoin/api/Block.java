package io.ccoin.api;

import static io.ccoin.api.Checks.present;

import java.util.List;

/** A sealed header and its transactions, in order (SPEC 5). Immutable. */
public record Block(SealedHeader sealedHeader, List<Transaction> transactions) {
  public Block {
    present("sealedHeader", sealedHeader);
    transactions = List.copyOf(transactions);
  }

  /** The unsealed header. */
  public BlockHeader header() {
    return sealedHeader.header();
  }

  /** The block number. */
  public long number() {
    return sealedHeader.header().number();
  }
}
