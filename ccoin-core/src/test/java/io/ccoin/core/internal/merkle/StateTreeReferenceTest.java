package io.ccoin.core.internal.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.Account;
import io.ccoin.api.Address;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@link StateTree} against {@link NaiveStateTree}, the literal SPEC 4, on seeded random data. */
class StateTreeReferenceTest {

  @Test
  void randomSetsHaveTheReferenceRoot() {
    RandomAccounts gen = new RandomAccounts(4001);
    for (int round = 0; round < 2000; round++) {
      Map<Address, Account> accounts = gen.accounts(gen.random().nextInt(round < 100 ? 4 : 40));
      List<Address> order = new ArrayList<>(accounts.keySet());
      Collections.shuffle(order, gen.random());
      StateTree incremental = new StateTree();
      order.forEach(a -> incremental.put(a, accounts.get(a)));

      StateTree bulk = StateTree.of(accounts);

      assertThat(bulk.root()).as("round %d, %s", round, accounts).isEqualTo(NaiveStateTree.root(accounts));
      assertThat(incremental.root()).as("round %d, insertion order %s", round, order).isEqualTo(bulk.root());
      assertThat(bulk.size()).isEqualTo(accounts.size());
      assertThat(contents(bulk)).isEqualTo(new TreeMap<>(accounts));
    }
  }

  @Test
  void randomUpdateSequencesKeepTheReferenceRoot() {
    RandomAccounts gen = new RandomAccounts(4002);
    for (int sequence = 0; sequence < 150; sequence++) {
      Map<Address, Account> model = gen.accounts(gen.random().nextInt(20));
      StateTree tree = StateTree.of(model);
      List<String> log = new ArrayList<>();
      for (int step = 0; step < 40; step++) {
        int batch = 1 + gen.random().nextInt(4);
        Map<Address, Account> touched = new LinkedHashMap<>();
        for (int i = 0; i < batch; i++) {
          Address a = pickAddress(gen, model);
          Account account = pickAccount(gen, model, a);
          tree.put(a, account);
          log.add(a + " := " + account);
          if (account.isEmpty()) {
            model.remove(a);
          } else {
            model.put(a, account);
          }
          touched.put(a, model.getOrDefault(a, Account.EMPTY));
        }

        assertThat(tree.root()).as("sequence %d after %s", sequence, log).isEqualTo(NaiveStateTree.root(model));
        assertThat(tree.size()).isEqualTo(model.size());
        touched.forEach((a, expected) -> assertThat(tree.get(a)).isEqualTo(expected));
      }
      assertThat(contents(tree)).isEqualTo(new TreeMap<>(model));
    }
  }

  /** An existing address, one close to an existing one, a fresh one, or one just removed. */
  private static Address pickAddress(RandomAccounts gen, Map<Address, Account> model) {
    List<Address> existing = new ArrayList<>(model.keySet());
    if (!existing.isEmpty() && gen.random().nextInt(5) < 2) {
      return existing.get(gen.random().nextInt(existing.size()));
    }
    return gen.addressAmong(existing);
  }

  /** A new account, a removal (both spellings), or the unchanged account. */
  private static Account pickAccount(RandomAccounts gen, Map<Address, Account> model, Address a) {
    switch (gen.random().nextInt(8)) {
      case 0:
        return Account.EMPTY;
      case 1:
        return new Account(0, 0);
      case 2:
        return model.getOrDefault(a, Account.EMPTY);
      default:
        return gen.account();
    }
  }

  private static Map<Address, Account> contents(StateTree tree) {
    Map<Address, Account> contents = new LinkedHashMap<>();
    tree.forEach(contents::put);
    assertThat(new ArrayList<>(contents.keySet())).isSorted();
    return new TreeMap<>(contents);
  }

  @Test
  void removingEveryAccountLeavesTheEmptyRoot() {
    RandomAccounts gen = new RandomAccounts(4003);
    Map<Address, Account> accounts = gen.accounts(300);
    StateTree tree = StateTree.of(accounts);
    List<Address> order = new ArrayList<>(accounts.keySet());
    Collections.shuffle(order, gen.random());
    Map<Address, Account> model = new HashMap<>(accounts);
    for (int i = 0; i < order.size(); i++) {
      tree.put(order.get(i), Account.EMPTY);
      model.remove(order.get(i));
      if (i % 30 == 0 || model.size() < 4) {
        assertThat(tree.root()).isEqualTo(NaiveStateTree.root(model));
      }
    }
    assertThat(tree.isEmpty()).isTrue();
    assertThat(tree.root()).isEqualTo(io.ccoin.api.Hash.ZERO);
  }

  @Test
  void addressesDifferingOnlyInTheLastBit() {
    RandomAccounts gen = new RandomAccounts(4004);
    Address a = gen.address();
    Address b = gen.near(a, 159);
    Address c = gen.near(a, 158);
    Map<Address, Account> model = new HashMap<>();
    StateTree tree = new StateTree();
    for (Address x : List.of(a, b, c)) {
      Account account = gen.account();
      model.put(x, account);
      tree.put(x, account);
      assertThat(tree.root()).isEqualTo(NaiveStateTree.root(model));
    }
    assertThat(tree.proof(a).siblings()).hasSize(160);
    assertThat(tree.proof(c).siblings()).hasSize(159);
    for (Address x : List.of(b, a, c)) {
      tree.put(x, Account.EMPTY);
      model.remove(x);
      assertThat(tree.root()).isEqualTo(NaiveStateTree.root(model));
    }
  }
}
