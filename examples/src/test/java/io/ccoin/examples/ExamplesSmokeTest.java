package io.ccoin.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs each example's main, bounded in time, and checks what it printed. */
class ExamplesSmokeTest {
  interface Main {
    void run() throws Exception;
  }

  static String capture(Main main) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      main.run();
    } finally {
      System.setOut(original);
    }
    String out = buffer.toString(StandardCharsets.UTF_8);
    original.print(out);
    return out;
  }

  @Test
  @Timeout(60)
  void singleNodeChain() throws Exception {
    String out = capture(() -> SingleNodeChain.main(new String[0]));
    assertThat(out).contains("submitted: ADDED", "mined in block #", "balance 2500", "new head #");
  }

  @Test
  @Timeout(60)
  void embeddedChain() throws Exception {
    String out = capture(() -> EmbeddedChain.main(new String[0]));
    assertThat(out).contains("submitted: ADDED", "bob's balance: 2500");
  }

  @Test
  @Timeout(60)
  void customConsensusRule() throws Exception {
    String out = capture(() -> CustomConsensusRule.main(new String[0]));
    assertThat(out).contains("INVALID(value-cap: a transfer of 5000 is above the cap of 1000)");
  }

  @Test
  @Timeout(120)
  void threeMinersOnLoopback() throws Exception {
    String out = capture(() -> ThreeMinersOnLoopback.main(new String[0]));
    assertThat(out).contains("sees head #", "stopping ", "the other two went on to #");
  }

  @Test
  @Timeout(60)
  void customChainStore() throws Exception {
    String out = capture(() -> CustomChainStore.main(new String[0]));
    assertThat(out).containsPattern("head #[5-9]");
  }
}
