package io.ccoin.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * Authority voting with real processes on 127.0.0.1 (SPEC 7.1): a devnet with one standby
 * validator, whose key is not in the genesis. Two of the three miners propose it with
 * {@code ccoin miners propose --add}; it starts mining. Then the three vote it out with
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

  Devnet devnet;
  List<String> miners;
  String standby;
  int nodes;
  int basic;

  @BeforeAll
  void startDevnet() throws Exception {
    int base = Ports.freeRun(12);
    devnet = new Devnet(dir.resolve(".ccoin-devnet"), base, base + 11, 1);
    devnet.prepare(new PrintWriter(new StringWriter()));
    devnet.start();
    devnet.awaitReady(Duration.ofSeconds(120));
    miners = devnet.minerAddresses();
    standby = devnet.standbyAddresses().get(0);
    nodes = devnet.nodes().size();
    basic = Devnet.NODES.indexOf("basic");
  }

  @AfterAll
  void stopDevnet() {
    if (devnet != null) {
      devnet.close();
    }
  }

  /** Bounded polling: {@code condition} every 250 ms until it holds, failing after {@code timeout}. */
  void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      devnet.exitedChild().ifPresent(exited -> {
        throw new AssertionError("a devnet process exited while waiting for " + what + ": " + exited);
      });
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
      }
      Thread.sleep(250);
    }
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

    // two of three miners propose the standby validator: a majority
    for (String miner : List.of("miner1", "miner2")) {
      cli("miners", "propose", "-c", devnet.config(miner).toString(), "--add", standby);
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
