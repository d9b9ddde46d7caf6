package io.ccoin.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccoin.core.IoErrors;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** A small client of a node's JSON API for the command line. Failures are {@link NodeUnreachableException}s or API errors. */
final class NodeClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
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
    return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(15)).GET().build(), false).orElseThrow();
  }

  /** {@code GET path}, empty when the node answers {@code 404}. */
  Optional<JsonNode> find(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(15)).GET().build(), true);
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
      HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path))
          .timeout(Duration.ofSeconds(15))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
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
    return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(15))
        .header("Authorization", "Bearer " + token).DELETE().build(), false).orElseThrow();
  }

  private Optional<JsonNode> send(HttpRequest request, boolean absentOn404) {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new NodeUnreachableException("cannot reach the node at " + base + ": " + IoErrors.reason(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NodeUnreachableException("interrupted", e);
    }
    if (absentOn404 && response.statusCode() == 404) {
      return Optional.empty();
    }
    if (response.statusCode() == 204) {
      return Optional.of(com.fasterxml.jackson.databind.node.MissingNode.getInstance());
    }
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (IOException e) {
      throw new NodeUnreachableException("the node at " + base + " answered " + response.statusCode() + " with something that is not JSON", e);
    }
    if (response.statusCode() >= 400) {
      JsonNode error = body.path("error");
      String code = error.path("code").asText("error");
      throw new NodeRefusedException(response.statusCode(), code, "the node refused: " + code + ": "
          + error.path("message").asText("HTTP " + response.statusCode()));
    }
    return Optional.of(body);
  }

  static ObjectMapper json() {
    return JSON;
  }
}
