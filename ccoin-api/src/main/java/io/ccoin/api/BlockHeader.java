package io.ccoin.api;

import static io.ccoin.api.Checks.present;
import static io.ccoin.api.Checks.unsigned;

/**
 * The part of a block that proof of work covers (SPEC 5). {@code powHash} is the SHA-256 of its
 * canonical encoding; {@link SealedHeader} adds the miner's key and signature. Immutable. Building
 * one checks only that nothing is missing and no number is negative; the consensus rules judge the
 * rest.
 *
 * @param version the header version, {@link #VERSION}
 * @param chainId the network id ({@code network_id} of the genesis)
 * @param number the block number; the genesis block is 0
 * @param parentHash the parent's block hash; {@link Hash#ZERO} for the genesis block
 * @param timestamp milliseconds since the epoch
 * @param miner the address of the authority that mined the block
 * @param txRoot the Merkle root of the transaction hashes (RFC 6962)
 * @param stateRoot the root of the account state tree after the block
 * @param difficulty the proof-of-work difficulty in leading zero hex digits of {@code powHash}
 * @param data free bytes, up to {@code max_block_data} (placeholder data in empty blocks)
 * @param powNonce the proof-of-work nonce
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

  /**
   * @throws IllegalArgumentException if a number is negative
   * @throws NullPointerException if a hash, the miner or the data is null
   */
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

  /**
   * The same header with another proof-of-work nonce (what a miner tries); this header is unchanged.
   *
   * @throws IllegalArgumentException if {@code nonce} is negative
   */
  public BlockHeader withPowNonce(long nonce) {
    return new BlockHeader(version, chainId, number, parentHash, timestamp, miner, txRoot, stateRoot, difficulty, data, nonce);
  }
}
