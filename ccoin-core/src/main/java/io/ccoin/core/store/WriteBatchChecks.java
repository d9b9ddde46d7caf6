package io.ccoin.core.store;

import io.ccoin.api.BlockUndo;
import io.ccoin.api.ChainStore;
import io.ccoin.api.Hash;
import io.ccoin.api.StoreException;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.TxLocation;
import io.ccoin.api.WriteBatch;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The checks a {@link ChainStore} runs on a {@link WriteBatch} before applying any of it, so that a
 * batch that would leave the store pointing at blocks it does not have is refused whole. A block is
 * <em>known</em> when it is in the batch or already stored. A batch is refused when:
 *
 * <ul>
 *   <li>its new head is not a known block;
 *   <li>a canonical entry has a negative number, or names a block that is not known or whose number
 *       is not the entry's number;
 *   <li>a transaction location names a block that is not known, gives a block number other than
 *       that block's, or an index past that block's transactions;
 *   <li>an undo record is for a block that is not known;
 *   <li>the same block's undo record is both put and removed (the batch does not say in which order).
 * </ul>
 *
 * <p>These are checks of consistency, not of consensus: hashes, signatures and state are the chain's
 * business. Stateless and thread-safe.
 */
public final class WriteBatchChecks {
  private WriteBatchChecks() {}

  /**
   * Checks {@code batch} against the blocks a store already holds.
   *
   * @param stored looks up a block already in the store by hash; called at most once per hash
   * @throws StoreException naming the first problem found, if the batch must be refused
   */
  public static void check(WriteBatch batch, Function<Hash, Optional<StoredBlock>> stored) {
    Map<Hash, StoredBlock> inBatch = new HashMap<>();
    for (StoredBlock b : batch.blocks()) {
      inBatch.put(b.hash(), b);
    }
    // A stored block is looked up once per batch: a reorg's batch places thousands of transactions
    // in blocks that are already stored, and reading a block from a store means decoding it.
    Map<Hash, Optional<StoredBlock>> lookedUp = new HashMap<>();
    Function<Hash, Optional<StoredBlock>> known = hash -> {
      StoredBlock b = inBatch.get(hash);
      return b != null ? Optional.of(b) : lookedUp.computeIfAbsent(hash, stored);
    };

    if (batch.head().isPresent()) {
      Hash head = batch.head().get();
      if (known.apply(head).isEmpty()) {
        throw refused("the new head " + head + " is neither stored nor in the batch");
      }
    }
    for (Map.Entry<Long, Optional<Hash>> e : batch.canonical().entrySet()) {
      long number = e.getKey();
      if (number < 0) {
        throw refused("canonical number " + number + " is negative");
      }
      if (e.getValue().isPresent()) {
        Hash hash = e.getValue().get();
        StoredBlock b = known.apply(hash).orElseThrow(
            () -> refused("canonical block " + number + " is " + hash + ", which is neither stored nor in the batch"));
        if (b.number() != number) {
          throw refused("canonical block " + number + " is " + hash + ", whose number is " + b.number());
        }
      }
    }
    for (Map.Entry<Hash, Optional<TxLocation>> e : batch.transactions().entrySet()) {
      if (e.getValue().isPresent()) {
        checkLocation(e.getKey(), e.getValue().get(), known);
      }
    }
    Set<Hash> removed = new HashSet<>(batch.undoRemovals());
    for (BlockUndo undo : batch.undoPuts()) {
      Hash hash = undo.blockHash();
      if (known.apply(hash).isEmpty()) {
        throw refused("undo record for block " + hash + ", which is neither stored nor in the batch");
      }
      if (removed.contains(hash)) {
        throw refused("the undo record of block " + hash + " is both put and removed");
      }
    }
  }

  private static void checkLocation(Hash txHash, TxLocation at, Function<Hash, Optional<StoredBlock>> known) {
    StoredBlock b = known.apply(at.blockHash()).orElseThrow(
        () -> refused("transaction " + txHash + " is placed in block " + at.blockHash() + ", which is neither stored nor in the batch"));
    if (b.number() != at.blockNumber()) {
      throw refused("transaction " + txHash + " is placed in block number " + at.blockNumber() + " but block "
          + at.blockHash() + " is number " + b.number());
    }
    int count = b.block().transactions().size();
    if (at.index() >= count) {
      throw refused("transaction " + txHash + " is placed at index " + at.index() + " of block " + at.blockHash()
          + ", which has " + count + " transactions");
    }
  }

  private static StoreException refused(String why) {
    return new StoreException("batch refused, nothing written: " + why);
  }
}
