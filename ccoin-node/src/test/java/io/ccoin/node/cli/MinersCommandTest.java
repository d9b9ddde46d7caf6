package io.ccoin.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.Vote;
import io.ccoin.core.Ccoin;
import io.ccoin.core.CcoinNode;
import io.ccoin.core.internal.chain.ChainFixture;
import io.ccoin.node.http.ApiServer;
import io.ccoin.node.http.ApiToken;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ccoin miners}, {@code miners propose --add|--remove} and {@code miners withdraw} against a
 * node's API on 127.0.0.1: what they print, what they change, and one line with exit status 2 for
 * every bad input (an argument, a token, or a vote the node refuses).
 */
class MinersCommandTest {
  static final String TOKEN = "cli-test-token-0123456789";

  @TempDir
  Path dir;

  final List<AutoCloseable> open = new ArrayList<>();
  ChainFixture chain;
  CcoinNode node;
  String url;
  Path tokenFile;

  record Run(int status, String out, String err) {}

  Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = CcoinCli.run(args, new PrintWriter(out), new PrintWriter(err), Map.of());
    return new Run(status, out.toString(), err.toString());
  }

  /** A node on {@code chain} (a validator of the first miner when {@code validator}) with its API on 127.0.0.1. */
  void start(String miningExtra, boolean validator) throws Exception {
    chain = new ChainFixture(miningExtra);
    Ccoin.Builder b = Ccoin.builder().genesis(chain.genesis.genesis()).clock(chain.clock);
    if (validator) {
      b.validator(chain.miners.get(0));
    }
    node = b.build();
    open.add(node);
    ApiServer api = ApiServer.builder(node).apiToken(ApiToken.of(TOKEN)).build().start("127.0.0.1", 0);
    open.add(0, api);
    url = "http://127.0.0.1:" + api.port();
    tokenFile = dir.resolve("api.token");
    Files.writeString(tokenFile, TOKEN + "\n");
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  /** Asserts a failure with exactly one line on stderr, and returns it. */
  static String oneLine(Run r, int status) {
    assertThat(r.status()).as(r.out() + r.err()).isEqualTo(status);
    assertThat(r.err().lines().toList()).as(r.err()).hasSize(1);
    assertThat(r.err()).startsWith("ccoin: ").doesNotContain("Exception").doesNotContain("\tat ");
    return r.err();
  }

  @Test
  void listsTheSetTheTallyAndTheProposalsAndProposesAndWithdraws() throws Exception {
    start(", \"epoch\": 100", true);
    String bob = chain.bob.address().toHex();
    Run list = run("miners", "--node", url);
    assertThat(list.status()).as(list.err()).isZero();
    for (var m : chain.miners) {
      assertThat(list.out()).contains(m.address().toHex());
    }
    assertThat(list.out()).contains("in turn next", "Voting: epoch 100", "next checkpoint", "No pending votes", "no open proposals");

    Run proposed = run("miners", "propose", "--node", url, "--token-file", tokenFile.toString(), "--add", "0x" + bob.toUpperCase());
    assertThat(proposed.status()).as(proposed.err()).isZero();
    assertThat(proposed.out()).contains("votes to add " + bob, "add " + bob);
    String member = chain.miners.get(2).address().toHex();
    assertThat(run("miners", "propose", "--node", url, "--token-file", tokenFile.toString(), "--remove", member).status()).isZero();
    assertThat(node.proposals()).containsExactly(new Vote(chain.bob.address(), true), new Vote(chain.miners.get(2).address(), false));

    list = run("miners", "--node", url);
    assertThat(list.out()).contains("open proposals (2)", "  add " + bob, "  remove " + member);
    Run json = run("miners", "--node", url, "--json");
    assertThat(json.out()).contains("\"epoch\" : 100", "\"proposals\"");

    Run withdrawn = run("miners", "withdraw", "--node", url, "--token-file", tokenFile.toString(), bob);
    assertThat(withdrawn.status()).as(withdrawn.err()).isZero();
    assertThat(withdrawn.out()).contains("Withdrew the proposal on " + bob);
    assertThat(node.proposals()).containsExactly(new Vote(chain.miners.get(2).address(), false));
    assertThat(oneLine(run("miners", "withdraw", "--node", url, "--token-file", tokenFile.toString(), bob), 2)).contains("not_found", bob);
  }

  @Test
  void badInputIsOneLineAndExitStatus2AndChangesNothing() throws Exception {
    start(", \"epoch\": 100", true);
    String token = tokenFile.toString();
    String member = chain.miners.get(1).address().toHex();
    String bob = chain.bob.address().toHex();
    assertThat(oneLine(run("miners", "propose", "--node", url, "--token-file", token, "--add", member), 2)).contains("invalid_vote");
    assertThat(oneLine(run("miners", "propose", "--node", url, "--token-file", token, "--remove", bob), 2)).contains("invalid_vote");
    assertThat(oneLine(run("miners", "propose", "--node", url, "--token-file", token, "--add", "xyz"), 2)).contains("--add", "xyz");
    assertThat(oneLine(run("miners", "propose", "--node", url, "--token-file", token), 2)).contains("--add", "--remove");
    oneLine(run("miners", "propose", "--node", url, "--token-file", token, "--add", bob, "--remove", member), 2);
    assertThat(oneLine(run("miners", "propose", "--node", url, "--add", bob), 2)).contains("token");
    Path wrong = dir.resolve("wrong.token");
    Files.writeString(wrong, "wrong-token-0123456789");
    assertThat(oneLine(run("miners", "propose", "--node", url, "--token-file", wrong.toString(), "--add", bob), 2)).contains("unauthorized");
    assertThat(oneLine(run("miners", "withdraw", "--node", url, "--token-file", token, "0x12"), 2)).contains("ADDRESS");
    assertThat(oneLine(run("miners", "--node", "not a url"), 2)).contains("--node");
    assertThat(node.proposals()).isEmpty();
  }

  @Test
  void aVersion1NetworkSaysItDoesNotVote() throws Exception {
    start("", true);
    Run list = run("miners", "--node", url);
    assertThat(list.status()).as(list.err()).isZero();
    assertThat(list.out()).contains("does not vote").doesNotContain("Pending");
    assertThat(oneLine(run("miners", "propose", "--node", url, "--token-file", tokenFile.toString(), "--add",
        chain.bob.address().toHex()), 2)).contains("version 1");
  }

  @Test
  void aNodeThatCannotBeReachedIsExitStatus1() throws Exception {
    start(", \"epoch\": 100", false);
    String closed = url;
    stop();
    open.clear();
    oneLine(run("miners", "--node", closed), 1);
  }
}
