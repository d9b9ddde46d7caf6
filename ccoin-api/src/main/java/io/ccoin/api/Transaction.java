package io.ccoin.api;

import static io.ccoin.api.Checks.present;
import static io.ccoin.api.Checks.unsigned;

/**
 * A signed transfer between accounts (SPEC 3). The sender is the address of {@link #publicKey};
 * the signature covers every other field and the genesis hash of the network it was made for.
 *
 * <p>This is a plain value: building one checks only that numbers are not negative. Whether it is
 * well-formed, properly signed and valid against a state is for ccoin-core to say. Its hash is
 * {@code SHA-256} of its canonical encoding, computed by ccoin-core's {@code Hashes}. Immutable.
 * Build and sign one with ccoin-core's {@code TransactionBuilder}.
 *
 * @param chainId the network id the transaction is for
 * @param nonce the sender's nonce: its number of earlier transactions
 * @param to the recipient's address
 * @param value the coins transferred
 * @param fee the coins paid to the block's miner, at least the network's {@code min_fee}
 * @param data free bytes, up to the network's {@code max_tx_data}
 * @param publicKey the sender's public key, 294 bytes of SubjectPublicKeyInfo
 * @param signature the sender's SHA256withRSA signature; empty before signing
 */
public record Transaction(
    long chainId, long nonce, Address to, long value, long fee, Bytes data, Bytes publicKey, Bytes signature) {

  /**
   * @throws IllegalArgumentException if a number is negative
   * @throws NullPointerException if an object argument is null
   */
  public Transaction {
    unsigned("chainId", chainId);
    unsigned("nonce", nonce);
    present("to", to);
    unsigned("value", value);
    unsigned("fee", fee);
    present("data", data);
    present("publicKey", publicKey);
    present("signature", signature);
  }

  /** The same transaction with another signature (for signing a built transaction); this one is unchanged. */
  public Transaction withSignature(Bytes newSignature) {
    return new Transaction(chainId, nonce, to, value, fee, data, publicKey, newSignature);
  }
}
