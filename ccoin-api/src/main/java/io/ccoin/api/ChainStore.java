package io.ccoin.api;

import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Where a chain keeps its blocks, indexes, account state and undo data (SPEC 13).
 *
 * <p><b>Atomicity.</b> Every change arrives as one {@link WriteBatch} per imported block or reorg,
 * and {@link #commit} applies it all or nothing: a reader, or a reopen after a crash, sees the state
 * before the batch or after it, never between. When {@code commit} returns, the batch is durable as
 * far as the implementation promises (the in-memory store promises nothing across restarts).
 *
 * <p><b>Absence.</b> Reads of a missing item return {@link Optional#empty()}, never null.
 *
 * <p><b>Errors.</b> Every failure (I/O, full disk, damaged files, use after close) is a
 * {@link StoreException}; a failed commit leaves the store as it was before it.
 *
 * <p><b>Threads.</b> Implementations are thread-safe. The chain commits from one thread at a time;
 * reads may come from any thread concurrently with a commit, and each read sees the store before or
 * after a batch, never between.
 *
 * <p><b>Cost.</b> Point reads ({@link #block}, {@link #account}, ...) are meant to be cheap (a map
 * lookup, and for a durable store a disk read); a durable store decodes a block on every
 * {@link #block} call, so callers that need the same block often keep it. {@link #forEachAccount}
 * scans every account. The chain keeps its head state and its recent blocks in memory and reads the
 * store only for older data.
 *
 * <p>An implementation can be checked with {@code ChainStoreContractTest} in ccoin-core's test-jar.
 */
public interface ChainStore extends AutoCloseable {
  /**
   * The block with this hash, with its total weight, canonical or not; empty when not stored. A
   * durable store decodes the block on every call.
   */
  Optional<StoredBlock> block(Hash hash);

  /** The hash of the canonical block at {@code number}; empty above the head or for a negative number. */
  Optional<Hash> canonicalHash(long number);

  /** Where a transaction on the canonical chain sits; empty when no canonical block holds it. */
  Optional<TxLocation> transaction(Hash txHash);

  /**
   * The address index: up to {@code limit} canonical transactions that {@code address} sent or
   * received, newest first, strictly older than the place {@code (beforeNumber, beforeIndex)} (a
   * transaction at block n, index i is older when n &lt; beforeNumber, or n == beforeNumber and
   * i &lt; beforeIndex). {@code (Long.MAX_VALUE, 0)} starts at the newest. Entries are written with
   * their block in the same batch ({@link WriteBatch#accountTxs}) and removed when a reorg drops it.
   * Costs one index seek and {@code limit} entries at most, however long the address's history.
   *
   * @return at most {@code limit} entries, newest first; empty when there are none
   * @throws IllegalArgumentException if {@code limit} is not positive or a place is negative
   */
  java.util.List<AccountTx> accountTransactions(Address address, long beforeNumber, int beforeIndex, int limit);

  /** An account at the head; empty when the account does not exist (never {@link Account#EMPTY}). */
  Optional<Account> account(Address address);

  /**
   * Calls {@code action} for every existing account at the head, in no particular order, each once:
   * a full scan, O(accounts), meant for opening a chain (rebuilding the state tree) and for tools,
   * not for request paths. The accounts seen are those of one head: a commit running meanwhile is
   * seen whole or not at all. The built-in stores copy the accounts first and call {@code action}
   * without holding a lock, so it may read the store.
   */
  void forEachAccount(BiConsumer<Address, Account> action);

  /**
   * The undo record of a canonical block within the reorg depth; empty for older blocks (the chain
   * removes their records) and for blocks off the canonical chain.
   */
  Optional<BlockUndo> undo(Hash blockHash);

  /** The hash of the head block; empty only for a new store. */
  Optional<Hash> head();

  /** A value stored with {@link WriteBatch.Builder#putMetadata}; empty when never stored. */
  Optional<Bytes> metadata(String key);

  /**
   * Applies {@code batch} atomically. A batch that points at blocks the store does not have (a head,
   * canonical entry, transaction location or undo record for a block neither in the batch nor
   * stored), or that both puts and removes one undo record, is refused with a
   * {@link StoreException} and changes nothing. An empty batch changes nothing. Blocks the caller
   * while the batch is written (for a durable store, until it is on disk), or, for a store that
   * writes behind its callers, until reads see it ({@link #flush} then waits for the writing).
   *
   * @throws StoreException if the batch is refused or cannot be written; the store is unchanged
   */
  void commit(WriteBatch batch);

  /**
   * Returns once every batch committed before the call is as durable as the store makes any batch.
   * A store whose {@link #commit} writes before it returns (every built-in store but
   * {@code WriteBehindChainStore}) has nothing to wait for: the default does nothing. The chain
   * calls it after importing a block its own validator produced.
   *
   * @throws StoreException if a committed batch could not be written
   */
  default void flush() {}

  /** Releases the store's resources; later calls throw {@link StoreException}. Idempotent. */
  @Override
  void close();
}
