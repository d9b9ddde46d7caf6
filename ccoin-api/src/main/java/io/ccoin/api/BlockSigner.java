package io.ccoin.api;

/**
 * Signs blocks with a miner's private key without handing the key out. Thread-safe.
 */
public interface BlockSigner {
  /** The miner's address. */
  Address address();

  /** The miner's public key in its 294-byte SubjectPublicKeyInfo form. */
  Bytes publicKey();

  /** The SHA256withRSA signature of {@code message}. */
  Bytes sign(byte[] message);
}
