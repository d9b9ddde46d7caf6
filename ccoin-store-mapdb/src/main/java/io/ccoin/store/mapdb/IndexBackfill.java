package io.ccoin.store.mapdb;

import io.ccoin.api.AccountTx;
import io.ccoin.api.Address;
import io.ccoin.api.Hash;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.Transaction;
import io.ccoin.api.TxLocation;
import io.ccoin.core.Hashes;
import io.ccoin.core.crypto.PublicKeys;
import io.ccoin.store.mapdb.internal.Records.DamagedRecordException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the indexes by block of a store written before them, from its canonical chain (the same
 * entries the chain writes with each block: each transaction's place, and its sender and
 * recipient): a store of format 1 or 2 becomes one of format {@value MapDbChainStore#FORMAT_VERSION}
 * in one commit, and the indexes of its format are emptied. A crash during it leaves the store as
 * it was, and the next open starts again. Runs under the store's lock, on open only.
 */
final class IndexBackfill {
  private IndexBackfill() {}

  /** What the backfill wrote and removed. */
  record Result(long transactions, long addressEntries, long removed) {}

  /** Indexes every canonical transaction and commits. */
  static Result run(MapDbFiles f) {
    Hash head = f.head().orElse(null);
    long addressEntries = 0;
    if (head != null) {
      long top = f.block(head).orElseThrow(() -> new DamagedRecordException("its head block is missing")).number();
      for (long n = 0; n <= top; n++) {
        long number = n;
        Hash h = f.canonical(n).orElseThrow(() -> new DamagedRecordException("the canonical index has no block " + number));
        StoredBlock b = f.block(h).orElseThrow(() -> new DamagedRecordException("the canonical block " + number + " is missing"));
        Map<Hash, Optional<TxLocation>> places = new LinkedHashMap<>();
        Map<AccountTx.Key, Optional<Hash>> entries = new LinkedHashMap<>();
        List<Transaction> txs = b.block().transactions();
        for (int i = 0; i < txs.size(); i++) {
          Transaction tx = txs.get(i);
          Hash txHash = Hashes.txHash(tx);
          places.put(txHash, Optional.of(new TxLocation(h, n, i)));
          Address from = PublicKeys.address(tx.publicKey());
          entries.put(new AccountTx.Key(from, n, i), Optional.of(txHash));
          entries.put(new AccountTx.Key(tx.to(), n, i), Optional.of(txHash));
        }
        f.txIndex.apply(places);
        addressEntries += f.addressIndex.apply(entries);
      }
    }
    long removed = f.clearEarlierIndexes();
    f.setCount(MapDbFiles.TRANSACTIONS, f.txIndex.entries());
    f.setFormat(MapDbChainStore.FORMAT_VERSION);
    f.commit();
    return new Result(f.txIndex.entries(), addressEntries, removed);
  }
}
