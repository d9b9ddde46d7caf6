package io.ccoin.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.node.Devnet;
import io.ccoin.node.cli.CcoinCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The devnet launcher's failure paths: a port already in use is refused before anything is created
 * (exit 2, naming the port and the options to choose others); a child that dies makes the launcher
 * stop the others and exit 1 with that child's own error.
 */
class DevnetLauncherTest {
  @TempDir
  Path dir;

  record Run(int status, String out, String err) {}

  static Run devnet(Path folder, int base) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = CcoinCli.run(new String[] {"devnet", "--dir", folder.toString(), "--base-port", Integer.toString(base),
        "--discovery-port", Integer.toString(base + 9), "--exit-after", "60"}, new PrintWriter(out), new PrintWriter(err), Map.of());
    return new Run(status, out.toString(), err.toString());
  }

  @Test
  @Timeout(30)
  void aBusyPortIsRefusedBeforeAnythingStarts() throws Exception {
    int base = Ports.freeRun(10);
    Path folder = dir.resolve("devnet2");
    for (int busy : new int[] {base + 3, base + 9}) {
      try (ServerSocket socket = new ServerSocket()) {
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), busy));
        Run r = devnet(folder, base);
        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err().lines().count()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).startsWith("ccoin: port " + busy + " on 127.0.0.1 is in use").contains("--base-port", "--discovery-port");
        assertThat(r.out()).isEmpty();
        assertThat(folder).doesNotExist();
      }
    }
  }

  @Test
  @Timeout(120)
  void aChildThatDiesEndsTheDevnetWithItsOwnError() throws Exception {
    int base = Ports.freeRun(10);
    Path folder = dir.resolve("devnet");
    Devnet prepared = new Devnet(folder, base, base + 9);
    prepared.prepare(new PrintWriter(new StringWriter()));
    Path config = prepared.config("miner2");
    Files.writeString(config, Files.readString(config).replaceFirst("\\{", "{\"typo\": 1,"));

    Run r = devnet(folder, base);
    assertThat(r.status()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.err().lines().count()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).startsWith("ccoin: miner2 exited with status 2: ").contains("typo: unknown key")
        .contains("(log: " + folder.resolve("logs").resolve("miner2.log").toAbsolutePath() + ")");
    assertThat(r.out()).doesNotContain("block #").doesNotContain("API http://");
    // the other children were stopped: every port is free again
    assertThat(prepared.busyPort()).isEmpty();
  }
}
