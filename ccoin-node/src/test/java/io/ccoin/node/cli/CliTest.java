package io.ccoin.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.core.Vectors;
import io.ccoin.core.crypto.Keystore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
    Files.writeString(genesis, Vectors.text("genesis-input.json"));
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
    Files.writeString(genesis, Vectors.text("genesis-input.json")
        .replace("\"coinbase_reward\": 100, \"difficulty\": 3", "\"coinbase_reward\": 100, \"difficulty\": 16"));
    assertThat(Files.readString(genesis)).contains("\"difficulty\": 16");
    Run r = assertUsageError(Map.of(), "--force", "init", "--genesis", genesis.toString(), "-c", config().toString());
    assertThat(r.err()).contains("genesis_block.difficulty 16", "hashes", "H/s on this machine");
    assertThat(r.out()).isEmpty();
    assertThat(dir.resolve("data/genesis.json")).doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "account", "account new", "account balance", "create-account", "init", "initc", "tx", "tx send",
      "tx sign", "tx status", "status", "discovery", "node", "devnet", "completion", "help", "peers", "peers list", "peers ban",
      "peers unban"})
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

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      "http": {"submit_concurrency": 0}        | http.submit_concurrency: must be 1 .. 256, got 0
      "http": {"submit_queue": "many"}         | http.submit_queue: must be a plain integer
      "p2p": {"tx_queue_limit": 9999999999}    | p2p.tx_queue_limit: must be 1024 .. 1048576, got 9999999999
      """)
  void aBadAdmissionBoundStopsTheNodeBeforeItStarts(String section, String message) throws Exception {
    Path c = dir.resolve("bounds.json");
    Files.writeString(c, "{\"app\": {\"base_path\": \"data\"}, " + section + "}");
    Run r = assertUsageError(Map.of(), c + ": " + message, "node", "-c", c.toString(), "-t", "basic");
    assertThat(r.out()).isEmpty();
    assertThat(dir.resolve("data")).as("nothing created").doesNotExist();
  }

  @Test
  void anUnreachableNodeIsStatus1AndSaysWhyInWords() {
    Run r = run(new HashMap<>(), "status", "--node", "http://127.0.0.1:1");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("ccoin: cannot reach the node at http://127.0.0.1:1: connection refused\n");
  }

  @Test
  void errorsNameTheFileOnceAndShowNoExceptionClass() throws Exception {
    Path missing = dir.resolve("nonexistent.json");
    Run r = assertUsageError(Map.of(), "cannot read", "init", "--genesis", missing.toString());
    assertThat(r.err()).isEqualTo("ccoin: " + missing + ": cannot read: no such file or folder\n");
    Run config = assertUsageError(Map.of(), "cannot read", "status", "-c", missing.toString());
    assertThat(config.err()).isEqualTo("ccoin: " + missing + ": cannot read: no such file or folder\n");
    Run folder = assertUsageError(Map.of(), "cannot read", "init", "--genesis", dir.toString());
    assertThat(folder.err().split(dir.toString(), -1)).hasSize(2);
    Run pass = assertUsageError(Map.of(), "cannot read the passphrase file", "account", "new", "--keystore", dir.toString(),
        "--passphrase-file", missing.toString());
    assertThat(pass.err()).endsWith(": no such file or folder\n");
    for (Run each : List.of(r, config, folder, pass)) {
      assertThat(each.err()).doesNotContainPattern("[a-z]+\\.[a-z]+\\.[A-Za-z]+Exception").doesNotContain("Exception");
    }
  }

  @Test
  void discoveryHelpIsHelpAndTheHostIsLongOnly() {
    Run help = run("discovery", "--help");
    assertThat(help.status()).as(help.err()).isZero();
    assertThat(help.out()).contains("Usage: ccoin discovery", "--host=HOST");
    Run shortHelp = run("discovery", "-h");
    assertThat(shortHelp.status()).isZero();
    assertThat(shortHelp.out()).contains("Usage: ccoin discovery");
  }

  @Test
  void nestedHelpShowsTheNestedCommand() {
    Run r = run("help", "tx", "send");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).contains("Usage: ccoin tx send", "--to=ADDRESS", "--wait");
    assertThat(run("help", "tx").out()).contains("Usage: ccoin tx ", "send", "sign", "status");
    assertThat(run("help").out()).contains("Usage: ccoin ");
    assertThat(run("help", "account", "balance").out()).contains("Usage: ccoin account balance");
    Run unknown = assertUsageError(Map.of(), "no command 'tx frobnicate'", "help", "tx", "frobnicate");
    assertThat(unknown.err()).contains("send", "sign", "status");
  }

  @Test
  void anEmptyPassphraseIsRefusedUnlessAllowed() throws Exception {
    Path empty = dir.resolve("empty");
    Files.writeString(empty, "\n");
    Path ks = dir.resolve("ks");
    assertUsageError(Map.of(), "the passphrase is empty", "account", "new", "--keystore", ks.toString(), "--passphrase-file", empty.toString());
    assertUsageError(Map.of("CCOIN_PASSPHRASE", ""), "--allow-empty-passphrase", "create-account", "--keystore", ks.toString());
    assertThat(ks).doesNotExist();
    Run allowed = run(Map.of("CCOIN_PASSPHRASE", ""), "account", "new", "--keystore", ks.toString(), "--allow-empty-passphrase");
    assertThat(allowed.status()).as(allowed.err()).isZero();
    assertThat(Keystore.list(ks)).hasSize(1);
  }

  @Test
  void versionNamesTheBuild() throws Exception {
    Run r = run("--version");
    assertThat(r.status()).isZero();
    String expected = System.getProperty("ccoin.test.projectVersion");
    assertThat(expected).as("the build passes the project version to the tests").isNotBlank();
    assertThat(r.out().strip()).matches("ccoin " + java.util.regex.Pattern.quote(expected) + " \\(commit ([0-9a-f]{12}(-dirty)?|unknown)\\)");
    String head = gitHead();
    if (head != null) {
      assertThat(r.out()).contains("(commit " + head.substring(0, 12));
    }
  }

  /** The commit git reports for the source tree, or null without git. */
  private static String gitHead() throws Exception {
    try {
      Process git = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
      String out = new String(git.getInputStream().readAllBytes()).strip();
      return git.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) && git.exitValue() == 0 && out.matches("[0-9a-f]{40}") ? out : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }

  @Test
  void completionPrintsABashScriptForEveryCommand() throws Exception {
    Run r = run("completion");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).contains("complete -F", "ccoin", "devnet", "discovery", "sign", "balance", "--allow-empty-passphrase");
    Path bash = Path.of("/bin/bash");
    if (Files.isExecutable(bash)) {
      // bash completes "ccoin tx s" with the script
      Path script = dir.resolve("ccoin-completion.sh");
      Files.writeString(script, r.out());
      Process p = new ProcessBuilder(bash.toString(), "-c", "source " + script + "; COMP_WORDS=(ccoin tx s); COMP_CWORD=2; "
          + "COMP_LINE='ccoin tx s'; COMP_POINT=${#COMP_LINE}; _complete_ccoin ccoin s tx; echo \"${COMPREPLY[@]}\"")
          .redirectErrorStream(true).start();
      String completed = new String(p.getInputStream().readAllBytes()).strip();
      assertThat(p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(completed).isEqualTo("send sign status");
    }
  }

  @Test
  void walletCommandsCheckTheirInputFirst() throws Exception {
    String addr = "956bdb28b5edb38da3d6d794ba3f0b569ec4937a";
    Map<String, String> env = Map.of("CCOIN_PASSPHRASE", "x");
    assertUsageError(env, "Missing required option: '--nonce=N'", "tx", "sign", "--keystore", dir.toString(), "--from", addr, "--to", addr,
        "--value", "1");
    assertUsageError(env, "--to is not an address", "tx", "sign", "--keystore", dir.toString(), "--from", addr, "--to", "nope",
        "--value", "1", "--nonce", "0");
    assertUsageError(env, "--nonce must not be negative", "tx", "sign", "--keystore", dir.toString(), "--from", addr, "--to", addr,
        "--value", "1", "--nonce", "-1");
    assertUsageError(env, "which network? give --genesis", "tx", "sign", "--keystore", dir.toString(), "--from", addr, "--to", addr,
        "--value", "1", "--nonce", "0");
    assertUsageError(env, "keystore file", "tx", "sign", "--keystore", dir.toString(), "--from", addr, "--to", addr,
        "--value", "1", "--nonce", "0", "--genesis", genesisFile().toString());
    assertUsageError(env, "--value and --fee must not be negative", "tx", "send", "--keystore", dir.toString(), "--from", addr,
        "--to", addr, "--value", "-5");
    assertUsageError(env, "--timeout must be 1 .. 86400", "tx", "send", "--keystore", dir.toString(), "--from", addr,
        "--to", addr, "--value", "5", "--wait", "--timeout", "0");
    assertUsageError(Map.of(), "HASH is not a transaction hash", "tx", "status", "abc");
    assertUsageError(Map.of(), "Missing required parameter: 'HASH'", "tx", "status");
    assertUsageError(Map.of(), "ADDRESS is not an address", "account", "balance", "xyz");
  }

  @Test
  void txSignWorksOfflineAndPrintsOnlyTheRawTransaction() throws Exception {
    Path ks = dir.resolve("ks");
    Run created = run(Map.of("CCOIN_PASSPHRASE", "pw"), "account", "new", "--keystore", ks.toString());
    String from = created.out().lines().findFirst().orElseThrow().substring("Created account with address=".length());
    Run signed = run(Map.of("CCOIN_PASSPHRASE", "pw"), "tx", "sign", "--keystore", ks.toString(), "--from", from,
        "--to", "956bdb28b5edb38da3d6d794ba3f0b569ec4937a", "--value", "10", "--fee", "2", "--nonce", "3", "--genesis",
        genesisFile().toString());
    assertThat(signed.status()).as(signed.err()).isZero();
    assertThat(signed.out().lines().count()).isEqualTo(1);
    io.ccoin.api.Transaction tx = io.ccoin.core.codec.Codec.decodeTransaction(java.util.Base64.getDecoder().decode(signed.out().strip()));
    assertThat(tx.nonce()).isEqualTo(3);
    assertThat(tx.value()).isEqualTo(10);
    assertThat(tx.fee()).isEqualTo(2);
    assertThat(tx.chainId()).isEqualTo(1);
  }

  Path genesisFile() throws Exception {
    Path genesis = dir.resolve("genesis.json");
    Files.writeString(genesis, Vectors.text("genesis-input.json"));
    return genesis;
  }
}
