package io.ccoin.node.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** The few calls of a node's HTTP API the harness makes, each with a short timeout. */
final class LabClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** A response: its status and body, parsed when it is JSON. */
  record Answer(int status, JsonNode json) {}

  /** {@code GET path} on {@code api}, or empty when the node does not answer. */
  Optional<Answer> get(String api, String path) {
    return send(HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(3)).GET().build());
  }

  /** {@code POST /api/v1/transactions} with the raw msgpack transaction. */
  Optional<Answer> submit(String api, byte[] raw) {
    return send(HttpRequest.newBuilder(URI.create(api + "/api/v1/transactions")).timeout(Duration.ofSeconds(5))
        .header("Content-Type", "application/msgpack").POST(HttpRequest.BodyPublishers.ofByteArray(raw)).build());
  }

  /** The node's wall clock as its HTTP {@code Date} header gives it (whole seconds), when it answers. */
  Optional<Instant> serverClock(String api) {
    try {
      HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(api + "/api/v1/health/live")).timeout(Duration.ofSeconds(3)).GET().build(),
          HttpResponse.BodyHandlers.discarding());
      return r.headers().firstValue("Date").map(d -> ZonedDateTime.parse(d, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** The JSON of {@code GET path} when it answered 200. */
  Optional<JsonNode> json(String api, String path) {
    return get(api, path).filter(a -> a.status() == 200).map(Answer::json);
  }

  private Optional<Answer> send(HttpRequest request) {
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode body;
      try {
        body = r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
      } catch (IOException e) {
        body = JSON.nullNode();
      }
      return Optional.of(new Answer(r.statusCode(), body));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
