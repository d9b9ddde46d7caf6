package io.ccoin.core.internal.merkle;

import io.ccoin.core.merkle.StateProof;

import io.ccoin.api.Account;
import io.ccoin.api.Address;
import io.ccoin.api.Hash;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SPEC 4 transcribed literally, as the independent reference for {@link StateTree}: the recursive
 * {@code T(S, d)} over lists of accounts, partitioned again at every level, with its own bit
 * arithmetic and a fresh digest per hash. Slow by design.
 */
final class NaiveStateTree {
  private NaiveStateTree() {}

  /** {@code stateRoot = T(all accounts, 0)}; empty accounts do not exist and are skipped. */
  static Hash root(Map<Address, Account> accounts) {
    return Hash.of(t(existing(accounts), 0));
  }

  /**
   * The proof SPEC 4 describes: the siblings {@code T(S_other, d + 1)} met on the way down while
   * the subtree holds two or more accounts, then the terminal EMPTY or lone leaf.
   */
  static StateProof proof(Map<Address, Account> accounts, Address address) {
    List<Map.Entry<Address, Account>> s = existing(accounts);
    List<Hash> siblings = new ArrayList<>();
    int d = 0;
    while (s.size() >= 2) {
      List<Map.Entry<Address, Account>> zero = side(s, d, false);
      List<Map.Entry<Address, Account>> one = side(s, d, true);
      boolean bit = bit(address.toArray(), d);
      siblings.add(Hash.of(t(bit ? zero : one, d + 1)));
      s = bit ? one : zero;
      d++;
    }
    StateProof.Terminal terminal = s.isEmpty()
        ? StateProof.Terminal.empty()
        : StateProof.Terminal.leaf(s.get(0).getKey(), s.get(0).getValue());
    return new StateProof(address, siblings, terminal);
  }

  private static List<Map.Entry<Address, Account>> existing(Map<Address, Account> accounts) {
    List<Map.Entry<Address, Account>> s = new ArrayList<>();
    accounts.forEach((a, acc) -> {
      if (acc.balance() != 0 || acc.nonce() != 0) {
        s.add(Map.entry(a, acc));
      }
    });
    return s;
  }

  private static byte[] t(List<Map.Entry<Address, Account>> s, int d) {
    if (s.isEmpty()) {
      return new byte[32];
    }
    if (s.size() == 1) {
      Map.Entry<Address, Account> a = s.get(0);
      return sha256(ByteBuffer.allocate(1 + 20 + 8 + 8)
          .put((byte) 0x00).put(a.getKey().toArray()).putLong(a.getValue().balance()).putLong(a.getValue().nonce())
          .array());
    }
    return sha256(ByteBuffer.allocate(1 + 32 + 32)
        .put((byte) 0x01).put(t(side(s, d, false), d + 1)).put(t(side(s, d, true), d + 1))
        .array());
  }

  private static List<Map.Entry<Address, Account>> side(List<Map.Entry<Address, Account>> s, int d, boolean one) {
    List<Map.Entry<Address, Account>> side = new ArrayList<>();
    for (Map.Entry<Address, Account> e : s) {
      if (bit(e.getKey().toArray(), d) == one) {
        side.add(e);
      }
    }
    return side;
  }

  /** Bit d of a 20-byte address: bit 0 is the most significant bit of byte 0. */
  private static boolean bit(byte[] address, int d) {
    return ((address[d / 8] >> (7 - d % 8)) & 1) == 1;
  }

  private static byte[] sha256(byte[] input) {
    return Rfc6962Reference.sha256(input);
  }
}
