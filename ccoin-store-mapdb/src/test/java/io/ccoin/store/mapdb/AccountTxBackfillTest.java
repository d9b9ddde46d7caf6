package io.ccoin.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.AccountTx;
import io.ccoin.api.ImportResult;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.Transaction;
import io.ccoin.core.internal.chain.Chain;
import io.ccoin.core.ChainConfig;
import io.ccoin.core.internal.chain.ChainFixture;
import io.ccoin.store.mapdb.internal.IoFaults;
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
 * A store of format 1, written before the address index existed or with format 1's index (one
 * entry per transaction and address), gets format 2's index on open, filled from its canonical
 * chain, and format 1's index emptied.
 */
class AccountTxBackfillTest {
  final ChainFixture f = new ChainFixture();

  @TempDir
  Path dir;

  @Test
  void openingAFormatOneStoreWithoutTheAddressIndexFillsItFromTheCanonicalChain() throws Exception {
    opensAFormatOneStore(false);
  }

  @Test
  void openingAFormatOneStoreWithItsPerTransactionIndexRebuildsTheIndexAndEmptiesTheOldOne() throws Exception {
    opensAFormatOneStore(true);
  }

  private void opensAFormatOneStore(boolean withLegacyIndex) throws Exception {
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
        parent = b;
      }
      alice = store.accountTransactions(f.alice.address(), Long.MAX_VALUE, 0, 100);
      bob = store.accountTransactions(f.bob.address(), Long.MAX_VALUE, 0, 100);
      assertThat(alice).hasSize(10).isEqualTo(bob.stream().map(e -> new AccountTx(f.alice.address(), e.blockNumber(), e.index(), e.txHash())).toList());
    }
    makeFormatOne(dir.resolve(MapDbChainStore.STORE_FILE), withLegacyIndex);
    try (MapDbChainStore store = MapDbChainStore.open(dir)) {
      assertThat(store.accountTransactions(f.alice.address(), Long.MAX_VALUE, 0, 100)).isEqualTo(alice);
      assertThat(store.accountTransactions(f.bob.address(), Long.MAX_VALUE, 0, 100)).isEqualTo(bob);
      store.verifyAll();
    }
    MapDbFiles files = MapDbFiles.open(dir.resolve(MapDbChainStore.STORE_FILE), IoFaults.NONE, false);
    try {
      assertThat(files.internalLong(MapDbFiles.FORMAT_KEY)).contains((long) MapDbChainStore.FORMAT_VERSION);
      assertThat(files.addressIndexAdded).isFalse();
      assertThat(files.clearLegacyAccountTxs()).as("format 1's index was emptied").isZero();
    } finally {
      files.close();
    }
    try (MapDbChainStore store = MapDbChainStore.open(dir)) {
      assertThat(store.accountTransactions(f.alice.address(), Long.MAX_VALUE, 0, 100)).as("kept, not filled twice").isEqualTo(alice);
      store.verifyAll();
    }
  }

  /**
   * Turns the store into one of format 1: removes the address index from MapDB's catalog and, when
   * {@code withLegacyIndex}, adds format 1's per-transaction index ({@code accountTxs}, raw byte
   * array keys and values) with a few entries.
   */
  private static void makeFormatOne(Path file, boolean withLegacyIndex) throws ReflectiveOperationException {
    MapDbFiles files = MapDbFiles.open(file, IoFaults.NONE, false);
    try {
      Field field = MapDbFiles.class.getDeclaredField("db");
      field.setAccessible(true);
      DB db = (DB) field.get(files);
      SortedMap<String, String> catalog = db.nameCatalogLoad();
      assertThat(catalog.keySet().removeIf(k -> k.startsWith(MapDbFiles.ADDRESS_INDEX + "#"))).isTrue();
      db.nameCatalogSave(catalog);
      assertThat(db.exists(MapDbFiles.ADDRESS_INDEX)).isFalse();
      if (withLegacyIndex) {
        Map<byte[], byte[]> legacy = db.treeMap(MapDbFiles.LEGACY_ACCOUNT_TXS, Serializer.BYTE_ARRAY, Serializer.BYTE_ARRAY).create();
        for (int i = 0; i < 3; i++) {
          legacy.put(new byte[] {1, 2, (byte) i}, new byte[36]);
        }
      }
      files.setFormat(MapDbChainStore.OLDEST_FORMAT_VERSION);
      files.commit();
    } finally {
      files.close();
    }
  }
}
