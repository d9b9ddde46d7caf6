package io.ccoin.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.Block;
import io.ccoin.api.ImportResult;
import io.ccoin.api.StoredBlock;
import io.ccoin.core.Await;
import io.ccoin.core.Hashes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code /metrics} counts: imports through the timer, blocks joining the chain, reorgs, the pool. */
class NodeMetricsTest {
  @Test
  void importsReorgsAndThePoolAreCounted() {
    try (ApiFixture fx = new ApiFixture()) {
      NodeMetrics metrics = fx.server.metrics();
      StoredBlock g = fx.node.head().stored();
      // the backup's block first (weight 1), then the leader's block on genesis (weight 2): a reorg
      Block backup = fx.f.block(g, fx.f.minerOfRank(g, 1), List.of(fx.transfer(fx.alice, 0, fx.bob, 1, 1)));
      Block leader = fx.f.block(g, fx.f.leaderOn(g), List.of());
      fx.f.clockAt(backup);
      fx.f.clockAt(leader);
      assertThat(fx.node.importBlock(backup).status()).isEqualTo(ImportResult.Status.IMPORTED);
      fx.f.remember(backup);
      assertThat(fx.node.importBlock(leader).status()).isEqualTo(ImportResult.Status.IMPORTED);
      fx.f.remember(leader);
      assertThat(fx.node.importBlock(leader).status()).isEqualTo(ImportResult.Status.ALREADY_KNOWN);
      assertThat(fx.node.head().hash()).isEqualTo(Hashes.blockHash(leader.sealedHeader()));
      // the dropped block's transfer is back in the pool
      assertThat(fx.node.poolStats().count()).isEqualTo(1);
      fx.extend(List.of(fx.transfer(fx.alice, 0, fx.bob, 1, 1)));

      String text = fx.get("/metrics").text();
      assertThat(text)
          .contains("ccoin_block_import_seconds_count{result=\"IMPORTED\"} 3")
          .contains("ccoin_block_import_seconds_count{result=\"ALREADY_KNOWN\"} 1")
          .contains("ccoin_reorgs_total 1.0")
          .contains("ccoin_blocks_imported_total 3.0")
          .contains("ccoin_transactions_imported_total 2.0")
          .contains("ccoin_head_number 2.0")
          .contains("ccoin_txpool_transactions{state=\"ready\"} 0.0");
    }
  }

  @Test
  void theJvmAndProcessMetricsAreExported() {
    try (ApiFixture fx = new ApiFixture()) {
      String text = fx.get("/metrics").text();
      assertThat(text)
          .contains("jvm_memory_used_bytes{area=\"heap\"")
          .contains("jvm_memory_max_bytes{")
          .contains("jvm_buffer_memory_used_bytes{")
          .contains("jvm_gc_memory_allocated_bytes_total ")
          .contains("jvm_gc_max_data_size_bytes ")
          .contains("jvm_threads_live_threads ")
          .contains("jvm_threads_states_threads{state=\"runnable\"}")
          .contains("jvm_classes_loaded_classes ")
          .contains("system_cpu_count ")
          .contains("process_cpu_usage ")
          .contains("process_uptime_seconds ")
          .contains("process_start_time_seconds ")
          .contains("process_files_open_files ");
    }
  }

  @Test
  void closedMetricsStopListeningToTheGarbageCollector() throws InterruptedException {
    try (ApiFixture fx = new ApiFixture()) {
      NodeMetrics closed = new NodeMetrics(fx.node, NetworkView.NONE).start();
      collectUntilSeen(closed, 0);
      closed.close();
      // GC notifications reach the listeners one after another, in order: once metrics still open
      // have seen a later collection, every notification of a collection before the close has been
      // delivered (to the closed metrics too, if it was already on its way). Only then is the count final.
      NodeMetrics open = new NodeMetrics(fx.node, NetworkView.NONE).start();
      try {
        collectUntilSeen(open, 0);
        long countAtClose = pauses(closed);
        collectUntilSeen(open, pauses(open));
        collectUntilSeen(open, pauses(open));
        assertThat(pauses(closed)).as("pauses recorded by closed metrics").isEqualTo(countAtClose);
      } finally {
        open.close();
      }
    }
  }

  private static long pauses(NodeMetrics m) {
    return m.registry().find("jvm.gc.pause").timers().stream().mapToLong(io.micrometer.core.instrument.Timer::count).sum();
  }

  /**
   * Collects garbage until {@code m} has recorded more than {@code before} pauses (bounded): one
   * collection, then up to a second for its notification before the next, so that no notification
   * is still on its way when this returns.
   */
  private static void collectUntilSeen(NodeMetrics m, long before) {
    for (int i = 0; i < 20 && pauses(m) <= before; i++) {
      System.gc();
      Await.within(java.time.Duration.ofSeconds(1), () -> pauses(m) > before);
    }
    assertThat(pauses(m)).as("a GC pause recorded").isGreaterThan(before);
  }

}
