package io.ccoin.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccoin.core.Await;
import io.ccoin.node.Devnet;
import io.ccoin.node.cli.CcoinCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Authority voting with real processes on 127.0.0.1 (SPEC 7.1): {@code ccoin devnet --standby 1}
 * in a process of its own, a devnet with one standby validator whose key is not in the genesis.
 * The two {@code ccoin miners propose --add} commands the devnet prints are run as printed (two of
 * the three miners); the standby validator starts mining. Then the three miners vote it out with
 * {@code --remove} (three of four: a majority); it mines no more. Every node agrees on the chain,
 * the authority set and the state root.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(420)
class DevnetVotingEndToEndTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration STEP = Duration.ofSeconds(120);

  @TempDir
  static Path dir;

  /** The launcher, {@code ccoin devnet --standby 1}, as a child process. */
  Process launcher;
  /** What the launcher printed, line by line (read on a thread of its own, so that its pipe never fills). */
  final List<String> printed = java.util.Collections.synchronizedList(new ArrayList<>());
  /** The devnet's folder and ports, for its API addresses and files; the launcher runs its processes. */
  Devnet devnet;
  List<String> miners;
  String standby;
  int nodes;
  int basic;

  @BeforeAll
  void startDevnet() throws Exception {
    int base = Ports.freeRun(12);
    List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
        "io.ccoin.node.cli.CcoinCli", "devnet", "--base-port", Integer.toString(base), "--discovery-port", Integer.toString(base + 11),
        "--standby", "1", "--exit-after", "400");
    launcher = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    Thread reader = new Thread(() -> {
      try (java.io.BufferedReader out = new java.io.BufferedReader(
          new java.io.InputStreamReader(launcher.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          printed.add(line);
        }
      } catch (java.io.IOException e) {
        printed.add("(reading the launcher's output failed: " + e + ")");
      }
    }, "devnet-launcher-output");
    reader.setDaemon(true);
    reader.start();
    devnet = new Devnet(dir.resolve(".ccoin-devnet"), base, base + 11, 1);
    await("the devnet's printout", Duration.ofSeconds(180), () -> printed.contains("Mining; press Ctrl-C to stop."));
    miners = devnet.minerAddresses();
    standby = devnet.standbyAddresses().get(0);
    nodes = devnet.nodes().size();
    basic = Devnet.NODES.indexOf("basic");
  }

  @AfterAll
  void stopDevnet() throws InterruptedException {
    if (launcher != null) {
      launcher.destroy(); // SIGTERM: the launcher's shutdown hook stops the nodes, then discovery
      if (!launcher.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
        launcher.destroyForcibly();
      }
    }
  }

  /** The {@code ./ccoin ...} commands the launcher printed that start with {@code prefix}, as argument lists, paths resolved. */
  List<String[]> printedCommands(String prefix) {
    List<String[]> out = new ArrayList<>();
    synchronized (printed) {
      for (String line : printed) {
        String l = line.strip();
        if (l.startsWith(prefix)) {
          String[] words = l.split(" +");
          String[] args = java.util.Arrays.copyOfRange(words, 1, words.length);
          for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith(".ccoin-devnet")) {
              args[i] = dir.resolve(args[i]).toString();
            }
          }
          out.add(args);
        }
      }
    }
    return out;
  }

  /** {@link Await#until}, failing at once with the devnet's output when the devnet stops meanwhile. */
  void await(String what, Duration timeout, BooleanSupplier condition) {
    Await.until(what, timeout, () -> {
      if (!launcher.isAlive()) {
        throw new AssertionError("the devnet stopped while waiting for " + what + ": " + String.join("\n", printed));
      }
      return condition.getAsBoolean();
    });
  }


  JsonNode get(int node, String path) {
    try {
      String text = devnet.get(node, path);
      return text.isEmpty() ? JSON.createObjectNode() : JSON.readTree(text);
    } catch (Exception e) {
      return JSON.createObjectNode();
    }
  }

  /** The authority set node {@code node} reports in force after its head. */
  Set<String> authorities(int node) {
    Set<String> out = new HashSet<>();
    get(node, "/api/v1/miners").path("miners").forEach(m -> out.add(m.path("address").asText()));
    return out;
  }

  boolean everyNode(java.util.function.IntPredicate p) {
    for (int i = 0; i < nodes; i++) {
      if (!p.test(i)) {
        return false;
      }
    }
    return true;
  }

  void cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = CcoinCli.run(args, new PrintWriter(out), new PrintWriter(err), Map.of());
    assertThat(status).as("ccoin %s: %s %s", String.join(" ", args), out, err).isZero();
  }

  /** The miners of the canonical blocks {@code from} .. {@code to} on node {@code node}. */
  List<String> minersOf(int node, long from, long to) {
    List<String> out = new ArrayList<>();
    for (long n = from; n <= to; n++) {
      out.add(get(node, "/api/v1/blocks/" + n).path("miner").asText());
    }
    return out;
  }

  @Test
  void aStandbyValidatorIsVotedInMinesIsVotedOutAndStopsAndEveryNodeAgrees() throws Exception {
    await("blocks on every node", STEP, () -> everyNode(i -> devnet.headNumber(i) >= 2));
    Set<String> genesisSet = Set.copyOf(miners);
    assertThat(authorities(basic)).isEqualTo(genesisSet);
    assertThat(get(basic, "/api/v1/miners").path("epoch").asLong()).isEqualTo(Devnet.EPOCH);

    // the devnet printed the two commands that vote the standby validator in (two of three miners: a majority); run them as printed
    List<String[]> votes = printedCommands("./ccoin miners propose");
    assertThat(votes).as("the printed votes in %s", printed).hasSize(2);
    for (String[] vote : votes) {
      assertThat(vote).contains("--add", standby);
      cli(vote);
    }
    Set<String> withStandby = new HashSet<>(genesisSet);
    withStandby.add(standby);
    await("the standby validator in the set on every node", STEP, () -> everyNode(i -> authorities(i).equals(withStandby)));
    long inAt = devnet.headNumber(basic);
    await("a block mined by the standby validator", STEP, () -> {
      JsonNode m = get(basic, "/api/v1/miners");
      for (JsonNode x : m.path("miners")) {
        if (x.path("address").asText().equals(standby) && x.path("recentBlocks").asInt() > 0) {
          return true;
        }
      }
      return false;
    });
    // the proposals were dropped once the set reflected them
    for (int i = 0; i < 2; i++) {
      assertThat(get(i, "/api/v1/miners").path("proposals")).as("proposals of miner%d", i + 1).isEmpty();
    }

    // out again: three of the four must vote for it
    for (String miner : List.of("miner1", "miner2", "miner3")) {
      cli("miners", "propose", "-c", devnet.config(miner).toString(), "--remove", standby);
    }
    await("the standby validator out of the set on every node", STEP, () -> everyNode(i -> authorities(i).equals(genesisSet)));
    long outAt = devnet.headNumber(basic);
    assertThat(outAt).isGreaterThan(inAt);
    await("eight more blocks", STEP, () -> everyNode(i -> devnet.headNumber(i) >= outAt + 8));
    long last = devnet.headNumber(basic);
    // SPEC 7.1: the removal is in force from the block after the one whose vote passed, at or before outAt
    assertThat(minersOf(basic, outAt + 1, last)).as("miners after the removal").doesNotContain(standby).isNotEmpty();
    assertThat(minersOf(basic, 1, outAt)).contains(standby);

    // every node agrees on the chain, the state root and the set
    long at = last;
    List<String> hashes = new ArrayList<>();
    List<String> roots = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      JsonNode b = get(i, "/api/v1/blocks/" + at);
      hashes.add(b.path("hash").asText());
      roots.add(b.path("stateRoot").asText());
    }
    assertThat(hashes).doesNotContain("").containsOnly(hashes.get(0));
    assertThat(roots).doesNotContain("").containsOnly(roots.get(0));
    for (int i = 0; i < nodes; i++) {
      assertThat(authorities(i)).as("the set on %s", devnet.nodes().get(i)).isEqualTo(genesisSet);
    }
  }
}
