package io.ccoin.api;

import static io.ccoin.api.Checks.present;

import java.util.List;

/**
 * A sealed header and its transactions, in order (SPEC 5). Immutable. Its hash is not stored here:
 * ccoin-core's {@code Hashes} computes it from the encoding, and {@link StoredBlock} and
 * {@link BlockCandidate} carry it once computed.
 *
 * @param sealedHeader the header with the miner's key and signature
 * @param transactions the block's transactions in block order; copied, unmodifiable
 */
public record Block(SealedHeader sealedHeader, List<Transaction> transactions) {
  /**
   * Checks that nothing is missing; whether the block is valid is for the chain to say.
   *
   * @throws NullPointerException if {@code sealedHeader}, {@code transactions} or one of them is null
   */
  public Block {
    present("sealedHeader", sealedHeader);
    transactions = List.copyOf(transactions);
  }

  /** The unsealed header, the part the proof of work covers. */
  public BlockHeader header() {
    return sealedHeader.header();
  }

  /** The block number. */
  public long number() {
    return sealedHeader.header().number();
  }
}
