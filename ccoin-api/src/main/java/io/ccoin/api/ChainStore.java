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
 * reads may come from any thread concurrently with a commit.
 */
public interface ChainStore extends AutoCloseable {
  /** The block with this hash, with its total weight, canonical or not. */
  Optional<StoredBlock> block(Hash hash);

  /** The hash of the canonical block at {@code number}. */
  Optional<Hash> canonicalHash(long number);

  /** Where a transaction on the canonical chain sits. */
  Optional<TxLocation> transaction(Hash txHash);

  /**
   * The address index: up to {@code limit} canonical transactions that {@code address} sent or
   * received, newest first, strictly older than the place {@code (beforeNumber, beforeIndex)} (a
   * transaction at block n, index i is older when n &lt; beforeNumber, or n == beforeNumber and
   * i &lt; beforeIndex). {@code (Long.MAX_VALUE, 0)} starts at the newest. Entries are written with
   * their block in the same batch ({@link WriteBatch#accountTxs}) and removed when a reorg drops it.
   *
   * @throws IllegalArgumentException if {@code limit} is not positive or a place is negative
   */
  java.util.List<AccountTx> accountTransactions(Address address, long beforeNumber, int beforeIndex, int limit);

  /** An account at the head; empty when the account does not exist. */
  Optional<Account> account(Address address);

  /** Calls {@code action} for every existing account at the head, in no particular order. */
  void forEachAccount(BiConsumer<Address, Account> action);

  /** The undo record of a canonical block within the reorg depth. */
  Optional<BlockUndo> undo(Hash blockHash);

  /** The hash of the head block; empty only for a new store. */
  Optional<Hash> head();

  /** A value stored with {@link WriteBatch.Builder#putMetadata}. */
  Optional<Bytes> metadata(String key);

  /**
   * Applies {@code batch} atomically. A batch that points at blocks the store does not have (a head,
   * canonical entry, transaction location or undo record for a block neither in the batch nor
   * stored), or that both puts and removes one undo record, is refused with a
   * {@link StoreException} and changes nothing.
   */
  void commit(WriteBatch batch);

  /** Releases the store's resources; later calls throw {@link StoreException}. Idempotent. */
  @Override
  void close();
}
