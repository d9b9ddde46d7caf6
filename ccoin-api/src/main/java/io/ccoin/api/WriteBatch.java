package io.ccoin.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * All the changes of one block import or one reorg, which a {@link ChainStore} applies atomically.
 * Build one with {@link #builder()}. Immutable once built, and thread-safe: its maps and lists are
 * unmodifiable copies, in the order the changes were made.
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

  /** A new, empty builder. */
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

  /**
   * Collects changes; later changes to the same key replace earlier ones (for undo records, a put
   * and a removal of one block are both kept, and the store refuses the batch). Not thread-safe;
   * every method returns this builder. A null argument throws {@link NullPointerException}.
   */
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

    /** Stores {@code block}, canonical or not. */
    public Builder putBlock(StoredBlock block) {
      blocks.add(Objects.requireNonNull(block));
      return this;
    }

    /** Makes {@code hash} the canonical block at {@code number}. */
    public Builder setCanonical(long number, Hash hash) {
      canonical.put(number, Optional.of(hash));
      return this;
    }

    /** Removes {@code number} from the canonical index (the chain got shorter in a reorg). */
    public Builder removeCanonical(long number) {
      canonical.put(number, Optional.empty());
      return this;
    }

    /** Records where a canonical transaction sits. */
    public Builder putTransaction(Hash txHash, TxLocation location) {
      transactions.put(txHash, Optional.of(location));
      return this;
    }

    /** Removes a transaction from the index (its block left the canonical chain). */
    public Builder removeTransaction(Hash txHash) {
      transactions.put(txHash, Optional.empty());
      return this;
    }

    /** Sets an account's state at the new head; {@link Account#EMPTY} removes the account. */
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

    /** Stores the undo record of a block that joined the canonical chain. */
    public Builder putUndo(BlockUndo undo) {
      undoPuts.add(Objects.requireNonNull(undo));
      return this;
    }

    /** Removes a block's undo record (the block left the chain or fell below the reorg depth). */
    public Builder removeUndo(Hash blockHash) {
      undoRemovals.add(Objects.requireNonNull(blockHash));
      return this;
    }

    /** Moves the head to {@code hash}, a block stored already or put in this batch. */
    public Builder setHead(Hash hash) {
      head = Objects.requireNonNull(hash);
      return this;
    }

    /** Stores a small named value, read back with {@link ChainStore#metadata}. */
    public Builder putMetadata(String key, Bytes value) {
      metadata.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
      return this;
    }

    /** The batch of the changes collected so far, copied: later calls on the builder do not change it. */
    public WriteBatch build() {
      return new WriteBatch(this);
    }
  }
}
