package io.ccoin.api;

import static io.ccoin.api.Checks.present;

/**
 * A header with its miner's public key and signature over {@code "ccoin/block/v1" || powHash}.
 * The block hash is SHA-256 of this structure's canonical encoding. The genesis block has an empty
 * key and signature.
 */
public record SealedHeader(BlockHeader header, Bytes minerKey, Bytes signature) {
  public SealedHeader {
    present("header", header);
    present("minerKey", minerKey);
    present("signature", signature);
  }

  /** The block number, for convenience. */
  public long number() {
    return header.number();
  }
}
