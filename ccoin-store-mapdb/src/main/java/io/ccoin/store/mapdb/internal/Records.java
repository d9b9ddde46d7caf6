package io.ccoin.store.mapdb.internal;

import io.ccoin.api.Account;
import io.ccoin.api.Address;
import io.ccoin.api.Block;
import io.ccoin.api.BlockUndo;
import io.ccoin.api.Hash;
import io.ccoin.api.StoredBlock;
import io.ccoin.core.codec.Codec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * How the store encodes its values, each sealed with a CRC-32C over the map's name, the key and the
 * value, so that a damaged value, or a value found under the wrong key or in the wrong map, is
 * detected when it is read instead of being returned. All integers are big-endian. Stateless.
 */
public final class Records {
  /** Bytes the seal adds to every value. */
  public static final int SEAL = 4;

  private Records() {}

  /** A value that does not decode or whose seal does not match. */
  public static final class DamagedRecordException extends RuntimeException {
    public DamagedRecordException(String message) {
      super(message);
    }

    public DamagedRecordException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * The key as stored: {@code raw} followed by a CRC-32C over the map's name and {@code raw}, so that
   * a damaged key in the map's nodes is found when the keys are listed (which every open does),
   * instead of silently hiding its entry from lookups.
   */
  public static byte[] checkedKey(String map, byte[] raw) {
    byte[] out = Arrays.copyOf(raw, raw.length + SEAL);
    ByteBuffer.wrap(out, raw.length, SEAL).putInt(crc(map, new byte[0], raw, raw.length));
    return out;
  }

  /**
   * The raw key of a stored key.
   *
   * @throws DamagedRecordException if its check does not match
   */
  public static byte[] rawKey(String map, byte[] stored) {
    if (stored == null || stored.length < SEAL) {
      throw new DamagedRecordException("a key of the " + map + " map is truncated");
    }
    int n = stored.length - SEAL;
    if (ByteBuffer.wrap(stored, n, SEAL).getInt() != crc(map, new byte[0], stored, n)) {
      throw new DamagedRecordException("a key of the " + map + " map (" + hex(Arrays.copyOf(stored, n)) + "...) fails its checksum");
    }
    return Arrays.copyOf(stored, n);
  }

  /** {@code payload} followed by its seal for {@code key} in {@code map}. */
  public static byte[] seal(String map, byte[] key, byte[] payload) {
    byte[] out = Arrays.copyOf(payload, payload.length + SEAL);
    int crc = crc(map, key, payload, payload.length);
    ByteBuffer.wrap(out, payload.length, SEAL).putInt(crc);
    return out;
  }

  /**
   * The payload of a sealed value.
   *
   * @throws DamagedRecordException if the value is too short or its seal does not match
   */
  public static byte[] unseal(String map, byte[] key, byte[] value) {
    if (value == null || value.length < SEAL) {
      throw new DamagedRecordException("the " + map + " record for key " + hex(key) + " is truncated");
    }
    int n = value.length - SEAL;
    int stored = ByteBuffer.wrap(value, n, SEAL).getInt();
    if (stored != crc(map, key, value, n)) {
      throw new DamagedRecordException("the " + map + " record for key " + hex(key) + " fails its checksum");
    }
    return Arrays.copyOf(value, n);
  }

  private static int crc(String map, byte[] key, byte[] payload, int n) {
    CRC32C c = new CRC32C();
    c.update(map.getBytes(StandardCharsets.UTF_8));
    c.update(0);
    c.update(key);
    c.update(payload, 0, n);
    return (int) c.getValue();
  }

  /** The key bytes of a canonical number. */
  public static byte[] numberKey(long number) {
    return ByteBuffer.allocate(8).putLong(number).array();
  }

  /** The key bytes of a metadata name. */
  public static byte[] nameKey(String name) {
    return name.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The width of a key of format 2's address index (address, then block number), which a store of
   * format 2 is opened with to empty it.
   */
  public static final int ADDRESS_INDEX_KEY = Address.SIZE + Long.BYTES;

  // ---- the indexes by block (format 3): one record per block number, fixed-width entries, sorted ----

  /** A transaction index entry: transaction hash 32, block hash 32, index 4; a record's entries are sorted by transaction hash. */
  public static final int TX_ENTRY = Hash.SIZE + Hash.SIZE + Integer.BYTES;
  /** An address index entry: address 20, index 4, transaction hash 32; sorted by address, then index. */
  public static final int ADDRESS_ENTRY = Address.SIZE + Integer.BYTES + Hash.SIZE;

  /**
   * Checks that {@code payload} is a non-empty list of {@code width}-byte entries and, when
   * {@code ordered}, that their first {@code keyWidth} bytes rise strictly; returns the count.
   */
  public static int checkEntries(String what, byte[] payload, int width, int keyWidth, boolean ordered) {
    if (payload.length == 0 || payload.length % width != 0) {
      throw new DamagedRecordException(what + " is " + payload.length + " bytes, not a list of " + width + "-byte entries");
    }
    int n = payload.length / width;
    if (ordered) {
      for (int i = 1; i < n; i++) {
        if (Arrays.compareUnsigned(payload, (i - 1) * width, (i - 1) * width + keyWidth, payload, i * width, i * width + keyWidth) >= 0) {
          throw new DamagedRecordException(what + " is out of order at entry " + i);
        }
      }
    }
    return n;
  }

  /**
   * The first entry of {@code payload} (entries of {@code width} bytes sorted by their first
   * {@code key.length} bytes) whose key is at least {@code key}; the entry count if none is.
   */
  public static int lowerBound(byte[] payload, int width, byte[] key) {
    int lo = 0;
    int hi = payload.length / width;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (Arrays.compareUnsigned(payload, mid * width, mid * width + key.length, key, 0, key.length) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** True if entry {@code i} of {@code payload} starts with {@code key}. */
  public static boolean entryStartsWith(byte[] payload, int width, int i, byte[] key) {
    return i < payload.length / width && Arrays.equals(payload, i * width, i * width + key.length, key, 0, key.length);
  }

  /** The int at {@code offset}, big-endian. */
  public static int intAt(byte[] payload, int offset) {
    return ByteBuffer.wrap(payload, offset, Integer.BYTES).getInt();
  }

  // ---- blocks: totalWeight:8 then the canonical block encoding ------------------------------

  public static byte[] encodeBlock(StoredBlock b) {
    byte[] block = Codec.encode(b.block());
    return ByteBuffer.allocate(8 + block.length).putLong(b.totalWeight()).put(block).array();
  }

  public static StoredBlock decodeBlock(Hash hash, byte[] payload) {
    try {
      ByteBuffer in = ByteBuffer.wrap(payload);
      long weight = in.getLong();
      Block block = Codec.decodeBlock(Arrays.copyOfRange(payload, 8, payload.length));
      return new StoredBlock(block, hash, weight);
    } catch (RuntimeException e) {
      throw new DamagedRecordException("the block record " + hash + " does not decode: " + e.getMessage(), e);
    }
  }

  // ---- hashes (canonical index, head) -----------------------------------------------------------

  public static byte[] encodeHash(Hash h) {
    return h.toArray();
  }

  public static Hash decodeHash(String what, byte[] payload) {
    if (payload.length != Hash.SIZE) {
      throw new DamagedRecordException(what + " is " + payload.length + " bytes, not a " + Hash.SIZE + "-byte hash");
    }
    return Hash.of(payload);
  }

  // ---- accounts: balance:8 nonce:8 --------------------------------------------------------------

  public static byte[] encodeAccount(Account a) {
    return ByteBuffer.allocate(16).putLong(a.balance()).putLong(a.nonce()).array();
  }

  public static Account decodeAccount(Address address, byte[] payload) {
    try {
      if (payload.length != 16) {
        throw new IllegalArgumentException(payload.length + " bytes");
      }
      ByteBuffer in = ByteBuffer.wrap(payload);
      Account a = new Account(in.getLong(), in.getLong());
      if (a.isEmpty()) {
        throw new IllegalArgumentException("an empty account is never stored");
      }
      return a;
    } catch (RuntimeException e) {
      throw new DamagedRecordException("the account " + address + " does not decode: " + e.getMessage(), e);
    }
  }

  // ---- undo: count:4 then (address:20 balance:8 nonce:8) * count --------------------------------

  public static byte[] encodeUndo(BlockUndo u) {
    ByteBuffer out = ByteBuffer.allocate(4 + u.previous().size() * (Address.SIZE + 16));
    out.putInt(u.previous().size());
    u.previous().forEach((address, account) -> out.put(address.toArray()).putLong(account.balance()).putLong(account.nonce()));
    return out.array();
  }

  public static BlockUndo decodeUndo(Hash block, byte[] payload) {
    try {
      ByteBuffer in = ByteBuffer.wrap(payload);
      int n = in.getInt();
      if (n < 0 || (long) n * (Address.SIZE + 16) != in.remaining()) {
        throw new IllegalArgumentException("count " + n + " does not match " + payload.length + " bytes");
      }
      Map<Address, Account> previous = new HashMap<>();
      byte[] a = new byte[Address.SIZE];
      for (int i = 0; i < n; i++) {
        in.get(a);
        previous.put(Address.of(a), new Account(in.getLong(), in.getLong()));
      }
      return new BlockUndo(block, previous);
    } catch (RuntimeException e) {
      throw new DamagedRecordException("the undo record of block " + block + " does not decode: " + e.getMessage(), e);
    }
  }

  // ---- counters: value:8 -------------------------------------------------------------------------

  public static byte[] encodeLong(long v) {
    return ByteBuffer.allocate(8).putLong(v).array();
  }

  public static long decodeLong(String what, byte[] payload) {
    if (payload.length != 8) {
      throw new DamagedRecordException(what + " is " + payload.length + " bytes, not 8");
    }
    return ByteBuffer.wrap(payload).getLong();
  }

  static String hex(byte[] key) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(key.length, 40); i++) {
      sb.append(String.format("%02x", key[i]));
    }
    return key.length > 40 ? sb + "..." : sb.toString();
  }
}
