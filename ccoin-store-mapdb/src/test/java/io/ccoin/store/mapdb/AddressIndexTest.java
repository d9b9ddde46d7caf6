package io.ccoin.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.AccountTx;
import io.ccoin.api.Address;
import io.ccoin.api.Hash;
import io.ccoin.store.mapdb.internal.IoFaults;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The address index's records (one per address and block): merging, removal and the order of its pages. */
class AddressIndexTest {
  static final Address A = Address.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20});
  static final Address B = Address.of(new byte[] {(byte) 0xF0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20});

  @TempDir
  Path dir;

  MapDbFiles files;

  @BeforeEach
  void open() {
    files = MapDbFiles.open(dir.resolve("index.db"), IoFaults.NONE, true);
  }

  @AfterEach
  void close() {
    files.close();
  }

  static Hash h(int n) {
    byte[] b = new byte[Hash.SIZE];
    b[0] = (byte) n;
    b[31] = (byte) (n >> 8);
    return Hash.of(b);
  }

  static AccountTx e(Address a, long number, int index, int hash) {
    return new AccountTx(a, number, index, h(hash));
  }

  void put(AccountTx... entries) {
    Map<AccountTx.Key, Optional<Hash>> changes = new LinkedHashMap<>();
    for (AccountTx t : entries) {
      changes.put(t.key(), Optional.of(t.txHash()));
    }
    files.addressIndex.apply(changes);
  }

  List<AccountTx> all(Address a) {
    return files.accountTransactions(a, new AccountTx.Key(a, Long.MAX_VALUE, 0), 1_000);
  }

  @Test
  void pagesRunNewestFirstAcrossRecordsAndStopInsideOne() {
    put(e(A, 1, 0, 10), e(B, 1, 0, 10), e(A, 1, 4, 11));
    put(e(A, 2, 1, 20), e(A, 2, 3, 21), e(A, 2, 7, 22), e(B, 2, 3, 21));
    put(e(B, 3, 0, 30));
    assertThat(all(A)).containsExactly(e(A, 2, 7, 22), e(A, 2, 3, 21), e(A, 2, 1, 20), e(A, 1, 4, 11), e(A, 1, 0, 10));
    assertThat(files.accountTransactions(A, new AccountTx.Key(A, Long.MAX_VALUE, 0), 2)).containsExactly(e(A, 2, 7, 22), e(A, 2, 3, 21));
    assertThat(files.accountTransactions(A, new AccountTx.Key(A, 2, 3), 2)).as("strictly before (2, 3)").containsExactly(e(A, 2, 1, 20), e(A, 1, 4, 11));
    assertThat(files.accountTransactions(A, new AccountTx.Key(A, 2, 0), 10)).containsExactly(e(A, 1, 4, 11), e(A, 1, 0, 10));
    assertThat(files.accountTransactions(A, new AccountTx.Key(A, 1, 0), 10)).isEmpty();
    assertThat(files.accountTransactions(A, new AccountTx.Key(A, 5, 0), 1)).containsExactly(e(A, 2, 7, 22));
    assertThat(all(B)).containsExactly(e(B, 3, 0, 30), e(B, 2, 3, 21), e(B, 1, 0, 10));
  }

  @Test
  void aBlockReplacedAtItsNumberMergesWithWhatIsLeftAndAnEmptiedRecordGoes() {
    put(e(A, 5, 0, 1), e(A, 5, 2, 2), e(A, 5, 6, 3), e(B, 5, 6, 3));
    // A reorg: the old block at 5 leaves (its entries removed), a new one joins with other places.
    Map<AccountTx.Key, Optional<Hash>> reorg = new LinkedHashMap<>();
    reorg.put(new AccountTx.Key(A, 5, 0), Optional.empty());
    reorg.put(new AccountTx.Key(A, 5, 2), Optional.empty());
    reorg.put(new AccountTx.Key(A, 5, 6), Optional.empty());
    reorg.put(new AccountTx.Key(B, 5, 6), Optional.empty());
    reorg.put(new AccountTx.Key(A, 5, 2), Optional.of(h(9)));
    reorg.put(new AccountTx.Key(A, 5, 3), Optional.of(h(8)));
    files.addressIndex.apply(reorg);
    assertThat(all(A)).containsExactly(e(A, 5, 3, 8), e(A, 5, 2, 9));
    assertThat(all(B)).isEmpty();

    // Puts only, onto a record that exists: merged, not replaced.
    put(e(A, 5, 1, 7));
    assertThat(all(A)).containsExactly(e(A, 5, 3, 8), e(A, 5, 2, 9), e(A, 5, 1, 7));

    Map<AccountTx.Key, Optional<Hash>> gone = new LinkedHashMap<>();
    for (int i = 1; i <= 3; i++) {
      gone.put(new AccountTx.Key(A, 5, i), Optional.empty());
    }
    files.addressIndex.apply(gone);
    assertThat(all(A)).isEmpty();
    List<AccountTx> left = new ArrayList<>();
    files.addressIndex.forEach(left::add);
    assertThat(left).isEmpty();
    assertThat(files.accountTxs.countCheckedKeys()).isZero();
  }
}
