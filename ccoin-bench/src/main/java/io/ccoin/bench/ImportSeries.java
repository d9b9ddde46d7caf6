package io.ccoin.bench;

import io.ccoin.api.Address;
import io.ccoin.api.Block;
import io.ccoin.api.ImportResult;
import io.ccoin.api.Transaction;
import io.ccoin.core.Ccoin;
import io.ccoin.core.CcoinNode;
import io.ccoin.core.crypto.PublicKeys;
import io.ccoin.core.pool.AddResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * A short chain of blocks on a {@link BenchNetwork}, made by its validators through the public API
 * ({@link ValidatorBlockBuilder}), and a node to import them into one at a time, for benchmarks of a
 * single block's import on an in-memory store ({@link CcoinNode#importBlock}). When the series is
 * imported, the next import starts again on a new node at genesis. Not thread-safe.
 */
final class ImportSeries implements AutoCloseable {
  final BenchNetwork network;
  final List<Block> blocks;
  private CcoinNode node;
  private int next;

  private ImportSeries(BenchNetwork network, List<Block> blocks) {
    this.network = network;
    this.blocks = blocks;
  }

  /** {@code count} blocks; block {@code b} holds the transactions {@code txs.apply(b)}. */
  static ImportSeries build(BenchNetwork network, int count, IntFunction<List<Transaction>> txs) throws InterruptedException {
    return build(network, count, txs, builder -> { });
  }

  /**
   * As {@link #build(BenchNetwork, int, IntFunction)}, with {@code before} given the block builder
   * before the first block (to make its validators propose votes, for instance).
   */
  static ImportSeries build(BenchNetwork network, int count, IntFunction<List<Transaction>> txs,
      Consumer<ValidatorBlockBuilder> before) throws InterruptedException {
    List<Block> blocks = new ArrayList<>();
    try (ValidatorBlockBuilder builder = new ValidatorBlockBuilder(network.genesis, network.miners)) {
      before.accept(builder);
      for (int b = 0; b < count; b++) {
        blocks.add(builder.next(txs.apply(b)));
      }
    }
    return new ImportSeries(network, List.copyOf(blocks));
  }

  /** {@code count} transactions made by {@code tx} (given the index), signed in parallel on all cores. */
  static List<Transaction> signed(int count, IntFunction<Transaction> tx) {
    return IntStream.range(0, count).parallel().mapToObj(tx).toList();
  }

  /**
   * Call before each {@link #importNext} (outside the timing): a new node at genesis when the series
   * starts (again), closing the previous one, hashing the genesis state (a proof) and collecting
   * the garbage; then, with {@code preVerify}, the next block's
   * transactions submitted to the node's pool, which checks their signatures and remembers them,
   * as on a node that saw the transactions before the block.
   */
  void prepare(boolean preVerify) {
    if (next == 0) {
      if (node != null) {
        node.close();
      }
      node = Ccoin.builder().genesis(network.genesis).clock(ImportFixture.clock()).build();
      // A proof needs every subtree hash of the genesis state, which a new node computes lazily: do it
      // here, not in the first timed import (on 10^5 accounts it took 50 to 190 ms, against 0.3 ms).
      node.proof(network.senders.get(0).address());
      // the previous node is garbage now: collect it here, not during a timed import
      System.gc();
    }
    if (preVerify) {
      List<Transaction> txs = blocks.get(next).transactions();
      if (!txs.isEmpty()) {
        for (AddResult r : node.submitAll(txs)) {
          if (r.status() != AddResult.Status.ADDED) {
            throw new IllegalStateException("a benchmark transaction was refused: " + r);
          }
        }
      }
    }
  }

  /** Imports the next block into the node; fails unless it is imported. */
  ImportResult importNext() {
    ImportResult r = node.importBlock(blocks.get(next));
    if (r.status() != ImportResult.Status.IMPORTED) {
      throw new IllegalStateException("a benchmark block did not import: " + r);
    }
    next = (next + 1) % blocks.size();
    return r;
  }

  /**
   * Every account {@code block} changes, as the rules do: each sender and recipient, and the miner
   * (reward and fees).
   */
  static Set<Address> changedBy(Block block) {
    Set<Address> changed = new HashSet<>();
    for (Transaction tx : block.transactions()) {
      changed.add(PublicKeys.address(tx.publicKey()));
      changed.add(tx.to());
    }
    changed.add(block.header().miner());
    return changed;
  }

  @Override
  public void close() {
    if (node != null) {
      node.close();
      node = null;
    }
    next = 0;
  }
}
