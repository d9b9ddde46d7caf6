package io.ccoin.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.ccoin.api.Account;
import io.ccoin.api.Address;
import io.ccoin.api.Block;
import io.ccoin.api.BlockUndo;
import io.ccoin.api.Bytes;
import io.ccoin.api.Hash;
import io.ccoin.api.StoreException;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.Transaction;
import io.ccoin.api.TxLocation;
import io.ccoin.api.WriteBatch;
import io.ccoin.core.Hashes;
import io.ccoin.core.internal.chain.Chain;
import io.ccoin.store.mapdb.internal.IoFaults;
import io.ccoin.store.mapdb.internal.Records;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damages the files of a store written by a chain (bytes flipped, files truncated or deleted, a
 * store of another genesis or format) and checks that opening either fails with a
 * {@link StoreException} naming the file, or opens into exactly the committed state: never into a
 * wrong one, and never with another kind of exception.
 *
 * <p>{@code -Dccoin.corruption.flips=N} sets the number of random damages (200 by default).
 */
class CorruptionTest {
  private static final int FLIPS = Integer.getInteger("ccoin.corruption.flips", 200);

  private static Path golden;
  private static Scenario scenario;
  private static View committed;
  private static long fileSize;
  private static final Map<String, Integer> OUTCOMES = new java.util.TreeMap<>();
  private Path dir;

  @BeforeAll
  static void writeAStore() throws IOException {
    scenario = Scenario.build(50, 11);
    golden = Files.createTempDirectory("ccoin-mapdb-golden");
    try (MapDbChainStore store = MapDbChainStore.open(golden)) {
      Chain chain = Scenario.chain(store, scenario.genesis);
      for (Block b : scenario.blocks) {
        chain.importBlock(b);
      }
      committed = View.of(store, scenario);
    }
    assertThat(committed.head).contains(scenario.heads.get(scenario.heads.size() - 1));
    fileSize = Files.size(golden.resolve(MapDbChainStore.STORE_FILE));
  }

  @AfterAll
  static void deleteTheStore() throws IOException {
    System.out.println("outcomes of the damages: " + OUTCOMES);
    TestFiles.deleteRecursively(golden);
  }

  @BeforeEach
  void copy() throws IOException {
    dir = TestFiles.copy(golden);
  }

  @AfterEach
  void delete() throws IOException {
    TestFiles.deleteRecursively(dir);
  }

  private Path storeFile() {
    return dir.resolve(MapDbChainStore.STORE_FILE);
  }

  private Path journal() {
    return dir.resolve(MapDbChainStore.JOURNAL_FILE);
  }

  // ---- random damage ------------------------------------------------------------------------------

  static Stream<Integer> damages() {
    return IntStream.range(0, FLIPS).boxed();
  }

  /**
   * Damage {@code n}: one flipped bit, one random byte, or a run of random bytes, mostly where the
   * file holds data (a non-zero byte) rather than in free space.
   */
  @ParameterizedTest
  @MethodSource("damages")
  void damagedBytesAreFoundOrHarmless(int n) throws IOException {
    Random random = new Random(1000 + n);
    byte[] bytes = Files.readAllBytes(storeFile());
    int at = pickOffset(bytes, random);
    String what;
    switch (n % 3) {
      case 0 -> {
        int bit = random.nextInt(8);
        bytes[at] ^= (byte) (1 << bit);
        what = "bit " + bit + " of byte " + at;
      }
      case 1 -> {
        bytes[at] = (byte) (bytes[at] + 1 + random.nextInt(255));
        what = "byte " + at;
      }
      default -> {
        int len = 1 + random.nextInt(64);
        for (int i = at; i < Math.min(bytes.length, at + len); i++) {
          bytes[i] = (byte) random.nextInt(256);
        }
        what = len + " bytes from " + at;
      }
    }
    Files.write(storeFile(), bytes);
    expectErrorOrCommittedState("damaged " + what + " of " + bytes.length);
  }

  private static int pickOffset(byte[] bytes, Random random) {
    if (random.nextInt(5) > 0) {
      for (int tries = 0; tries < 10_000; tries++) {
        int at = random.nextInt(bytes.length);
        if (bytes[at] != 0) {
          return at;
        }
      }
    }
    return random.nextInt(bytes.length);
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 8, 100, 4096, 65_536, 1 << 20, -1, -4096, -65_536})
  void aTruncatedStoreFileIsFoundOrHarmless(long keep) throws IOException {
    long length = keep >= 0 ? Math.min(keep, fileSize - 1) : fileSize + keep;
    try (RandomAccessFile f = new RandomAccessFile(storeFile().toFile(), "rw")) {
      f.setLength(length);
    }
    if (length == 0) {
      assertThatThrownBy(this::open).isInstanceOf(StoreException.class).hasMessageContaining(storeFile().toString())
          .hasMessageContaining("empty");
      return;
    }
    expectErrorOrCommittedState("truncated to " + length + " of " + fileSize);
  }

  // ---- deleted files ------------------------------------------------------------------------------

  @Test
  void aDeletedStoreFileIsAnErrorWhileItsJournalIsThere() throws IOException {
    Files.delete(storeFile());
    assertThatThrownBy(this::open).isInstanceOf(StoreException.class)
        .hasMessageContaining(storeFile().toString()).hasMessageContaining("missing");
    assertThat(storeFile()).doesNotExist();
  }

  @Test
  void aDeletedJournalIsMadeAgainWhenNoCommitWasInterrupted() throws IOException {
    Files.delete(journal());
    expectCommittedState();
    assertThat(journal()).exists();
  }

  @Test
  void aDirectoryEmptiedOfBothFilesIsANewStore() throws IOException {
    Files.delete(storeFile());
    Files.delete(journal());
    try (MapDbChainStore store = open()) {
      assertThat(store.head()).as("nothing to tell it from a new directory: the chain starts again from genesis").isEmpty();
    }
  }

  // ---- the journal ----------------------------------------------------------------------------------

  @Test
  void aTornJournalIsIgnored() throws IOException {
    byte[] garbage = new byte[10_000];
    new Random(5).nextBytes(garbage);
    Files.write(journal(), garbage);
    expectCommittedState();
  }

  @Test
  void aTornCopyOfAValidJournalIsIgnored() throws IOException {
    // A real record for the next block, cut short as by a crash while it was written.
    Path other = TestFiles.copy(golden);
    try {
      Path otherJournal = other.resolve(MapDbChainStore.JOURNAL_FILE);
      byte[] record = journalOfOneMoreCommit(other);
      Files.write(journal(), java.util.Arrays.copyOf(record, record.length - 1));
      expectCommittedState();
      assertThat(otherJournal).exists();
    } finally {
      TestFiles.deleteRecursively(other);
    }
  }

  @Test
  void aCompleteJournalIsReplayedIntoTheCommitItRecords() throws IOException {
    Path other = TestFiles.copy(golden);
    try {
      byte[] record = journalOfOneMoreCommit(other);
      Files.write(journal(), record);
      try (MapDbChainStore store = open()) {
        assertThat(store.replayedJournalBytes()).isPositive();
        assertThat(store.metadata("extra")).contains(Bytes.of((byte) 42));
        store.verifyAll();
      }
    } finally {
      TestFiles.deleteRecursively(other);
    }
  }

  /** Commits one more small batch in a copy of the store and returns the journal record it wrote. */
  private static byte[] journalOfOneMoreCommit(Path copy) throws IOException {
    try (MapDbChainStore store = MapDbChainStore.open(copy)) {
      store.commit(WriteBatch.builder().putMetadata("extra", Bytes.of((byte) 42)).build());
    }
    byte[] journal = Files.readAllBytes(copy.resolve(MapDbChainStore.JOURNAL_FILE));
    // The record was applied and invalidated by zeroing its magic; make it whole again.
    java.nio.ByteBuffer.wrap(journal).putLong(0, 0x43434a4e4c5f3031L);
    return journal;
  }

  // ---- another network, another format, another file --------------------------------------------------

  @Test
  void aStoreOfAnotherGenesisIsRefusedNamingTheFile() {
    Hash other = Hash.of(new byte[32]);
    assertThatThrownBy(() -> MapDbChainStore.open(dir, MapDbChainStore.Options.defaults().expectingGenesis(other)))
        .isInstanceOf(StoreException.class).hasMessageContaining(storeFile().toString())
        .hasMessageContaining("genesis").hasMessageContaining(other.toString());
    try (MapDbChainStore store = MapDbChainStore.open(dir, MapDbChainStore.Options.defaults().expectingGenesis(scenario.genesis.hash()))) {
      assertThat(store.head()).isEqualTo(committed.head);
    }
  }

  @Test
  void aStoreOfAnotherFormatVersionIsRefused() {
    MapDbFiles files = MapDbFiles.open(storeFile(), IoFaults.NONE, false);
    files.internal.put(Records.nameKey(MapDbFiles.FORMAT_KEY), Records.encodeLong(MapDbChainStore.FORMAT_VERSION + 1));
    files.commit();
    files.close();
    assertThatThrownBy(this::open).isInstanceOf(StoreException.class).hasMessageContaining(storeFile().toString())
        .hasMessageContaining("format version " + (MapDbChainStore.FORMAT_VERSION + 1));
  }

  @Test
  void aFileThatIsNotAStoreIsRefused() throws IOException {
    byte[] junk = new byte[3 << 20];
    new Random(3).nextBytes(junk);
    Files.write(storeFile(), junk);
    Files.write(journal(), new byte[0]);
    assertThatThrownBy(this::open).isInstanceOf(StoreException.class).hasMessageContaining(storeFile().toString());
  }

  @Test
  void accountsThatDoNotMatchTheHeadStateRootAreRefused() {
    try (MapDbChainStore store = MapDbChainStore.open(dir)) {
      // A well-formed commit that breaks the state: the store takes it, a later open refuses it.
      store.commit(WriteBatch.builder().putAccount(Address.ZERO, new Account(1, 0)).build());
    }
    assertThatThrownBy(this::open).isInstanceOf(StoreException.class).hasMessageContaining(storeFile().toString())
        .hasMessageContaining("state root");
    try (MapDbChainStore store = MapDbChainStore.open(dir, MapDbChainStore.Options.defaults().withoutStateRootCheck())) {
      assertThatThrownBy(store::verify).isInstanceOf(StoreException.class).hasMessageContaining("state root");
      assertThatThrownBy(() -> Scenario.chain(store, scenario.genesis)).isInstanceOf(StoreException.class)
          .hasMessageContaining("state root");
    }
  }

  @Test
  void aStoreOpenElsewhereIsRefused() {
    try (MapDbChainStore first = open()) {
      assertThatThrownBy(this::open).isInstanceOf(StoreException.class).hasMessageContaining(storeFile().toString())
          .hasMessageContaining("in use");
      assertThat(first.head()).isEqualTo(committed.head);
    }
    try (MapDbChainStore again = open()) {
      assertThat(again.head()).isEqualTo(committed.head);
    }
  }

  // ---- helpers ------------------------------------------------------------------------------------------

  private MapDbChainStore open() {
    return MapDbChainStore.open(dir, MapDbChainStore.Options.defaults().expectingGenesis(scenario.genesis.hash()));
  }

  private void expectCommittedState() {
    try (MapDbChainStore store = open()) {
      store.verifyAll();
      assertThat(View.of(store, scenario)).isEqualTo(committed);
    }
  }

  /**
   * Opening must fail with a {@link StoreException} naming the file, or succeed; then a full check
   * must fail likewise or pass, and if it passes every value must be the committed one. Each read
   * either gives the committed value or throws a {@link StoreException}.
   */
  private void expectErrorOrCommittedState(String damage) {
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      MapDbChainStore store;
      try {
        store = open();
      } catch (StoreException e) {
        assertThat(e.getMessage()).as(damage).contains(storeFile().toString());
        note("refused on open: " + kind(e));
        return;
      }
      try {
        try {
          store.verifyAll();
        } catch (StoreException e) {
          assertThat(e.getMessage()).as(damage).contains(storeFile().toString());
          note("opened, found by verifyAll: " + kind(e));
          try {
            if (!View.of(store, scenario).equals(committed)) {
              note("  of which reads gave a wrong answer without an exception");
            }
          } catch (StoreException readFailed) {
            note("  of which reads threw");
          }
          return;
        }
        note("harmless (free space or old data)");
        View seen = View.of(store, scenario);
        assertThat(seen).as(damage + ": opened and verified, so it must hold the committed state; differences: "
            + committed.differences(seen)).isEqualTo(committed);
        Chain chain = Scenario.chain(store, scenario.genesis);
        assertThat(Optional.of(chain.head().hash())).isEqualTo(committed.head);
      } finally {
        store.close();
      }
    }, damage);
  }

  private static synchronized void note(String outcome) {
    OUTCOMES.merge(outcome, 1, Integer::sum);
  }

  private static String kind(StoreException e) {
    Throwable c = e;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c.getClass().getSimpleName();
  }

  /** Everything a reader can see of the scenario's data. */
  record View(
      Optional<Hash> head,
      Map<Long, Optional<Hash>> canonical,
      Map<Hash, Optional<StoredBlock>> blocks,
      Map<Hash, Optional<TxLocation>> transactions,
      Map<Hash, Optional<BlockUndo>> undo,
      Map<Address, Account> accounts,
      Optional<Bytes> genesis) {

    /** What differs between this view and {@code other}, for failure messages. */
    String differences(View other) {
      List<String> out = new ArrayList<>();
      if (!head.equals(other.head)) {
        out.add("head " + head + " / " + other.head);
      }
      diff("canonical", canonical, other.canonical, out);
      diff("block", blocks, other.blocks, out);
      diff("transaction", transactions, other.transactions, out);
      diff("undo", undo, other.undo, out);
      diff("account", accounts, other.accounts, out);
      if (!genesis.equals(other.genesis)) {
        out.add("genesis " + genesis + " / " + other.genesis);
      }
      return out.toString();
    }

    private static <K, V> void diff(String what, Map<K, V> a, Map<K, V> b, List<String> out) {
      java.util.Set<K> keys = new java.util.LinkedHashSet<>(a.keySet());
      keys.addAll(b.keySet());
      for (K k : keys) {
        V x = a.get(k);
        V y = b.get(k);
        if (!java.util.Objects.equals(x, y)) {
          out.add(what + " " + k + ": " + String.valueOf(x).replaceAll("(.{0,200}).*", "$1") + " / "
              + String.valueOf(y).replaceAll("(.{0,200}).*", "$1"));
        }
      }
    }

    static View of(MapDbChainStore store, Scenario scenario) {
      Map<Long, Optional<Hash>> canonical = new LinkedHashMap<>();
      for (long n = 0; n <= scenario.blocks.size() + 1; n++) {
        canonical.put(n, store.canonicalHash(n));
      }
      Map<Hash, Optional<StoredBlock>> blocks = new LinkedHashMap<>();
      Map<Hash, Optional<TxLocation>> txs = new LinkedHashMap<>();
      Map<Hash, Optional<BlockUndo>> undo = new LinkedHashMap<>();
      List<Block> all = new ArrayList<>(scenario.blocks);
      all.add(scenario.genesis.block());
      for (Block b : all) {
        Hash h = Hashes.blockHash(b.sealedHeader());
        blocks.put(h, store.block(h));
        undo.put(h, store.undo(h));
        for (Transaction tx : b.transactions()) {
          Hash th = Hashes.txHash(tx);
          txs.put(th, store.transaction(th));
        }
      }
      Map<Address, Account> accounts = new HashMap<>();
      store.forEachAccount(accounts::put);
      return new View(store.head(), canonical, blocks, txs, undo, accounts, store.metadata(Chain.GENESIS_KEY));
    }
  }
}
