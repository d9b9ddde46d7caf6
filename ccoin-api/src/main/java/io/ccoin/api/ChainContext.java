package io.ccoin.api;

import java.util.List;

/**
 * What a {@link ConsensusRule} may know about the chain a block extends. Implementations are
 * immutable snapshots: every call on one instance answers for the same parent, with values computed
 * before the rules run, so a call is cheap and reads no store.
 *
 * <p>Rules added with {@code Ccoin.builder().addRule} always get a context with a parent. ccoin's
 * own parent-free rules (format, authority, proof of work) also run earlier, before the parent is
 * known, with a context whose {@link #parentHash}, {@link #parent} and {@link #recentMiners} throw
 * {@link IllegalStateException}.
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
   * The authority set in force at the new block (SPEC 7: M), sorted ascending in unsigned byte
   * order: the genesis miners on a version 1 network, {@code A(parent)} on a version 2 network
   * (SPEC 7.1). Known only with a parent.
   */
  List<Address> authorities();

  /**
   * The miners of the w blocks before the new block, newest first, genesis never included (so fewer
   * near the start of the chain); w is {@code recent_window} on a version 1 network and
   * {@code floor(N/2)} of the authorities in force on a version 2 network.
   */
  List<Address> recentMiners();

  /** The node's clock, in milliseconds since the epoch. */
  long now();
}
