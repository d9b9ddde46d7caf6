package io.ccoin.node.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Starting and stopping the server. */
class ApiServerTest {
  @Test
  void aPortInUseFailsTheStartAndStopsTheServer() {
    try (ApiFixture fx = new ApiFixture()) {
      ApiServer second = ApiServer.builder(fx.node).build();
      assertThatThrownBy(() -> second.start("127.0.0.1", fx.server.port())).isInstanceOf(RuntimeException.class);
      assertThatThrownBy(() -> second.start("127.0.0.1", 0)).isInstanceOf(IllegalStateException.class);
      assertThat(fx.get("/api/v1/health/live").status()).isEqualTo(200);
    }
  }

  @Test
  void stopIsIdempotentAndFinal() {
    try (ApiFixture fx = new ApiFixture()) {
      ApiServer s = ApiServer.builder(fx.node).build().start("127.0.0.1", 0);
      assertThat(s.port()).isPositive();
      s.stop();
      s.stop();
      assertThatThrownBy(() -> s.start("127.0.0.1", 0)).isInstanceOf(IllegalStateException.class);
    }
  }
}
