package io.ccoin.bench;

import io.ccoin.api.Account;
import io.ccoin.api.Address;
import io.ccoin.api.ConsensusParams;
import io.ccoin.api.Genesis;
import io.ccoin.api.Hash;
import io.ccoin.api.Transaction;
import io.ccoin.core.TransactionBuilder;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.genesis.GenesisBlock;
import io.ccoin.core.genesis.GenesisParser;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * A network for benchmarks: three miners, {@code senders} rich accounts and, optionally,
 * {@code extra} accounts at random addresses (so that the state has a given size). Keys are derived
 * from a seed, so every run benchmarks the same data. Immutable after construction.
 */
final class BenchNetwork {
  static final long T0 = ImportFixture.T0;
  static final long SENDER_BALANCE = 1_000_000_000_000L;

  final List<AccountKey> miners;
  final List<AccountKey> senders;
  /** The random extra accounts, in creation order. */
  final List<Address> extra;
  final GenesisBlock genesis;
  final ConsensusParams params;

  private BenchNetwork(List<AccountKey> miners, List<AccountKey> senders, List<Address> extra, GenesisBlock genesis) {
    this.miners = miners;
    this.senders = senders;
    this.extra = extra;
    this.genesis = genesis;
    this.params = genesis.genesis().params();
  }

  /**
   * A network of {@code senderCount} senders and {@code extraAccounts} other accounts, whose blocks
   * hold at most {@code maxBound} transactions.
   */
  static BenchNetwork create(int senderCount, int extraAccounts, int maxBound, long seed) {
    return create(senderCount, extraAccounts, maxBound, seed, 0);
  }

  /**
   * As {@link #create(int, int, int, long)}, a version 2 network (authority voting, SPEC 7.1) with
   * this {@code epoch} when it is above 0.
   */
  static BenchNetwork create(int senderCount, int extraAccounts, int maxBound, long seed, long epoch) {
    List<AccountKey> keys = keys(3 + senderCount, seed);
    List<AccountKey> miners = keys.subList(0, 3);
    List<AccountKey> senders = keys.subList(3, keys.size());
    String text = """
        {
          "network_id": 9,
          "timestamp": %d,
          "miners": ["%s", "%s", "%s"],
          "block_mining": {"interval": 1, "max_bound": %d, "min_bound": 2, "reward": 100, "difficulty": 1,
                           "allow_empty": true, "placeholder_data": ["rnd", 4], "leader_timeout": 0.5,
                           "min_gap": 0.1, "max_drift": 0.2%s},
          "genesis_block": {"coinbase": "", "difficulty": 1},
          "alloc": {}
        }
        """.formatted(T0, miners.get(0).address(), miners.get(1).address(), miners.get(2).address(), maxBound,
        epoch > 0 ? ", \"epoch\": " + epoch : "");
    Genesis parsed = GenesisParser.parse(text);
    Map<Address, Account> alloc = new HashMap<>();
    for (AccountKey s : senders) {
      alloc.put(s.address(), new Account(SENDER_BALANCE, 0));
    }
    Random random = new Random(seed);
    List<Address> extra = new ArrayList<>(extraAccounts);
    while (extra.size() < extraAccounts) {
      Address a = randomAddress(random);
      if (alloc.putIfAbsent(a, new Account(1 + random.nextInt(1_000_000), random.nextInt(100))) == null) {
        extra.add(a);
      }
    }
    Genesis g = new Genesis(parsed.params(), parsed.timestamp(), parsed.coinbase(), parsed.coinbaseReward(),
        parsed.genesisDifficulty(), alloc, parsed.maxPeers(), parsed.placeholderData());
    return new BenchNetwork(List.copyOf(miners), List.copyOf(senders), List.copyOf(extra), GenesisBlock.build(g));
  }

  Hash genesisHash() {
    return genesis.hash();
  }

  /** A transfer of {@code value} with fee 1, signed by sender {@code s}. */
  Transaction transfer(int s, long nonce, Address to, long value) {
    return TransactionBuilder.forNetwork(params.networkId(), genesis.hash()).nonce(nonce).to(to).value(value).fee(1)
        .sign(senders.get(s));
  }

  static Address randomAddress(Random random) {
    byte[] a = new byte[Address.SIZE];
    random.nextBytes(a);
    return Address.of(a);
  }

  /** {@code count} RSA-2048 keys derived from {@code seed}, generated on all cores. */
  static List<AccountKey> keys(int count, long seed) {
    return IntStream.range(0, count).parallel().mapToObj(i -> {
      try {
        SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
        r.setSeed(seed * 1_000_003L + i);
        return AccountKey.generate(r);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }
}
