package io.ccoin.store.mapdb;

import io.ccoin.api.AccountTx;
import io.ccoin.api.Address;
import io.ccoin.api.Hash;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.Transaction;
import io.ccoin.core.Hashes;
import io.ccoin.core.crypto.PublicKeys;
import io.ccoin.store.mapdb.internal.Records;
import io.ccoin.store.mapdb.internal.Records.DamagedRecordException;
import java.util.List;

/**
 * Fills the address index of a store written before it had one, from the canonical chain (the
 * same entries the chain writes with each block: sender and recipient of every transaction), in
 * one commit: a crash during it leaves the store without the index, and the next open starts
 * again. Runs under the store's lock, on open only.
 */
final class AccountTxBackfill {
  private AccountTxBackfill() {}

  /** Indexes every canonical transaction and commits; returns the number of entries. */
  static long run(MapDbFiles f) {
    Hash head = f.head().orElse(null);
    long entries = 0;
    if (head != null) {
      long top = f.block(head).orElseThrow(() -> new DamagedRecordException("its head block is missing")).number();
      for (long n = 1; n <= top; n++) {
        long number = n;
        Hash h = f.canonical(n).orElseThrow(() -> new DamagedRecordException("the canonical index has no block " + number));
        StoredBlock b = f.block(h).orElseThrow(() -> new DamagedRecordException("the canonical block " + number + " is missing"));
        List<Transaction> txs = b.block().transactions();
        for (int i = 0; i < txs.size(); i++) {
          Transaction tx = txs.get(i);
          Hash txHash = Hashes.txHash(tx);
          Address from = PublicKeys.address(tx.publicKey());
          f.accountTxs.put(Records.accountTxKey(new AccountTx.Key(from, n, i)), Records.encodeHash(txHash));
          entries++;
          if (!tx.to().equals(from)) {
            f.accountTxs.put(Records.accountTxKey(new AccountTx.Key(tx.to(), n, i)), Records.encodeHash(txHash));
            entries++;
          }
        }
      }
    }
    f.commit();
    return entries;
  }
}
