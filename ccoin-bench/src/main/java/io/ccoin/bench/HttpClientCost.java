package io.ccoin.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * What one keep-alive submission costs the load generator's own thread, in CPU time, with its
 * {@link HttpConnection} and with OkHttp (ccoin's HTTP client everywhere else): both post the same
 * msgpack body to a minimal HTTP/1.1 server on 127.0.0.1 that answers {@code 202} at once, so the
 * figure is the client's work alone. The reason the load generator keeps {@code HttpConnection}
 * (docs/PERFORMANCE.md, docs/DECISIONS.md). Run:
 * {@code java -cp ccoin-bench/target/benchmarks.jar io.ccoin.bench.HttpClientCost [requests] [bodyBytes] [rounds]}.
 */
public final class HttpClientCost {
  /** Microseconds of the calling thread's CPU time per request, for each client, in one round. */
  record Round(double httpConnectionMicros, double okHttpMicros) {}

  private static final byte[] ANSWER = answer();

  private HttpClientCost() {}

  public static void main(String[] args) throws IOException {
    int requests = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int bodyBytes = args.length > 1 ? Integer.parseInt(args[1]) : 420;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    for (int r = 0; r < rounds; r++) {
      Round round = measure(requests, bodyBytes);
      System.out.printf(Locale.ROOT, "round %d: HttpConnection %.1f us CPU per request, OkHttp %.1f us (%.2f x)%n", r + 1,
          round.httpConnectionMicros(), round.okHttpMicros(), round.okHttpMicros() / round.httpConnectionMicros());
    }
  }

  /** One round: {@code requests} posts of {@code bodyBytes} with each client, on this thread. */
  static Round measure(int requests, int bodyBytes) throws IOException {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    byte[] body = new byte[bodyBytes];
    AtomicLong served = new AtomicLong();
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> accept(server, served), "http-cost-server");
      acceptor.setDaemon(true);
      acceptor.start();
      URI base = URI.create("http://127.0.0.1:" + server.getLocalPort());
      double lean;
      try (HttpConnection c = new HttpConnection(base)) {
        long cpu = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < requests; i++) {
          expect202(c.post("/api/v1/transactions", ApiClient.MSGPACK, body).status());
        }
        lean = (mx.getCurrentThreadCpuTime() - cpu) / 1e3 / requests;
      }
      OkHttpClient ok = new OkHttpClient();
      try {
        HttpUrl url = HttpUrl.get(base + "/api/v1/transactions");
        MediaType type = MediaType.get(ApiClient.MSGPACK);
        long cpu = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < requests; i++) {
          Request request = new Request.Builder().url(url).header("Accept", "application/json").post(RequestBody.create(body, type)).build();
          try (Response response = ok.newCall(request).execute()) {
            expect202(response.code());
            response.body().bytes();
          }
        }
        double okHttp = (mx.getCurrentThreadCpuTime() - cpu) / 1e3 / requests;
        if (served.get() != 2L * requests) {
          throw new IllegalStateException("the server answered " + served.get() + " of " + 2L * requests + " requests");
        }
        return new Round(lean, okHttp);
      } finally {
        ok.dispatcher().executorService().shutdown();
        ok.connectionPool().evictAll();
      }
    }
  }

  private static void expect202(int status) {
    if (status != 202) {
      throw new IllegalStateException("HTTP " + status);
    }
  }

  private static void accept(ServerSocket server, AtomicLong served) {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        Thread t = new Thread(() -> serve(s, served), "http-cost-connection");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  /** Answers every request on {@code s} with {@link #ANSWER}, reading its head and its Content-Length body. */
  private static void serve(Socket s, AtomicLong served) {
    try (s) {
      s.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(s.getInputStream());
      OutputStream out = s.getOutputStream();
      while (true) {
        int length = 0;
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); ; c = in.read()) {
          if (c < 0) {
            return;
          }
          if (c != '\n') {
            line.append((char) c);
            continue;
          }
          String header = line.toString().strip();
          line.setLength(0);
          if (header.isEmpty()) {
            break;
          }
          if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
            length = Integer.parseInt(header.substring("content-length:".length()).strip());
          }
        }
        in.readNBytes(length);
        out.write(ANSWER);
        out.flush();
        served.incrementAndGet();
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  private static byte[] answer() {
    byte[] body = ("{\"hash\":\"" + "0".repeat(64) + "\",\"status\":\"pending\"}").getBytes(StandardCharsets.US_ASCII);
    byte[] head = ("HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[head.length + body.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    return all;
  }
}
