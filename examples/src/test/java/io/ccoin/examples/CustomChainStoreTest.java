package io.ccoin.examples;

import io.ccoin.api.ChainStore;
import io.ccoin.core.store.ChainStoreContractTest;
import io.ccoin.core.store.MemoryChainStore;

/** The example store passes the contract every ChainStore must pass. */
class CustomChainStoreTest extends ChainStoreContractTest {
  @Override
  protected ChainStore newStore() {
    return new CustomChainStore.CachingChainStore(new MemoryChainStore(), 64);
  }
}
