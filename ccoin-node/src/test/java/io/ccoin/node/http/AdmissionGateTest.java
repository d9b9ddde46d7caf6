package io.ccoin.node.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccoin.core.Await;
import io.ccoin.core.pool.PoolConfig;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bound on submissions in progress: what is beyond it is refused at once with 503 and Retry-After. */
class AdmissionGateTest {
  @Test
  void placesBeyondConcurrencyAndQueueAreRefusedAndFreedOnClose() {
    AdmissionGate gate = new AdmissionGate(1, 2);
    List<AdmissionGate.Ticket> held = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      held.add(gate.enter());
    }
    held.get(0).work();
    assertThat(gate.inside()).isEqualTo(3);
    assertThatThrownBy(gate::enter).isInstanceOfSatisfying(ApiException.class, e -> {
      assertThat(e.status()).isEqualTo(503);
      assertThat(e.code()).isEqualTo("not_ready");
      assertThat(e.retryAfterSeconds()).isEqualTo(1);
    });
    assertThat(gate.refused()).isEqualTo(1);
    assertThat(gate.inside()).isEqualTo(3);
    held.get(0).close();
    held.get(0).close(); // twice is once
    assertThat(gate.inside()).isEqualTo(2);
    // the working place is free again: another ticket gets it without waiting
    AdmissionGate.Ticket next = gate.enter();
    next.work();
    next.close();
    held.get(1).close();
    held.get(2).close();
    assertThat(gate.inside()).isZero();
    assertThatThrownBy(() -> new AdmissionGate(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AdmissionGate(1, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aFullGateAnswers503WithRetryAfterBeforeReadingTheBody() throws Exception {
    ApiFixture fx = new ApiFixture(b -> b.config(ApiConfig.builder().submitConcurrency(1).submitQueue(0).submitRate(ApiConfig.RateLimit.UNLIMITED).build()), PoolConfig.DEFAULT);
    try (Socket slow = new Socket("127.0.0.1", fx.server.port())) {
      // a submission whose body never finishes holds the only place
      OutputStream out = slow.getOutputStream();
      out.write(("POST /api/v1/transactions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Content-Length: 100\r\n\r\n{\"raw\": ").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      ApiFixture.Snapshot before = fx.snapshot();
      ApiFixture.Reply busy = Await.value("a 503 while the slow submission holds the place", Duration.ofSeconds(10), () -> {
        ApiFixture.Reply r = fx.postJson("/api/v1/transactions", "{");
        if (r.status() == 503) {
          return r;
        }
        r.error(400, "malformed_json"); // the slow request has not reached the gate yet
        return null;
      });
      busy.error(503, "not_ready");
      assertThat(busy.headers().get("Retry-After")).isEqualTo("1");
      // a good transaction is refused too, and changes nothing
      fx.submit(fx.transfer(fx.alice, 0, fx.bob, 5, 1)).error(503, "not_ready");
      assertThat(fx.snapshot()).isEqualTo(before);
      assertThat(fx.get("/metrics").text()).containsPattern("ccoin_api_submissions_refused_total [1-9]");
    }
    // the slow client went away: its place is free again
    int status = Await.value("an answer other than 503", Duration.ofSeconds(10), () -> {
      int s = fx.submit(fx.transfer(fx.alice, 0, fx.bob, 5, 1)).status();
      return s == 503 ? null : s;
    });
    assertThat(status).isEqualTo(202);
    fx.close();
  }
}
