package io.ccoin.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A refused submission, as a node answers it under overload (docs/API.md: {@code 503 not_ready}
 * with {@code Retry-After: 1}), reaches the load generator's statistics with its status, code and
 * header; the node's Prometheus text is read as is.
 */
class ApiClientRefusalTest {
  @Test
  @Timeout(30)
  void theStatusCodeAndRetryAfterOfARefusalAreKept() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/v1/transactions", ex -> {
      byte[] body = "{\"error\":{\"code\":\"not_ready\",\"message\":\"busy\"}}".getBytes(StandardCharsets.UTF_8);
      ex.getRequestBody().readAllBytes();
      ex.getResponseHeaders().set("Retry-After", "1");
      ex.sendResponseHeaders(503, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.createContext("/metrics", ex -> {
      byte[] body = "jvm_memory_used_bytes{area=\"heap\",id=\"G1 Old Gen\"} 1024.0\n".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.start();
    try (ApiClient api = new ApiClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))) {
      ApiClient.Response r = api.submitBatch(List.of(new byte[] {(byte) 0x90}));
      assertThat(r.status()).isEqualTo(503);
      assertThat(r.retryAfter()).isEqualTo("1");
      RequestStats stats = new RequestStats();
      stats.answered(r.status(), r.retryAfter(), ApiClient.errorCode(r), 1_000_000);
      assertThat(stats.summary().refusedByKind()).containsExactly(java.util.Map.entry("503 not_ready, Retry-After: 1", 1));
      assertThat(HeapMetrics.parse(api.metrics()).usedBytes()).isEqualTo(1024);
    } finally {
      server.stop(0);
    }
  }
}
