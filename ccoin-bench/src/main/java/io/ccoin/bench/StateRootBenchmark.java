package io.ccoin.bench;

import io.ccoin.api.Account;
import io.ccoin.api.Address;
import io.ccoin.api.Hash;
import io.ccoin.core.crypto.Sha256;
import io.ccoin.core.internal.merkle.StateTree;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The state root (SPEC 4) after changing {@code changed} existing accounts among {@code accounts},
 * updates per second on one thread: copy the head's tree (O(1)), set the new balances, compute the
 * root. The baseline is the hashing no implementation of this tree can avoid, done with a raw
 * {@link MessageDigest}: one leaf hash (37 bytes) per changed account and one interior hash (65
 * bytes) per distinct node on their paths to the root, counted exactly from the tree's shape in
 * setup. The ratio is what the tree's bookkeeping (path copying, node objects, lookups) costs on
 * top of that.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
public class StateRootBenchmark {
  @Param({"10000", "100000", "1000000"})
  public int accounts;

  @Param({"1", "100", "2000"})
  public int changed;

  private StateTree base;
  private Address[] addresses;
  private Account[] updated;
  private int interiorHashes;
  private MessageDigest digest;
  private final byte[] node = new byte[65];
  private final byte[] leaf = new byte[37];
  private final byte[] out = new byte[32];

  @Setup(Level.Trial)
  public void buildTree() {
    Random random = new Random(20261124L);
    Map<Address, Account> all = new HashMap<>();
    while (all.size() < accounts) {
      all.put(BenchNetwork.randomAddress(random), new Account(1 + random.nextInt(1_000_000), random.nextInt(100)));
    }
    base = StateTree.of(all);
    base.root();
    List<Address> keys = new ArrayList<>(all.keySet());
    keys.sort(null);
    Set<Integer> picked = new HashSet<>();
    while (picked.size() < changed) {
      picked.add(random.nextInt(keys.size()));
    }
    addresses = new Address[changed];
    updated = new Account[changed];
    List<Integer> picks = new ArrayList<>(picked);
    for (int j = 0; j < changed; j++) {
      addresses[j] = keys.get(picks.get(j));
      Account old = all.get(addresses[j]);
      updated[j] = new Account(old.balance() + 1, old.nonce() + 1);
    }
    interiorHashes = interiorNodes(keys, picks);
    digest = Sha256.newDigest();
    Hash expected = updateRoot();
    if (expected.equals(base.root())) {
      throw new IllegalStateException("the update changed nothing");
    }
  }

  /**
   * The number of distinct interior nodes on the paths from the root to the accounts at
   * {@code changed} (indexes into {@code sorted}, every existing address in ascending order): the
   * interior hashes any implementation must compute after changing those accounts.
   */
  static int interiorNodes(List<Address> sorted, List<Integer> changed) {
    Set<String> interior = new HashSet<>();
    for (int i : changed) {
      Address a = sorted.get(i);
      // A lone account stops the descent one bit below where it parts from its nearest neighbours.
      int depth = 1 + Math.max(i > 0 ? commonPrefix(a, sorted.get(i - 1)) : 0,
          i + 1 < sorted.size() ? commonPrefix(a, sorted.get(i + 1)) : 0);
      for (int d = 0; d < depth; d++) {
        interior.add(prefix(a, d));
      }
    }
    return interior.size();
  }

  private static int commonPrefix(Address a, Address b) {
    int bits = 0;
    while (bits < Address.SIZE * 8 && a.bit(bits) == b.bit(bits)) {
      bits++;
    }
    return bits;
  }

  private static String prefix(Address a, int bits) {
    StringBuilder s = new StringBuilder(bits);
    for (int i = 0; i < bits; i++) {
      s.append(a.bit(i) ? '1' : '0');
    }
    return s.toString();
  }

  @Benchmark
  public Hash updateRoot() {
    StateTree t = base.copy();
    for (int i = 0; i < addresses.length; i++) {
      t.put(addresses[i], updated[i]);
    }
    return t.root();
  }

  /** Baseline: the same number of leaf and interior hashes with a raw digest. */
  @Benchmark
  public byte[] rawHashes() throws DigestException {
    for (int i = 0; i < changed; i++) {
      leaf[1] = (byte) i;
      digest.update(leaf);
      digest.digest(out, 0, 32);
    }
    for (int i = 0; i < interiorHashes; i++) {
      node[1] = (byte) i;
      digest.update(node);
      digest.digest(out, 0, 32);
    }
    return Arrays.copyOf(out, 32);
  }
}
