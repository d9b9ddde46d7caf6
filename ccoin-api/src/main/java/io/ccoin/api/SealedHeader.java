package io.ccoin.api;

import static io.ccoin.api.Checks.present;

/**
 * A header with its miner's public key and signature over {@code "ccoin/block/v1" || powHash}.
 * The block hash is SHA-256 of this structure's canonical encoding. The genesis block has an empty
 * key and signature. Immutable; building one checks nothing but presence (the chain verifies the
 * key and the signature).
 *
 * @param header the header the proof of work covers
 * @param minerKey the miner's public key, 294 bytes of SubjectPublicKeyInfo; empty for genesis
 * @param signature the miner's SHA256withRSA signature; empty for genesis
 */
public record SealedHeader(BlockHeader header, Bytes minerKey, Bytes signature) {
  /**
   * @throws NullPointerException if an argument is null
   */
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
