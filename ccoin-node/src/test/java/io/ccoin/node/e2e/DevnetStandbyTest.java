package io.ccoin.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccoin.node.Devnet;
import io.ccoin.node.cli.CcoinCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The devnet's voting setup without starting it: a version 2 genesis, standby validators whose
 * keys are not in it (made once, kept on the next start, added to an existing devnet), and the
 * refusals: a standby count out of range, standby validators in a devnet whose genesis cannot vote.
 */
@Timeout(60)
class DevnetStandbyTest {
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
  void standbyValidatorsHaveKeysOutsideAVotingGenesisAndAreKeptAndAdded() throws Exception {
    int base = Ports.freeRun(14);
    Path folder = dir.resolve("devnet");
    Devnet one = new Devnet(folder, base, base + 13, 1);
    assertThat(one.prepare(new PrintWriter(new StringWriter()))).isTrue();
    String genesis = Files.readString(folder.resolve("genesis.json"));
    assertThat(genesis).contains("\"epoch\": " + Devnet.EPOCH).doesNotContain("recent_window");
    assertThat(one.nodes()).containsExactly("miner1", "miner2", "miner3", "basic", "standby1");
    String standby1 = one.standbyAddresses().get(0);
    assertThat(genesis).doesNotContain(standby1);
    assertThat(one.minerAddresses()).allMatch(genesis::contains).doesNotContain(standby1);
    assertThat(folder.resolve("standby1/keystore/" + standby1 + ".json")).exists();
    assertThat(Files.readString(one.config("standby1"))).contains("\"port\": " + one.p2pPort(4));
    assertThat(one.ports()).hasSize(11);

    // the next start with two keeps the first and adds a second; the genesis stays
    Devnet two = new Devnet(folder, base, base + 13, 2);
    assertThat(two.prepare(new PrintWriter(new StringWriter()))).isFalse();
    List<String> standbys = two.standbyAddresses();
    assertThat(standbys).hasSize(2).startsWith(standby1).doesNotHaveDuplicates();
    assertThat(Files.readString(folder.resolve("genesis.json"))).isEqualTo(genesis);
    assertThat(Files.readString(folder.resolve("standby2/genesis.json"))).isEqualTo(genesis);
  }

  @Test
  void aDevnetWhoseGenesisCannotVoteRefusesStandbyValidators() throws Exception {
    int base = Ports.freeRun(12);
    Path folder = dir.resolve("old");
    new Devnet(folder, base, base + 11).prepare(new PrintWriter(new StringWriter()));
    Path genesis = folder.resolve("genesis.json");
    Files.writeString(genesis, Files.readString(genesis).replace(", \"epoch\": " + Devnet.EPOCH, ""));
    assertThat(Files.readString(genesis)).doesNotContain("\"epoch\"");
    assertThatThrownBy(() -> new Devnet(folder, base, base + 11, 1).prepare(new PrintWriter(new StringWriter())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no epoch");

    Run r = cli("devnet", "--dir", folder.toString(), "--base-port", Integer.toString(base), "--discovery-port",
        Integer.toString(base + 11), "--standby", "1", "--exit-after", "30");
    assertThat(r.status()).as(r.out() + r.err()).isEqualTo(2);
    assertThat(r.err().lines().toList()).hasSize(1);
    assertThat(r.err()).startsWith("ccoin: ").contains("authority voting", "--dir");
    assertThat(folder.resolve("standby1")).doesNotExist();
  }

  @Test
  void aStandbyCountOutOfRangeIsOneLineAndExitStatus2() {
    for (String n : List.of("9", "-1")) {
      Run r = cli("devnet", "--dir", dir.resolve("x").toString(), "--standby", n);
      assertThat(r.status()).as(r.err()).isEqualTo(2);
      assertThat(r.err().lines().toList()).hasSize(1);
      assertThat(r.err()).contains("--standby must be 0 .. 8");
    }
    assertThat(dir.resolve("x")).doesNotExist();
  }
}
