package io.ccoin.core.internal.state;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.ccoin.api.ConsensusParams;
import io.ccoin.api.Hash;
import io.ccoin.api.Transaction;
import io.ccoin.api.ValidationResult;
import io.ccoin.core.Hashes;
import io.ccoin.core.crypto.BadKeyException;
import io.ccoin.core.crypto.PublicKeys;
import io.ccoin.core.crypto.Signatures;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;

/**
 * The checks of SPEC 3 that need no state, in the SPEC's order: chain id, canonical key, signature
 * over the network's genesis hash, then data size and minimum fee. A signature is verified once per
 * transaction hash and remembered in a bounded cache of {@code cacheCapacity} hashes (the hash covers the signature and every field,
 * so a remembered hash stands for exactly that transaction). Thread-safe.
 */
public final class TxVerifier {
  /** Rule names used in results. */
  public static final String CHAIN = "tx-chain";
  public static final String KEY = "tx-key";
  public static final String SIGNATURE = "tx-signature";
  public static final String DATA = "tx-data";
  public static final String FEE = "tx-fee";

  private final ConsensusParams params;
  private final Hash genesisHash;
  private final Cache<Hash, Boolean> verified;
  private final LongAdder signatureChecks = new LongAdder();

  public TxVerifier(ConsensusParams params, Hash genesisHash, int cacheCapacity) {
    this.params = params;
    this.genesisHash = genesisHash;
    if (cacheCapacity < 1) {
      throw new IllegalArgumentException("cache capacity must be at least 1: " + cacheCapacity);
    }
    // Maintenance on the calling thread: a library starts no background work of its own.
    this.verified = Caffeine.newBuilder().maximumSize(cacheCapacity).executor(Runnable::run).build();
  }

  public ConsensusParams params() {
    return params;
  }

  public Hash genesisHash() {
    return genesisHash;
  }

  /** Checks {@code tx}, whose hash is {@code txHash}. */
  public ValidationResult verify(Transaction tx, Hash txHash) {
    if (tx.chainId() != params.networkId()) {
      return ValidationResult.invalid(CHAIN, "chain id " + tx.chainId() + ", this network is " + params.networkId());
    }
    if (verified.getIfPresent(txHash) == null) {
      RSAPublicKey key;
      try {
        key = PublicKeys.validate(tx.publicKey());
      } catch (BadKeyException e) {
        return ValidationResult.invalid(KEY, "public key is not the 294-byte canonical RSA-2048 form");
      }
      signatureChecks.increment();
      if (!Signatures.verify(key, Hashes.txSigningMessage(genesisHash, tx), tx.signature())) {
        return ValidationResult.invalid(SIGNATURE, "signature does not verify for this network");
      }
      verified.put(txHash, Boolean.TRUE);
    }
    if (tx.data().size() > params.maxTxData()) {
      return ValidationResult.invalid(DATA, "data is " + tx.data().size() + " bytes, limit max_tx_data " + params.maxTxData());
    }
    if (tx.fee() < params.minFee()) {
      return ValidationResult.invalid(FEE, "fee " + tx.fee() + " is below min_fee " + params.minFee());
    }
    return ValidationResult.valid();
  }

  /** True when the signature of the transaction with this hash was verified and is remembered. */
  public boolean isKnownValid(Hash txHash) {
    return verified.getIfPresent(txHash) != null;
  }

  /**
   * The number of RSA signature verifications this verifier has run, that is, the checks the cache
   * did not answer. For metrics and tests.
   */
  public long signatureChecks() {
    return signatureChecks.sum();
  }

  /**
   * Verifies every transaction, in parallel on all cores, and returns the first failure in block
   * order together with its index, or -1 and valid.
   */
  public IndexedResult verifyAll(List<Transaction> txs, List<Hash> hashes) {
    ValidationResult[] results = new ValidationResult[txs.size()];
    IntStream range = IntStream.range(0, txs.size());
    (txs.size() >= 8 ? range.parallel() : range).forEach(i -> results[i] = verify(txs.get(i), hashes.get(i)));
    for (int i = 0; i < results.length; i++) {
      if (!results[i].isValid()) {
        return new IndexedResult(i, results[i]);
      }
    }
    return new IndexedResult(-1, ValidationResult.valid());
  }

  /** A result with the index of the transaction it is about (-1 for none). */
  public record IndexedResult(int index, ValidationResult result) {}
}
