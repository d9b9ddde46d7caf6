package io.ccoin.core.internal.chain;

import io.ccoin.api.AccountTx;
import io.ccoin.api.Address;
import io.ccoin.api.Hash;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.Transaction;
import io.ccoin.api.WriteBatch;
import io.ccoin.core.crypto.PublicKeys;
import java.util.List;

/**
 * The address index entries of a block ({@link io.ccoin.api.ChainStore#accountTransactions}): for
 * each of its transactions one entry for the sender and one for the recipient (one when they are the
 * same account). Mining rewards and fees are not transactions and are not indexed.
 */
final class AccountTxIndex {
  private AccountTxIndex() {}

  /** Adds the entries of {@code block}, which joins the canonical chain, to {@code b}. */
  static void add(WriteBatch.Builder b, StoredBlock block, List<Hash> txHashes) {
    List<Transaction> txs = block.block().transactions();
    for (int i = 0; i < txs.size(); i++) {
      Transaction tx = txs.get(i);
      Address from = PublicKeys.address(tx.publicKey());
      b.putAccountTx(new AccountTx(from, block.number(), i, txHashes.get(i)));
      if (!tx.to().equals(from)) {
        b.putAccountTx(new AccountTx(tx.to(), block.number(), i, txHashes.get(i)));
      }
    }
  }

  /** Removes the entries of {@code block}, which leaves the canonical chain, in {@code b}. */
  static void remove(WriteBatch.Builder b, StoredBlock block) {
    List<Transaction> txs = block.block().transactions();
    for (int i = 0; i < txs.size(); i++) {
      Transaction tx = txs.get(i);
      Address from = PublicKeys.address(tx.publicKey());
      b.removeAccountTx(new AccountTx.Key(from, block.number(), i));
      if (!tx.to().equals(from)) {
        b.removeAccountTx(new AccountTx.Key(tx.to(), block.number(), i));
      }
    }
  }
}
