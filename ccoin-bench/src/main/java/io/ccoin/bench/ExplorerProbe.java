package io.ccoin.bench;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Is the explorer's block list responsive while the node is busy? Every {@code --interval-ms}
 * (500 ms) for {@code --duration} seconds, loads the block list the way a browser's first visit
 * does ({@link BlocksPageLoad}: its files, then its two API calls), and prints the p50, p99 and
 * maximum latency of a whole page load and of each request. Meant to run beside the load generator
 * (docs/EXPLORER.md, "Under load"); it uses only the node's HTTP address.
 */
public final class ExplorerProbe {
  /** A browser opens at most 6 connections to one host. */
  static final int CONNECTIONS = 6;

  private ExplorerProbe() {}

  /** What a run measured: the loads made, those that failed (with the first reason), and the latencies. */
  record Report(URI url, Duration duration, Duration interval, int loads, int failedLoads, List<String> failureSamples,
      LatencySummary page, Map<String, LatencySummary> requests) {
    String format() {
      StringBuilder b = new StringBuilder();
      b.append(String.format("ExplorerProbe: %d loads of the block list of %s in %d s (one every %d ms), %d failed%n", loads, url,
          duration.toSeconds(), interval.toMillis(), failedLoads));
      for (String f : failureSamples) {
        b.append("  failed: ").append(f).append('\n');
      }
      b.append(String.format("  %-44s %6s %9s %9s %9s%n", "", "count", "p50 ms", "p99 ms", "max ms"));
      line(b, "whole page load", page);
      for (var e : requests.entrySet()) {
        line(b, "GET " + e.getKey() + (e.getKey().equals(BlocksPageLoad.EVENTS) ? " (to its headers)" : ""), e.getValue());
      }
      return b.toString();
    }

    private static void line(StringBuilder b, String what, LatencySummary s) {
      b.append(String.format("  %-44s %6d %9.1f %9.1f %9.1f%n", what, s.count(), s.p50Millis(), s.p99Millis(), s.maxMillis()));
    }
  }

  /**
   * Loads the page every {@code interval} (or right after the last load, when it took longer) until
   * {@code duration} is over. The first load must succeed (else the address is not a node's):
   * otherwise throws {@link IllegalStateException} saying why.
   */
  static Report run(URI url, Duration duration, Duration interval) throws InterruptedException {
    OkHttpClient http = new OkHttpClient.Builder()
        .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(30))
        .connectionPool(new ConnectionPool(CONNECTIONS, 1, TimeUnit.MINUTES)).build();
    ExecutorService connections = Executors.newFixedThreadPool(CONNECTIONS, r -> {
      Thread t = new Thread(r, "explorer-probe");
      t.setDaemon(true);
      return t;
    });
    try {
      BlocksPageLoad page = new BlocksPageLoad(url, http, connections);
      List<Long> totals = new ArrayList<>();
      Map<String, List<Long>> byRequest = new LinkedHashMap<>();
      List<String> failures = new ArrayList<>();
      int loads = 0;
      int failed = 0;
      long start = System.nanoTime();
      long end = start + duration.toNanos();
      long next = start;
      while (System.nanoTime() < end) {
        BlocksPageLoad.Result r = page.load();
        loads++;
        if (loads == 1 && !r.ok()) {
          throw new IllegalStateException("the block list at " + url + " did not load: " + r.failures());
        }
        r.requestNanos().forEach((path, n) -> byRequest.computeIfAbsent(path, p -> new ArrayList<>()).add(n));
        if (r.ok()) {
          totals.add(r.totalNanos());
        } else {
          failed++;
          if (failures.size() < 5) {
            failures.add(r.failures().toString());
          }
        }
        next += interval.toNanos();
        long wait = next - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(Math.min(wait, Math.max(0, end - System.nanoTime())));
        } else {
          next = System.nanoTime(); // late: the next load right away, and the schedule from here
        }
      }
      Map<String, LatencySummary> requests = new LinkedHashMap<>();
      byRequest.forEach((path, n) -> requests.put(path, LatencySummary.ofNanos(n.stream().mapToLong(Long::longValue).toArray())));
      return new Report(url, duration, interval, loads, failed, failures,
          LatencySummary.ofNanos(totals.stream().mapToLong(Long::longValue).toArray()), requests);
    } finally {
      connections.shutdownNow();
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  @Command(name = "ExplorerProbe", mixinStandardHelpOptions = true,
      description = {"Loads the explorer's block list every --interval-ms as a browser's first visit does (its files, "
          + "then GET /api/v1/events and GET /api/v1/blocks?limit=20) and prints p50/p99/max latency of a page load and of each request."})
  static final class Cli implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--url", required = true, paramLabel = "URL", description = "the node's HTTP address, e.g. http://127.0.0.1:30340")
    URI url;

    @Option(names = "--duration", defaultValue = "60", description = "seconds to probe (default: ${DEFAULT-VALUE})")
    long duration;

    @Option(names = "--interval-ms", defaultValue = "500", description = "a page load every this many ms (default: ${DEFAULT-VALUE})")
    long intervalMs;

    PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
      if (!"http".equals(url.getScheme()) || url.getHost() == null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--url must be an http:// address with a host, got " + url);
      }
      if (duration <= 0 || intervalMs <= 0) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--duration and --interval-ms must be positive");
      }
      out.print(run(url, Duration.ofSeconds(duration), Duration.ofMillis(intervalMs)).format());
      return 0;
    }
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line: bad options and failures print one line and exit 2. */
  static CommandLine commandLine() {
    return new CommandLine(new Cli()).setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("ExplorerProbe: " + e.getMessage()); // an unreachable node, an address that is not one
      return 2;
    });
  }
}
