package io.ccoin.core;

import io.ccoin.api.Block;
import io.ccoin.api.BlockCandidate;
import io.ccoin.api.BlockHeader;
import io.ccoin.api.Hash;
import io.ccoin.api.SealedHeader;
import io.ccoin.api.Transaction;
import io.ccoin.core.codec.Codec;
import io.ccoin.core.crypto.Domain;
import io.ccoin.core.crypto.Sha256;
import io.ccoin.core.crypto.Signatures;
import java.util.ArrayList;
import java.util.List;

/**
 * The hashes and signing messages of SPEC 3 and 5, all over canonical encodings. Stateless and
 * thread-safe.
 */
public final class Hashes {
  private Hashes() {}

  /** {@code txHash = H(msgpack(Tx))}. */
  public static Hash txHash(Transaction tx) {
    return Sha256.hash(Codec.encode(tx));
  }

  /** {@code "ccoin/tx/v1" || genesisHash || msgpack([chainId, nonce, to, value, fee, data, publicKey])}. */
  public static byte[] txSigningMessage(Hash genesisHash, Transaction tx) {
    return Signatures.signingMessage(Domain.TX, genesisHash.toArray(), Codec.encodeTxSigningBody(tx));
  }

  /** {@code powHash = H(msgpack(Header))}. */
  public static Hash powHash(BlockHeader header) {
    return Sha256.hash(Codec.encode(header));
  }

  /** {@code blockHash = H(msgpack(SealedHeader))}. */
  public static Hash blockHash(SealedHeader sealed) {
    return Sha256.hash(Codec.encode(sealed));
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
