package io.ccoin.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * All the changes of one block import or one reorg, which a {@link ChainStore} applies atomically.
 * Build one with {@link #builder()}. Immutable once built.
 */
public final class WriteBatch {
  private final List<StoredBlock> blocks;
  private final Map<Long, Optional<Hash>> canonical;
  private final Map<Hash, Optional<TxLocation>> transactions;
  private final Map<Address, Account> accounts;
  private final Map<AccountTx.Key, Optional<Hash>> accountTxs;
  private final List<BlockUndo> undoPuts;
  private final List<Hash> undoRemovals;
  private final Hash head;
  private final Map<String, Bytes> metadata;

  private WriteBatch(Builder b) {
    this.blocks = List.copyOf(b.blocks);
    this.canonical = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.canonical));
    this.transactions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.transactions));
    this.accounts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.accounts));
    this.accountTxs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.accountTxs));
    this.undoPuts = List.copyOf(b.undoPuts);
    this.undoRemovals = List.copyOf(b.undoRemovals);
    this.head = b.head;
    this.metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.metadata));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Blocks to store (canonical or not). */
  public List<StoredBlock> blocks() {
    return blocks;
  }

  /** Canonical index changes: number to hash, or empty to remove the number from the index. */
  public Map<Long, Optional<Hash>> canonical() {
    return canonical;
  }

  /** Transaction index changes: hash to location, or empty to remove. */
  public Map<Hash, Optional<TxLocation>> transactions() {
    return transactions;
  }

  /** Account state at the new head; {@link Account#EMPTY} removes the account. */
  public Map<Address, Account> accounts() {
    return accounts;
  }

  /**
   * Address index changes ({@link ChainStore#accountTransactions}): a key to the transaction hash
   * at that place, or empty to remove the entry.
   */
  public Map<AccountTx.Key, Optional<Hash>> accountTxs() {
    return accountTxs;
  }

  /** Undo records to store. */
  public List<BlockUndo> undoPuts() {
    return undoPuts;
  }

  /** Block hashes whose undo records are no longer needed. */
  public List<Hash> undoRemovals() {
    return undoRemovals;
  }

  /** The new head, if this batch moves it. */
  public Optional<Hash> head() {
    return Optional.ofNullable(head);
  }

  /** Small named values (the genesis hash, the store format). */
  public Map<String, Bytes> metadata() {
    return metadata;
  }

  /** True when the batch changes nothing. */
  public boolean isEmpty() {
    return blocks.isEmpty() && canonical.isEmpty() && transactions.isEmpty() && accounts.isEmpty() && accountTxs.isEmpty()
        && undoPuts.isEmpty() && undoRemovals.isEmpty() && head == null && metadata.isEmpty();
  }

  /** Collects changes; later changes to the same key replace earlier ones. Not thread-safe. */
  public static final class Builder {
    private final List<StoredBlock> blocks = new ArrayList<>();
    private final Map<Long, Optional<Hash>> canonical = new LinkedHashMap<>();
    private final Map<Hash, Optional<TxLocation>> transactions = new LinkedHashMap<>();
    private final Map<Address, Account> accounts = new LinkedHashMap<>();
    private final Map<AccountTx.Key, Optional<Hash>> accountTxs = new LinkedHashMap<>();
    private final List<BlockUndo> undoPuts = new ArrayList<>();
    private final List<Hash> undoRemovals = new ArrayList<>();
    private final Map<String, Bytes> metadata = new LinkedHashMap<>();
    private Hash head;

    private Builder() {}

    public Builder putBlock(StoredBlock block) {
      blocks.add(Objects.requireNonNull(block));
      return this;
    }

    public Builder setCanonical(long number, Hash hash) {
      canonical.put(number, Optional.of(hash));
      return this;
    }

    public Builder removeCanonical(long number) {
      canonical.put(number, Optional.empty());
      return this;
    }

    public Builder putTransaction(Hash txHash, TxLocation location) {
      transactions.put(txHash, Optional.of(location));
      return this;
    }

    public Builder removeTransaction(Hash txHash) {
      transactions.put(txHash, Optional.empty());
      return this;
    }

    public Builder putAccount(Address address, Account account) {
      accounts.put(Objects.requireNonNull(address), Objects.requireNonNull(account));
      return this;
    }

    /** Indexes {@code entry}: its address sent or received its transaction, at its place on the canonical chain. */
    public Builder putAccountTx(AccountTx entry) {
      accountTxs.put(entry.key(), Optional.of(entry.txHash()));
      return this;
    }

    /** Removes the address index entry at {@code key} (its block left the canonical chain). */
    public Builder removeAccountTx(AccountTx.Key key) {
      accountTxs.put(Objects.requireNonNull(key), Optional.empty());
      return this;
    }

    public Builder putUndo(BlockUndo undo) {
      undoPuts.add(Objects.requireNonNull(undo));
      return this;
    }

    public Builder removeUndo(Hash blockHash) {
      undoRemovals.add(Objects.requireNonNull(blockHash));
      return this;
    }

    public Builder setHead(Hash hash) {
      head = Objects.requireNonNull(hash);
      return this;
    }

    public Builder putMetadata(String key, Bytes value) {
      metadata.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
      return this;
    }

    public WriteBatch build() {
      return new WriteBatch(this);
    }
  }
}
