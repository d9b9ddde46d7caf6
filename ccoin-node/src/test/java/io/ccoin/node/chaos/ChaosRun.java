package io.ccoin.node.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.ccoin.api.Hash;
import io.ccoin.core.Await;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One scenario from start to verdict: a lab network of three validators, a load of transfers on
 * every node, an observer, the scenario's faults, then the checker. Everything it starts it stops,
 * and the lab's namespaces are deleted even when a step fails.
 */
final class ChaosRun implements AutoCloseable {
  static final int VALIDATORS = 3;
  static final int SENDERS = 12;
  /** The longest pause between two looks at the nodes while waiting for them: each look is requests to every node. */
  static final Duration POLL = Duration.ofMillis(250);

  /** What a scenario does to the running network; it adds to {@link #failures} what it finds wrong. */
  interface Faults {
    /** Called before the nodes start (e.g. to skew a clock). */
    default void beforeStart(LabNetwork net) throws IOException {}

    void inject(ChaosRun run) throws Exception;
  }

  final NetnsLab lab;
  final LabNetwork net;
  final LabClient client = new LabClient();
  final Observer observer;
  final Checker checker;
  final List<String> failures = new ArrayList<>();
  private LoadDriver load;

  private ChaosRun(NetnsLab lab, LabNetwork net) {
    this.lab = lab;
    this.net = net;
    this.observer = new Observer(net, client);
    this.checker = new Checker(net, client);
  }

  /** Runs a whole scenario and returns its report; the lab is gone when it returns. */
  static ScenarioReport run(String scenario, String faultText, int loadPerSecond, Path dir, Faults faults) throws Exception {
    NetnsLab lab = NetnsLab.create();
    try (ChaosRun run = new ChaosRun(lab, LabNetwork.prepare(lab, dir, VALIDATORS, SENDERS))) {
      return run.execute(scenario, faultText, loadPerSecond, faults);
    } finally {
      lab.close();
      keepLogs(dir.resolve("logs"), scenario);
    }
  }

  /** Copies the nodes' logs to {@code target/chaos/logs/<scenario>/}, where they outlive the test's folder. */
  private static void keepLogs(Path logs, String scenario) throws IOException {
    if (!Files.isDirectory(logs)) {
      return;
    }
    Path target = Path.of("target", "chaos", "logs", scenario.replaceAll("[^A-Za-z0-9]+", "-"));
    Files.createDirectories(target);
    try (var files = Files.list(logs)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, target.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  private ScenarioReport execute(String scenario, String faultText, int loadPerSecond, Faults faults) throws Exception {
    faults.beforeStart(net);
    net.startAll();
    awaitApis(Duration.ofSeconds(180));
    JsonNode status = client.json(net.api(0), "/api/v1/status").orElseThrow();
    long chainId = status.path("chainId").asLong();
    Hash genesisHash = Hash.fromHex(status.path("genesisHash").asText());
    if (checker.awaitOneChain(Duration.ofSeconds(90)) < 0) {
      throw new AssertionError("the validators did not form one chain before any fault\n" + tails());
    }
    observer.start();
    load = new LoadDriver(net, client, chainId, genesisHash, loadPerSecond);
    load.start();
    pause(Duration.ofSeconds(5));

    faults.inject(this);
    checkNoneExited();

    double converge = checker.awaitOneChain(Duration.ofSeconds(120));
    if (converge < 0) {
      failures.add("the nodes did not agree on one chain within 120 s of the faults' end");
    }
    pause(Duration.ofSeconds(3));
    load.close();
    List<LoadDriver.Accepted> accepted = load.accepted();
    Checker.Outcome outcome = checker.settle(accepted, Duration.ofSeconds(90));
    if (!outcome.lost().isEmpty()) {
      failures.add(outcome.lost().size() + " accepted transactions neither confirmed nor dropped, e.g. " + outcome.lost().get(0));
    }
    if (checker.awaitOneChain(Duration.ofSeconds(60)) < 0) {
      failures.add("the nodes did not agree on one chain at the end");
    }
    checker.supplyProblem().ifPresent(failures::add);
    observer.close();
    Map<String, Set<String>> doubles = observer.doubleSigned();
    if (!doubles.isEmpty()) {
      failures.add("blocks signed twice at one height by one miner: " + doubles);
    }
    if (observer.blocksSeen() == 0) {
      failures.add("the observer saw no block at all");
    }
    if (accepted.isEmpty()) {
      failures.add("no transaction was accepted: the load never reached a node");
    }
    checkNoneExited();
    return new ScenarioReport(scenario, loadPerSecond, faultText, accepted.size(), outcome.confirmed(), outcome.droppedByReason(),
        outcome.lost().size(), outcome.stillPending(), converge, load.refused(), (int) checker.headNumber(), List.copyOf(failures));
  }

  /** Waits for a fixed time that the scenario defines (a fault's length), not for a result. */
  static void pause(Duration d) throws InterruptedException {
    Thread.sleep(d.toMillis());
  }

  /**
   * Waits until every node answers {@code /status}, all within {@code timeout}; fails at once, with
   * its log, when a node exits meanwhile.
   */
  void awaitApis(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (int i = 0; i < net.size(); i++) {
      int node = i;
      Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
      boolean answered = Await.within(left, POLL, () -> {
        if (status(node).isPresent()) {
          return true;
        }
        if (!net.alive(node)) {
          throw new AssertionError("v" + node + " exited (" + net.exited(node).orElse(-1) + ")\n" + net.logTail(node, 30));
        }
        return false;
      });
      if (!answered) {
        throw new AssertionError("v" + i + " did not answer within " + timeout.toSeconds() + " s\n" + net.logTail(i, 30));
      }
    }
  }

  /** The node's {@code /status}, when it answers. */
  Optional<JsonNode> status(int node) {
    return client.json(net.api(node), "/api/v1/status");
  }

  private void checkNoneExited() {
    for (int i = 0; i < net.size(); i++) {
      Optional<Integer> code = net.exited(i);
      if (code.isPresent()) {
        failures.add("v" + i + " exited by itself with status " + code.get() + ": " + net.logTail(i, 5).replace('\n', ' '));
      }
    }
  }

  private String tails() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < net.size(); i++) {
      out.append("--- v").append(i).append('\n').append(net.logTail(i, 15)).append('\n');
    }
    return out.toString();
  }

  @Override
  public void close() {
    if (load != null) {
      load.close();
    }
    observer.close();
    net.close();
  }

  /** Appends the report's row to {@code target/chaos/results.md} (the table of docs/RELIABILITY.md). */
  static void record(ScenarioReport report) throws IOException {
    Path file = Path.of("target", "chaos", "results.md");
    Files.createDirectories(file.getParent());
    if (!Files.exists(file)) {
      Files.writeString(file, ScenarioReport.header() + "\n", StandardCharsets.UTF_8);
    }
    Files.writeString(file, report.row() + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }
}
