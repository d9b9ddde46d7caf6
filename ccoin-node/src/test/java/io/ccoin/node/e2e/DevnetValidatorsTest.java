package io.ccoin.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccoin.api.ConsensusParams;
import io.ccoin.api.Genesis;
import io.ccoin.api.Hash;
import io.ccoin.api.Transaction;
import io.ccoin.core.TransactionBuilder;
import io.ccoin.core.codec.Codec;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.Await;
import io.ccoin.core.genesis.GenesisParser;
import io.ccoin.node.Devnet;
import io.ccoin.node.cli.CcoinCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ccoin devnet --validators N}: a devnet whose genesis names N miners (nodes miner1 ..
 * minerN, then basic); the default stays three; a count out of range, or a folder made with another
 * count, is one line and exit 2 and changes nothing. A one-validator devnet mines, and with
 * {@link Devnet#recordFlights} each node leaves a flight recording when it stops.
 */
class DevnetValidatorsTest {
  @TempDir
  Path dir;

  record Run(int status, String out, String err) {}

  static Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = CcoinCli.run(args, new PrintWriter(out), new PrintWriter(err), Map.of());
    return new Run(status, out.toString(), err.toString());
  }

  @Test
  void theDevnetsMostTransfersInABlockFitItsMostBytes() throws Exception {
    int base = Ports.freeRun(10);
    Path folder = dir.resolve("sizes");
    new Devnet(folder, base, base + 9).prepare(new PrintWriter(new StringWriter()));
    Genesis genesis = GenesisParser.read(folder.resolve("genesis.json"));
    ConsensusParams p = genesis.params();
    // a transfer as the load generator signs them, with a nonce, value and fee larger than a run's
    Transaction transfer = TransactionBuilder.forNetwork(p.networkId(), Hash.ZERO).nonce(1_000_000)
        .to(AccountKey.generate(new SecureRandom()).address()).value(1_000_000).fee(1_000)
        .sign(AccountKey.generate(new SecureRandom()));
    // max_bound is what bounds a block of transfers, not max_block_bytes (less a header's 1 KiB)
    assertThat(p.maxBound()).isEqualTo(4000);
    assertThat(p.maxBound() * Codec.encodedSize(transfer)).isLessThanOrEqualTo(p.maxBlockBytes() - 1024);
  }

  @Test
  void oneValidatorMakesAGenesisNamingOneMinerAndTheDefaultStaysThree() throws Exception {
    int base = Ports.freeRun(10);
    Path one = dir.resolve("one");
    Devnet single = new Devnet(one, base, base + 9, 0, 1);
    assertThat(single.prepare(new PrintWriter(new StringWriter()))).isTrue();
    assertThat(single.nodes()).containsExactly("miner1", "basic");
    assertThat(single.validators()).isEqualTo(1);
    assertThat(single.basic()).isEqualTo(1);
    assertThat(single.isValidator(0)).isTrue();
    assertThat(single.isValidator(1)).isFalse();
    assertThat(single.ports()).hasSize(5);
    Genesis genesis = GenesisParser.read(one.resolve("genesis.json"));
    assertThat(genesis.params().minerCount()).isEqualTo(1);
    assertThat(genesis.params().miners().get(0).toHex()).isEqualTo(single.minerAddresses().get(0));
    assertThat(genesis.alloc()).hasSize(1);
    assertThat(one.resolve("miner2")).doesNotExist();
    assertThat(Files.readString(single.config("basic"))).contains("\"account_address\": \"\"");

    Path three = dir.resolve("three");
    Devnet standard = new Devnet(three, base, base + 9);
    standard.prepare(new PrintWriter(new StringWriter()));
    assertThat(standard.nodes()).isEqualTo(Devnet.NODES);
    assertThat(standard.basic()).isEqualTo(Devnet.NODES.indexOf("basic"));
    assertThat(GenesisParser.read(three.resolve("genesis.json")).params().minerCount()).isEqualTo(3);
    assertThat(Files.readString(three.resolve("genesis.json")))
        .contains("// a local devnet: three miners taking turns every second when idle; they add and remove");

    // a folder keeps the count it was made with
    assertThatThrownBy(() -> new Devnet(three, base, base + 9, 0, 1).prepare(new PrintWriter(new StringWriter())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("made with 3 validator(s), not 1");
    Run r = cli("devnet", "--dir", one.toString(), "--base-port", Integer.toString(base), "--discovery-port",
        Integer.toString(base + 9), "--exit-after", "30");
    assertThat(r.status()).as(r.out() + r.err()).isEqualTo(2);
    assertThat(r.err().lines().toList()).hasSize(1);
    assertThat(r.err()).startsWith("ccoin: ").contains("made with 1 validator(s), not 3", "--dir");
    assertThat(one.resolve("miner2")).doesNotExist();
  }

  @Test
  void aValidatorCountOutOfRangeIsOneLineAndExitStatus2() {
    for (String n : List.of("0", "8", "-1")) {
      Run r = cli("devnet", "--dir", dir.resolve("x").toString(), "--validators", n);
      assertThat(r.status()).as(r.err()).isEqualTo(2);
      assertThat(r.err().lines().toList()).hasSize(1);
      assertThat(r.err()).contains("--validators must be 1 .. " + Devnet.MAX_VALIDATORS + ", got " + n);
    }
    assertThat(dir.resolve("x")).doesNotExist();
    assertThatThrownBy(() -> new Devnet(dir.resolve("y"), 30333, 4444, 0, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @Timeout(180)
  void aOneValidatorDevnetMinesAndEachNodeLeavesAFlightRecording() throws Exception {
    int base = Ports.freeRun(10);
    Devnet devnet = new Devnet(dir.resolve("devnet"), base, base + 9, 0, 1);
    Path recordings = dir.resolve("jfr");
    devnet.recordFlights(recordings);
    try {
      devnet.prepare(new PrintWriter(new StringWriter()));
      devnet.start();
      devnet.awaitReady(Duration.ofSeconds(120));
      Await.until("two blocks on the basic node", Duration.ofSeconds(60), () -> devnet.headNumber(devnet.basic()) >= 2);
      assertThat(devnet.get(devnet.basic(), "/api/v1/miners")).contains(devnet.minerAddresses().get(0));
    } finally {
      devnet.close();
    }
    for (String node : List.of("miner1", "basic")) {
      Path jfr = recordings.resolve(node + ".jfr");
      assertThat(jfr).as(node).exists();
      try (var events = new jdk.jfr.consumer.RecordingFile(jfr)) {
        assertThat(events.hasMoreEvents()).as(node).isTrue();
      }
    }
    assertThat(recordings.resolve("discovery.jfr")).doesNotExist();
  }
}
