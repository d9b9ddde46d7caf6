package io.ccoin.node.http;

import io.ccoin.api.Account;
import io.ccoin.api.Address;
import io.ccoin.api.Block;
import io.ccoin.api.Hash;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.Transaction;
import io.ccoin.core.CcoinNode;
import io.ccoin.core.Head;
import io.ccoin.core.crypto.PublicKeys;
import io.ccoin.core.genesis.GenesisBlock;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code state} of a canonical block (SPEC 11): every account whose balance or nonce the block
 * changed, and its miner, as they stood right after the block.
 *
 * <p>The node keeps only the head's state, so an older block's state is derived from its
 * neighbours. Every canonical block was valid, so its effect on an account is exactly what its
 * transactions say (the sender pays {@code value + fee} and its nonce goes up by one, the recipient
 * gets {@code value}, the miner {@code reward + fees}). The state after block n is therefore either
 * the head's state minus the effects of blocks n+1..head (walking back from one head snapshot along
 * parent hashes, so a concurrent reorg cannot mix two chains), or the genesis state plus the effects
 * of blocks 1..n (walking back from the block itself). The cheaper walk is taken; when even that is
 * longer than {@code walkLimit} blocks the state is not computed (empty). Results are cached by
 * block hash: the state after a block depends only on its ancestry, so an entry never goes stale.
 *
 * <p>This needs neither the store's undo records (kept only for the reorg window) nor re-executing
 * blocks on a historical state the node does not have. Thread-safe.
 */
final class BlockStates {
  private static final Logger LOG = LoggerFactory.getLogger(BlockStates.class);
  private static final int CACHE_SIZE = 256;

  private final CcoinNode node;
  private final long walkLimit;
  private final Map<Hash, Map<Address, Account>> cache = Collections.synchronizedMap(
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Hash, Map<Address, Account>> eldest) {
          return size() > CACHE_SIZE;
        }
      });

  BlockStates(CcoinNode node, long walkLimit) {
    this.node = node;
    this.walkLimit = walkLimit;
  }

  /**
   * The state after {@code block}, a block on the canonical chain ending in {@code head}, sorted by
   * address; empty when {@code block} turns out not to be on that chain or the walk would be too long.
   */
  Optional<Map<Address, Account>> stateAfter(StoredBlock block, Head head) {
    Map<Address, Account> cached = cache.get(block.hash());
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<Map<Address, Account>> computed;
    try {
      computed = compute(block, head);
    } catch (ArithmeticException | IllegalArgumentException e) {
      // Cannot happen for a valid chain: each partial sum is the difference of two valid states.
      LOG.warn("could not derive the state after block #{} {}: {}", block.number(), block.hash(), e.toString());
      computed = Optional.empty();
    }
    computed.ifPresent(s -> cache.put(block.hash(), s));
    return computed;
  }

  private Optional<Map<Address, Account>> compute(StoredBlock block, Head head) {
    GenesisBlock genesis = node.genesis();
    if (block.number() == 0) {
      if (!block.hash().equals(genesis.hash())) {
        return Optional.empty();
      }
      Map<Address, Account> s = new TreeMap<>(genesis.state());
      genesis.genesis().coinbase().ifPresent(cb -> s.putIfAbsent(cb, Account.EMPTY));
      return Optional.of(Collections.unmodifiableMap(s));
    }
    Set<Address> touched = new TreeSet<>();
    effects(block.block(), null).forEach((a, e) -> {
      if (e[0] != 0 || e[1] != 0) {
        touched.add(a);
      }
    });
    touched.add(block.block().header().miner());
    long back = head.number() - block.number();
    long forward = block.number();
    if (back < 0 || Math.min(back, forward) > walkLimit) {
      return Optional.empty();
    }
    return back <= forward ? backFromHead(block, head, touched) : forwardFromGenesis(block, touched, genesis);
  }

  private Optional<Map<Address, Account>> backFromHead(StoredBlock block, Head head, Set<Address> touched) {
    Map<Address, long[]> values = new HashMap<>();
    for (Address a : touched) {
      Account acc = head.account(a);
      values.put(a, new long[] {acc.balance(), acc.nonce()});
    }
    StoredBlock cursor = head.stored();
    while (cursor.number() > block.number()) {
      effects(cursor.block(), touched).forEach((a, e) -> {
        long[] v = values.get(a);
        v[0] = Math.subtractExact(v[0], e[0]);
        v[1] = Math.subtractExact(v[1], e[1]);
      });
      cursor = parent(cursor);
    }
    if (!cursor.hash().equals(block.hash())) {
      return Optional.empty();
    }
    return Optional.of(toAccounts(values));
  }

  private Optional<Map<Address, Account>> forwardFromGenesis(StoredBlock block, Set<Address> touched, GenesisBlock genesis) {
    Map<Address, long[]> values = new HashMap<>();
    for (Address a : touched) {
      Account acc = genesis.state().getOrDefault(a, Account.EMPTY);
      values.put(a, new long[] {acc.balance(), acc.nonce()});
    }
    StoredBlock cursor = block;
    while (cursor.number() > 0) {
      effects(cursor.block(), touched).forEach((a, e) -> {
        long[] v = values.get(a);
        v[0] = Math.addExact(v[0], e[0]);
        v[1] = Math.addExact(v[1], e[1]);
      });
      cursor = parent(cursor);
    }
    if (!cursor.hash().equals(genesis.hash())) {
      return Optional.empty();
    }
    return Optional.of(toAccounts(values));
  }

  private StoredBlock parent(StoredBlock b) {
    return node.block(b.parentHash())
        .orElseThrow(() -> new IllegalArgumentException("ancestor " + b.parentHash() + " of #" + b.number() + " is missing"));
  }

  private static Map<Address, Account> toAccounts(Map<Address, long[]> values) {
    Map<Address, Account> out = new TreeMap<>();
    values.forEach((a, v) -> out.put(a, new Account(v[0], v[1])));
    return Collections.unmodifiableMap(out);
  }

  /**
   * What a valid block did to each account, as {balance change, nonce change}, in the order it
   * applied them; only for the addresses in {@code only} unless that is null.
   */
  private Map<Address, long[]> effects(Block block, Set<Address> only) {
    Map<Address, long[]> out = new HashMap<>();
    long fees = 0;
    for (Transaction tx : block.transactions()) {
      Address from = PublicKeys.address(tx.publicKey());
      add(out, only, from, -Math.addExact(tx.value(), tx.fee()), 1);
      add(out, only, tx.to(), tx.value(), 0);
      fees = Math.addExact(fees, tx.fee());
    }
    add(out, only, block.header().miner(), Math.addExact(node.params().reward(), fees), 0);
    return out;
  }

  private static void add(Map<Address, long[]> out, Set<Address> only, Address a, long balance, long nonce) {
    if (only != null && !only.contains(a)) {
      return;
    }
    long[] e = out.computeIfAbsent(a, k -> new long[2]);
    e[0] = Math.addExact(e[0], balance);
    e[1] = Math.addExact(e[1], nonce);
  }
}
