package io.ccoin.core.codec;

import io.ccoin.api.Address;
import io.ccoin.api.Block;
import io.ccoin.api.BlockHeader;
import io.ccoin.api.ConsensusParams;
import io.ccoin.api.SealedHeader;
import io.ccoin.api.Transaction;
import java.util.ArrayList;
import java.util.List;

/**
 * The canonical msgpack encodings of SPEC 3, 5 and 6: {@code Tx}, {@code Header},
 * {@code SealedHeader}, {@code Block} and {@code Params}. Encoding is total; decoding is strict and
 * throws {@link DecodeException} for anything but the one canonical encoding, so
 * {@code encode(decode(b))} equals {@code b} for every accepted {@code b}. Stateless and thread-safe.
 */
public final class Codec {
  /** Fields of a {@code Tx}. */
  public static final int TX_FIELDS = 8;
  /** Fields of a {@code Header}. */
  public static final int HEADER_FIELDS = 11;
  /** Fields of {@code Params}. */
  public static final int PARAMS_FIELDS = 17;
  /**
   * The most transactions a block encoding may declare. Far above any sensible {@code max_bound};
   * the consensus limit is checked by the rules, this one only bounds the decoder's work.
   */
  public static final int MAX_BLOCK_TXS = 1 << 20;

  private Codec() {}

  // ---- Tx ----------------------------------------------------------------------------------------

  /** {@code msgpack(Tx)}, the bytes a transaction hash is taken over. */
  public static byte[] encode(Transaction tx) {
    CanonicalWriter w = CanonicalWriter.create(700 + tx.data().size());
    writeTransaction(w, tx);
    return w.toByteArray();
  }

  /** {@code msgpack(Tx).length}, computed without encoding. */
  public static int encodedSize(Transaction tx) {
    long n = 1L + CanonicalWriter.uintSize(tx.chainId()) + CanonicalWriter.uintSize(tx.nonce())
        + CanonicalWriter.binSize(Address.SIZE) + CanonicalWriter.uintSize(tx.value()) + CanonicalWriter.uintSize(tx.fee())
        + CanonicalWriter.binSize(tx.data().size()) + CanonicalWriter.binSize(tx.publicKey().size())
        + CanonicalWriter.binSize(tx.signature().size());
    return Math.toIntExact(n);
  }

  /** Writes {@code tx} as a nested value. */
  public static void writeTransaction(CanonicalWriter w, Transaction tx) {
    w.arrayHeader(TX_FIELDS);
    writeTxBody(w, tx);
    w.bin(tx.signature());
  }

  /** {@code msgpack([chainId, nonce, to, value, fee, data, publicKey])}, the signed part of a Tx. */
  public static byte[] encodeTxSigningBody(Transaction tx) {
    CanonicalWriter w = CanonicalWriter.create(400 + tx.data().size());
    writeTxSigningBody(w, tx);
    return w.toByteArray();
  }

  /** Writes {@code [chainId, nonce, to, value, fee, data, publicKey]}, the signed part of a Tx. */
  public static void writeTxSigningBody(CanonicalWriter w, Transaction tx) {
    w.arrayHeader(TX_FIELDS - 1);
    writeTxBody(w, tx);
  }

  private static void writeTxBody(CanonicalWriter w, Transaction tx) {
    w.uint(tx.chainId()).uint(tx.nonce()).bin(tx.to()).uint(tx.value()).uint(tx.fee()).bin(tx.data()).bin(tx.publicKey());
  }

  /** Decodes exactly one {@code Tx} filling all of {@code bytes}. */
  public static Transaction decodeTransaction(byte[] bytes) {
    CanonicalReader r = CanonicalReader.of(bytes);
    Transaction tx = readTransaction(r);
    r.expectEnd("Tx");
    return tx;
  }

  /** Reads a nested {@code Tx}. */
  public static Transaction readTransaction(CanonicalReader r) {
    r.readArrayHeader("Tx", TX_FIELDS);
    long chainId = r.readUint("Tx.chainId");
    long nonce = r.readUint("Tx.nonce");
    Address to = r.readAddress("Tx.to");
    long value = r.readUint("Tx.value");
    long fee = r.readUint("Tx.fee");
    var data = r.readBin("Tx.data", Integer.MAX_VALUE);
    var publicKey = r.readBin("Tx.publicKey", Integer.MAX_VALUE);
    var signature = r.readBin("Tx.signature", Integer.MAX_VALUE);
    return new Transaction(chainId, nonce, to, value, fee, data, publicKey, signature);
  }

  // ---- Header ------------------------------------------------------------------------------------

  /** {@code msgpack(Header)}, the bytes the proof-of-work hash is taken over. */
  public static byte[] encode(BlockHeader h) {
    CanonicalWriter w = CanonicalWriter.create(200 + h.data().size());
    writeHeader(w, h);
    return w.toByteArray();
  }

  /**
   * The encoding of {@code h} without its last field, {@code powNonce}: the constant prefix a miner
   * hashes once. {@code encode(h)} is this prefix followed by {@link CanonicalWriter#encodeUint}
   * of the nonce.
   */
  public static byte[] encodeHeaderPrefix(BlockHeader h) {
    CanonicalWriter w = CanonicalWriter.create(200 + h.data().size());
    writeHeaderPrefix(w, h);
    return w.toByteArray();
  }

  public static void writeHeader(CanonicalWriter w, BlockHeader h) {
    writeHeaderPrefix(w, h);
    w.uint(h.powNonce());
  }

  private static void writeHeaderPrefix(CanonicalWriter w, BlockHeader h) {
    w.arrayHeader(HEADER_FIELDS)
        .uint(h.version())
        .uint(h.chainId())
        .uint(h.number())
        .bin(h.parentHash())
        .uint(h.timestamp())
        .bin(h.miner())
        .bin(h.txRoot())
        .bin(h.stateRoot())
        .uint(h.difficulty())
        .bin(h.data());
  }

  public static BlockHeader decodeHeader(byte[] bytes) {
    CanonicalReader r = CanonicalReader.of(bytes);
    BlockHeader h = readHeader(r);
    r.expectEnd("Header");
    return h;
  }

  public static BlockHeader readHeader(CanonicalReader r) {
    r.readArrayHeader("Header", HEADER_FIELDS);
    return new BlockHeader(
        r.readUint("Header.version"),
        r.readUint("Header.chainId"),
        r.readUint("Header.number"),
        r.readHash("Header.parentHash"),
        r.readUint("Header.timestamp"),
        r.readAddress("Header.miner"),
        r.readHash("Header.txRoot"),
        r.readHash("Header.stateRoot"),
        r.readUint("Header.difficulty"),
        r.readBin("Header.data", Integer.MAX_VALUE),
        r.readUint("Header.powNonce"));
  }

  // ---- SealedHeader ------------------------------------------------------------------------------

  /** {@code msgpack(SealedHeader)}, the bytes the block hash is taken over. */
  public static byte[] encode(SealedHeader s) {
    CanonicalWriter w = CanonicalWriter.create(800 + s.header().data().size());
    writeSealedHeader(w, s);
    return w.toByteArray();
  }

  public static void writeSealedHeader(CanonicalWriter w, SealedHeader s) {
    w.arrayHeader(3);
    writeHeader(w, s.header());
    w.bin(s.minerKey()).bin(s.signature());
  }

  public static SealedHeader decodeSealedHeader(byte[] bytes) {
    CanonicalReader r = CanonicalReader.of(bytes);
    SealedHeader s = readSealedHeader(r);
    r.expectEnd("SealedHeader");
    return s;
  }

  public static SealedHeader readSealedHeader(CanonicalReader r) {
    r.readArrayHeader("SealedHeader", 3);
    BlockHeader h = readHeader(r);
    return new SealedHeader(h, r.readBin("SealedHeader.minerKey", Integer.MAX_VALUE), r.readBin("SealedHeader.signature", Integer.MAX_VALUE));
  }

  // ---- Block -------------------------------------------------------------------------------------

  /** {@code msgpack(Block)}; its length is the block's size. */
  public static byte[] encode(Block b) {
    CanonicalWriter w = CanonicalWriter.create(1024 + 700 * b.transactions().size());
    writeBlock(w, b);
    return w.toByteArray();
  }

  /** {@code msgpack(Block).length}, the block's size, without encoding its transactions. */
  public static long encodedSize(Block b) {
    long n = 1 + encode(b.sealedHeader()).length + CanonicalWriter.arrayHeaderSize(b.transactions().size());
    for (Transaction tx : b.transactions()) {
      n += encodedSize(tx);
    }
    return n;
  }

  public static void writeBlock(CanonicalWriter w, Block b) {
    w.arrayHeader(2);
    writeSealedHeader(w, b.sealedHeader());
    w.arrayHeader(b.transactions().size());
    for (Transaction tx : b.transactions()) {
      writeTransaction(w, tx);
    }
  }

  public static Block decodeBlock(byte[] bytes) {
    CanonicalReader r = CanonicalReader.of(bytes);
    Block b = readBlock(r);
    r.expectEnd("Block");
    return b;
  }

  public static Block readBlock(CanonicalReader r) {
    r.readArrayHeader("Block", 2);
    SealedHeader s = readSealedHeader(r);
    int n = r.readArrayHeader("Block.transactions", 0, MAX_BLOCK_TXS);
    List<Transaction> txs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      txs.add(readTransaction(r));
    }
    return new Block(s, txs);
  }

  // ---- Params ------------------------------------------------------------------------------------

  /** {@code msgpack(Params)} (SPEC 6): the genesis block's data, pinning every consensus parameter. */
  public static byte[] encode(ConsensusParams p) {
    CanonicalWriter w = CanonicalWriter.create(64 + 22 * p.miners().size());
    w.arrayHeader(PARAMS_FIELDS).uint(ConsensusParams.VERSION).uint(p.networkId());
    w.arrayHeader(p.miners().size());
    for (Address m : p.miners()) {
      w.bin(m);
    }
    w.uint(p.intervalMs())
        .uint(p.maxBound())
        .uint(p.minBound())
        .uint(p.reward())
        .uint(p.difficulty())
        .bool(p.allowEmpty())
        .uint(p.leaderTimeoutMs())
        .uint(p.recentWindow())
        .uint(p.maxTxData())
        .uint(p.maxBlockData())
        .uint(p.maxBlockBytes())
        .uint(p.minFee())
        .uint(p.minGapMs())
        .uint(p.maxDriftMs());
    return w.toByteArray();
  }

  /**
   * Decodes {@code Params}; besides canonical form it requires the miners in strictly ascending
   * order and every parameter within the SPEC's bounds.
   */
  public static ConsensusParams decodeParams(byte[] bytes) {
    CanonicalReader r = CanonicalReader.of(bytes);
    r.readArrayHeader("Params", PARAMS_FIELDS);
    long version = r.readUint("Params.version");
    if (version != ConsensusParams.VERSION) {
      throw new DecodeException("Params.version: expected " + ConsensusParams.VERSION + ", got " + version);
    }
    long networkId = r.readUint("Params.network_id");
    int n = r.readArrayHeader("Params.miners", 1, ConsensusParams.MAX_MINERS);
    List<Address> miners = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Address a = r.readAddress("Params.miners[" + i + "]");
      if (i > 0 && miners.get(i - 1).compareTo(a) >= 0) {
        throw new DecodeException("Params.miners: not sorted ascending without duplicates at index " + i);
      }
      miners.add(a);
    }
    try {
      ConsensusParams p = new ConsensusParams(
          networkId,
          miners,
          r.readUint("Params.interval_ms"),
          r.readUint("Params.max_bound"),
          r.readUint("Params.min_bound"),
          r.readUint("Params.reward"),
          r.readUint("Params.difficulty"),
          r.readBoolean("Params.allow_empty"),
          r.readUint("Params.leader_timeout_ms"),
          r.readUint("Params.recent_window"),
          r.readUint("Params.max_tx_data"),
          r.readUint("Params.max_block_data"),
          r.readUint("Params.max_block_bytes"),
          r.readUint("Params.min_fee"),
          r.readUint("Params.min_gap_ms"),
          r.readUint("Params.max_drift_ms"));
      r.expectEnd("Params");
      return p;
    } catch (DecodeException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new DecodeException("Params: " + e.getMessage(), e);
    }
  }
}
