package io.ccoin.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.AccountTx;
import io.ccoin.api.ImportResult;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.Transaction;
import io.ccoin.core.internal.chain.Chain;
import io.ccoin.core.ChainConfig;
import io.ccoin.core.internal.chain.ChainFixture;
import io.ccoin.api.Hash;
import io.ccoin.api.TxLocation;
import io.ccoin.core.Hashes;
import io.ccoin.store.mapdb.internal.FixedWidthSerializer;
import io.ccoin.store.mapdb.internal.IoFaults;
import io.ccoin.store.mapdb.internal.Records;
import java.util.HashMap;
import java.util.Optional;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapdb.DB;
import org.mapdb.Serializer;

/**
 * A store of an earlier format gets the indexes by block on open, filled from its canonical chain,
 * and its own indexes emptied: format 1, written before the address index existed or with format
 * 1's index (one entry per transaction and address), and format 2 (an address index by address and
 * block, and a hash map of transactions).
 */
class IndexBackfillTest {
  final ChainFixture f = new ChainFixture();

  @TempDir
  Path dir;

  @Test
  void openingAFormatOneStoreWithoutTheAddressIndexFillsItFromTheCanonicalChain() throws Exception {
    opensAnEarlierStore(1, false);
  }

  @Test
  void openingAFormatOneStoreWithItsPerTransactionIndexRebuildsTheIndexAndEmptiesTheOldOne() throws Exception {
    opensAnEarlierStore(1, true);
  }

  @Test
  void openingAFormatTwoStoreRebuildsBothIndexesByBlockAndEmptiesItsOwn() throws Exception {
    opensAnEarlierStore(2, false);
  }

  private void opensAnEarlierStore(int format, boolean withLegacyIndex) throws Exception {
    Map<Hash, Optional<TxLocation>> places = new HashMap<>();
    List<AccountTx> alice;
    List<AccountTx> bob;
    try (MapDbChainStore store = MapDbChainStore.open(dir)) {
      Chain chain = f.newChain(store, ChainConfig.DEFAULT);
      StoredBlock parent = f.genesisBlock();
      long nonce = 0;
      for (int i = 0; i < 4; i++) {
        List<Transaction> txs = new ArrayList<>();
        for (int k = 0; k <= i; k++) {
          txs.add(f.transfer(f.alice, nonce++, f.bob.address(), 10, 2));
        }
        StoredBlock b = f.next(parent, f.leaderOn(parent), txs);
        f.clockAt(b.block());
        assertThat(chain.importBlock(b.block()).status()).isEqualTo(ImportResult.Status.IMPORTED);
        for (Transaction tx : txs) {
          places.put(Hashes.txHash(tx), store.transaction(Hashes.txHash(tx)));
        }
        parent = b;
      }
      alice = store.accountTransactions(f.alice.address(), Long.MAX_VALUE, 0, 100);
      bob = store.accountTransactions(f.bob.address(), Long.MAX_VALUE, 0, 100);
      assertThat(alice).hasSize(10).isEqualTo(bob.stream().map(e -> new AccountTx(f.alice.address(), e.blockNumber(), e.index(), e.txHash())).toList());
    }
    assertThat(places).hasSize(10).allSatisfy((tx, at) -> assertThat(at).isPresent());
    makeEarlierFormat(dir.resolve(MapDbChainStore.STORE_FILE), format, withLegacyIndex);
    try (MapDbChainStore store = MapDbChainStore.open(dir)) {
      places.forEach((tx, at) -> assertThat(store.transaction(tx)).isEqualTo(at));
      assertThat(store.accountTransactions(f.alice.address(), Long.MAX_VALUE, 0, 100)).isEqualTo(alice);
      assertThat(store.accountTransactions(f.bob.address(), Long.MAX_VALUE, 0, 100)).isEqualTo(bob);
      store.verifyAll();
    }
    MapDbFiles files = MapDbFiles.open(dir.resolve(MapDbChainStore.STORE_FILE), IoFaults.NONE, false);
    try {
      assertThat(files.internalLong(MapDbFiles.FORMAT_KEY)).contains((long) MapDbChainStore.FORMAT_VERSION);
      assertThat(files.indexesAdded).isFalse();
      assertThat(files.clearEarlierIndexes()).as("the earlier format's indexes were emptied").isZero();
    } finally {
      files.close();
    }
    try (MapDbChainStore store = MapDbChainStore.open(dir)) {
      assertThat(store.accountTransactions(f.alice.address(), Long.MAX_VALUE, 0, 100)).as("kept, not filled twice").isEqualTo(alice);
      places.forEach((tx, at) -> assertThat(store.transaction(tx)).isEqualTo(at));
      store.verifyAll();
    }
  }

  /**
   * Turns the store into one of {@code format}: removes the indexes by block from MapDB's catalog,
   * adds the hash map of transactions of formats 1 and 2 with a few entries, for format 2 its
   * address index by address and block and, for format 1 {@code withLegacyIndex}, format 1's
   * per-transaction index ({@code accountTxs}, raw byte array keys and values), each with a few
   * entries, and sets the format version.
   */
  private static void makeEarlierFormat(Path file, int format, boolean withLegacyIndex) throws ReflectiveOperationException {
    MapDbFiles files = MapDbFiles.open(file, IoFaults.NONE, false);
    try {
      Field field = MapDbFiles.class.getDeclaredField("db");
      field.setAccessible(true);
      DB db = (DB) field.get(files);
      SortedMap<String, String> catalog = db.nameCatalogLoad();
      assertThat(catalog.keySet().removeIf(k -> k.startsWith(MapDbFiles.TRANSACTIONS_BY_BLOCK + "#"))).isTrue();
      assertThat(catalog.keySet().removeIf(k -> k.startsWith(MapDbFiles.ADDRESSES_BY_BLOCK + "#"))).isTrue();
      db.nameCatalogSave(catalog);
      assertThat(db.exists(MapDbFiles.TRANSACTIONS_BY_BLOCK)).isFalse();
      Map<byte[], byte[]> txs = db.hashMap(MapDbFiles.TRANSACTIONS, Serializer.BYTE_ARRAY, Serializer.BYTE_ARRAY).valueInline().create();
      for (int i = 0; i < 3; i++) {
        txs.put(new byte[] {3, 4, (byte) i}, new byte[48]);
      }
      if (format == 2) {
        Map<byte[], byte[]> v2 = db.treeMap(MapDbFiles.ADDRESS_INDEX_V2,
            new FixedWidthSerializer(Records.ADDRESS_INDEX_KEY + Records.SEAL), Serializer.BYTE_ARRAY).create();
        for (int i = 0; i < 3; i++) {
          byte[] key = new byte[Records.ADDRESS_INDEX_KEY + Records.SEAL];
          key[0] = (byte) i;
          v2.put(key, new byte[40]);
        }
      }
      if (withLegacyIndex) {
        Map<byte[], byte[]> legacy = db.treeMap(MapDbFiles.LEGACY_ACCOUNT_TXS, Serializer.BYTE_ARRAY, Serializer.BYTE_ARRAY).create();
        for (int i = 0; i < 3; i++) {
          legacy.put(new byte[] {1, 2, (byte) i}, new byte[36]);
        }
      }
      files.setFormat(format);
      files.commit();
    } finally {
      files.close();
    }
  }
}
