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
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapdb.DB;

/** A store written before the address index existed gets it on open, filled from its canonical chain. */
class AccountTxBackfillTest {
  final ChainFixture f = new ChainFixture();

  @TempDir
  Path dir;

  @Test
  void openingAStoreWithoutTheAddressIndexFillsItFromTheCanonicalChain() throws Exception {
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
    forgetTheAddressIndex(dir.resolve(MapDbChainStore.STORE_FILE));
    try (MapDbChainStore store = MapDbChainStore.open(dir)) {
      assertThat(store.accountTransactions(f.alice.address(), Long.MAX_VALUE, 0, 100)).isEqualTo(alice);
      assertThat(store.accountTransactions(f.bob.address(), Long.MAX_VALUE, 0, 100)).isEqualTo(bob);
      store.verifyAll();
    }
    try (MapDbChainStore store = MapDbChainStore.open(dir)) {
      assertThat(store.accountTransactions(f.alice.address(), Long.MAX_VALUE, 0, 100)).as("kept, not filled twice").isEqualTo(alice);
    }
  }

  /** Removes the address index's entries from MapDB's catalog, as in a store made before it existed. */
  private static void forgetTheAddressIndex(Path file) throws ReflectiveOperationException {
    MapDbFiles files = MapDbFiles.open(file, IoFaults.NONE, false);
    try {
      Field field = MapDbFiles.class.getDeclaredField("db");
      field.setAccessible(true);
      DB db = (DB) field.get(files);
      SortedMap<String, String> catalog = db.nameCatalogLoad();
      assertThat(catalog.keySet().removeIf(k -> k.startsWith(MapDbFiles.ACCOUNT_TXS + "#"))).isTrue();
      db.nameCatalogSave(catalog);
      assertThat(db.exists(MapDbFiles.ACCOUNT_TXS)).isFalse();
      files.commit();
    } finally {
      files.close();
    }
  }
}
