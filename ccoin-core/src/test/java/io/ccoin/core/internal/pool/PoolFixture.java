package io.ccoin.core.internal.pool;

import com.fasterxml.jackson.databind.JsonNode;
import io.ccoin.api.Account;
import io.ccoin.api.Address;
import io.ccoin.api.Bytes;
import io.ccoin.api.ConsensusParams;
import io.ccoin.api.Hash;
import io.ccoin.api.Transaction;
import io.ccoin.core.Hashes;
import io.ccoin.core.TransactionBuilder;
import io.ccoin.core.Vectors;
import io.ccoin.core.codec.Codec;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.internal.state.TxVerifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Keys, network parameters, accounts and signed transactions for the pool tests. */
final class PoolFixture {
  static final long CHAIN_ID = 7;
  static final Hash GENESIS = Hash.fromHex("11".repeat(32));
  static final Address RECIPIENT = Address.fromHex("22".repeat(20));
  static final long MIN_FEE = 1;
  static final long MAX_TX_DATA = 64;
  static final long RICH = 1_000_000;

  /** The three keys of vectors/keys.json, loaded once. */
  static final List<AccountKey> KEYS = loadKeys();
  static final AccountKey A = KEYS.get(0);
  static final AccountKey B = KEYS.get(1);
  static final AccountKey C = KEYS.get(2);

  private PoolFixture() {}

  private static List<AccountKey> loadKeys() {
    List<AccountKey> keys = new ArrayList<>();
    for (JsonNode k : Vectors.json("keys.json").get("keys")) {
      keys.add(AccountKey.fromPkcs8(Bytes.fromBase64(k.get("pkcs8").asText())));
    }
    return List.copyOf(keys);
  }

  static ConsensusParams params() {
    return new ConsensusParams(CHAIN_ID, List.of(A.address()), 1_000, 100, 0, 0, 0, true, 1_000, 0,
        MAX_TX_DATA, 0, 100_000, MIN_FEE, 1, 0);
  }

  static TxVerifier verifier() {
    return new TxVerifier(params(), GENESIS, 10_000);
  }

  static TransactionBuilder builder() {
    return TransactionBuilder.forNetwork(CHAIN_ID, GENESIS).to(RECIPIENT).value(1);
  }

  /** A transfer of 1 coin. */
  static Transaction tx(AccountKey key, long nonce, long fee) {
    return builder().nonce(nonce).fee(fee).sign(key);
  }

  static Transaction tx(AccountKey key, long nonce, long fee, long value) {
    return builder().nonce(nonce).fee(fee).value(value).sign(key);
  }

  static Transaction txWithData(AccountKey key, long nonce, long fee, int dataLength) {
    return builder().nonce(nonce).fee(fee).data(Bytes.of(new byte[dataLength])).sign(key);
  }

  static Hash hash(Transaction tx) {
    return Hashes.txHash(tx);
  }

  static int size(Transaction tx) {
    return Codec.encode(tx).length;
  }

  /** Accounts in a map: an {@link AccountReader} the test changes at will. */
  static final class Accounts implements AccountReader {
    private final Map<Address, Account> map = new ConcurrentHashMap<>();

    /** Every test key with a large balance and nonce 0. */
    static Accounts rich() {
      Accounts a = new Accounts();
      for (AccountKey k : KEYS) {
        a.set(k, RICH, 0);
      }
      return a;
    }

    Accounts set(AccountKey key, long balance, long nonce) {
      map.put(key.address(), new Account(balance, nonce));
      return this;
    }

    Accounts copy() {
      Accounts c = new Accounts();
      c.map.putAll(map);
      return c;
    }

    @Override
    public Account account(Address address) {
      return map.getOrDefault(address, Account.EMPTY);
    }
  }
}
