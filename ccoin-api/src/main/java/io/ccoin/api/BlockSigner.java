package io.ccoin.api;

/**
 * Signs blocks with a miner's private key without handing the key out. Implementations are
 * thread-safe: a {@link Miner} may seal from any of its threads.
 */
public interface BlockSigner {
  /** The miner's address. */
  Address address();

  /** The miner's public key in its 294-byte SubjectPublicKeyInfo form. */
  Bytes publicKey();

  /**
   * The SHA256withRSA signature of {@code message}: an RSA operation, about a millisecond. The
   * caller passes the full message (domain tag included); the array is not kept.
   */
  Bytes sign(byte[] message);
}
