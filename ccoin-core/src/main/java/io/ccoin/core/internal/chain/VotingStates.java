package io.ccoin.core.internal.chain;

import io.ccoin.api.Address;
import io.ccoin.api.Bytes;
import io.ccoin.api.ConsensusParams;
import io.ccoin.api.Hash;
import io.ccoin.api.StoreException;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.WriteBatch;
import io.ccoin.core.codec.CanonicalReader;
import io.ccoin.core.codec.CanonicalWriter;
import io.ccoin.core.internal.consensus.VotingState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The authority set and tally after each block of the block tree (SPEC 7.1), kept in memory so
 * that checking a block's vote, miner, rank and recents costs no I/O.
 *
 * <p><b>What is kept.</b> One {@link VotingState} per block hash, shared between consecutive blocks
 * without votes, for the blocks within reach of a reorg (the head's number less
 * {@code max_reorg_depth}, and one epoch more) plus every block computed since. The store keeps
 * {@code A} of every checkpoint block (its tally is empty by definition) as the metadata entry
 * {@code "authorities/<hash>"}, written in the batch that stores the block.
 *
 * <p><b>A block not in memory</b> (after a restart, or an old block asked for by the API) is
 * recomputed: walk back through the store to the nearest block in memory, or the nearest checkpoint
 * with a stored set, or genesis, then replay the headers forward (at most one epoch of blocks after
 * a restart). On a version 1 network every block has the genesis state and nothing is kept.
 *
 * <p>Thread-safe: the map is concurrent and a state is a pure function of its branch, so two
 * threads computing the same entry store the same value.
 */
final class VotingStates {
  /** The metadata key prefix of a checkpoint's authority set. */
  static final String KEY_PREFIX = "authorities/";

  private record Entry(long number, VotingState state) {}

  private final ConsensusParams params;
  private final VotingState genesisState;
  private final Hash genesisHash;
  private final Function<String, Optional<Bytes>> metadata;
  private final Map<Hash, Entry> states = new ConcurrentHashMap<>();
  private final long keepBelowHead;
  private volatile long prunedAt;

  /** @param metadata reads the store's metadata, where checkpoint sets are kept */
  VotingStates(ConsensusParams params, Hash genesisHash, int maxReorgDepth, Function<String, Optional<Bytes>> metadata) {
    this.params = params;
    this.metadata = metadata;
    this.genesisHash = genesisHash;
    this.genesisState = VotingState.genesis(params.miners());
    this.keepBelowHead = (long) maxReorgDepth + 1 + (params.votingEnabled() ? params.epoch() : 0);
    if (params.votingEnabled()) {
      states.put(genesisHash, new Entry(0, genesisState));
    }
  }

  /** The state after genesis. */
  VotingState genesisState() {
    return genesisState;
  }

  /** The state after {@code block}, if it is in memory (always, on a version 1 network). */
  Optional<VotingState> cached(Hash block) {
    if (!params.votingEnabled()) {
      return Optional.of(genesisState);
    }
    Entry e = states.get(block);
    return e == null ? Optional.empty() : Optional.of(e.state());
  }

  /**
   * The state after {@code block}, from memory or recomputed through {@code blocks} (a store read
   * by hash).
   *
   * @throws StoreException if an ancestor is missing from the store, or a stored block's vote is
   *     invalid on its branch (the store is damaged)
   */
  VotingState after(StoredBlock block, Function<Hash, Optional<StoredBlock>> blocks) {
    if (!params.votingEnabled()) {
      return genesisState;
    }
    Entry known = states.get(block.hash());
    if (known != null) {
      return known.state();
    }
    Deque<StoredBlock> path = new ArrayDeque<>();
    StoredBlock cursor = block;
    VotingState base;
    while (true) {
      Entry e = states.get(cursor.hash());
      if (e != null) {
        base = e.state();
        break;
      }
      if (cursor.number() == 0) {
        base = genesisState;
        break;
      }
      if (params.isCheckpoint(cursor.number())) {
        Optional<VotingState> stored = storedCheckpoint(cursor.hash());
        if (stored.isPresent()) {
          base = stored.get();
          states.put(cursor.hash(), new Entry(cursor.number(), base));
          break;
        }
      }
      path.push(cursor);
      Hash parent = cursor.parentHash();
      cursor = blocks.apply(parent).orElseThrow(() -> new StoreException("ancestor " + parent + " missing from the store"));
    }
    VotingState s = base;
    while (!path.isEmpty()) {
      StoredBlock b = path.pop();
      try {
        s = s.next(b.number(), b.block().header().miner(), b.block().header().vote(), params.epoch());
      } catch (IllegalArgumentException invalid) {
        throw new StoreException("stored block #" + b.number() + " " + b.hash() + " carries an invalid vote: " + invalid.getMessage());
      }
      states.put(b.hash(), new Entry(b.number(), s));
    }
    return s;
  }

  private Optional<VotingState> storedCheckpoint(Hash hash) {
    return metadata.apply(KEY_PREFIX + hash.toHex()).map(bytes -> {
      try {
        return decode(bytes);
      } catch (IllegalArgumentException e) { // a DecodeException too
        throw new StoreException("the stored authority set of checkpoint " + hash + " is damaged: " + e.getMessage());
      }
    });
  }

  /**
   * Remembers the state after a block being stored, and adds its checkpoint record to {@code batch}
   * when it is a checkpoint.
   */
  void record(StoredBlock block, VotingState state, WriteBatch.Builder batch) {
    if (!params.votingEnabled()) {
      return;
    }
    states.put(block.hash(), new Entry(block.number(), state));
    if (params.isCheckpoint(block.number())) {
      batch.putMetadata(KEY_PREFIX + block.hash().toHex(), encode(state));
    }
  }

  /** Forgets states too far below {@code headNumber} to be needed again for imports (checked every 256 blocks). */
  void prune(long headNumber) {
    if (!params.votingEnabled() || headNumber - prunedAt < 256) {
      return;
    }
    prunedAt = headNumber;
    long floor = headNumber - keepBelowHead;
    states.entrySet().removeIf(e -> e.getValue().number() < floor && !e.getKey().equals(genesisHash));
  }

  /** The number of blocks whose state is in memory. */
  int size() {
    return states.size();
  }

  static Bytes encode(VotingState s) {
    CanonicalWriter w = CanonicalWriter.create(4 + 22 * s.authorities().size());
    w.arrayHeader(s.authorities().size());
    for (Address a : s.authorities()) {
      w.bin(a);
    }
    return Bytes.of(w.toByteArray());
  }

  static VotingState decode(Bytes bytes) {
    CanonicalReader r = CanonicalReader.of(bytes.toArray());
    int n = r.readArrayHeader("authorities", 1, ConsensusParams.MAX_MINERS);
    List<Address> set = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      set.add(r.readAddress("authorities[" + i + "]"));
    }
    r.expectEnd("authorities");
    return VotingState.of(set, List.of());
  }
}
