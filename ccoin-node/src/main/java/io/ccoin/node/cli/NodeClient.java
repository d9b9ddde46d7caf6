package io.ccoin.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccoin.core.IoErrors;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** A small client of a node's JSON API for the command line. Failures are {@link NodeUnreachableException}s or API errors. */
final class NodeClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MediaType JSON_TYPE = MediaType.get("application/json");
  /** OkHttp, ccoin's one HTTP client (docs/DECISIONS.md): 5 s to connect, 15 s for the whole call. */
  private final OkHttpClient http = new OkHttpClient.Builder()
      .connectTimeout(Duration.ofSeconds(5))
      .callTimeout(Duration.ofSeconds(15))
      .build();
  private final String base;

  NodeClient(String baseUrl) {
    String b = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    try {
      URI uri = URI.create(b);
      if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
        throw new UsageException("--node must be an http(s) URL such as http://127.0.0.1:30334, got " + baseUrl);
      }
    } catch (IllegalArgumentException e) {
      throw new UsageException("--node is not a URL: " + baseUrl);
    }
    this.base = b;
  }

  /** A failed call: the node could not be reached, or answered with an error. */
  static class NodeUnreachableException extends RuntimeException {
    NodeUnreachableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The node answered with an error: its HTTP status and SPEC 11 error code, and the message as the one line to print. */
  static final class NodeRefusedException extends NodeUnreachableException {
    private final int status;
    private final String code;

    NodeRefusedException(int status, String code, String message) {
      super(message, null);
      this.status = status;
      this.code = code;
    }

    int status() {
      return status;
    }

    String code() {
      return code;
    }
  }

  JsonNode get(String path) {
    return send(request(path).get().build(), false).orElseThrow();
  }

  /** {@code GET path}, empty when the node answers {@code 404}. */
  Optional<JsonNode> find(String path) {
    return send(request(path).get().build(), true);
  }

  String baseUrl() {
    return base;
  }

  JsonNode post(String path, JsonNode body) {
    return post(path, body, null);
  }

  /** POSTs {@code body} as JSON, with {@code Authorization: Bearer token} unless {@code token} is null. */
  JsonNode post(String path, JsonNode body, String token) {
    try {
      Request.Builder r = request(path).post(RequestBody.create(JSON.writeValueAsBytes(body), JSON_TYPE));
      if (token != null) {
        r.header("Authorization", "Bearer " + token);
      }
      return send(r.build(), false).orElseThrow();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** DELETEs {@code path} with {@code Authorization: Bearer token}; an empty answer ({@code 204}) is a missing node. */
  JsonNode delete(String path, String token) {
    return send(request(path).header("Authorization", "Bearer " + token).delete().build(), false).orElseThrow();
  }

  private Request.Builder request(String path) {
    return new Request.Builder().url(base + path);
  }

  private Optional<JsonNode> send(Request request, boolean absentOn404) {
    int status;
    byte[] content;
    try (Response response = http.newCall(request).execute()) {
      status = response.code();
      content = response.body() == null ? new byte[0] : response.body().bytes();
    } catch (IOException e) {
      throw new NodeUnreachableException("cannot reach the node at " + base + ": " + IoErrors.reason(e), e);
    }
    if (absentOn404 && status == 404) {
      return Optional.empty();
    }
    if (status == 204) {
      return Optional.of(com.fasterxml.jackson.databind.node.MissingNode.getInstance());
    }
    JsonNode body;
    try {
      body = JSON.readTree(content);
    } catch (IOException e) {
      throw new NodeUnreachableException("the node at " + base + " answered " + status + " with something that is not JSON", e);
    }
    if (status >= 400) {
      JsonNode error = body.path("error");
      String code = error.path("code").asText("error");
      throw new NodeRefusedException(status, code, "the node refused: " + code + ": "
          + error.path("message").asText("HTTP " + status));
    }
    return Optional.of(body);
  }

  static ObjectMapper json() {
    return JSON;
  }
}
