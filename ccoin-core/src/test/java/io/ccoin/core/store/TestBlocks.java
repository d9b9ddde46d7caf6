package io.ccoin.core.store;

import io.ccoin.api.Account;
import io.ccoin.api.Address;
import io.ccoin.api.Block;
import io.ccoin.api.BlockHeader;
import io.ccoin.api.Bytes;
import io.ccoin.api.Hash;
import io.ccoin.api.SealedHeader;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.Transaction;
import io.ccoin.core.codec.Codec;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Makes structurally valid values for tests: hashes, addresses, accounts, transactions and chains of
 * blocks linked by parent hash, with increasing numbers and total weights. Block and transaction
 * hashes are the real SHA-256 of their canonical encodings ({@link Codec}); keys (294 bytes),
 * signatures (256 bytes), roots and miners are random, so the blocks do not pass consensus checks.
 * Deterministic for a given seed. Not thread-safe: use one per thread.
 */
public final class TestBlocks {
  /** The size of an RSA-2048 SubjectPublicKeyInfo, which is what miner and sender keys are. */
  public static final int KEY_SIZE = 294;
  /** The size of an RSA-2048 signature. */
  public static final int SIGNATURE_SIZE = 256;
  /** The chain id the made-up blocks and transactions carry. */
  public static final long CHAIN_ID = 7;

  private final Random random;

  /** A generator with a fixed seed. */
  public TestBlocks() {
    this(20261124);
  }

  public TestBlocks(long seed) {
    this.random = new Random(seed);
  }

  public Hash hash() {
    byte[] b = new byte[Hash.SIZE];
    random.nextBytes(b);
    return Hash.of(b);
  }

  public Address address() {
    byte[] b = new byte[Address.SIZE];
    random.nextBytes(b);
    return Address.of(b);
  }

  public Bytes bytes(int size) {
    byte[] b = new byte[size];
    random.nextBytes(b);
    return Bytes.of(b);
  }

  /** An account that exists: a positive balance and a small nonce. */
  public Account account() {
    return new Account(1 + random.nextInt(1_000_000_000), random.nextInt(1000));
  }

  /** A transfer to a random address with a random key and signature. */
  public Transaction transaction() {
    return new Transaction(CHAIN_ID, random.nextInt(1000), address(), 1 + random.nextInt(1_000_000), random.nextInt(1000),
        Bytes.EMPTY, bytes(KEY_SIZE), bytes(SIGNATURE_SIZE));
  }

  /** A genesis block (number 0, zero parent, empty key and signature) with total weight 0. */
  public StoredBlock genesis() {
    BlockHeader h = header(0, Hash.ZERO, 0);
    return stored(new Block(new SealedHeader(h, Bytes.EMPTY, Bytes.EMPTY), List.of()), 0);
  }

  /** A child of {@code parent} with no transactions and weight 1. */
  public StoredBlock child(StoredBlock parent) {
    return child(parent, 0, 1);
  }

  /** A child of {@code parent} with {@code txCount} transactions and its own weight {@code weight}. */
  public StoredBlock child(StoredBlock parent, int txCount, long weight) {
    List<Transaction> txs = new ArrayList<>(txCount);
    for (int i = 0; i < txCount; i++) {
      txs.add(transaction());
    }
    BlockHeader h = header(parent.number() + 1, parent.hash(), parent.block().header().timestamp() + 1 + random.nextInt(10));
    Block b = new Block(new SealedHeader(h, bytes(KEY_SIZE), bytes(SIGNATURE_SIZE)), txs);
    return stored(b, Math.addExact(parent.totalWeight(), weight));
  }

  /** {@code length} blocks descending from {@code parent}, each with {@code txsPerBlock} transactions and weight 1. */
  public List<StoredBlock> chain(StoredBlock parent, int length, int txsPerBlock) {
    List<StoredBlock> out = new ArrayList<>(length);
    StoredBlock p = parent;
    for (int i = 0; i < length; i++) {
      p = child(p, txsPerBlock, 1);
      out.add(p);
    }
    return out;
  }

  /** {@code block} with its real hash. */
  public static StoredBlock stored(Block block, long totalWeight) {
    return new StoredBlock(block, blockHash(block), totalWeight);
  }

  /** SHA-256 of the block's canonical sealed header (SPEC 5). */
  public static Hash blockHash(Block block) {
    return sha256(Codec.encode(block.sealedHeader()));
  }

  /** SHA-256 of the transaction's canonical encoding (SPEC 3). */
  public static Hash txHash(Transaction tx) {
    return sha256(Codec.encode(tx));
  }

  private BlockHeader header(long number, Hash parent, long timestamp) {
    return new BlockHeader(BlockHeader.VERSION, CHAIN_ID, number, parent, timestamp, address(), hash(), hash(), 1, Bytes.EMPTY,
        random.nextLong() & Long.MAX_VALUE);
  }

  private static Hash sha256(byte[] bytes) {
    try {
      return Hash.of(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every Java platform has SHA-256", e);
    }
  }
}
