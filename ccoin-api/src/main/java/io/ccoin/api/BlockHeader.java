package io.ccoin.api;

import static io.ccoin.api.Checks.present;
import static io.ccoin.api.Checks.unsigned;

/**
 * The part of a block that proof of work covers (SPEC 5). {@code powHash} is the SHA-256 of its
 * canonical encoding; {@link SealedHeader} adds the miner's key and signature.
 */
public record BlockHeader(
    long version,
    long chainId,
    long number,
    Hash parentHash,
    long timestamp,
    Address miner,
    Hash txRoot,
    Hash stateRoot,
    long difficulty,
    Bytes data,
    long powNonce) {

  /** The only header version this library produces and accepts. */
  public static final long VERSION = 1;

  public BlockHeader {
    unsigned("version", version);
    unsigned("chainId", chainId);
    unsigned("number", number);
    present("parentHash", parentHash);
    unsigned("timestamp", timestamp);
    present("miner", miner);
    present("txRoot", txRoot);
    present("stateRoot", stateRoot);
    unsigned("difficulty", difficulty);
    present("data", data);
    unsigned("powNonce", powNonce);
  }

  /** The same header with another proof-of-work nonce. */
  public BlockHeader withPowNonce(long nonce) {
    return new BlockHeader(version, chainId, number, parentHash, timestamp, miner, txRoot, stateRoot, difficulty, data, nonce);
  }
}
