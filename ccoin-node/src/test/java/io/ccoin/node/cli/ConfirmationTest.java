package io.ccoin.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.ccoin.api.Hash;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code tx send --wait}'s polling against a scripted node on 127.0.0.1: confirmed, dropped, still pending. */
class ConfirmationTest {
  static final Hash TX = Hash.fromHex("ab".repeat(32));
  final Deque<String> answers = new ArrayDeque<>();
  HttpServer server;
  NodeClient client;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/v1/transactions/", exchange -> {
      String next = answers.size() > 1 ? answers.poll() : answers.peek();
      byte[] body = (next == null ? "{\"error\": {\"code\": \"not_found\", \"message\": \"no such transaction\"}}" : next)
          .getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(next == null ? 404 : 200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    client = new NodeClient("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void returnsTheTransactionOnceConfirmed() {
    answers.add("{\"hash\": \"" + TX.toHex() + "\", \"status\": \"pending\"}");
    answers.add("{\"hash\": \"" + TX.toHex() + "\", \"status\": \"confirmed\", \"blockNumber\": 7}");
    assertThat(new Confirmation(client, Duration.ofSeconds(30)).await(TX).path("blockNumber").asLong()).isEqualTo(7);
  }

  @Test
  void aTransactionTheNodeForgotIsDroppedExit4() {
    assertThatThrownBy(() -> new Confirmation(client, Duration.ofSeconds(30)).await(TX))
        .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.status()).isEqualTo(TxCommand.UNKNOWN))
        .hasMessageContaining("was dropped");
  }

  @Test
  void aTransactionTheNodeReportsDroppedIsExit4WithItsReason() {
    answers.add("{\"hash\": \"" + TX.toHex() + "\", \"status\": \"pending\"}");
    answers.add("{\"hash\": \"" + TX.toHex() + "\", \"status\": \"dropped\", \"reason\": \"replaced\"}");
    assertThatThrownBy(() -> new Confirmation(client, Duration.ofSeconds(30)).await(TX))
        .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.status()).isEqualTo(TxCommand.UNKNOWN))
        .hasMessageContaining("was dropped by the node").hasMessageContaining(": replaced;");
  }

  @Test
  void stillPendingAtTheTimeoutIsExit3() {
    answers.add("{\"hash\": \"" + TX.toHex() + "\", \"status\": \"pending\"}");
    assertThatThrownBy(() -> new Confirmation(client, Duration.ofSeconds(1)).await(TX))
        .isInstanceOfSatisfying(ExitException.class, e -> assertThat(e.status()).isEqualTo(TxCommand.NOT_CONFIRMED))
        .hasMessage("transaction " + TX.toHex() + " is still pending after 1 s; 'ccoin tx status " + TX.toHex() + "' follows it");
  }
}
