package io.ccoin.core.internal.chain;

import io.ccoin.api.Account;
import io.ccoin.api.Address;
import io.ccoin.api.Block;
import io.ccoin.api.Hash;
import io.ccoin.api.StoredBlock;
import io.ccoin.core.Head;
import io.ccoin.core.merkle.StateProof;
import io.ccoin.core.internal.consensus.VotingState;
import io.ccoin.core.internal.merkle.StateTree;

/**
 * An immutable snapshot of the canonical head: the block and the account state after it. Reading
 * accounts and proofs from one snapshot is atomic: they always belong to this block. Thread-safe:
 * its state tree is fully hashed when the snapshot is made, so that threads copying it at once
 * (the producer assembling a block, the network importing one) never hash its shared nodes
 * together (a {@link StateTree} is not thread-safe while it has nodes to hash).
 */
public final class ChainHead implements Head {
  private final StoredBlock block;
  private final StateTree state;
  private final VotingState voting;

  ChainHead(StoredBlock block, StateTree state, VotingState voting) {
    this.block = block;
    this.state = state;
    this.voting = voting;
    state.root(); // hash what is pending now, on this thread, before the snapshot is shared
  }

  /**
   * The authority set and tally after this block (SPEC 7.1): the set is the one in force for the
   * next block. On a version 1 network, the genesis miners and no votes.
   */
  public VotingState voting() {
    return voting;
  }

  @Override
  public StoredBlock stored() {
    return block;
  }

  @Override
  public Block block() {
    return block.block();
  }

  @Override
  public Hash hash() {
    return block.hash();
  }

  @Override
  public long number() {
    return block.number();
  }

  @Override
  public long totalWeight() {
    return block.totalWeight();
  }

  /** The account at this head; {@link Account#EMPTY} when it does not exist. */
  @Override
  public Account account(Address address) {
    synchronized (state) {
      return state.get(address);
    }
  }

  /** A proof of the account's presence or absence against this head's state root. */
  @Override
  public StateProof proof(Address address) {
    synchronized (state) {
      return state.proof(address);
    }
  }

  /** The number of existing accounts. */
  @Override
  public int accountCount() {
    synchronized (state) {
      return state.size();
    }
  }

  /**
   * The state tree of this head. Callers must not modify it: copy it ({@link StateTree#copy()}, O(1))
   * or wrap it in a {@link io.ccoin.core.internal.state.WorkingState} to compute on top of it.
   */
  public StateTree state() {
    return state;
  }

  @Override
  public String toString() {
    return "ChainHead{#" + number() + " " + hash() + " weight " + totalWeight() + "}";
  }
}
