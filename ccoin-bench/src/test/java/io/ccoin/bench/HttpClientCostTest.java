package io.ccoin.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The measurement behind keeping HttpConnection runs end to end (no figure is asserted: no timing in unit tests). */
class HttpClientCostTest {
  @Test
  @Timeout(60)
  void measuresBothClientsAgainstTheLocalServer() throws Exception {
    HttpClientCost.Round round = HttpClientCost.measure(50, 420);
    assertThat(round.httpConnectionMicros()).isPositive();
    assertThat(round.okHttpMicros()).isPositive();
  }
}
