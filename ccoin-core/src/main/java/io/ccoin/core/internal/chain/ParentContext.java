package io.ccoin.core.internal.chain;

import io.ccoin.api.Address;
import io.ccoin.api.BlockHeader;
import io.ccoin.api.ChainContext;
import io.ccoin.api.ConsensusParams;
import io.ccoin.api.Hash;
import java.util.List;

/** The {@link ChainContext} of a block on top of a known parent. Immutable. */
record ParentContext(ConsensusParams params, Hash genesisHash, Hash parentHash, BlockHeader parent, List<Address> authorities,
    List<Address> recentMiners, long now)
    implements ChainContext {

  /** A context for the parent-free checks, where no parent is known yet. */
  static ChainContext parentFree(ConsensusParams params, Hash genesisHash, long now) {
    return new ChainContext() {
      @Override
      public ConsensusParams params() {
        return params;
      }

      @Override
      public Hash genesisHash() {
        return genesisHash;
      }

      @Override
      public Hash parentHash() {
        throw new IllegalStateException("no parent in a parent-free check");
      }

      @Override
      public BlockHeader parent() {
        throw new IllegalStateException("no parent in a parent-free check");
      }

      @Override
      public List<Address> authorities() {
        throw new IllegalStateException("no parent in a parent-free check");
      }

      @Override
      public List<Address> recentMiners() {
        throw new IllegalStateException("no parent in a parent-free check");
      }

      @Override
      public long now() {
        return now;
      }
    };
  }
}
