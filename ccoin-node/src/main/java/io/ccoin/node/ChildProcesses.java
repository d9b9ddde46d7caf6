package io.ccoin.node;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The devnet's child processes, each with a name, a tier and the log it writes to. Children of a
 * higher tier depend on those of lower tiers (the nodes on the discovery service), so
 * {@link #stopAll()} stops the highest tier first and waits for it before stopping the next: the
 * discovery service outlives the nodes, which deregister cleanly. {@link #firstExited()} reports a
 * child that ended, with its own last error line. Thread-safe.
 */
final class ChildProcesses {
  /** How long a child gets to stop after SIGTERM before it is killed. */
  static final long STOP_SECONDS = 10;
  private static final int TAIL_BYTES = 64 * 1024;

  /** One child: its process, and where its output from this run starts in its log. */
  record Child(String name, int tier, Process process, Path log, long logStart) {}

  private final List<Child> children = new ArrayList<>();

  /** Adds a child; {@code logStart} is the log's length when it was launched (the log is appended to). */
  synchronized void add(String name, int tier, Process process, Path log, long logStart) {
    children.add(new Child(name, tier, process, log, logStart));
  }

  /** Replaces the child called {@code name} (after a restart). */
  synchronized void replace(String name, Process process, long logStart) {
    for (int i = 0; i < children.size(); i++) {
      Child c = children.get(i);
      if (c.name().equals(name)) {
        children.set(i, new Child(name, c.tier(), process, c.log(), logStart));
        return;
      }
    }
    throw new IllegalArgumentException("no child called " + name);
  }

  synchronized Process process(String name) {
    return children.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow().process();
  }

  /**
   * The first child (in start order) that is no longer running, described as "NAME exited with
   * status S: ITS ERROR (log: FILE)"; empty while all run.
   */
  synchronized Optional<String> firstExited() {
    for (Child c : children) {
      if (!c.process().isAlive()) {
        return Optional.of(c.name() + " exited with status " + c.process().exitValue() + ": " + lastError(c) + " (log: " + c.log() + ")");
      }
    }
    return Optional.empty();
  }

  /** Stops every child, highest tier first, each tier fully before the next, killing what is left after {@link #STOP_SECONDS}. Idempotent. */
  void stopAll() {
    stopAll(Duration.ofSeconds(STOP_SECONDS));
  }

  /** Stops every child, highest tier first, each tier fully before the next, killing what is left after {@code grace}. Idempotent. */
  void stopAll(Duration grace) {
    List<Child> snapshot;
    synchronized (this) {
      snapshot = List.copyOf(children);
    }
    int maxTier = snapshot.stream().mapToInt(Child::tier).max().orElse(-1);
    for (int tier = maxTier; tier >= 0; tier--) {
      int t = tier;
      List<Process> group = snapshot.stream().filter(c -> c.tier() == t).map(Child::process).toList();
      group.forEach(Process::destroy);
      for (Process p : group) {
        try {
          if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          p.destroyForcibly();
        }
      }
    }
  }

  /**
   * The child's own explanation from its log of this run: its last {@code ccoin: } line (the
   * command line's one-line error), else its last ERROR line, else its last line.
   */
  static String lastError(Child c) {
    List<String> lines = tail(c.log(), c.logStart());
    Optional<String> cli = lines.stream().filter(l -> l.startsWith("ccoin: ")).reduce((a, b) -> b);
    if (cli.isPresent()) {
      return cli.get().substring("ccoin: ".length()).strip();
    }
    Optional<String> error = lines.stream().filter(l -> l.contains(" ERROR ")).reduce((a, b) -> b);
    return error.or(() -> lines.stream().filter(l -> !l.isBlank()).reduce((a, b) -> b)).map(String::strip).orElse("no output");
  }

  private static List<String> tail(Path log, long from) {
    if (!Files.exists(log)) {
      return List.of();
    }
    try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
      long start = Math.max(from, f.length() - TAIL_BYTES);
      byte[] bytes = new byte[(int) Math.max(0, f.length() - start)];
      f.seek(start);
      f.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
