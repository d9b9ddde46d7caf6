package io.ccoin.store.mapdb;

import io.ccoin.api.Account;
import io.ccoin.api.AccountTx;
import io.ccoin.api.Address;
import io.ccoin.api.Bytes;
import io.ccoin.api.Hash;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.Transaction;
import io.ccoin.api.TxLocation;
import io.ccoin.core.Hashes;
import io.ccoin.core.internal.chain.Chain;
import io.ccoin.core.crypto.PublicKeys;
import io.ccoin.core.internal.merkle.StateTree;
import io.ccoin.store.mapdb.internal.Records;
import io.ccoin.store.mapdb.internal.Records.DamagedRecordException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The checks of a {@link MapDbChainStore}'s files. Each throws {@link DamagedRecordException} (or
 * lets MapDB's own exception through) at the first problem; the store turns that into a
 * {@link io.ccoin.api.StoreException} naming the file. Runs under the store's lock.
 */
final class Verifier {
  private final MapDbFiles f;

  Verifier(MapDbFiles files) {
    this.f = files;
  }

  /** What an open found. */
  record Summary(Optional<StoredBlock> head, long accounts) {
    @Override
    public String toString() {
      return head.map(h -> "head #" + h.number() + " " + h.hash()).orElse("no head") + ", " + accounts + " accounts";
    }
  }

  /** The format version and the head: cheap, run after every (re)open. */
  Optional<StoredBlock> verifyStructure() {
    long format = f.internalLong(MapDbFiles.FORMAT_KEY)
        .orElseThrow(() -> new DamagedRecordException("it has no format version: it is not a ccoin store"));
    // Formats 1 and 2 differ only in their indexes, which this open is about to rebuild (IndexBackfill).
    boolean earlier = format >= MapDbChainStore.OLDEST_FORMAT_VERSION && format < MapDbChainStore.FORMAT_VERSION;
    if (format != MapDbChainStore.FORMAT_VERSION && !(earlier && f.indexesAdded)) {
      throw new DamagedRecordException("it has format version " + format + ", and this version of ccoin reads "
          + MapDbChainStore.FORMAT_VERSION + " (and " + MapDbChainStore.OLDEST_FORMAT_VERSION + " to "
          + (MapDbChainStore.FORMAT_VERSION - 1) + ", which it converts on open)" + (earlier
              ? "; this store of format " + format + " already has the indexes of a later format: it is damaged" : ""));
    }
    for (String map : MapDbFiles.COUNTED) {
      f.count(map);
    }
    Optional<Hash> head = f.head();
    if (head.isEmpty()) {
      return Optional.empty();
    }
    Hash h = head.get();
    StoredBlock b = f.block(h).orElseThrow(() -> new DamagedRecordException("its head block " + h + " is missing"));
    Hash actual = Hashes.blockHash(b.block().sealedHeader());
    if (!actual.equals(h)) {
      throw new DamagedRecordException("its head block is stored under " + h + " but hashes to " + actual);
    }
    Optional<Hash> atNumber = f.canonical(b.number());
    if (!atNumber.equals(Optional.of(h))) {
      throw new DamagedRecordException("the canonical index at the head's number " + b.number() + " holds "
          + atNumber.map(Hash::toString).orElse("nothing") + ", not the head " + h);
    }
    return Optional.of(b);
  }

  /**
   * {@link #verifyStructure}, the accounts and undo records (checksums and counts), the state root
   * against the head's when {@code checkStateRoot}, and the genesis when one is expected.
   */
  Summary verifyOnOpen(boolean checkStateRoot, Hash expectedGenesis) {
    Optional<StoredBlock> head = verifyStructure();
    if (expectedGenesis != null) {
      Optional<Bytes> stored = f.metadata(Chain.GENESIS_KEY);
      if (stored.isPresent() && !stored.get().equals(expectedGenesis.toBytes())) {
        throw new DamagedRecordException("it was written for genesis " + stored.get().toHex() + ", not this network's "
            + expectedGenesis + " (wrong directory, or the genesis file changed)");
      }
      if (stored.isEmpty() && head.isPresent()) {
        throw new DamagedRecordException("it records no genesis, so it cannot be checked against " + expectedGenesis);
      }
    }
    Map<Address, Account> accounts = new HashMap<>();
    f.forEachAccount(accounts::put);
    expectCount(MapDbFiles.ACCOUNTS, accounts.size());
    long[] undo = {0};
    f.undo.forEach((key, payload) -> {
      Records.decodeUndo(hashKey(MapDbFiles.UNDO, key), payload);
      undo[0]++;
    });
    expectCount(MapDbFiles.UNDO, undo[0]);
    // Keys only (block values live outside the hash tree's nodes): a damaged key fails its check,
    // a lost part of a map shows in the count. One entry per block, so cheap; the transaction index
    // (about 6 us per entry here) is left to verifyAll.
    expectCount(MapDbFiles.BLOCKS, f.blocks.countCheckedKeys());
    expectCount(MapDbFiles.CANONICAL, f.canonical.countCheckedKeys());
    f.metadata.countCheckedKeys();
    f.internal.countCheckedKeys();
    if (checkStateRoot && head.isPresent()) {
      Hash root = StateTree.of(accounts).root();
      Hash expected = head.get().block().header().stateRoot();
      if (!root.equals(expected)) {
        throw new DamagedRecordException("its accounts have state root " + root + ", but its head #" + head.get().number()
            + " has state root " + expected);
      }
    }
    return new Summary(head, accounts.size());
  }

  /** Everything; see {@link MapDbChainStore#verifyAll}. */
  void verifyAll(boolean checkStateRoot) {
    Optional<StoredBlock> head = verifyOnOpen(checkStateRoot, null).head();

    Map<Hash, Long> blockNumbers = new HashMap<>();
    Map<Hash, Hash> parents = new HashMap<>();
    f.blocks.forEach((key, payload) -> {
      Hash h = hashKey(MapDbFiles.BLOCKS, key);
      StoredBlock b = Records.decodeBlock(h, payload);
      Hash actual = Hashes.blockHash(b.block().sealedHeader());
      if (!actual.equals(h)) {
        throw new DamagedRecordException("block " + h + " hashes to " + actual);
      }
      blockNumbers.put(h, b.number());
      parents.put(h, b.parentHash());
    });
    expectCount(MapDbFiles.BLOCKS, blockNumbers.size());
    for (Map.Entry<Hash, Hash> e : parents.entrySet()) {
      if (blockNumbers.get(e.getKey()) > 0 && !blockNumbers.containsKey(e.getValue())) {
        throw new DamagedRecordException("the parent " + e.getValue() + " of block " + e.getKey() + " is missing");
      }
    }

    // The canonical index in number order (big-endian keys): a chain from 0 up to the head.
    Map<Long, Hash> canonical = new java.util.TreeMap<>();
    f.canonical.forEach((key, payload) -> {
      if (key.length != 8) {
        throw new DamagedRecordException("a key of the canonical map is " + key.length + " bytes, not 8");
      }
      long n = java.nio.ByteBuffer.wrap(key).getLong();
      canonical.put(n, Records.decodeHash("the canonical entry " + n, payload));
    });
    expectCount(MapDbFiles.CANONICAL, canonical.size());
    Hash previous = null;
    long expectNumber = 0;
    Map<Hash, TxLocation> expectedTx = new HashMap<>();
    Map<AccountTx.Key, Hash> expectedAccountTx = new HashMap<>();
    for (Map.Entry<Long, Hash> e : canonical.entrySet()) {
      long n = e.getKey();
      Hash h = e.getValue();
      if (n != expectNumber) {
        throw new DamagedRecordException("the canonical index jumps from " + (expectNumber - 1) + " to " + n);
      }
      StoredBlock b = f.block(h).orElseThrow(() -> new DamagedRecordException("canonical block #" + n + " " + h + " is missing"));
      if (b.number() != n || (n > 0 && !b.parentHash().equals(previous))) {
        throw new DamagedRecordException("canonical block #" + n + " " + h + " does not follow #" + (n - 1) + " " + previous);
      }
      List<Transaction> txs = b.block().transactions();
      for (int i = 0; i < txs.size(); i++) {
        Hash txHash = Hashes.txHash(txs.get(i));
        expectedTx.put(txHash, new TxLocation(h, n, i));
        expectedAccountTx.put(new AccountTx.Key(PublicKeys.address(txs.get(i).publicKey()), n, i), txHash);
        expectedAccountTx.put(new AccountTx.Key(txs.get(i).to(), n, i), txHash);
      }
      previous = h;
      expectNumber = n + 1;
    }
    if (head.isPresent() && head.get().number() != expectNumber - 1) {
      throw new DamagedRecordException("the canonical index ends at #" + (expectNumber - 1) + ", not at the head #" + head.get().number());
    }

    long[] txCount = {0};
    f.txIndex.forEach((tx, at) -> {
      if (!at.equals(expectedTx.get(tx))) {
        throw new DamagedRecordException("transaction " + tx + " is indexed at " + at + ", but the canonical chain has it at "
            + Optional.ofNullable(expectedTx.get(tx)).map(TxLocation::toString).orElse("no place"));
      }
      txCount[0]++;
    });
    expectCount(MapDbFiles.TRANSACTIONS, txCount[0]);
    if (txCount[0] != expectedTx.size()) {
      throw new DamagedRecordException(expectedTx.size() + " transactions are on the canonical chain but " + txCount[0] + " are indexed");
    }
    f.txIndex.checkPostings();

    // The address index: exactly the sender and recipient of every canonical transaction.
    long[] accountTxCount = {0};
    f.addressIndex.forEach(entry -> {
      AccountTx.Key k = entry.key();
      Hash tx = entry.txHash();
      if (!tx.equals(expectedAccountTx.get(k))) {
        throw new DamagedRecordException("the address index has " + tx + " at " + k + ", but the canonical chain has "
            + Optional.ofNullable(expectedAccountTx.get(k)).map(Hash::toString).orElse("nothing") + " there");
      }
      accountTxCount[0]++;
    });
    if (accountTxCount[0] != expectedAccountTx.size()) {
      throw new DamagedRecordException(expectedAccountTx.size() + " address index entries follow from the canonical chain but "
          + accountTxCount[0] + " are stored");
    }
    f.addressIndex.checkPostings();

    f.undo.forEach((key, payload) -> {
      Hash h = hashKey(MapDbFiles.UNDO, key);
      if (!blockNumbers.containsKey(h)) {
        throw new DamagedRecordException("the undo record of block " + h + " has no block");
      }
    });
    f.metadata.forEach((key, payload) -> {});
    f.internal.forEach((key, payload) -> {});
    for (Table t : List.of(f.blocks, f.canonical, f.transactions, f.accounts, f.accountTxs, f.undo, f.metadata, f.internal)) {
      t.checkLookups();
    }
  }

  private void expectCount(String map, long found) {
    long recorded = f.count(map);
    if (recorded != found) {
      throw new DamagedRecordException("the " + map + " map should hold " + recorded + " entries but " + found + " were found");
    }
  }

  private static Hash hashKey(String map, byte[] key) {
    if (key.length != Hash.SIZE) {
      throw new DamagedRecordException("a key of the " + map + " map is " + key.length + " bytes, not a hash");
    }
    return Hash.of(key);
  }
}
