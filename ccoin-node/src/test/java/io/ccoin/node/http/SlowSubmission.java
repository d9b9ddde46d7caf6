package io.ccoin.node.http;

import io.ccoin.core.Await;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A submission whose body never finishes: once the server has it, it holds a place of the API's
 * admission gate until closed. It can itself be refused (503) when it reaches the gate while a
 * probe is inside; {@link #awaitBusy} then sends it again, so that tests need not guess which
 * request the server took first.
 */
final class SlowSubmission implements AutoCloseable {
  private final int port;
  private final byte[] partialRequest;
  private Socket socket;

  /** Sends headers declaring {@code declaredLength} body bytes, and only {@code bodyStart}. */
  SlowSubmission(int port, int declaredLength, String bodyStart) throws IOException {
    this.port = port;
    this.partialRequest = ("POST /api/v1/transactions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + declaredLength + "\r\n\r\n" + bodyStart).getBytes(StandardCharsets.US_ASCII);
    send();
  }

  private void send() throws IOException {
    if (socket != null) {
      socket.close();
    }
    socket = new Socket("127.0.0.1", port);
    OutputStream out = socket.getOutputStream();
    out.write(partialRequest);
    out.flush();
  }

  /**
   * Calls {@code probe} until it is answered 503, which happens only while this submission holds
   * the gate's one place, and returns that answer; {@code notYet} checks every other answer. When
   * the server answered this submission instead (it came while a probe was inside), it is sent again.
   */
  ApiFixture.Reply awaitBusy(Supplier<ApiFixture.Reply> probe, Consumer<ApiFixture.Reply> notYet) {
    return Await.value("a 503 while the slow submission holds the place", Duration.ofSeconds(10), () -> {
      try {
        if (socket.getInputStream().available() > 0) {
          send();
          return null;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      ApiFixture.Reply r = probe.get();
      if (r.status() == 503) {
        return r;
      }
      notYet.accept(r);
      return null;
    });
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
