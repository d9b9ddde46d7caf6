package io.ccoin.core.internal.mining;

import io.ccoin.api.Address;
import io.ccoin.api.BlockHeader;
import io.ccoin.api.Bytes;
import io.ccoin.api.ConsensusParams;
import io.ccoin.api.Hash;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.Transaction;
import io.ccoin.api.ValidationResult;
import io.ccoin.api.Vote;
import io.ccoin.core.Hashes;
import io.ccoin.core.codec.Codec;
import io.ccoin.core.internal.merkle.StateTree;
import io.ccoin.core.internal.merkle.TxRoot;
import io.ccoin.core.internal.state.BlockExecutor;
import io.ccoin.core.internal.state.StateTransition;
import io.ccoin.core.internal.state.TxVerifier;
import io.ccoin.core.internal.state.WorkingState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the header of a new block on top of a parent (SPEC 7, block production): applies the
 * candidate transactions in order to a working copy of the parent's state, keeping only those that
 * are valid there and fit in {@code max_bound} and {@code max_block_bytes}, credits the miner, and
 * fills in the transaction and state roots. The result is ready for proof of work. Thread-safe.
 */
public final class BlockAssembler {
  /** Room left in {@code max_block_bytes} for the sealed header (key, signature, header fields, data). */
  private static final int SEALED_HEADER_ALLOWANCE = 1024;

  private final TxVerifier verifier;

  public BlockAssembler(TxVerifier verifier) {
    this.verifier = verifier;
  }

  /**
   * An assembled block: its header (powNonce 0, to be mined), the transactions it commits to, and
   * their execution on the parent's state, which the producer's own import can use instead of
   * executing them again.
   */
  public record Assembled(BlockHeader header, List<Transaction> transactions, BlockExecutor.Executed execution) {}

  /**
   * Assembles a block by {@code miner} at {@code timestamp} on top of {@code parent}, whose state is
   * {@code parentState} (left untouched), without a vote.
   */
  public Assembled assemble(StoredBlock parent, StateTree parentState, Address miner, long timestamp,
      List<Transaction> candidates, Bytes data) {
    return assemble(parent, parentState, miner, timestamp, candidates, data, Optional.empty());
  }

  /**
   * As {@link #assemble(StoredBlock, StateTree, Address, long, List, Bytes)}, the header carrying
   * {@code vote}: the header has the network's protocol version, and only a version 2 header can
   * carry a vote.
   *
   * @throws IllegalArgumentException if a vote is given on a version 1 network
   */
  public Assembled assemble(StoredBlock parent, StateTree parentState, Address miner, long timestamp,
      List<Transaction> candidates, Bytes data, Optional<Vote> vote) {
    ConsensusParams p = verifier.params();
    WorkingState state = new WorkingState(parentState);
    List<Transaction> included = new ArrayList<>();
    List<Hash> hashes = new ArrayList<>();
    long bytes = SEALED_HEADER_ALLOWANCE + data.size();
    long fees = 0;
    for (Transaction tx : candidates) {
      if (included.size() >= p.maxBound()) {
        break;
      }
      long size = Codec.encodedSize(tx);
      if (bytes + size > p.maxBlockBytes()) {
        continue;
      }
      Hash hash = Hashes.txHash(tx);
      if (!verifier.verify(tx, hash).isValid()) {
        continue;
      }
      long newFees;
      try {
        newFees = Math.addExact(fees, tx.fee());
      } catch (ArithmeticException e) {
        continue;
      }
      ValidationResult r = StateTransition.apply(state, tx);
      if (!r.isValid()) {
        continue;
      }
      fees = newFees;
      bytes += size;
      included.add(tx);
      hashes.add(hash);
    }
    long reward;
    try {
      reward = Math.addExact(p.reward(), fees);
    } catch (ArithmeticException e) {
      throw new IllegalStateException("reward + fees exceed 2^63-1", e);
    }
    if (!StateTransition.credit(state, miner, reward)) {
      throw new IllegalStateException("the miner's balance would exceed 2^63-1");
    }
    BlockHeader header = new BlockHeader(p.version(), p.networkId(), parent.number() + 1, parent.hash(),
        timestamp, miner, TxRoot.of(hashes), state.root(), p.difficulty(), data, vote, 0);
    return new Assembled(header, included, new BlockExecutor.Executed(parentState, included, state));
  }
}
