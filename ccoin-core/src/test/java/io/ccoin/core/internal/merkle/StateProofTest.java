package io.ccoin.core.internal.merkle;

import io.ccoin.core.merkle.StateProof;
import io.ccoin.core.merkle.StateProofVerifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.Account;
import io.ccoin.api.Address;
import io.ccoin.api.Hash;
import io.ccoin.api.ValidationResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StateProofTest {

  @Test
  void proofsOfRandomTreesMatchTheReferenceAndVerify() {
    RandomAccounts gen = new RandomAccounts(5001);
    int presence = 0;
    int absenceByLeaf = 0;
    int absenceByEmpty = 0;
    for (int round = 0; round < 200; round++) {
      Map<Address, Account> accounts = gen.accounts(gen.random().nextInt(30));
      StateTree tree = StateTree.of(accounts);
      Hash root = tree.root();
      List<Address> targets = new ArrayList<>(accounts.keySet());
      for (int i = 0; i < 10; i++) {
        targets.add(gen.addressAmong(new ArrayList<>(accounts.keySet())));
      }
      for (Address a : targets) {
        StateProof proof = tree.proof(a);

        assertThat(proof).isEqualTo(NaiveStateTree.proof(accounts, a));
        assertThat(StateProofVerifier.verify(proof, root)).isEqualTo(ValidationResult.valid());
        assertThat(proof.account()).isEqualTo(accounts.getOrDefault(a, Account.EMPTY));
        assertThat(proof.isPresence()).isEqualTo(accounts.containsKey(a));
        if (proof.isPresence()) {
          presence++;
        } else if (proof.terminal() instanceof StateProof.Leaf) {
          absenceByLeaf++;
        } else {
          absenceByEmpty++;
        }
      }
    }
    assertThat(presence).isGreaterThan(100);
    assertThat(absenceByLeaf).isGreaterThan(100);
    assertThat(absenceByEmpty).isGreaterThan(100);
  }

  @Test
  void proofDoesNotVerifyAgainstAnotherRoot() {
    RandomAccounts gen = new RandomAccounts(5002);
    Map<Address, Account> accounts = gen.accounts(20);
    StateTree tree = StateTree.of(accounts);
    Address a = accounts.keySet().iterator().next();
    StateProof before = tree.proof(a);
    tree.put(a, new Account(accounts.get(a).balance() + 1, accounts.get(a).nonce()));

    ValidationResult result = StateProofVerifier.verify(before, tree.root());

    assertThat(result.isValid()).isFalse();
    assertThat(result.rule()).isEqualTo(StateProofVerifier.ROOT_MISMATCH);
  }

  /** Named proofs of every kind, from one tree that has short and full-depth paths. */
  static Stream<Named<ProofCase>> proofCases() {
    RandomAccounts gen = new RandomAccounts(5003);
    Map<Address, Account> accounts = gen.accounts(12);
    Address deep = accounts.keySet().iterator().next();
    Address twin = gen.near(deep, 159);
    Address cousin = gen.near(deep, 80);
    accounts.put(twin, gen.account());
    accounts.put(cousin, gen.account());
    StateTree tree = StateTree.of(accounts);
    Address shallow = accounts.keySet().stream()
        .filter(a -> tree.proof(a).siblings().size() <= 6)
        .findFirst().orElseThrow();
    Address absentByEmpty = Stream.generate(gen::address)
        .filter(a -> tree.proof(a).terminal() instanceof StateProof.Empty && !tree.proof(a).siblings().isEmpty())
        .findFirst().orElseThrow();
    Address absentByLeaf = gen.near(shallow, tree.proof(shallow).siblings().size() + 3);
    return Stream.of(
        Named.of("presence, shallow", new ProofCase(tree, shallow)),
        Named.of("presence, 160 siblings", new ProofCase(tree, deep)),
        Named.of("presence, 81 siblings", new ProofCase(tree, cousin)),
        Named.of("absence by foreign leaf", new ProofCase(tree, absentByLeaf)),
        Named.of("absence by empty subtree", new ProofCase(tree, absentByEmpty)),
        Named.of("absence next to two 159-bit twins", new ProofCase(tree, gen.near(deep, 158))));
  }

  record ProofCase(StateTree tree, Address address) {}

  /**
   * Every single-bit change to a sibling or to the terminal breaks the proof. A change to the
   * proven address breaks it unless the bit lies below the terminal's depth: then the proof proves
   * something else, and that must be true (the changed address has no account).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("proofCases")
  void everySingleBitCorruptionFails(ProofCase c) {
    StateProof proof = c.tree().proof(c.address());
    Hash root = c.tree().root();
    assertThat(StateProofVerifier.verify(proof, root).isValid()).isTrue();
    List<Hash> siblings = proof.siblings();
    int checked = 0;

    for (int s = 0; s < siblings.size(); s++) {
      // All 256 bits of up to 24 siblings (the first and last always), one bit of the others.
      boolean all = siblings.size() <= 24 || s < 12 || s >= siblings.size() - 12;
      for (int bit = 0; bit < 256; bit++) {
        if (!all && bit != (s * 37) % 256) {
          continue;
        }
        List<Hash> corrupted = new ArrayList<>(siblings);
        corrupted.set(s, flip(siblings.get(s), bit));
        assertRejected(new StateProof(proof.address(), corrupted, proof.terminal()), root);
        checked++;
      }
    }

    for (int bit = 0; bit < 160; bit++) {
      StateProof moved = new StateProof(flip(proof.address(), bit), siblings, proof.terminal());
      ValidationResult result = StateProofVerifier.verify(moved, root);
      if (bit < siblings.size()) {
        assertThat(result.isValid()).as("address bit %d", bit).isFalse();
      } else if (result.isValid()) {
        assertThat(moved.isPresence()).isFalse();
        assertThat(c.tree().get(moved.address())).isEqualTo(moved.account());
      }
      checked++;
    }

    if (proof.terminal() instanceof StateProof.Leaf leaf) {
      for (int bit = 0; bit < 160; bit++) {
        assertRejected(withTerminal(proof, StateProof.Terminal.leaf(flip(leaf.address(), bit), leaf.account())), root);
      }
      // Bit 63 would make a negative long, which an Account cannot hold.
      for (int bit = 0; bit < 63; bit++) {
        Account balance = new Account(leaf.account().balance() ^ (1L << bit), leaf.account().nonce());
        Account nonce = new Account(leaf.account().balance(), leaf.account().nonce() ^ (1L << bit));
        assertRejected(withTerminal(proof, StateProof.Terminal.leaf(leaf.address(), balance)), root);
        assertRejected(withTerminal(proof, StateProof.Terminal.leaf(leaf.address(), nonce)), root);
      }
      assertRejected(withTerminal(proof, StateProof.Terminal.empty()), root);
      checked += 160 + 2 * 63 + 1;
    } else {
      assertRejected(withTerminal(proof, StateProof.Terminal.leaf(proof.address(), new Account(1, 0))), root);
      checked++;
    }

    if (!siblings.isEmpty()) {
      assertRejected(new StateProof(proof.address(), siblings.subList(0, siblings.size() - 1), proof.terminal()), root);
      assertRejected(new StateProof(proof.address(), siblings.subList(1, siblings.size()), proof.terminal()), root);
      List<Hash> reversed = new ArrayList<>(siblings);
      Collections.reverse(reversed);
      if (!reversed.equals(siblings)) {
        assertRejected(new StateProof(proof.address(), reversed, proof.terminal()), root);
      }
    }
    List<Hash> longer = new ArrayList<>(siblings);
    longer.add(Hash.ZERO);
    assertRejected(new StateProof(proof.address(), longer, proof.terminal()), root);
    assertThat(checked).isGreaterThan(160);
  }

  private static void assertRejected(StateProof corrupted, Hash root) {
    assertThat(StateProofVerifier.verify(corrupted, root).isValid()).as("%s", corrupted).isFalse();
  }

  private static StateProof withTerminal(StateProof proof, StateProof.Terminal terminal) {
    return new StateProof(proof.address(), proof.siblings(), terminal);
  }

  private static Hash flip(Hash h, int bit) {
    byte[] b = h.toArray();
    b[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
    return Hash.of(b);
  }

  private static Address flip(Address a, int bit) {
    byte[] b = a.toArray();
    b[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
    return Address.of(b);
  }

  @Test
  void moreThan160SiblingsIsMalformedNotAnException() {
    Address a = new RandomAccounts(5004).address();
    StateProof proof = new StateProof(a, Collections.nCopies(161, Hash.ZERO), StateProof.Terminal.empty());

    ValidationResult result = StateProofVerifier.verify(proof, Hash.ZERO);

    assertThat(result.isValid()).isFalse();
    assertThat(result.rule()).isEqualTo(StateProofVerifier.MALFORMED);
    assertThat(result.reason()).contains("at most 160 siblings").contains("161");
    assertThat(StateProofVerifier.computeRoot(proof)).isEmpty();
  }

  @Test
  void foreignLeafOffThePathIsMalformed() {
    RandomAccounts gen = new RandomAccounts(5005);
    Address a = gen.address();
    Address other = gen.near(a, 3);
    StateProof proof = new StateProof(a, List.of(Hash.ZERO, Hash.ZERO, Hash.ZERO, Hash.ZERO),
        StateProof.Terminal.leaf(other, new Account(5, 1)));

    ValidationResult result = StateProofVerifier.checkShape(proof);

    assertThat(result.isValid()).isFalse();
    assertThat(result.reason()).contains("shares only 3 leading bits").contains("depth 4");
    assertThat(StateProofVerifier.checkShape(new StateProof(a, proof.siblings().subList(0, 3), proof.terminal())).isValid()).isTrue();
  }

  @Test
  void leafWithAnEmptyAccountIsMalformed() {
    Address a = new RandomAccounts(5006).address();
    StateProof proof = new StateProof(a, List.of(), StateProof.Terminal.leaf(a, Account.EMPTY));

    ValidationResult result = StateProofVerifier.verify(proof, new NodeHasher().stateLeaf(a, Account.EMPTY));

    assertThat(result.isValid()).isFalse();
    assertThat(result.rule()).isEqualTo(StateProofVerifier.MALFORMED);
  }

  @Test
  void emptyTreeProvesAbsenceWithEmptyTerminal() {
    Address a = new RandomAccounts(5007).address();
    StateProof proof = new StateTree().proof(a);

    assertThat(proof).isEqualTo(new StateProof(a, List.of(), StateProof.Terminal.empty()));
    assertThat(StateProofVerifier.verify(proof, Hash.ZERO).isValid()).isTrue();
    assertThat(proof.isPresence()).isFalse();
    assertThat(proof.account()).isEqualTo(Account.EMPTY);
  }

  @Test
  void proofCopiesItsSiblings() {
    Address a = new RandomAccounts(5008).address();
    List<Hash> siblings = new ArrayList<>(List.of(Hash.ZERO));
    StateProof proof = new StateProof(a, siblings, StateProof.Terminal.empty());
    siblings.add(Hash.ZERO);

    assertThat(proof.siblings()).hasSize(1);
  }
}
