package io.ccoin.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.core.Await;
import io.ccoin.node.config.NodeConfigParser;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the two-node walkthrough of docs/CLI.md as written: the fenced blocks marked
 * {@code walkthrough}, in order. A {@code file=PATH} block is written to PATH; a shell block's
 * lines are {@code export NAME=VALUE} or {@code ./ccoin ...} commands, each run as its own process
 * (a trailing {@code &}: in the background) in one folder. The doc's ports are replaced by free
 * ones on 127.0.0.1, and ADDRESSn by the address of the {@code account new} whose comment names
 * it; any other comment after a command is the output the command must print (its first line).
 * Before a command follows background ones, the test waits until their ports answer (a node: until
 * {@code /health/ready}).
 */
class CliWalkthroughTest {
  static final Pattern BLOCK = Pattern.compile("```(\\w+) walkthrough(?: file=(\\S+))?\\n(.*?)```", Pattern.DOTALL);
  static final Pattern DOC_PORTS = Pattern.compile("\\b(30333|30334|30335|30336|4444)\\b");
  static final Pattern PLACEHOLDER = Pattern.compile("\\bADDRESS\\d\\b");

  @TempDir
  Path dir;

  final Map<String, String> env = new HashMap<>();
  final Map<String, String> addresses = new HashMap<>();
  final Map<String, Integer> ports = new HashMap<>();
  final List<Background> background = new ArrayList<>();
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  boolean backgroundChecked = true;

  /** A long-running command: its standard output and its log (standard error) go to two files. */
  record Background(List<String> args, Process process, Path out, Path log) {}

  record Result(int status, String out, String err) {}

  @AfterEach
  void stopBackground() throws InterruptedException {
    // the nodes first, then the discovery service, as the doc says
    for (int i = background.size() - 1; i >= 0; i--) {
      Process p = background.get(i).process();
      p.destroy();
      if (!p.waitFor(15, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  @Test
  @Timeout(180)
  void theTwoNodeWalkthroughRunsAsWritten() throws Exception {
    Path doc = Path.of("").toAbsolutePath().getParent().resolve("docs").resolve("CLI.md");
    String text = Files.readString(doc, StandardCharsets.UTF_8);
    int base = Ports.freeRun(5);
    for (String p : List.of("30333", "30334", "30335", "30336", "4444")) {
      ports.put(p, base + ports.size());
    }
    Matcher m = BLOCK.matcher(text);
    List<String> ran = new ArrayList<>();
    while (m.find()) {
      if (m.group(2) != null) {
        Path file = dir.resolve(m.group(2));
        Files.createDirectories(file.getParent());
        Files.writeString(file, substitute(m.group(3)), StandardCharsets.UTF_8);
        ran.add("file " + m.group(2));
        continue;
      }
      assertThat(m.group(1)).as("a walkthrough block without file= is a shell block").isEqualTo("sh");
      for (String line : m.group(3).split("\n")) {
        String[] parts = splitComment(line);
        String command = parts[0].strip();
        if (command.isEmpty()) {
          continue;
        }
        long t = System.nanoTime();
        run(command, parts[1].strip());
        System.out.printf("%5.1f s  %s%n", (System.nanoTime() - t) / 1e9, command); // into the surefire report
        ran.add(command);
      }
    }
    assertThat(ran).as("the walkthrough's steps").anyMatch(s -> s.startsWith("./ccoin tx send")).anyMatch(s -> s.startsWith("./ccoin node"))
        .anyMatch(s -> s.equals("file genesis.json")).anyMatch(s -> s.startsWith("./ccoin tx sign"));
    assertThat(background).hasSize(3);
    for (Background b : background) {
      if (b.args().get(0).equals("node")) {
        // a node's standard output stays empty: its log is on standard error, no library prints to stdout
        assertThat(Files.readString(b.out())).as("standard output of ccoin %s", String.join(" ", b.args())).isEmpty();
      }
    }
    // the basic node logs the blocks it imports
    Background basic = background.stream().filter(b -> b.args().contains("basic")).findFirst().orElseThrow();
    assertThat(Files.readString(basic.log())).contains("INFO  [BlockImportLog] imported block #");
  }

  private void run(String command, String comment) throws Exception {
    if (command.startsWith("export ")) {
      String[] kv = command.substring("export ".length()).split("=", 2);
      env.put(kv[0], String.join(" ", tokens(kv[1])));
      return;
    }
    assertThat(command).as("a walkthrough line is 'export' or './ccoin'").startsWith("./ccoin ");
    boolean inBackground = command.endsWith("&");
    List<String> args = tokens(substitute(command.substring("./ccoin ".length(), command.length() - (inBackground ? 1 : 0))));
    if (inBackground) {
      Path log = dir.resolve("background-" + background.size() + ".log");
      Path out = dir.resolve("background-" + background.size() + ".out");
      background.add(new Background(args, start(args, out, log), out, log));
      backgroundChecked = false;
      return;
    }
    if (!backgroundChecked) {
      awaitBackground();
      backgroundChecked = true;
    }
    Result r = runToEnd(args);
    assertThat(r.status()).as("%s\nstdout: %s\nstderr: %s", command, r.out(), r.err()).isZero();
    Matcher created = Pattern.compile("^Created account with address=(ADDRESS\\d)$").matcher(comment);
    if (created.matches()) {
      Matcher address = Pattern.compile("address=([0-9a-f]{40})").matcher(r.out());
      assertThat(address.find()).as(r.out()).isTrue();
      addresses.put(created.group(1), address.group(1));
    } else if (!comment.isEmpty()) {
      assertThat(r.out().lines().findFirst().orElse("")).as("the output of %s, as the doc shows it", command).isEqualTo(substitute(comment));
    }
    if (args.get(0).equals("tx") && args.contains("--wait")) {
      assertThat(r.out()).containsPattern("Confirmed in block #\\d+");
    }
    if (args.get(0).equals("tx") && args.get(1).equals("sign")) {
      assertThat(r.out().strip()).matches("[A-Za-z0-9+/=]{200,}");
    }
  }

  private String substitute(String text) {
    Matcher p = DOC_PORTS.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (p.find()) {
      p.appendReplacement(sb, Integer.toString(ports.get(p.group(1))));
    }
    p.appendTail(sb);
    Matcher a = PLACEHOLDER.matcher(sb.toString());
    StringBuilder out = new StringBuilder();
    while (a.find()) {
      assertThat(addresses).as("%s is known when it is used", a.group()).containsKey(a.group());
      a.appendReplacement(out, addresses.get(a.group()));
    }
    a.appendTail(out);
    return out.toString();
  }

  /** Splits off a {@code #} comment that is outside quotes. */
  static String[] splitComment(String line) {
    boolean single = false;
    boolean dbl = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\'' && !dbl) {
        single = !single;
      } else if (c == '"' && !single) {
        dbl = !dbl;
      } else if (c == '#' && !single && !dbl && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        return new String[] {line.substring(0, i), line.substring(i + 1)};
      }
    }
    return new String[] {line, ""};
  }

  /** Shell words: whitespace-separated, with '...' and "..." quoting. */
  static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder word = null;
    char quote = 0;
    for (char c : text.strip().toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        word = word == null ? new StringBuilder() : word;
      } else if (Character.isWhitespace(c)) {
        if (word != null) {
          out.add(word.toString());
          word = null;
        }
      } else {
        word = word == null ? new StringBuilder() : word;
        word.append(c);
      }
    }
    assertThat((int) quote).as("unbalanced quotes in %s", text).isZero();
    if (word != null) {
      out.add(word.toString());
    }
    return out;
  }

  private ProcessBuilder process(List<String> args, boolean shortLived) {
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
    if (shortLived) {
      command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    }
    command.addAll(List.of("-Xmx256m", "-cp", System.getProperty("java.class.path"), "io.ccoin.node.cli.CcoinCli"));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().putAll(env);
    return pb;
  }

  private Process start(List<String> args, Path out, Path log) throws IOException {
    return process(args, false).redirectOutput(out.toFile()).redirectError(log.toFile()).start();
  }

  private Result runToEnd(List<String> args) throws Exception {
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process p = process(args, true).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("ccoin " + String.join(" ", args) + " did not end within 90 s");
    }
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** Waits until every background process answers: a node's /health/ready, the discovery service's port. */
  private void awaitBackground() throws Exception {
    for (Background b : background) {
      String command = "ccoin " + String.join(" ", b.args());
      try {
        Await.until(command + " ready", Duration.ofSeconds(90), () -> {
          if (!b.process().isAlive()) {
            throw new AssertionError(command + " exited");
          }
          return answers(b);
        });
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + "; its output:\n" + Files.readString(b.log()), e);
      }
    }
  }

  private boolean answers(Background b) {
    List<String> args = b.args();
    if (args.get(0).equals("node")) {
      int port = NodeConfigParser.read(dir.resolve(args.get(args.indexOf("-c") + 1)), env).http().port();
      try {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/health/ready"))
            .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
    int port = Integer.parseInt(args.get(args.indexOf("--port") + 1));
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
