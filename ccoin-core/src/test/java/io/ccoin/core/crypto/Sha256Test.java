package io.ccoin.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.Hash;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class Sha256Test {
  private static final byte[] ABC = "abc".getBytes(StandardCharsets.US_ASCII);

  @Test
  void knownDigests() {
    assertThat(Sha256.hash(new byte[0]))
        .isEqualTo(Hash.fromHex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    assertThat(Sha256.hash(ABC))
        .isEqualTo(Hash.fromHex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
  }

  @Test
  void partsAndRangesHashLikeTheirConcatenation() {
    Hash whole = Sha256.hash(ABC);
    assertThat(Sha256.hash(new byte[] {'a'}, new byte[0], new byte[] {'b', 'c'})).isEqualTo(whole);
    assertThat(Sha256.hash(new byte[] {'x', 'a', 'b', 'c', 'y'}, 1, 3)).isEqualTo(whole);
    assertThat(Sha256.hash(new byte[0][])).isEqualTo(Sha256.hash(new byte[0]));
  }

  @Test
  void threadsDoNotShareState() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(pool.submit(() -> {
          for (int i = 0; i < 2000; i++) {
            if (!Sha256.hash(new byte[] {'a'}, new byte[] {'b', 'c'}).equals(Sha256.hash(ABC))) {
              return false;
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> r : results) {
        assertThat(r.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
