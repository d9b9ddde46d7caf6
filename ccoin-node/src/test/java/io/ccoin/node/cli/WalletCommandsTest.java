package io.ccoin.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.core.Await;
import io.ccoin.core.Ccoin;
import io.ccoin.core.CcoinNode;
import io.ccoin.core.TestKeys;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.crypto.Keystore;
import io.ccoin.core.genesis.GenesisParser;
import io.ccoin.node.http.ApiServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wallet commands against a live in-process validator (a block every 0.2 s) and its API on
 * 127.0.0.1: a transaction from {@code tx sign} is accepted by {@code POST /api/v1/transactions}
 * and mined; {@code tx send --wait} returns once confirmed, and exits 3 when it is not in time;
 * {@code tx status} and {@code account balance} show what the node knows.
 */
@Timeout(120)
class WalletCommandsTest {
  static final String GENESIS = """
      {"network_id": 9, "miners": ["%s"],
       "block_mining": {"interval": 0.2, "max_bound": 100, "min_bound": 1, "reward": 50, "difficulty": 1,
                        "allow_empty": true, "placeholder_data": ["predef", "idle"]},
       "genesis_block": {"difficulty": 1},
       "alloc": {"%s": {"balance": 1000000}}}
      """;

  @TempDir
  Path dir;

  final AccountKey miner = TestKeys.vector(0);
  final AccountKey alice = TestKeys.vector(1);
  final AccountKey bob = TestKeys.vector(2);
  final Map<String, String> env = Map.of("CCOIN_PASSPHRASE", "alice's passphrase");
  CcoinNode node;
  ApiServer server;
  String api;
  Path genesisFile;
  Path keystore;

  @BeforeEach
  void start() throws Exception {
    String genesis = GENESIS.formatted(miner.address(), alice.address());
    genesisFile = dir.resolve("genesis.json");
    Files.writeString(genesisFile, genesis);
    keystore = dir.resolve("keystore");
    Keystore.write(keystore, alice, env.get("CCOIN_PASSPHRASE").toCharArray());
    node = Ccoin.builder().genesis(GenesisParser.parse(genesis)).validator(miner).build().start();
    server = ApiServer.builder(node).build().start("127.0.0.1", 0);
    api = "http://127.0.0.1:" + server.port();
  }

  @AfterEach
  void stop() {
    server.stop();
    node.close();
  }

  record Run(int status, String out, String err) {}

  Run ccoin(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = CcoinCli.run(args, new PrintWriter(out), new PrintWriter(err), env);
    return new Run(status, out.toString(), err.toString());
  }

  @Test
  void aSignedTransactionIsAcceptedByPostTransactionsAndMined() throws Exception {
    Run signed = ccoin("tx", "sign", "--keystore", keystore.toString(), "--from", alice.address().toHex(), "--to", bob.address().toHex(),
        "--value", "1234", "--fee", "3", "--nonce", "0", "--genesis", genesisFile.toString(), "--data", "offline");
    assertThat(signed.status()).as(signed.err()).isZero();

    // exactly as docs/API.md shows it: {"raw": "<the printed line>"}
    HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api + "/api/v1/transactions"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"raw\": \"" + signed.out().strip() + "\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
    Matcher m = Pattern.compile("\"hash\"\\s*:\\s*\"([0-9a-f]{64})\"").matcher(posted.body());
    assertThat(m.find()).isTrue();
    String hash = m.group(1);

    Run status = ccoin("tx", "status", hash, "--node", api);
    assertThat(status.status()).as(status.err()).isZero();
    assertThat(status.out()).contains("\"hash\" : \"" + hash + "\"").containsAnyOf("\"pending\"", "\"confirmed\"");
    awaitConfirmed(hash);
    Run balance = ccoin("account", "balance", bob.address().toHex(), "--node", api);
    assertThat(balance.status()).as(balance.err()).isZero();
    assertThat(balance.out()).startsWith("balance 1234, nonce 0, next nonce 0 (" + bob.address().toHex() + ")");
    assertThat(ccoin("account", "balance", alice.address().toHex(), "--node", api).out())
        .startsWith("balance " + (1_000_000 - 1234 - 3) + ", nonce 1, next nonce 1");
  }

  @Test
  void txSendWaitReturnsOnceConfirmedAndExits3WhenNotInTime() throws Exception {
    Run sent = ccoin("tx", "send", "--keystore", keystore.toString(), "--from", alice.address().toHex(), "--to", bob.address().toHex(),
        "--value", "5", "--node", api, "--wait", "--timeout", "60");
    assertThat(sent.status()).as(sent.err()).isZero();
    assertThat(sent.out()).contains("Submitted transaction ").containsPattern("Confirmed in block #\\d+ \\([0-9a-f]{64}\\)");

    // a nonce gap: the pool holds it, no block can take it
    Run gap = ccoin("tx", "send", "--keystore", keystore.toString(), "--from", alice.address().toHex(), "--to", bob.address().toHex(),
        "--value", "5", "--node", api, "--nonce", "7", "--wait", "--timeout", "1");
    assertThat(gap.status()).as(gap.out() + gap.err()).isEqualTo(TxCommand.NOT_CONFIRMED);
    assertThat(gap.err()).startsWith("ccoin: transaction ").contains("is still pending after 1 s");
    assertThat(gap.err().lines().count()).isEqualTo(1);
  }

  @Test
  void anUnknownTransactionIsExit4() {
    Run r = ccoin("tx", "status", "00".repeat(32), "--node", api);
    assertThat(r.status()).isEqualTo(TxCommand.UNKNOWN);
    assertThat(r.err()).isEqualTo("ccoin: the node at " + api + " does not know transaction " + "00".repeat(32)
        + " (never received, or dropped from its pool)\n");
  }

  private void awaitConfirmed(String hash) {
    Await.until("transaction " + hash + " confirmed", Duration.ofSeconds(30),
        () -> ccoin("tx", "status", hash, "--node", api).out().contains("\"confirmed\""));
  }
}
