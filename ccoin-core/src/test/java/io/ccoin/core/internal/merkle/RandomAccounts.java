package io.ccoin.core.internal.merkle;

import io.ccoin.api.Account;
import io.ccoin.api.Address;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded random addresses and accounts for the state-tree tests, biased towards the hard cases:
 * addresses that share long prefixes (80, 159 bits...), zero balances, extreme values.
 */
final class RandomAccounts {
  private static final int[] INTERESTING_PREFIXES = {0, 1, 7, 8, 79, 80, 81, 158, 159};

  private final Random random;

  RandomAccounts(long seed) {
    this.random = new Random(seed);
  }

  Random random() {
    return random;
  }

  Address address() {
    byte[] b = new byte[Address.SIZE];
    random.nextBytes(b);
    return Address.of(b);
  }

  /** An address sharing exactly the first {@code sharedBits} (0..159) bits with {@code base}. */
  Address near(Address base, int sharedBits) {
    byte[] b = base.toArray();
    for (int i = sharedBits; i < Address.SIZE * 8; i++) {
      boolean flip = i == sharedBits || random.nextBoolean();
      if (flip) {
        b[i / 8] ^= (byte) (0x80 >>> (i % 8));
      }
    }
    return Address.of(b);
  }

  /** A prefix length to share: often one of the hard cases, otherwise anything. */
  int sharedBits() {
    return random.nextInt(3) == 0 ? random.nextInt(160) : INTERESTING_PREFIXES[random.nextInt(INTERESTING_PREFIXES.length)];
  }

  /** An address that is fresh half of the time and close to one of {@code existing} otherwise. */
  Address addressAmong(List<Address> existing) {
    if (existing.isEmpty() || random.nextBoolean()) {
      return address();
    }
    return near(existing.get(random.nextInt(existing.size())), sharedBits());
  }

  /** An account that exists: balance and nonce not both 0. */
  Account account() {
    while (true) {
      long balance = value();
      long nonce = random.nextInt(4) == 0 ? 0 : value();
      if (balance != 0 || nonce != 0) {
        return new Account(balance, nonce);
      }
    }
  }

  private long value() {
    switch (random.nextInt(5)) {
      case 0:
        return 0;
      case 1:
        return Long.MAX_VALUE - random.nextInt(3);
      case 2:
        return random.nextLong() & Long.MAX_VALUE;
      default:
        return random.nextInt(1000);
    }
  }

  /** {@code n} accounts, many of them at addresses sharing long prefixes. */
  Map<Address, Account> accounts(int n) {
    Map<Address, Account> accounts = new HashMap<>();
    List<Address> addresses = new ArrayList<>();
    while (accounts.size() < n) {
      Address a = addressAmong(addresses);
      if (accounts.put(a, account()) == null) {
        addresses.add(a);
      }
    }
    return accounts;
  }
}
