package io.ccoin.core;

import io.ccoin.api.Block;
import io.ccoin.api.BlockCandidate;
import io.ccoin.api.BlockHeader;
import io.ccoin.api.Hash;
import io.ccoin.api.SealedHeader;
import io.ccoin.api.Transaction;
import io.ccoin.core.codec.CanonicalWriter;
import io.ccoin.core.codec.Codec;
import io.ccoin.core.crypto.Domain;
import io.ccoin.core.crypto.Sha256;
import io.ccoin.core.crypto.Signatures;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * The hashes and signing messages of SPEC 3 and 5, all over canonical encodings. Stateless and
 * thread-safe.
 */
public final class Hashes {
  /** Encodings are written into one reused buffer per thread and hashed in place. */
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);
  /** A scratch buffer that grew beyond this (a huge transaction) is not kept. */
  private static final int MAX_KEPT = 64 * 1024;

  private Hashes() {}

  /** One thread's encoding buffer and SHA-256 digest. */
  private static final class Scratch {
    CanonicalWriter writer = CanonicalWriter.create(2048);
    final MessageDigest digest = Sha256.newDigest();
    final byte[] out = new byte[Hash.SIZE];

    /** {@code H} of what the writer holds; then drops the writer's buffer if it grew too large. */
    Hash hash() {
      writer.update(digest);
      try {
        digest.digest(out, 0, Hash.SIZE);
      } catch (DigestException e) {
        throw new IllegalStateException("SHA-256 cannot write 32 bytes", e);
      }
      release();
      return Hash.of(out);
    }

    void release() {
      if (writer.size() > MAX_KEPT) {
        writer = CanonicalWriter.create(2048);
      }
    }
  }

  private static Scratch scratch() {
    Scratch s = SCRATCH.get();
    s.writer.reset();
    return s;
  }

  /** {@code txHash = H(msgpack(Tx))}. */
  public static Hash txHash(Transaction tx) {
    Scratch s = scratch();
    Codec.writeTransaction(s.writer, tx);
    return s.hash();
  }

  /** {@code "ccoin/tx/v1" || genesisHash || msgpack([chainId, nonce, to, value, fee, data, publicKey])}. */
  public static byte[] txSigningMessage(Hash genesisHash, Transaction tx) {
    Scratch s = scratch();
    s.writer.raw(Domain.TX.bytes()).raw(genesisHash.toArray());
    Codec.writeTxSigningBody(s.writer, tx);
    byte[] message = s.writer.toByteArray();
    s.release();
    return message;
  }

  /** {@code powHash = H(msgpack(Header))}. */
  public static Hash powHash(BlockHeader header) {
    Scratch s = scratch();
    Codec.writeHeader(s.writer, header);
    return s.hash();
  }

  /** {@code blockHash = H(msgpack(SealedHeader))}. */
  public static Hash blockHash(SealedHeader sealed) {
    Scratch s = scratch();
    Codec.writeSealedHeader(s.writer, sealed);
    return s.hash();
  }

  /** {@code "ccoin/block/v1" || powHash}, what a miner signs. */
  public static byte[] blockSigningMessage(Hash powHash) {
    return Signatures.signingMessage(Domain.BLOCK, powHash.toArray());
  }

  /** A block with its hash, pow hash, size and transaction hashes computed once. */
  public static BlockCandidate candidate(Block block) {
    List<Hash> txHashes = new ArrayList<>(block.transactions().size());
    for (Transaction tx : block.transactions()) {
      txHashes.add(txHash(tx));
    }
    return new BlockCandidate(block, blockHash(block.sealedHeader()), powHash(block.header()), Codec.encodedSize(block), txHashes);
  }
}
