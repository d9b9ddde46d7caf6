package io.ccoin.core.store;

import io.ccoin.api.Account;
import io.ccoin.api.AccountTx;
import io.ccoin.api.Address;
import io.ccoin.api.BlockUndo;
import io.ccoin.api.Bytes;
import io.ccoin.api.ChainStore;
import io.ccoin.api.Hash;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.TxLocation;
import io.ccoin.api.WriteBatch;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * A {@link ChainStore} that forwards every call to another one: extend it and override the calls
 * to decorate (count reads, record or refuse commits, keep the store open past a node's
 * {@code close}), as with Guava's {@code Forwarding*} classes. Thread-safe as far as the delegate is.
 */
public abstract class ForwardingChainStore implements ChainStore {
  private final ChainStore delegate;

  protected ForwardingChainStore(ChainStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** The store every call goes to. */
  protected ChainStore delegate() {
    return delegate;
  }

  @Override
  public Optional<StoredBlock> block(Hash hash) {
    return delegate.block(hash);
  }

  @Override
  public List<AccountTx> accountTransactions(Address address, long beforeNumber, int beforeIndex, int limit) {
    return delegate.accountTransactions(address, beforeNumber, beforeIndex, limit);
  }

  @Override
  public Optional<Hash> canonicalHash(long number) {
    return delegate.canonicalHash(number);
  }

  @Override
  public Optional<TxLocation> transaction(Hash txHash) {
    return delegate.transaction(txHash);
  }

  @Override
  public Optional<Account> account(Address address) {
    return delegate.account(address);
  }

  @Override
  public void forEachAccount(BiConsumer<Address, Account> action) {
    delegate.forEachAccount(action);
  }

  @Override
  public Optional<BlockUndo> undo(Hash blockHash) {
    return delegate.undo(blockHash);
  }

  @Override
  public Optional<Hash> head() {
    return delegate.head();
  }

  @Override
  public Optional<Bytes> metadata(String key) {
    return delegate.metadata(key);
  }

  @Override
  public void commit(WriteBatch batch) {
    delegate.commit(batch);
  }

  @Override
  public void flush() {
    delegate.flush();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
