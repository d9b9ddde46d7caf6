package io.ccoin.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccoin.net.IpRange;
import io.ccoin.net.ManualBan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code <base_path>/peer-bans.json}: written whole, read back without the bans that ended, refused clearly when damaged. */
class PeerBanFileTest {
  static final Instant NOW = Instant.ofEpochMilli(1_764_000_000_000L);

  @TempDir
  Path dir;

  @Test
  void aMissingFileHoldsNoBans() {
    assertThat(new PeerBanFile(dir.resolve("peer-bans.json")).read(NOW)).isEmpty();
  }

  @Test
  void bansAreReadBackWithoutThoseThatEnded() throws Exception {
    PeerBanFile file = new PeerBanFile(dir.resolve("peer-bans.json"));
    file.write(List.of(new ManualBan(IpRange.parse("10.0.0.0/8"), NOW.plusSeconds(60)),
        new ManualBan(IpRange.parse("::1"), NOW.minusSeconds(1)), new ManualBan(IpRange.parse("192.168.1.7"), NOW.plusSeconds(3600))));
    assertThat(file.read(NOW)).containsExactly(new ManualBan(IpRange.parse("10.0.0.0/8"), NOW.plusSeconds(60)),
        new ManualBan(IpRange.parse("192.168.1.7"), NOW.plusSeconds(3600)));
    assertThat(file.read(NOW.plusSeconds(60))).hasSize(1);
    file.write(List.of());
    assertThat(file.read(NOW)).isEmpty();
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("peer-bans.json");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "{", "[]", "{\"bans\": {}}", "{\"bans\": [], \"x\": 1}", "{\"bans\": [{\"address\": \"10.0.0.1\"}]}",
      "{\"bans\": [{\"address\": \"10.0.0.300\", \"until\": 1}]}", "{\"bans\": [{\"address\": \"10.0.0.1\", \"until\": \"1\"}]}",
      "{\"bans\": [{\"address\": 1, \"until\": 1}]}"})
  void aDamagedFileIsRefusedNamingIt(String content) throws Exception {
    Path p = dir.resolve("peer-bans.json");
    Files.writeString(p, content);
    assertThatThrownBy(() -> new PeerBanFile(p).read(NOW)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(p.toString());
  }
}
