package io.ccoin.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.crypto.Keystore;
import io.ccoin.core.crypto.ScryptParams;
import io.ccoin.node.NodeRunner;
import io.ccoin.node.config.NodeConfigParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small run of the load generator against one in-process validator laid out like a devnet node
 * (its folder, keystore and passphrase file): the senders are funded from the miner's account,
 * every transaction is submitted and mined, and the report and progress lines say so.
 */
class LoadGeneratorTest {
  @Test
  @Timeout(60)
  void fundsSubmitsInBatchesAndSeesEveryTransactionMined(@TempDir Path devnet) throws Exception {
    run(devnet, false);
  }

  @Test
  @Timeout(60)
  void fundsSubmitsOneByOneAndSeesEveryTransactionMined(@TempDir Path devnet) throws Exception {
    run(devnet, true);
  }

  @Test
  @Timeout(60)
  void rateOfVOffersThatMultipleOfTheMeasuredV(@TempDir Path devnet) throws Exception {
    run(devnet, false, 0.002);
  }

  private static void run(Path devnet, boolean single) throws Exception {
    run(devnet, single, 0);
  }

  private static void run(Path devnet, boolean single, double rateOfV) throws Exception {
    String passphrase = "load-test";
    Files.writeString(devnet.resolve("passphrase"), passphrase + "\n");
    AccountKey miner = AccountKey.generate(new SecureRandom());
    Path node = devnet.resolve("miner1");
    Keystore.write(node.resolve("keystore"), miner, passphrase.toCharArray(), new ScryptParams(1 << 10, 8, 1));
    Files.writeString(node.resolve("genesis.json"), """
        {
          "network_id": 77,
          "miners": ["%s"],
          "block_mining": {"interval": 1, "max_bound": 2000, "min_bound": 1, "reward": 100, "difficulty": 1,
                           "allow_empty": true, "placeholder_data": ["rnd", 15], "leader_timeout": 1},
          "genesis_block": {"coinbase": "", "difficulty": 1},
          "alloc": {"%s": {"balance": 1000000000}}
        }
        """.formatted(miner.address(), miner.address()));
    Files.writeString(node.resolve("ccoin.json"), """
        {
          "app": {"base_path": "."},
          "client": {"account_address": "%s"},
          "p2p": {"host": "127.0.0.1", "port": 0, "min_peers": 0},
          "http": {"host": "127.0.0.1", "port": 0, "submit_rate": 0},
          "store": {"type": "memory"}
        }
        """.formatted(miner.address()));

    try (NodeRunner runner = NodeRunner.start(NodeConfigParser.read(node.resolve("ccoin.json")), NodeRunner.Type.VALIDATOR,
        Optional.of(passphrase.toCharArray()))) {
      List<URI> nodes = List.of(URI.create("http://127.0.0.1:" + runner.httpPort()));
      Path reports = devnet.resolve("reports");
      LoadGenerator.Settings settings = new LoadGenerator.Settings(devnet, nodes, -1, 4, 100, Duration.ofSeconds(2),
          Duration.ofSeconds(20), 4, Duration.ofMillis(50), 1, single, Duration.ofMillis(100), Duration.ofSeconds(1), reports, rateOfV);
      assertThat(settings.batchSize()).isEqualTo(10);
      ByteArrayOutputStream printed = new ByteArrayOutputStream();
      LoadGenerator.Report r = LoadGenerator.run(settings, new PrintStream(printed, true, StandardCharsets.UTF_8));

      String output = printed.toString(StandardCharsets.UTF_8);
      System.out.print(output); // into the surefire report
      int expected = rateOfV > 0 ? (int) (2 * RawVerifyRate.offeredRate(rateOfV, r.verifyPerSecond())) : 200;
      if (rateOfV > 0) {
        assertThat(output).contains(String.format("--rate-of-v %s: offering %,.0f tx/s", rateOfV, expected / 2.0));
        settings = settings.withRate(expected / 2.0);
      }
      assertThat(r.submitted()).as(output).isEqualTo(expected);
      assertThat(r.accepted()).as(output).isEqualTo(expected);
      assertThat(r.rejected()).as(output).isEmpty();
      assertThat(r.mined()).as(output).isEqualTo(expected);
      assertThat(r.requests().taken()).as(output).isPositive();
      assertThat(r.requests().refused()).as(output).isZero();
      assertThat(r.gaps().intervalMillis()).isEqualTo(1_000);
      assertThat(r.gaps().blocks()).as(output).isGreaterThanOrEqualTo(2);
      assertThat(r.maxHeap()).hasSize(1);
      assertThat(r.maxHeap().values().iterator().next().usedBytes()).as("the in-process node's /metrics has the JVM heap").isPositive();
      assertThat(r.agreement().agree()).as(output).isTrue();
      assertThat(r.p50()).isLessThanOrEqualTo(r.p90());
      assertThat(r.p90()).isLessThanOrEqualTo(r.p99());
      assertThat(r.p99()).isPositive().isLessThanOrEqualTo(r.max());
      assertThat(r.blocks()).isPositive();
      assertThat(output).contains("Funded 4 senders", "[  1 s] submitted", "mined tx/s per 10 s", "inclusion latency p50", "V = ",
          "as ratios to V", single ? "one request per transaction" : "batches of", "requests: ", "block gaps: largest",
          "heap in use, largest sample per node:", "    127.0.0.1:" + runner.httpPort() + " ", "agreement: all 1 node agree at #");
      assertThat(r.verifyPerSecond()).isPositive();
      assertThat(r.format(settings)).contains(String.format("mined %.3f V", r.ratio(r.minedPerSecondInWindow())));
      List<Path> written;
      try (var files = Files.list(reports)) {
        written = files.sorted().toList();
      }
      assertThat(written).hasSize(2);
      assertThat(written.get(0).toString()).endsWith(".html");
      assertThat(written.get(1).toString()).endsWith(".txt");
      assertThat(Files.readString(written.get(1))).isEqualTo(r.format(settings));
      String html = Files.readString(written.get(0));
      assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg", "Pool size", "JVM heap", "Time between each block",
          "submitted to 127.0.0.1:" + runner.httpPort(),
          "mined by " + miner.address().toHex().substring(0, 8)).doesNotContain("<script");
      assertThat(runner.node().head().account(miner.address()).nonce()).isEqualTo(4);
      assertThat(r.format(settings)).contains(rateOfV > 0 ? "offered --rate-of-v " + rateOfV + " x V" : "offered 0.");
    }
  }

  @Test
  void theCommandsOfPerformanceMdParse() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "PERFORMANCE.md"), StandardCharsets.UTF_8).replace("\\\n", " ");
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("java -cp (\\S+) io\\.ccoin\\.bench\\.LoadGenerator([^\\n]*)").matcher(doc);
    int commands = 0;
    while (m.find()) {
      commands++;
      // the class path as the doc gives it is relative: the devnet's nodes get it made absolute (DevnetClassPathTest)
      assertThat(Path.of(m.group(1)).isAbsolute()).isFalse();
      String[] args = m.group(2).strip().split("\\s+");
      picocli.CommandLine cli = LoadGenerator.commandLine();
      cli.parseArgs(args); // throws on an option the generator does not have
      assertThat(m.group(2)).contains("--start-devnet");
    }
    assertThat(commands).isPositive();
  }

  @Test
  void badCommandLinesAndAMissingDevnetAreOneLineAndExitTwo(@TempDir Path dir) {
    for (String[] args : List.of(new String[] {"--validators-only"}, new String[] {"--rate", "abc"},
        new String[] {"--devnet", dir.resolve("missing").toString(), "--duration", "1"}, new String[] {"--jfr"},
        new String[] {"--validators", "1"}, new String[] {"--start-devnet", "--validators", "2"},
        new String[] {"--rate", "100", "--rate-of-v", "0.1"}, new String[] {"--rate-of-v", "0"}, new String[] {"--rate-of-v", "NaN"},
        new String[] {"--duration", "60", "--warmup", "60"}, new String[] {"--warmup", "-1"})) {
      java.io.StringWriter err = new java.io.StringWriter();
      picocli.CommandLine cli = LoadGenerator.commandLine();
      cli.setErr(new java.io.PrintWriter(err));
      assertThat(cli.execute(args)).as(String.join(" ", args)).isEqualTo(2);
      assertThat(err.toString()).as(String.join(" ", args)).containsAnyOf("needs --start-devnet", "is not a double", "missing",
          "must be 1 or 3", "exclude each other", "--rate-of-v must be above 0", "--warmup must be at least 0 and less than --duration");
      assertThat(err.toString().lines().toList()).as(String.join(" ", args)).hasSize(1);
    }
    assertThat(dir.resolve("reports")).doesNotExist();
  }
}
