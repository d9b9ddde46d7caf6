package io.ccoin.core.internal.mining;

import io.ccoin.core.mining.SignedHeight;

import io.ccoin.api.Address;
import io.ccoin.api.BlockSigner;
import io.ccoin.api.Bytes;

/**
 * Signs one block at a known number, recording the number in a {@link SignedHeight} first and
 * refusing when that height, or a higher one, was signed before.
 */
final class GuardedSigner implements BlockSigner {
  private final BlockSigner key;
  private final SignedHeight height;
  private final long number;

  GuardedSigner(BlockSigner key, SignedHeight height, long number) {
    this.key = key;
    this.height = height;
    this.number = number;
  }

  @Override
  public Address address() {
    return key.address();
  }

  @Override
  public Bytes publicKey() {
    return key.publicKey();
  }

  @Override
  public Bytes sign(byte[] message) {
    height.record(number);
    return key.sign(message);
  }
}
