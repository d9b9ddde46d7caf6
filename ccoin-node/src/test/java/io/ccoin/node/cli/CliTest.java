package io.ccoin.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.core.crypto.Keystore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CliTest {
  @TempDir
  Path dir;

  record Run(int status, String out, String err) {}

  Run run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = CcoinCli.run(args, new PrintWriter(out), new PrintWriter(err), env);
    return new Run(status, out.toString(), err.toString());
  }

  Run run(String... args) {
    return run(Map.of(), args);
  }

  Path config() throws Exception {
    Path c = dir.resolve("ccoin.json");
    Files.writeString(c, "{\"app\": {\"base_path\": \"data\"}}");
    return c;
  }

  @Test
  void accountNewWritesAKeystoreReadableWithThePassphrase() throws Exception {
    Run r = run(Map.of("CCOIN_PASSPHRASE", "s3cret"), "account", "new", "-c", config().toString());
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("Created account with address=");
    String address = r.out().lines().findFirst().orElseThrow().substring("Created account with address=".length());
    Path file = dir.resolve("data/keystore/" + address + ".json");
    assertThat(file).exists();
    assertThat(Keystore.read(file, "s3cret".toCharArray()).address().toHex()).isEqualTo(address);
    assertThat(r.out()).doesNotContain("s3cret");
  }

  @Test
  void createAccountIsAnAliasAndAPassphraseFileWorks() throws Exception {
    Path pass = dir.resolve("pass");
    Files.writeString(pass, "from-a-file\n");
    Run r = run("create-account", "--keystore", dir.resolve("ks").toString(), "--passphrase-file", pass.toString());
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(Keystore.list(dir.resolve("ks"))).hasSize(1);
    Path file = Files.list(dir.resolve("ks")).findFirst().orElseThrow();
    assertThat(Keystore.read(file, "from-a-file".toCharArray())).isNotNull();
  }

  @Test
  void initPrintsTheGenesisAndInstallsIt() throws Exception {
    Path genesis = dir.resolve("genesis.json");
    try (var in = getClass().getResourceAsStream("/vectors/genesis-input.json")) {
      Files.write(genesis, in.readAllBytes());
    }
    Run r = run("initc", "--genesis", genesis.toString(), "-c", config().toString());
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).contains("nonce=277", "pow_hash=0003474b797aaae32795c022cfa773f3609450733ef1b01c40ca9aad70ee25b1",
        "hash=9723aec0236c9116147d033d16b44630062226f308622555289ad7587ca0aa0b");
    assertThat(dir.resolve("data/genesis.json")).exists();
    // the same genesis again is fine; another one is refused
    assertThat(run("init", "--genesis", genesis.toString(), "-c", config().toString()).status()).isZero();
    Path other = dir.resolve("other.json");
    Files.writeString(other, Files.readString(genesis).replace("\"network_id\": 1", "\"network_id\": 2"));
    Run refused = run("init", "--genesis", other.toString(), "-c", config().toString());
    assertThat(refused.status()).isEqualTo(2);
    assertThat(refused.err()).contains("already holds another genesis");
  }

  /** Issue 17, defect 5: difficulty 16 (about 2^64 hashes) is refused at once, naming --force; nothing is installed. */
  @Test
  void initRefusesAGenesisDifficultyThatWouldTakeOverAnHourWithoutForce() throws Exception {
    Path genesis = dir.resolve("hard.json");
    try (var in = getClass().getResourceAsStream("/vectors/genesis-input.json")) {
      Files.writeString(genesis, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
          .replace("\"coinbase_reward\": 100, \"difficulty\": 3", "\"coinbase_reward\": 100, \"difficulty\": 16"));
    }
    assertThat(Files.readString(genesis)).contains("\"difficulty\": 16");
    Run r = assertUsageError(Map.of(), "--force", "init", "--genesis", genesis.toString(), "-c", config().toString());
    assertThat(r.err()).contains("genesis_block.difficulty 16", "hashes", "H/s on this machine");
    assertThat(r.out()).isEmpty();
    assertThat(dir.resolve("data/genesis.json")).doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "account", "account new", "create-account", "init", "initc", "tx", "tx send", "status"})
  void everyCommandHasHelp(String command) {
    String[] args = (command.isEmpty() ? "--help" : command + " --help").split(" ");
    Run r = run(args);
    assertThat(r.status()).isZero();
    assertThat(r.out()).contains("Usage:");
  }

  Run assertUsageError(Map<String, String> env, String expected, String... args) {
    Run r = run(env, args);
    assertThat(r.status()).as(r.out() + r.err()).isEqualTo(2);
    assertThat(r.err().lines().count()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).startsWith("ccoin: ").contains(expected).doesNotContain("Exception\n\tat ");
    return r;
  }

  @Test
  void badArgumentsAndFilesGetOneLineAndStatus2() throws Exception {
    assertUsageError(Map.of(), "Unknown option", "init", "--genesis", "x.json", "--bogus");
    assertUsageError(Map.of(), "Missing required option", "init");
    assertUsageError(Map.of(), "Unmatched argument", "frobnicate");
    assertUsageError(Map.of(), "cannot read", "init", "--genesis", dir.resolve("missing.json").toString());
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"network_id\": -1}");
    assertUsageError(Map.of(), "network_id: must not be negative", "init", "--genesis", bad.toString());
    assertUsageError(Map.of(), "no passphrase", "account", "new", "--keystore", dir.toString());
    assertUsageError(Map.of("CCOIN_PASSPHRASE", "x"), "where is the keystore", "account", "new");
    Path badConfig = dir.resolve("c.json");
    Files.writeString(badConfig, "{\"app\": {\"base_path\": \"d\"}, \"typo\": 1}");
    assertUsageError(Map.of("CCOIN_PASSPHRASE", "x"), "typo: unknown key", "account", "new", "-c", badConfig.toString());
    assertUsageError(Map.of("CCOIN_PASSPHRASE", "x"), "--to is not an address", "tx", "send", "--keystore", dir.toString(),
        "--from", "956bdb28b5edb38da3d6d794ba3f0b569ec4937a", "--to", "xyz", "--value", "1");
    assertUsageError(Map.of(), "--node must be an http(s) URL", "status", "--node", "ftp://x");
    assertUsageError(Map.of(), "Invalid value", "tx", "send", "--to", "956bdb28b5edb38da3d6d794ba3f0b569ec4937a", "--value", "lots");
  }

  @Test
  void anUnreachableNodeIsStatus1() {
    Run r = run(new HashMap<>(), "status", "--node", "http://127.0.0.1:1");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).startsWith("ccoin: cannot reach the node");
  }
}
