package io.ccoin.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which {@code Accept} headers let {@code GET /events} answer {@code text/event-stream}. */
class AcceptHeaderTest {
  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvSource(delimiter = '|', nullValues = "NULL", value = {
      "NULL | true",
      "'' | true",
      "*/* | true",
      "text/event-stream | true",
      "TEXT/Event-Stream | true",
      "text/* | true",
      "application/json, */*;q=0.1 | true",
      "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8 | true",
      "garbage | true",
      "application/json | false",
      "application/json, text/plain | false",
      "text/event-stream;q=0 | false",
      "text/event-stream;q=0, */* | false",
      "text/*;q=0, */* | false",
      "*/*;q=0 | false",
      "text/event-stream;q=0.5, text/*;q=0 | true",
      "text/event-stream;q=abc | true",
  })
  void allows(String header, boolean allowed) {
    assertThat(AcceptHeader.allows(header, "text/event-stream")).isEqualTo(allowed);
  }
}
