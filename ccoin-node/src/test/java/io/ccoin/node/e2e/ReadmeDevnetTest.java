package io.ccoin.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.core.Await;
import io.ccoin.node.cli.CcoinCli;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Follows the README: {@code ccoin devnet} with no setup starts, blocks appear, and the
 * {@code ccoin tx send} example it prints is mined. (The devnet runs from the test classpath rather
 * than through the ./ccoin launcher, which only builds the jar first.)
 */
class ReadmeDevnetTest {
  @TempDir
  Path dir;

  @Test
  @Timeout(240)
  void theDevnetStartsAndThePrintedTxSendIsMined() throws Exception {
    int base = Ports.freeRun(10);
    List<String> command = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
        "io.ccoin.node.cli.CcoinCli", "devnet", "--base-port", Integer.toString(base), "--discovery-port", Integer.toString(base + 9),
        "--exit-after", "150"));
    Process devnet = new ProcessBuilder(command).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(devnet.getInputStream(), StandardCharsets.UTF_8))) {
      String example = null;
      boolean block = false;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
      for (String line = out.readLine(); line != null && System.nanoTime() < deadline; line = out.readLine()) {
        if (line.strip().startsWith("./ccoin tx send")) {
          example = line.strip();
        }
        if (line.startsWith("block #") && !line.startsWith("block #0 ")) {
          // the progress line: head, transactions in the new blocks, peers, pool
          assertThat(line).matches("block #\\d+ \\(basic\\): \\d+ transactions?( in \\d+ blocks)?, \\d+ peers?, \\d+ pending");
          block = true;
        }
        if (example != null && block) {
          break;
        }
      }
      assertThat(example).as("the printed tx send example").isNotNull();
      assertThat(block).as("a block appeared").isTrue();

      // run the example as printed, from the folder the devnet runs in
      String[] args = Arrays.copyOfRange(example.split(" +"), 1, example.split(" +").length);
      for (int i = 0; i < args.length; i++) {
        if (args[i].startsWith(".ccoin-devnet")) {
          args[i] = dir.resolve(args[i]).toString();
        }
      }
      StringWriter sent = new StringWriter();
      StringWriter err = new StringWriter();
      int status = CcoinCli.run(args, new PrintWriter(sent), new PrintWriter(err), Map.of());
      assertThat(status).as(err.toString()).isZero();
      Matcher m = Pattern.compile("Submitted transaction ([0-9a-f]{64})").matcher(sent.toString());
      assertThat(m.find()).isTrue();
      String api = "http://127.0.0.1:" + (base + 1) + "/api/v1/transactions/" + m.group(1);
      HttpClient http = HttpClient.newHttpClient();
      String answer = Await.value("the transfer confirmed", Duration.ofSeconds(60), () -> {
        String body = get(http, api);
        return body.contains("\"confirmed\"") ? body : null;
      });
      assertThat(answer).contains("\"status\":\"confirmed\"");
    } finally {
      devnet.destroy();
      if (!devnet.waitFor(30, TimeUnit.SECONDS)) {
        devnet.destroyForcibly();
      }
    }
  }

  /** The body of {@code GET url}, or "" when the node does not answer (yet). */
  private static String get(HttpClient http, String url) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    } catch (java.io.IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
