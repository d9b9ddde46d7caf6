package io.ccoin.api;

import static io.ccoin.api.Checks.present;
import static io.ccoin.api.Checks.unsigned;

import java.util.Optional;

/**
 * The part of a block that proof of work covers (SPEC 5). {@code powHash} is the SHA-256 of its
 * canonical encoding; {@link SealedHeader} adds the miner's key and signature. Immutable. Building
 * one checks only that nothing is missing and no number is negative; the consensus rules judge the
 * rest.
 *
 * <p>A header's {@code version} is its network's protocol version ({@link ConsensusParams#version()}).
 * A version 1 header has no vote ({@link #vote()} is empty and is not encoded); a version 2 header
 * encodes {@code vote} as {@code []} (empty) or {@code [candidate, authorize]}.
 *
 * @param version the header version, {@link #VERSION} or {@link #VERSION_2}
 * @param chainId the network id ({@code network_id} of the genesis)
 * @param number the block number; the genesis block is 0
 * @param parentHash the parent's block hash; {@link Hash#ZERO} for the genesis block
 * @param timestamp milliseconds since the epoch
 * @param miner the address of the authority that mined the block
 * @param txRoot the Merkle root of the transaction hashes (RFC 6962)
 * @param stateRoot the root of the account state tree after the block
 * @param difficulty the proof-of-work difficulty in leading zero hex digits of {@code powHash}
 * @param data free bytes, up to {@code max_block_data} (placeholder data in empty blocks)
 * @param vote the authority vote of a version 2 header; empty for none and on version 1
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
    Optional<Vote> vote,
    long powNonce) {

  /** The header version of a version 1 network (no {@code epoch}): no vote field. */
  public static final long VERSION = 1;
  /** The header version of a version 2 network (authority voting, SPEC 7.1): with a vote field. */
  public static final long VERSION_2 = 2;

  /**
   * @throws IllegalArgumentException if a number is negative, or a header of a version other than 2
   *     carries a vote
   * @throws NullPointerException if a hash, the miner, the data or the vote is null
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
    present("vote", vote);
    unsigned("powNonce", powNonce);
    if (vote.isPresent() && version != VERSION_2) {
      throw new IllegalArgumentException("vote: only a version 2 header carries a vote, this one is version " + version);
    }
  }

  /** A header without a vote (every version 1 header, and a version 2 header that votes {@code []}). */
  public BlockHeader(long version, long chainId, long number, Hash parentHash, long timestamp, Address miner, Hash txRoot,
      Hash stateRoot, long difficulty, Bytes data, long powNonce) {
    this(version, chainId, number, parentHash, timestamp, miner, txRoot, stateRoot, difficulty, data, Optional.empty(), powNonce);
  }

  /** True when this header's encoding has the {@code vote} field (version 2). */
  public boolean hasVoteField() {
    return version == VERSION_2;
  }

  /**
   * The same header with another proof-of-work nonce (what a miner tries); this header is unchanged.
   *
   * @throws IllegalArgumentException if {@code nonce} is negative
   */
  public BlockHeader withPowNonce(long nonce) {
    return new BlockHeader(version, chainId, number, parentHash, timestamp, miner, txRoot, stateRoot, difficulty, data, vote, nonce);
  }
}
