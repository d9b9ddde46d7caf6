package io.ccoin.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.StoredBlock;
import io.ccoin.core.ChainConfig;
import io.ccoin.core.pool.PoolConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A refused deep reorg makes the node not ready (SPEC 7, reorg limit). */
class ReadinessTest {
  @Test
  void aRefusedReorgMakesTheNodeNotReady() {
    try (ApiFixture fx = new ApiFixture(b -> b, PoolConfig.DEFAULT, ChainConfig.DEFAULT.withMaxReorgDepth(1))) {
      StoredBlock g = fx.node.head().stored();
      // canonical: two backup blocks (weight 1 each)
      StoredBlock a1 = fx.importBlock(fx.f.block(g, fx.f.minerOfRank(g, 1), List.of()));
      // a side block of rank 2 on genesis: as light as a1 and of a worse rank, so it stays aside
      StoredBlock b1 = fx.importBlock(fx.f.block(g, fx.f.minerOfRank(g, 2), List.of()));
      StoredBlock a2 = fx.importBlock(fx.f.block(a1, fx.f.minerOfRank(a1, 1), List.of()));
      assertThat(fx.node.head().hash()).isEqualTo(a2.hash());
      assertThat(fx.get("/api/v1/health/ready").status()).isEqualTo(200);
      // the side branch becomes heavier, but switching would drop 2 blocks: refused
      fx.importBlock(fx.f.block(b1, fx.f.leaderOn(b1), List.of()));
      assertThat(fx.node.head().hash()).isEqualTo(a2.hash());
      assertThat(fx.node.reorgRefused()).isTrue();
      assertThat(fx.get("/api/v1/health/ready").error(503, "not_ready")).contains("reorg");
      assertThat(fx.get("/api/v1/health/live").status()).isEqualTo(200);
      assertThat(fx.get("/metrics").text()).contains("ccoin_ready 0.0");
    }
  }
}
