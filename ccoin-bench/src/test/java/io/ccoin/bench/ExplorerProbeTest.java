package io.ccoin.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.ccoin.core.crypto.AccountKey;
import io.ccoin.node.NodeRunner;
import io.ccoin.node.config.NodeConfigParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The explorer probe: its percentiles, the requests of a load against an in-process node, its report and its command line. */
class ExplorerProbeTest {
  @Test
  void percentilesAreNearestRank() {
    long[] ms = new long[100];
    for (int i = 0; i < 100; i++) {
      ms[99 - i] = (i + 1) * 1_000_000L; // 1..100 ms, unsorted
    }
    LatencySummary s = LatencySummary.ofNanos(ms);
    assertThat(s.count()).isEqualTo(100);
    assertThat(s.p50Millis()).isEqualTo(50.0);
    assertThat(s.p99Millis()).isEqualTo(99.0);
    assertThat(s.maxMillis()).isEqualTo(100.0);
    assertThat(ms[0]).as("the input is not sorted in place").isEqualTo(100_000_000L);

    LatencySummary three = LatencySummary.ofNanos(new long[] {3_000_000, 1_000_000, 2_500_000});
    assertThat(three.p50Millis()).isEqualTo(2.5);
    assertThat(three.p99Millis()).isEqualTo(3.0);
    LatencySummary one = LatencySummary.ofNanos(new long[] {1_500_000});
    assertThat(one.p50Millis()).isCloseTo(1.5, within(1e-9));
    assertThat(one.p99Millis()).isEqualTo(one.maxMillis());

    LatencySummary none = LatencySummary.ofNanos(new long[0]);
    assertThat(none.count()).isZero();
    assertThat(none.p50Millis()).isNaN();
    assertThatThrownBy(() -> LatencySummary.percentile(new long[] {1}, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @Timeout(60)
  void loadsTheBlockListAsABrowserDoesAndReportsEachRequest(@TempDir Path dir) throws Exception {
    try (NodeRunner node = basicNode(dir)) {
      URI url = URI.create("http://127.0.0.1:" + node.httpPort());
      ExplorerProbe.Report r = ExplorerProbe.run(url, Duration.ofSeconds(1), Duration.ofMillis(400));
      String report = r.format();
      System.out.print(report); // into the surefire report
      assertThat(r.loads()).as(report).isBetween(1, 3);
      assertThat(r.failedLoads()).as(report).isZero();
      // exactly what the block list's first render asks for (ExplorerApiCallsBrowserTest counts it in Chromium):
      // index.html, the style sheet, the 8 modules, the event stream and one page of blocks
      assertThat(r.requests().keySet()).containsExactly("/", "/explorer.css", "/js/app.js", "/js/api.js", "/js/dom.js", "/js/pages.js",
          "/js/bytes.js", "/js/chart.js", "/js/proof.js", "/js/msgpack.js", "/api/v1/events", "/api/v1/blocks?limit=20");
      for (LatencySummary s : r.requests().values()) {
        assertThat(s.count()).isEqualTo(r.loads());
        assertThat(s.p50Millis()).isPositive().isLessThanOrEqualTo(s.p99Millis());
        assertThat(s.p99Millis()).isLessThanOrEqualTo(s.maxMillis());
      }
      assertThat(r.page().count()).isEqualTo(r.loads());
      assertThat(r.page().p50Millis()).isLessThanOrEqualTo(r.page().p99Millis());
      assertThat(r.page().maxMillis()).isGreaterThanOrEqualTo(r.requests().get("/").maxMillis());
      assertThat(report).contains("loads of the block list of " + url, "0 failed", "whole page load", "GET /api/v1/events (to its headers)",
          "GET /api/v1/blocks?limit=20", "p50 ms", "p99 ms", "max ms");
    }
  }

  @Test
  void badCommandLinesAndAnAddressWithoutANodeAreOneLineAndExitTwo() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closedPort = s.getLocalPort();
    }
    for (List<String> args : List.of(List.<String>of(), List.of("--url", "ftp://127.0.0.1:1"), List.of("--url", "http://127.0.0.1:1", "--duration", "0"),
        List.of("--url", "http://127.0.0.1:1", "--interval-ms", "abc"), List.of("--url", "http://127.0.0.1:" + closedPort, "--duration", "1"))) {
      StringWriter err = new StringWriter();
      picocli.CommandLine cli = ExplorerProbe.commandLine();
      cli.setErr(new PrintWriter(err));
      cli.setOut(new PrintWriter(new StringWriter()));
      assertThat(cli.execute(args.toArray(String[]::new))).as(String.join(" ", args)).isEqualTo(2);
      assertThat(err.toString().lines().findFirst().orElse("")).as(String.join(" ", args))
          .containsAnyOf("Missing required option: '--url=URL'", "--url must be an http:// address", "must be positive", "is not a long",
              "did not load");
    }
  }

  /** A basic node (no mining) on 127.0.0.1 with random ports and a memory store. */
  static NodeRunner basicNode(Path dir) throws Exception {
    AccountKey miner = AccountKey.generate(new SecureRandom());
    Files.writeString(dir.resolve("genesis.json"), """
        {
          "network_id": 78,
          "miners": ["%s"],
          "block_mining": {"interval": 1, "max_bound": 2000, "min_bound": 1, "reward": 100, "difficulty": 1,
                           "allow_empty": true, "placeholder_data": ["rnd", 15], "leader_timeout": 1},
          "genesis_block": {"coinbase": "", "difficulty": 1},
          "alloc": {"%s": {"balance": 1000000000}}
        }
        """.formatted(miner.address(), miner.address()));
    Files.writeString(dir.resolve("ccoin.json"), """
        {
          "app": {"base_path": "."},
          "p2p": {"host": "127.0.0.1", "port": 0, "min_peers": 0},
          "http": {"host": "127.0.0.1", "port": 0},
          "store": {"type": "memory"}
        }
        """);
    return NodeRunner.start(NodeConfigParser.read(dir.resolve("ccoin.json")), NodeRunner.Type.BASIC, Optional.empty());
  }
}
