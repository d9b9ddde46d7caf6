package io.ccoin.api;

import java.util.List;

/**
 * What a {@link ConsensusRule} may know about the chain a block extends. Implementations are
 * snapshots: every call on one instance answers for the same parent, from memory (no store reads),
 * and they are safe to read from the thread that validates. A rule must not keep the context after
 * it returns.
 */
public interface ChainContext {
  /** The network's consensus parameters. */
  ConsensusParams params();

  /** The genesis hash of the network. */
  Hash genesisHash();

  /** The hash of the parent block. */
  Hash parentHash();

  /** The parent block's header. */
  BlockHeader parent();

  /**
   * The miners of the {@code recent_window} blocks before the new block, newest first, genesis
   * never included (so fewer near the start of the chain).
   */
  List<Address> recentMiners();

  /** The node's clock, in milliseconds since the epoch. */
  long now();
}
