package io.ccoin.store.mapdb;

import io.ccoin.api.AccountTx;
import io.ccoin.api.Address;
import io.ccoin.api.Hash;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.Transaction;
import io.ccoin.core.Hashes;
import io.ccoin.core.crypto.PublicKeys;
import io.ccoin.store.mapdb.internal.Records.DamagedRecordException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fills the address index of a store written before it had one, from the canonical chain (the
 * same entries the chain writes with each block: sender and recipient of every transaction): a
 * store of format 1, with no address index or with format 1's (one B-tree entry per transaction
 * and address, which is emptied), becomes a store of format {@value MapDbChainStore#FORMAT_VERSION}
 * in one commit: a crash during it leaves the store as it was, and the next open starts again.
 * Runs under the store's lock, on open only.
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
        Map<AccountTx.Key, Optional<Hash>> block = new LinkedHashMap<>();
        List<Transaction> txs = b.block().transactions();
        for (int i = 0; i < txs.size(); i++) {
          Transaction tx = txs.get(i);
          Optional<Hash> txHash = Optional.of(Hashes.txHash(tx));
          Address from = PublicKeys.address(tx.publicKey());
          block.put(new AccountTx.Key(from, n, i), txHash);
          block.put(new AccountTx.Key(tx.to(), n, i), txHash);
        }
        f.addressIndex.apply(block);
        entries += block.size();
      }
    }
    f.clearLegacyAccountTxs();
    f.setFormat(MapDbChainStore.FORMAT_VERSION);
    f.commit();
    return entries;
  }
}
