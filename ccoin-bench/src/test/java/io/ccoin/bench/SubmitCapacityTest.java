package io.ccoin.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The load generator's submission against sinks: everything due is sent, and the sinks count it. */
class SubmitCapacityTest {
  @Test
  void everyTransactionIsSentOnceAndTheSinksTakeThemAll() throws Exception {
    SubmitCapacity.Result r = SubmitCapacity.run(10_000, 2_000, Duration.ofSeconds(1), 3, 64, 4, Duration.ofMillis(100));

    assertThat(r.total()).isEqualTo(2_000);
    assertThat(r.firstSent()).isEqualTo(2_000);
    assertThat(r.sinkTransactions()).isEqualTo(2_000);
    // Batches of 200, split over the three sinks by sender: at least three requests per batch window.
    assertThat(r.sinkRequests()).isBetween(30L, 2_000L);
    assertThat(r.lagP50Nanos()).isLessThanOrEqualTo(r.lagP99Nanos()).isLessThanOrEqualTo(r.lagMaxNanos());
    assertThat(r.format()).contains("sent 2,000 first submissions").contains("the sinks took 2,000 transactions");
  }

  @Test
  void theSinkCountsABatchByItsMsgpackArrayHeader() {
    assertThat(SubmitCapacity.Sink.arrayLength(new byte[] {(byte) 0x93, 1, 2, 3})).isEqualTo(3);
    assertThat(SubmitCapacity.Sink.arrayLength(new byte[] {(byte) 0xdc, 0x01, 0x00})).isEqualTo(256);
    assertThat(SubmitCapacity.Sink.arrayLength(new byte[] {(byte) 0xdd, 0, 0, 0x02, 0x00})).isEqualTo(512);
    assertThat(SubmitCapacity.Sink.arrayLength(new byte[] {(byte) 0xdd, 0x7f, 0, 0, 0})).isEqualTo(LoadGenerator.MAX_BATCH);
    assertThat(SubmitCapacity.Sink.arrayLength(new byte[] {(byte) 0x85})).isEqualTo(-1); // a map: one transaction
    assertThat(SubmitCapacity.Sink.arrayLength(new byte[] {(byte) 0xdc, 0x01})).isEqualTo(-1); // truncated header
    assertThat(SubmitCapacity.Sink.arrayLength(new byte[0])).isEqualTo(-1);
  }
}
