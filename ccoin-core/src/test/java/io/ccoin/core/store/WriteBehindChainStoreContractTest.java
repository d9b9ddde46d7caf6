package io.ccoin.core.store;

import io.ccoin.api.ChainStore;

/** A write-behind store keeps the whole store contract of what it wraps. */
class WriteBehindChainStoreContractTest extends ChainStoreContractTest {
  @Override
  protected ChainStore newStore() {
    return new WriteBehindChainStore(new MemoryChainStore(), 2);
  }
}
