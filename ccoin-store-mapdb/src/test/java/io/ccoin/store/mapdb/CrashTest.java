package io.ccoin.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.ccoin.api.Account;
import io.ccoin.api.Address;
import io.ccoin.api.Hash;
import io.ccoin.core.internal.chain.Chain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills an importing node with SIGKILL at random moments and checks, after each kill, that the
 * store reopens at a state that was committed, no older than the last commit the child reported,
 * verified throughout ({@link MapDbChainStore#verifyAll} and the chain's own state-root check), and
 * that import then goes on to the same final state as a run without crashes.
 *
 * <p>{@code -Dccoin.crash.kills=N} sets the number of kills (50 by default, 500 with {@code -Psoak});
 * {@code -Dccoin.crash.seed=S} replays a run.
 */
class CrashTest {
  private static final int KILLS = Integer.getInteger("ccoin.crash.kills", 50);
  private static final long SEED = Long.getLong("ccoin.crash.seed", System.nanoTime());

  @TempDir
  Path tmp;

  @Test
  @Timeout(value = 3600, unit = TimeUnit.SECONDS)
  void sigkillAtRandomMomentsNeverLosesACommitNorLeavesAWrongState() throws Exception {
    killAtRandomMoments(false, KILLS, 1);
  }

  /**
   * The same on the store wrapped as the node runs it ({@link io.ccoin.core.store.WriteBehindChainStore}):
   * a kill may catch blocks queued and not written, so the store reopens at a committed state no
   * older than the last flush the child reported and at most the blocks it imported since ahead of
   * it (a fifth of the kills, at least 10, each up to 40 ms after the position awaited).
   */
  @Test
  @Timeout(value = 3600, unit = TimeUnit.SECONDS)
  void sigkillOfAStoreWritingBehindLeavesACommittedStateNoOlderThanTheLastFlush() throws Exception {
    killAtRandomMoments(true, Math.max(10, KILLS / 5), CrashImporter.FLUSH_EVERY);
  }

  private void killAtRandomMoments(boolean writeBehind, int kills, int maxAhead) throws Exception {
    Scenario scenario = Scenario.build(40 + kills * 5, 7);
    Path scenarioFile = tmp.resolve("scenario.bin");
    scenario.write(scenarioFile);
    Path store = tmp.resolve("store");
    Random random = new Random(SEED);
    int verified = 0;
    int duringStartup = 0;
    int finishedEarly = 0;
    int[] replays = {0};
    List<String> log = new ArrayList<>();
    for (int kill = 0; kill < kills; kill++) {
      Child child = Child.start(scenarioFile, store, tmp.resolve("child-" + kill + ".err"), writeBehind);
      String how;
      if (random.nextInt(5) == 0) {
        // Anywhere in start-up: the JVM, the store's open and journal replay, the chain's open.
        long ms = random.nextInt(400);
        boolean exited = child.process.waitFor(ms, TimeUnit.MILLISECONDS);
        how = "after " + ms + " ms" + (exited ? " (had exited)" : "");
        duringStartup++;
      } else {
        // Anywhere among the commits: a few blocks in, then up to 3 ms more.
        int target = Math.max(verified, 1) + 1 + random.nextInt(5);
        boolean reached = child.awaitPosition(target, 60_000);
        // writing behind: later, so that kills also catch blocks imported since the last flush
        long micros = random.nextInt(writeBehind ? 40_000 : 3000);
        LockSupport.parkNanos(micros * 1000);
        how = "at position >= " + target + " + " + micros + " us" + (reached ? "" : " (child ended first)");
      }
      child.kill();
      int printed = child.lastPosition.get();
      if (child.done) {
        finishedEarly++;
      }
      if (child.exitedBadly()) {
        fail("child " + kill + " failed by itself: " + child.describe());
      }
      int atLeast = Math.max(verified, printed);
      int now = checkStore(store, scenario, atLeast, maxAhead, "kill " + kill + " " + how + ", child printed " + printed, replays);
      log.add(kill + ": " + how + ", printed " + printed + ", store at " + now
          + (child.firstReportNanos == 0 ? "" : ", first report after " + (child.firstReportNanos - child.startNanos) / 1_000_000 + " ms"));
      verified = now;
    }

    Child last = Child.start(scenarioFile, store, tmp.resolve("child-last.err"), writeBehind);
    assertThat(last.process.waitFor(300, TimeUnit.SECONDS)).as("the last child finishes").isTrue();
    last.join();
    assertThat(last.done).as("the last child imported everything: " + last.describe()).isTrue();
    int end = scenario.heads.size() - 1;
    assertThat(checkStore(store, scenario, end, 1, "after the last child", replays)).isEqualTo(end);
    try (MapDbChainStore s = MapDbChainStore.open(store)) {
      Map<Address, Account> accounts = new HashMap<>();
      s.forEachAccount(accounts::put);
      assertThat(accounts).as("the same accounts as a run without crashes").isEqualTo(scenario.finalAccounts);
      assertThat(s.head()).contains(scenario.heads.get(end));
    }
    System.out.printf("crash test%s: seed %d, %d kills (%d in start-up, %d after the child had finished), %d blocks, "
        + "%d reopenings finished a commit from the journal%n%s%n",
        writeBehind ? " (writing behind)" : "", SEED, kills, duringStartup, finishedEarly, scenario.blocks.size(), replays[0], String.join("\n", log));
  }

  /**
   * Opens the store, checks that its head is the state at position {@code atLeast} or at most
   * {@code maxAhead} after it, verifies everything, lets a chain check the state root, and returns
   * the position.
   */
  private static int checkStore(Path dir, Scenario scenario, int atLeast, int maxAhead, String context, int[] replays) {
    try (MapDbChainStore store = MapDbChainStore.open(dir, MapDbChainStore.Options.defaults().expectingGenesis(scenario.genesis.hash()))) {
      if (store.replayedJournalBytes() > 0) {
        replays[0]++;
      }
      Optional<Hash> head = store.head();
      int position = -1;
      for (int p = Math.min(atLeast + maxAhead, scenario.heads.size() - 1); p >= atLeast; p--) {
        if (Optional.ofNullable(scenario.heads.get(p)).equals(head)) {
          position = p;
        }
      }
      if (position < 0) {
        int anywhere = head.isEmpty() ? 0 : scenario.heads.indexOf(head.get());
        fail(context + ": the store's head " + head + " is at position " + anywhere + ", expected " + atLeast + " to "
            + (atLeast + maxAhead));
      }
      store.verifyAll();
      if (head.isPresent()) {
        Chain chain = Scenario.chain(store, scenario.genesis); // checks the state root again
        assertThat(chain.head().hash()).isEqualTo(head.get());
      }
      return position;
    } catch (io.ccoin.api.StoreException e) {
      throw new AssertionError(context + ": the store did not open cleanly: " + e.getMessage(), e);
    }
  }

  /** A child JVM running {@link CrashImporter}, and what it printed. */
  private static final class Child {
    final Process process;
    final Path stderr;
    final AtomicInteger lastPosition = new AtomicInteger(-1);
    final Thread reader;
    volatile boolean done;
    volatile boolean ended;
    volatile long firstReportNanos;
    final long startNanos = System.nanoTime();
    volatile String bad;
    volatile boolean killed;

    private Child(Process process, Path stderr) {
      this.process = process;
      this.stderr = stderr;
      this.reader = new Thread(this::read, "crash-child-reader");
      reader.setDaemon(true);
      reader.start();
    }

    static Child start(Path scenario, Path store, Path stderr, boolean writeBehind) throws IOException {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ProcessBuilder pb = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
          "-cp", System.getProperty("java.class.path"), CrashImporter.class.getName(), scenario.toString(), store.toString(),
          writeBehind ? "write-behind" : "sync");
      pb.redirectError(stderr.toFile());
      return new Child(pb.start(), stderr);
    }

    private void read() {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          if (line.startsWith("c ")) {
            int p = Integer.parseInt(line.substring(2).trim());
            if (firstReportNanos == 0) {
              firstReportNanos = System.nanoTime();
            }
            lastPosition.accumulateAndGet(p, Math::max);
            synchronized (this) {
              notifyAll();
            }
          } else if (line.equals("done")) {
            done = true;
          } else {
            bad = line;
          }
        }
      } catch (IOException e) {
        // the child was killed
      } finally {
        synchronized (this) {
          ended = true;
          notifyAll();
        }
      }
    }

    /** Waits until the child has reported {@code position}, or has ended. */
    synchronized boolean awaitPosition(int position, long timeoutMs) throws InterruptedException {
      long deadline = System.currentTimeMillis() + timeoutMs;
      while (lastPosition.get() < position && !ended) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          throw new AssertionError("the child did not reach position " + position + " in " + timeoutMs + " ms: " + describe());
        }
        wait(left);
      }
      return lastPosition.get() >= position;
    }

    /**
     * SIGKILL through the process handle: {@code Process.destroyForcibly} would also close our end
     * of the child's stdout at once, dropping the reports still in the pipe, so that the test would
     * think fewer commits durable than the child reported.
     */
    void kill() throws InterruptedException {
      killed = process.isAlive();
      process.toHandle().destroyForcibly();
      process.waitFor();
      join();
    }

    void join() throws InterruptedException {
      reader.join(10_000);
    }

    boolean exitedBadly() {
      return bad != null || (!killed && !done);
    }

    String describe() {
      String err;
      try {
        err = Files.exists(stderr) ? Files.readString(stderr) : "";
      } catch (IOException e) {
        err = e.toString();
      }
      return "exit " + (process.isAlive() ? "(running)" : process.exitValue()) + ", last position " + lastPosition.get()
          + (bad != null ? ", said: " + bad : "") + (err.isBlank() ? "" : ", stderr:\n" + err);
    }
  }
}
