package io.ccoin.core.codec;

import io.ccoin.api.Address;
import io.ccoin.api.Block;
import io.ccoin.api.BlockHeader;
import io.ccoin.api.Bytes;
import io.ccoin.api.ConsensusParams;
import io.ccoin.api.Hash;
import io.ccoin.api.SealedHeader;
import io.ccoin.api.Transaction;
import io.ccoin.api.Vote;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The canonical msgpack encodings of SPEC 3, 5 and 6: {@code Tx}, {@code Header} (version 1, and
 * version 2 with its {@code vote}), {@code Params} (version 1, and version 2 with {@code epoch}),
 * {@code SealedHeader} and {@code Block}. Encoding is total; decoding is strict and
 * throws {@link DecodeException} for anything but the one canonical encoding, so
 * {@code encode(decode(b))} equals {@code b} for every accepted {@code b}. Stateless and thread-safe.
 */
public final class Codec {
  /** Fields of a {@code Tx}. */
  public static final int TX_FIELDS = 8;
  /** Fields of a version 1 {@code Header}. */
  public static final int HEADER_FIELDS = 11;
  /** Fields of a version 2 {@code Header} (with {@code vote}). */
  public static final int HEADER_V2_FIELDS = 12;
  /** Fields of {@code Params}, either version. */
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
    w.arrayHeader(h.hasVoteField() ? HEADER_V2_FIELDS : HEADER_FIELDS)
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
    if (h.hasVoteField()) {
      writeVote(w, h.vote());
    }
  }

  /** Writes a version 2 header's {@code vote}: {@code []} or {@code [candidate, authorize]}. */
  private static void writeVote(CanonicalWriter w, Optional<Vote> vote) {
    if (vote.isEmpty()) {
      w.arrayHeader(0);
    } else {
      w.arrayHeader(2).bin(vote.get().candidate()).bool(vote.get().authorize());
    }
  }

  public static BlockHeader decodeHeader(byte[] bytes) {
    CanonicalReader r = CanonicalReader.of(bytes);
    BlockHeader h = readHeader(r);
    r.expectEnd("Header");
    return h;
  }

  /**
   * Reads a nested {@code Header} of either version: a version 1 header has 11 fields, a version 2
   * header 12 (with {@code vote}); any other version, or a field count that does not match the
   * version, is a bad encoding. Whether the version is the network's is checked by the consensus
   * rules ({@link io.ccoin.core.internal.consensus.FormatRule}) and by {@link #readHeader(CanonicalReader, long)}.
   */
  public static BlockHeader readHeader(CanonicalReader r) {
    int fields = r.readArrayHeader("Header", HEADER_FIELDS, HEADER_V2_FIELDS);
    long version = r.readUint("Header.version");
    if (version == BlockHeader.VERSION ? fields != HEADER_FIELDS
        : version == BlockHeader.VERSION_2 ? fields != HEADER_V2_FIELDS : true) {
      throw new DecodeException("Header: version " + version + " with " + fields + " fields (version 1 has "
          + HEADER_FIELDS + ", version 2 has " + HEADER_V2_FIELDS + ")");
    }
    long chainId = r.readUint("Header.chainId");
    long number = r.readUint("Header.number");
    Hash parentHash = r.readHash("Header.parentHash");
    long timestamp = r.readUint("Header.timestamp");
    Address miner = r.readAddress("Header.miner");
    Hash txRoot = r.readHash("Header.txRoot");
    Hash stateRoot = r.readHash("Header.stateRoot");
    long difficulty = r.readUint("Header.difficulty");
    Bytes data = r.readBin("Header.data", Integer.MAX_VALUE);
    Optional<Vote> vote = version == BlockHeader.VERSION_2 ? readVote(r) : Optional.empty();
    long powNonce = r.readUint("Header.powNonce");
    return new BlockHeader(version, chainId, number, parentHash, timestamp, miner, txRoot, stateRoot, difficulty, data, vote,
        powNonce);
  }

  /**
   * Reads a nested {@code Header} of a network whose protocol version is {@code networkVersion}: a
   * header of the other version is a bad encoding there (SPEC 5).
   */
  public static BlockHeader readHeader(CanonicalReader r, long networkVersion) {
    BlockHeader h = readHeader(r);
    if (h.version() != networkVersion) {
      throw new DecodeException("Header: version " + h.version() + " on a version " + networkVersion + " network");
    }
    return h;
  }

  /** Decodes a {@code Header} of a network whose protocol version is {@code networkVersion}. */
  public static BlockHeader decodeHeader(byte[] bytes, long networkVersion) {
    CanonicalReader r = CanonicalReader.of(bytes);
    BlockHeader h = readHeader(r, networkVersion);
    r.expectEnd("Header");
    return h;
  }

  private static Optional<Vote> readVote(CanonicalReader r) {
    int n = r.readArrayHeader("Header.vote", 0, 2);
    if (n == 0) {
      return Optional.empty();
    }
    if (n != 2) {
      throw new DecodeException("Header.vote: expected [] or [candidate, authorize], got " + n + " field(s)");
    }
    Address candidate = r.readAddress("Header.vote.candidate");
    boolean authorize = r.readBoolean("Header.vote.authorize");
    return Optional.of(new Vote(candidate, authorize));
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
    w.arrayHeader(PARAMS_FIELDS).uint(p.version()).uint(p.networkId());
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
        .uint(p.leaderTimeoutMs());
    if (!p.votingEnabled()) {
      w.uint(p.recentWindow());
    }
    w.uint(p.maxTxData())
        .uint(p.maxBlockData())
        .uint(p.maxBlockBytes())
        .uint(p.minFee())
        .uint(p.minGapMs())
        .uint(p.maxDriftMs());
    if (p.votingEnabled()) {
      w.uint(p.epoch());
    }
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
    if (version != ConsensusParams.VERSION && version != ConsensusParams.VERSION_2) {
      throw new DecodeException("Params.version: expected " + ConsensusParams.VERSION + " or " + ConsensusParams.VERSION_2
          + ", got " + version);
    }
    boolean v2 = version == ConsensusParams.VERSION_2;
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
      long intervalMs = r.readUint("Params.interval_ms");
      long maxBound = r.readUint("Params.max_bound");
      long minBound = r.readUint("Params.min_bound");
      long reward = r.readUint("Params.reward");
      long difficulty = r.readUint("Params.difficulty");
      boolean allowEmpty = r.readBoolean("Params.allow_empty");
      long leaderTimeoutMs = r.readUint("Params.leader_timeout_ms");
      long recentWindow = v2 ? n / 2 : r.readUint("Params.recent_window");
      long maxTxData = r.readUint("Params.max_tx_data");
      long maxBlockData = r.readUint("Params.max_block_data");
      long maxBlockBytes = r.readUint("Params.max_block_bytes");
      long minFee = r.readUint("Params.min_fee");
      long minGapMs = r.readUint("Params.min_gap_ms");
      long maxDriftMs = r.readUint("Params.max_drift_ms");
      long epoch = 0;
      if (v2) {
        epoch = r.readUint("Params.epoch");
        if (epoch == 0) {
          throw new DecodeException("Params.epoch: a version 2 Params needs an epoch of 2 .. 2^31-1, got 0");
        }
      }
      ConsensusParams p = new ConsensusParams(networkId, miners, intervalMs, maxBound, minBound, reward, difficulty, allowEmpty,
          leaderTimeoutMs, recentWindow, maxTxData, maxBlockData, maxBlockBytes, minFee, minGapMs, maxDriftMs, epoch);
      r.expectEnd("Params");
      return p;
    } catch (DecodeException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new DecodeException("Params: " + e.getMessage(), e);
    }
  }
}
