package io.ccoin.core;

import io.ccoin.api.Account;
import io.ccoin.api.Address;
import io.ccoin.api.Block;
import io.ccoin.api.Hash;
import io.ccoin.api.StoredBlock;
import io.ccoin.core.merkle.StateProof;

/**
 * An immutable snapshot of a node's canonical head: the block and the account state after it, as
 * returned by {@link CcoinNode#head()}. Everything read from one snapshot belongs to the same block,
 * even while the node imports new blocks: take one snapshot and read from it when several values must
 * agree. Thread-safe. Reading an account or a proof walks the in-memory state tree (no I/O).
 */
public interface Head {
  /** The head block as stored, with its hash, number and total weight. */
  StoredBlock stored();

  /** The head block. */
  Block block();

  /** The head block's hash. */
  Hash hash();

  /** The head block's number (0 for genesis). */
  long number();

  /** The head's total weight (SPEC 7 fork choice). */
  long totalWeight();

  /** The account after the head block; {@link Account#EMPTY} when it does not exist. */
  Account account(Address address);

  /** A proof of the account's presence or absence against the head's state root. */
  StateProof proof(Address address);

  /** The number of existing accounts after the head block. */
  int accountCount();
}
