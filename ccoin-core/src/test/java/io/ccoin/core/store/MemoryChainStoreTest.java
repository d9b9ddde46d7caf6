package io.ccoin.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.Account;
import io.ccoin.api.Address;
import io.ccoin.api.ChainStore;
import io.ccoin.api.WriteBatch;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemoryChainStoreTest extends ChainStoreContractTest {
  @Override
  protected ChainStore newStore() {
    return new MemoryChainStore();
  }

  @Test
  void forEachAccountIteratesASnapshotThatTheActionMayCommitOver() {
    Address a = gen.address();
    Address b = gen.address();
    store.commit(WriteBatch.builder().putAccount(a, new Account(1, 0)).putAccount(b, new Account(2, 0)).build());

    Map<Address, Account> seen = new HashMap<>();
    store.forEachAccount((address, account) -> {
      if (seen.isEmpty()) {
        store.commit(WriteBatch.builder().putAccount(a, new Account(10, 1)).putAccount(b, Account.EMPTY).build());
      }
      seen.put(address, account);
    });

    assertThat(seen).isEqualTo(Map.of(a, new Account(1, 0), b, new Account(2, 0)));
    assertThat(accounts()).isEqualTo(Map.of(a, new Account(10, 1)));
  }

  @Test
  void aNewStoreKeepsNothingOfAnother() {
    store.commit(WriteBatch.builder().putAccount(gen.address(), gen.account()).build());
    try (ChainStore other = new MemoryChainStore()) {
      other.forEachAccount((address, account) -> {
        throw new AssertionError("a new store has no accounts");
      });
      assertThat(other.head()).isEmpty();
    }
  }

  @Test
  void toStringSaysWhatItHoldsAndDoesNotThrowWhenClosed() {
    assertThat(store.toString()).contains("MemoryChainStore");
    store.close();
    assertThat(store.toString()).contains("closed");
  }
}
