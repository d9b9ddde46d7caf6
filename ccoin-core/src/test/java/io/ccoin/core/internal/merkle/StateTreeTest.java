package io.ccoin.core.internal.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.Account;
import io.ccoin.api.Address;
import io.ccoin.api.Hash;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Behaviour of {@link StateTree} beyond its root: lookups, cost, and independence of copies. */
class StateTreeTest {

  @Test
  void newTreeIsEmpty() {
    StateTree tree = new StateTree();

    assertThat(tree.root()).isEqualTo(Hash.ZERO);
    assertThat(tree.size()).isZero();
    assertThat(tree.isEmpty()).isTrue();
  }

  @Test
  void aTreeIsFullyHashedOnlyOnceItsRootWasComputed() {
    assertThat(new StateTree().isFullyHashed()).isTrue();
    StateTree tree = StateTree.of(new RandomAccounts(6002).accounts(20));
    assertThat(tree.isFullyHashed()).isFalse();
    tree.root();
    assertThat(tree.isFullyHashed()).isTrue();
    StateTree copy = tree.copy();
    copy.put(new RandomAccounts(6003).accounts(1).keySet().iterator().next(), new Account(5, 0));
    assertThat(copy.isFullyHashed()).isFalse();
    assertThat(tree.isFullyHashed()).isTrue();
  }

  @Test
  void getReturnsTheAccountOrEmpty() {
    RandomAccounts gen = new RandomAccounts(6001);
    Map<Address, Account> accounts = gen.accounts(50);
    StateTree tree = StateTree.of(accounts);

    accounts.forEach((a, account) -> {
      assertThat(tree.get(a)).isEqualTo(account);
      assertThat(tree.contains(a)).isTrue();
      Address neighbour = gen.near(a, 159);
      assertThat(tree.get(neighbour)).isEqualTo(accounts.getOrDefault(neighbour, Account.EMPTY));
    });
  }

  @Test
  void emptyAccountsAreNotStored() {
    RandomAccounts gen = new RandomAccounts(6002);
    Address a = gen.address();
    Map<Address, Account> accounts = new HashMap<>(Map.of(a, new Account(0, 0), gen.address(), new Account(1, 0)));

    StateTree bulk = StateTree.of(accounts);
    StateTree incremental = new StateTree();
    incremental.putAll(accounts);
    incremental.put(gen.address(), Account.EMPTY);

    assertThat(bulk.size()).isEqualTo(1);
    assertThat(incremental.size()).isEqualTo(1);
    assertThat(bulk.contains(a)).isFalse();
    assertThat(incremental.root()).isEqualTo(bulk.root());
  }

  @Test
  void updatingKAccountsHashesOnlyTheirPaths() {
    RandomAccounts gen = new RandomAccounts(6003);
    Map<Address, Account> accounts = new HashMap<>();
    while (accounts.size() < 20_000) {
      accounts.put(gen.address(), gen.account());
    }
    StateTree tree = StateTree.of(accounts);
    long start = tree.hashCount();
    tree.root();
    long full = tree.hashCount() - start;
    List<Address> addresses = new ArrayList<>(accounts.keySet());

    long beforeUpdates = tree.hashCount();
    for (int i = 0; i < 10; i++) {
      tree.put(addresses.get(i), gen.account());
    }
    tree.put(gen.address(), gen.account());
    tree.put(addresses.get(10), Account.EMPTY);
    long afterPuts = tree.hashCount();
    tree.root();
    long incremental = tree.hashCount() - afterPuts;

    assertThat(full).isGreaterThanOrEqualTo(2L * accounts.size() - 1);
    assertThat(afterPuts).as("put hashes nothing").isEqualTo(beforeUpdates);
    // 12 paths of about log2(20000) = 14.3 nodes each; allow twice that.
    assertThat(incremental).isBetween(12L, 12L * 2 * 15);
    tree.root();
    tree.copy();
    assertThat(tree.hashCount() - afterPuts).as("a clean root or copy hashes nothing").isEqualTo(incremental);
  }

  @Test
  void copyIsIndependentOfTheOriginal() {
    RandomAccounts gen = new RandomAccounts(6004);
    Map<Address, Account> accounts = gen.accounts(100);
    StateTree original = StateTree.of(accounts);
    Hash rootBefore = original.root();
    List<Address> addresses = new ArrayList<>(accounts.keySet());

    StateTree copy = original.copy();
    Map<Address, Account> copyModel = new HashMap<>(accounts);
    for (int i = 0; i < 20; i++) {
      Address a = i % 3 == 0 ? addresses.get(i) : gen.addressAmong(addresses);
      Account account = i % 3 == 0 ? Account.EMPTY : gen.account();
      copy.put(a, account);
      copyModel.put(a, account);
    }
    copyModel.values().removeIf(Account::isEmpty);

    assertThat(copy.root()).isEqualTo(NaiveStateTree.root(copyModel));
    assertThat(original.root()).isEqualTo(rootBefore);
    assertThat(original.size()).isEqualTo(accounts.size());
    addresses.forEach(a -> assertThat(original.get(a)).isEqualTo(accounts.get(a)));

    original.put(addresses.get(1), Account.EMPTY);
    assertThat(copy.root()).isEqualTo(NaiveStateTree.root(copyModel));
    assertThat(copy.get(addresses.get(1))).isEqualTo(copyModel.getOrDefault(addresses.get(1), Account.EMPTY));
  }

  @Test
  void copyOfATreeWithPendingChangesSeesThem() {
    RandomAccounts gen = new RandomAccounts(6005);
    Map<Address, Account> accounts = gen.accounts(30);
    StateTree tree = StateTree.of(accounts);
    tree.root();
    Address added = gen.address();
    Account account = gen.account();
    tree.put(added, account);

    StateTree copy = tree.copy();
    tree.put(added, Account.EMPTY);

    accounts.put(added, account);
    assertThat(copy.get(added)).isEqualTo(account);
    assertThat(copy.root()).isEqualTo(NaiveStateTree.root(accounts));
    accounts.remove(added);
    assertThat(tree.root()).isEqualTo(NaiveStateTree.root(accounts));
  }

  @Test
  void copiesMayBeUpdatedOnDifferentThreads() {
    RandomAccounts gen = new RandomAccounts(6006);
    Map<Address, Account> base = gen.accounts(500);
    StateTree canonical = StateTree.of(base);
    List<Map<Address, Account>> changes = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      changes.add(gen.accounts(200));
    }

    List<CompletableFuture<Hash>> roots = new ArrayList<>();
    for (Map<Address, Account> change : changes) {
      StateTree candidate = canonical.copy();
      roots.add(CompletableFuture.supplyAsync(() -> {
        candidate.putAll(change);
        return candidate.root();
      }));
    }

    for (int t = 0; t < changes.size(); t++) {
      Map<Address, Account> expected = new HashMap<>(base);
      expected.putAll(changes.get(t));
      assertThat(roots.get(t).join()).isEqualTo(StateTree.of(expected).root());
    }
    assertThat(canonical.root()).isEqualTo(StateTree.of(base).root());
  }

  @Test
  void forEachVisitsAccountsInAddressOrder() {
    RandomAccounts gen = new RandomAccounts(6007);
    Map<Address, Account> accounts = gen.accounts(200);
    List<Address> visited = new ArrayList<>();

    StateTree.of(accounts).forEach((a, account) -> {
      assertThat(account).isEqualTo(accounts.get(a));
      visited.add(a);
    });

    assertThat(visited).hasSize(accounts.size()).isSorted();
  }
}
