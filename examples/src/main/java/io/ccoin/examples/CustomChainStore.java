package io.ccoin.examples;

import io.ccoin.api.Account;
import io.ccoin.api.AccountTx;
import io.ccoin.api.Address;
import io.ccoin.api.BlockUndo;
import io.ccoin.api.Bytes;
import io.ccoin.api.ChainStore;
import io.ccoin.api.Genesis;
import io.ccoin.api.Hash;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.TxLocation;
import io.ccoin.api.WriteBatch;
import io.ccoin.core.Ccoin;
import io.ccoin.core.CcoinNode;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.genesis.GenesisParser;
import io.ccoin.core.store.MemoryChainStore;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * Implements the {@link ChainStore} SPI: a write-through cache of recently used blocks over another
 * store. Every write goes to the underlying store first (so atomicity is the underlying store's);
 * block reads are answered from the cache when possible. The build runs ccoin's store contract
 * tests against it (see CustomChainStoreTest).
 */
public final class CustomChainStore {
  private CustomChainStore() {}

  /** A block cache in front of any store. Thread-safe when the underlying store is. */
  public static final class CachingChainStore implements ChainStore {
    private final ChainStore underlying;
    private final Map<Hash, StoredBlock> cache;
    private final AtomicLong hits = new AtomicLong();

    public CachingChainStore(ChainStore underlying, int capacity) {
      this.underlying = underlying;
      this.cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Hash, StoredBlock> eldest) {
          return size() > capacity;
        }
      };
    }

    /** How many block reads the cache answered. */
    public long hits() {
      return hits.get();
    }

    @Override
    public Optional<StoredBlock> block(Hash hash) {
      synchronized (cache) {
        StoredBlock cached = cache.get(hash);
        if (cached != null) {
          hits.incrementAndGet();
          return Optional.of(cached);
        }
      }
      Optional<StoredBlock> b = underlying.block(hash);
      b.ifPresent(block -> {
        synchronized (cache) {
          cache.put(hash, block);
        }
      });
      return b;
    }

    @Override
    public Optional<Hash> canonicalHash(long number) {
      return underlying.canonicalHash(number);
    }

    @Override
    public Optional<TxLocation> transaction(Hash txHash) {
      return underlying.transaction(txHash);
    }

    @Override
    public List<AccountTx> accountTransactions(Address address, long beforeNumber, int beforeIndex, int limit) {
      return underlying.accountTransactions(address, beforeNumber, beforeIndex, limit);
    }

    @Override
    public Optional<Account> account(Address address) {
      return underlying.account(address);
    }

    @Override
    public void forEachAccount(BiConsumer<Address, Account> action) {
      underlying.forEachAccount(action);
    }

    @Override
    public Optional<BlockUndo> undo(Hash blockHash) {
      return underlying.undo(blockHash);
    }

    @Override
    public Optional<Hash> head() {
      return underlying.head();
    }

    @Override
    public Optional<Bytes> metadata(String key) {
      return underlying.metadata(key);
    }

    @Override
    public void commit(WriteBatch batch) {
      underlying.commit(batch); // throws, and changes nothing, when the batch is refused
      synchronized (cache) {
        for (StoredBlock b : batch.blocks()) {
          cache.put(b.hash(), b);
        }
      }
    }

    @Override
    public void close() {
      synchronized (cache) {
        cache.clear();
      }
      underlying.close();
    }
  }

  public static void main(String[] args) throws InterruptedException {
    AccountKey miner = AccountKey.generate(new SecureRandom());
    Genesis genesis = GenesisParser.parse("""
        {"network_id": 3, "miners": ["%s"],
         "block_mining": {"interval": 0.1, "max_bound": 10, "min_bound": 1, "reward": 1, "difficulty": 1,
                          "allow_empty": true, "placeholder_data": ["rnd", 4]},
         "genesis_block": {"difficulty": 1}}
        """.formatted(miner.address()));
    CachingChainStore store = new CachingChainStore(new MemoryChainStore(), 256);
    try (CcoinNode node = Ccoin.builder().genesis(genesis).store(store).validator(miner).build().start()) {
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (node.head().number() < 5 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      System.out.println("head #" + node.head().number() + ", block reads answered by the cache: " + store.hits());
    }
  }
}
