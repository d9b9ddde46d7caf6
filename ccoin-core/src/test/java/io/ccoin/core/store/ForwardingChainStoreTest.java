package io.ccoin.core.store;

import io.ccoin.api.ChainStore;

/** A forwarding store that overrides nothing keeps the whole store contract of what it wraps. */
class ForwardingChainStoreTest extends ChainStoreContractTest {
  @Override
  protected ChainStore newStore() {
    return new ForwardingChainStore(new MemoryChainStore()) {};
  }
}
