package io.ccoin.core;

import io.ccoin.api.Address;
import io.ccoin.api.Bytes;
import io.ccoin.api.Hash;
import io.ccoin.api.Transaction;
import io.ccoin.core.crypto.AccountKey;
import java.util.Objects;

/**
 * Builds and signs a transaction for one network. Not thread-safe; cheap to create.
 *
 * <pre>{@code
 * Transaction tx = TransactionBuilder.forNetwork(chainId, genesisHash)
 *     .nonce(0).to(recipient).value(1_000).fee(1)
 *     .sign(senderKey);
 * }</pre>
 */
public final class TransactionBuilder {
  private final long chainId;
  private final Hash genesisHash;
  private long nonce;
  private Address to;
  private long value;
  private long fee = 1;
  private Bytes data = Bytes.EMPTY;

  private TransactionBuilder(long chainId, Hash genesisHash) {
    this.chainId = chainId;
    this.genesisHash = Objects.requireNonNull(genesisHash, "genesisHash");
  }

  /** A builder for the network with this chain id ({@code network_id}) and genesis hash. */
  public static TransactionBuilder forNetwork(long chainId, Hash genesisHash) {
    return new TransactionBuilder(chainId, genesisHash);
  }

  public TransactionBuilder nonce(long nonce) {
    this.nonce = nonce;
    return this;
  }

  public TransactionBuilder to(Address to) {
    this.to = Objects.requireNonNull(to, "to");
    return this;
  }

  public TransactionBuilder value(long value) {
    this.value = value;
    return this;
  }

  /** The fee; 1 unless set. */
  public TransactionBuilder fee(long fee) {
    this.fee = fee;
    return this;
  }

  public TransactionBuilder data(Bytes data) {
    this.data = Objects.requireNonNull(data, "data");
    return this;
  }

  /** Signs with {@code key}; the sender is the key's address. */
  public Transaction sign(AccountKey key) {
    if (to == null) {
      throw new IllegalStateException("the recipient (to) is not set");
    }
    Transaction unsigned = new Transaction(chainId, nonce, to, value, fee, data, key.publicKey(), Bytes.EMPTY);
    return unsigned.withSignature(key.sign(Hashes.txSigningMessage(genesisHash, unsigned)));
  }
}
