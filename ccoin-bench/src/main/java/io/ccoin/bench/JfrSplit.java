package io.ccoin.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a node's CPU time goes, from a flight recording (the load generator's {@code --jfr}): splits
 * the {@code jdk.ExecutionSample} events of each file by what the sampled thread was doing, named by
 * the top-most frame of its stack that one of the {@link #RULES} matches, and prints the percentage
 * per category and the 10 most frequent top frames of the samples no rule matched ("other"), so that
 * the next limit is named with numbers (docs/PERFORMANCE.md).
 *
 * <p>The rules, in order. A sample's frames are tried from the top of the stack (the method
 * running) down; the first frame that a rule matches decides, and for that frame the first
 * matching rule in this table. A frame matches a rule when its class name starts with one of the
 * rule's prefixes. Frames of the JDK's general classes ({@code java.util}, {@code java.lang}, the
 * digests of {@code sun.security.provider}, NIO) match nothing, so their time goes to the caller
 * that does match (a SHA-256 inside an RSA check is RSA, inside proof of work is block production).
 *
 * <table>
 *   <caption>categories</caption>
 *   <tr><th>category</th><th>class name prefixes</th></tr>
 *   <tr><td>RSA verify</td><td>sun.security.rsa., java.math.BigInteger, java.math.MutableBigInteger,
 *       sun.security.util., java.security.Signature, io.ccoin.core.crypto.Signatures</td></tr>
 *   <tr><td>JSON/msgpack codec</td><td>com.fasterxml.jackson., org.msgpack., io.ccoin.core.codec.,
 *       io.ccoin.core.json.</td></tr>
 *   <tr><td>HTTP</td><td>org.eclipse.jetty., io.javalin., jakarta.servlet., javax.servlet.,
 *       io.ccoin.node.http.</td></tr>
 *   <tr><td>gossip/network</td><td>io.ccoin.net., io.netty. (ccoin-net's transport; nothing else in a node uses Netty)</td></tr>
 *   <tr><td>MapDB</td><td>org.mapdb., io.ccoin.store.mapdb.</td></tr>
 *   <tr><td>block production/PoW</td><td>io.ccoin.core.internal.mining., io.ccoin.core.mining.,
 *       io.ccoin.core.pow.</td></tr>
 *   <tr><td>execution/state tree</td><td>io.ccoin.core.internal.state., io.ccoin.core.internal.merkle.,
 *       io.ccoin.core.merkle.</td></tr>
 *   <tr><td>pool/admission</td><td>io.ccoin.core.internal.pool., io.ccoin.core.pool.</td></tr>
 *   <tr><td>chain/import</td><td>io.ccoin.core.internal.chain., io.ccoin.core.internal.consensus.</td></tr>
 *   <tr><td>other</td><td>no frame matched</td></tr>
 * </table>
 *
 * <p>Garbage collection is not in the split: JFR samples Java threads running Java code, and the
 * collector's threads are native; their pauses are printed apart, from {@code jdk.GarbageCollection}
 * events. Threads waiting (in native code, blocked, parked) are not sampled either.
 *
 * <p>With a window ({@code --from} and {@code --to}, ISO-8601 instants such as
 * {@code 2026-12-07T09:00:00Z}) only the events that started within it count: a node records from
 * its start, and the load generator passes its submission window and drain so that start-up,
 * funding and pre-signing stay out of the split.
 *
 * <p>Run it with {@code java -cp ccoin-bench/target/benchmarks.jar io.ccoin.bench.JfrSplit [--from T --to T] FILE.jfr...}.
 */
public final class JfrSplit {
  /** One row of the table: a category and the class name prefixes that name it. */
  record Rule(String category, List<String> prefixes) {
    boolean matches(String className) {
      for (String p : prefixes) {
        if (className.startsWith(p)) {
          return true;
        }
      }
      return false;
    }
  }

  /** The category of a sample no rule matched. */
  static final String OTHER = "other";

  /** The table above, in order. */
  static final List<Rule> RULES = List.of(
      new Rule("RSA verify", List.of("sun.security.rsa.", "java.math.BigInteger", "java.math.MutableBigInteger", "sun.security.util.",
          "java.security.Signature", "io.ccoin.core.crypto.Signatures")),
      new Rule("JSON/msgpack codec", List.of("com.fasterxml.jackson.", "org.msgpack.", "io.ccoin.core.codec.", "io.ccoin.core.json.")),
      new Rule("HTTP", List.of("org.eclipse.jetty.", "io.javalin.", "jakarta.servlet.", "javax.servlet.", "io.ccoin.node.http.")),
      new Rule("gossip/network", List.of("io.ccoin.net.", "io.netty.")),
      new Rule("MapDB", List.of("org.mapdb.", "io.ccoin.store.mapdb.")),
      new Rule("block production/PoW", List.of("io.ccoin.core.internal.mining.", "io.ccoin.core.mining.", "io.ccoin.core.pow.")),
      new Rule("execution/state tree", List.of("io.ccoin.core.internal.state.", "io.ccoin.core.internal.merkle.", "io.ccoin.core.merkle.")),
      new Rule("pool/admission", List.of("io.ccoin.core.internal.pool.", "io.ccoin.core.pool.")),
      new Rule("chain/import", List.of("io.ccoin.core.internal.chain.", "io.ccoin.core.internal.consensus.")));

  private JfrSplit() {}

  /**
   * The category of a stack, given as the class names of its frames from the top (the running
   * method) down: the first rule that matches the top-most frame any rule matches; {@link #OTHER}
   * when none does.
   */
  static String categorize(List<String> classNamesTopDown) {
    for (String className : classNamesTopDown) {
      for (Rule r : RULES) {
        if (r.matches(className)) {
          return r.category();
        }
      }
    }
    return OTHER;
  }

  /** The samples of one recording, by category, and the top frames of those in {@link #OTHER}. */
  record Split(long samples, Map<String, Long> byCategory, Map<String, Long> otherTopFrames, Map<String, Long> otherFirstCcoinFrames,
      long gcPauses, Duration gcPauseTime) {

    /** The lines printed for this recording. */
    List<String> format() {
      List<String> out = new ArrayList<>();
      out.add(String.format("  %,d execution samples", samples));
      for (Map.Entry<String, Long> e : byCategory.entrySet()) {
        out.add(String.format("  %-22s %5.1f %%  (%,d)", e.getKey(), percent(e.getValue()), e.getValue()));
      }
      out.add("  (garbage collection is not sampled: " + gcPauses + " pauses, " + gcPauseTime.toMillis() + " ms in all)");
      out.add("  top frames of \"other\":");
      top(otherTopFrames, 10).forEach((frame, n) -> out.add(String.format("    %5.1f %%  %s", percent(n), frame)));
      out.add("  top-most ccoin frames of \"other\":");
      top(otherFirstCcoinFrames, 10).forEach((frame, n) -> out.add(String.format("    %5.1f %%  %s", percent(n), frame)));
      return out;
    }

    private double percent(long n) {
      return samples == 0 ? 0 : 100.0 * n / samples;
    }
  }

  /** Reads one recording, all of it. */
  static Split split(Path file) throws IOException {
    return split(file, Instant.MIN, Instant.MAX);
  }

  /** Reads the events of one recording that started in [{@code from}, {@code to}]. */
  static Split split(Path file, Instant from, Instant to) throws IOException {
    Map<String, Long> byCategory = new LinkedHashMap<>();
    RULES.forEach(r -> byCategory.put(r.category(), 0L));
    byCategory.put(OTHER, 0L);
    Map<String, Long> otherTop = new TreeMap<>();
    Map<String, Long> otherCcoin = new TreeMap<>();
    long samples = 0;
    long gcPauses = 0;
    Duration gcTime = Duration.ZERO;
    try (RecordingFile recording = new RecordingFile(file)) {
      while (recording.hasMoreEvents()) {
        RecordedEvent e = recording.readEvent();
        if (e.getStartTime().isBefore(from) || e.getStartTime().isAfter(to)) {
          continue;
        }
        String type = e.getEventType().getName();
        if (type.equals("jdk.GarbageCollection")) {
          gcPauses++;
          gcTime = gcTime.plus(e.getDuration("sumOfPauses"));
          continue;
        }
        if (!type.equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
          continue;
        }
        samples++;
        List<String> classes = classNames(e.getStackTrace());
        String category = categorize(classes);
        byCategory.merge(category, 1L, Long::sum);
        if (category.equals(OTHER)) {
          List<RecordedFrame> frames = e.getStackTrace().getFrames();
          if (!frames.isEmpty()) {
            otherTop.merge(frameName(frames.get(0)), 1L, Long::sum);
          }
          firstCcoinFrame(frames).ifPresent(f -> otherCcoin.merge(f, 1L, Long::sum));
        }
      }
    }
    return new Split(samples, byCategory, otherTop, otherCcoin, gcPauses, gcTime);
  }

  private static List<String> classNames(RecordedStackTrace stack) {
    List<String> out = new ArrayList<>();
    for (RecordedFrame f : stack.getFrames()) {
      out.add(f.getMethod() == null ? "" : f.getMethod().getType().getName());
    }
    return out;
  }

  private static Optional<String> firstCcoinFrame(List<RecordedFrame> frames) {
    return frames.stream().filter(f -> f.getMethod() != null && f.getMethod().getType().getName().startsWith("io.ccoin."))
        .findFirst().map(JfrSplit::frameName);
  }

  private static String frameName(RecordedFrame f) {
    return f.getMethod() == null ? "?" : f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  /** The {@code n} largest entries, largest first. */
  static Map<String, Long> top(Map<String, Long> counts, int n) {
    Map<String, Long> out = new LinkedHashMap<>();
    counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(n).forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /**
   * Prints the split of each file; no file, a bad window, a missing or unreadable file is one line
   * on {@code err} and status 2.
   */
  static int run(String[] args, PrintStream out, PrintStream err) {
    Instant from = Instant.MIN;
    Instant to = Instant.MAX;
    List<String> files = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--from") || args[i].equals("--to")) {
        if (i + 1 == args.length) {
          err.println("JfrSplit: " + args[i] + " needs an instant such as 2026-12-07T09:00:00Z");
          return 2;
        }
        Instant t;
        try {
          t = Instant.parse(args[i + 1]);
        } catch (DateTimeParseException e) {
          err.println("JfrSplit: " + args[i] + " " + args[i + 1] + " is not an instant such as 2026-12-07T09:00:00Z");
          return 2;
        }
        if (args[i].equals("--from")) {
          from = t;
        } else {
          to = t;
        }
        i++;
      } else {
        files.add(args[i]);
      }
    }
    if (files.isEmpty()) {
      err.println("JfrSplit: give one or more .jfr files (java -cp benchmarks.jar io.ccoin.bench.JfrSplit [--from T --to T] FILE.jfr...)");
      return 2;
    }
    if (from.isAfter(to)) {
      err.println("JfrSplit: --from " + from + " is after --to " + to);
      return 2;
    }
    if (!from.equals(Instant.MIN) || !to.equals(Instant.MAX)) {
      out.println("Events from " + (from.equals(Instant.MIN) ? "the start" : from) + " to " + (to.equals(Instant.MAX) ? "the end" : to));
    }
    for (String name : files) {
      Path file = Path.of(name);
      if (!Files.isRegularFile(file)) {
        err.println("JfrSplit: " + name + ": no such file");
        return 2;
      }
      Split s;
      try {
        s = split(file, from, to);
      } catch (IOException e) {
        err.println("JfrSplit: " + name + ": not a readable flight recording (" + e.getMessage() + ")");
        return 2;
      }
      out.println(name + ":");
      s.format().forEach(out::println);
    }
    return 0;
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }
}
