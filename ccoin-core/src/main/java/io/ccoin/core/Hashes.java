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
import io.ccoin.core.crypto.Signatures;
import java.util.ArrayList;
import java.util.List;

/**
 * The hashes and signing messages of SPEC 3 and 5, all over canonical encodings. Stateless and
 * thread-safe.
 */
public final class Hashes {
  /** Encodings are written into one reused buffer per thread and hashed in place. */
  private static final ThreadLocal<CanonicalWriter> SCRATCH = ThreadLocal.withInitial(Hashes::newScratch);
  /** A scratch buffer that grew beyond this (a huge transaction) is not kept. */
  private static final int MAX_KEPT = 64 * 1024;

  private Hashes() {}

  private static CanonicalWriter newScratch() {
    return CanonicalWriter.create(2048);
  }

  private static CanonicalWriter scratch() {
    return SCRATCH.get().reset();
  }

  private static Hash hashAndRelease(CanonicalWriter w) {
    Hash h = w.sha256();
    release(w);
    return h;
  }

  private static void release(CanonicalWriter w) {
    if (w.size() > MAX_KEPT) {
      SCRATCH.set(newScratch());
    }
  }

  /** {@code txHash = H(msgpack(Tx))}. */
  public static Hash txHash(Transaction tx) {
    CanonicalWriter w = scratch();
    Codec.writeTransaction(w, tx);
    return hashAndRelease(w);
  }

  /** {@code "ccoin/tx/v1" || genesisHash || msgpack([chainId, nonce, to, value, fee, data, publicKey])}. */
  public static byte[] txSigningMessage(Hash genesisHash, Transaction tx) {
    CanonicalWriter w = scratch().raw(Domain.TX.bytes()).raw(genesisHash.toArray());
    Codec.writeTxSigningBody(w, tx);
    byte[] message = w.toByteArray();
    release(w);
    return message;
  }

  /** {@code powHash = H(msgpack(Header))}. */
  public static Hash powHash(BlockHeader header) {
    CanonicalWriter w = scratch();
    Codec.writeHeader(w, header);
    return hashAndRelease(w);
  }

  /** {@code blockHash = H(msgpack(SealedHeader))}. */
  public static Hash blockHash(SealedHeader sealed) {
    CanonicalWriter w = scratch();
    Codec.writeSealedHeader(w, sealed);
    return hashAndRelease(w);
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
    return new BlockCandidate(block, blockHash(block.sealedHeader()), powHash(block.header()), Codec.encode(block).length, txHashes);
  }
}
