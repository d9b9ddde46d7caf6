package io.ccoin.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JfrSplit names a sample by the top-most frame a rule matches, in the order of its table; the JDK's
 * general classes go to their caller; a real recording is read and every sample lands in exactly one
 * category; bad arguments are one line and status 2.
 */
class JfrSplitTest {
  @Test
  void theTopMostFrameThatARuleMatchesDecides() {
    Map<List<String>, String> cases = Map.ofEntries(
        Map.entry(List.of("java.math.BigInteger", "sun.security.rsa.RSACore", "io.ccoin.core.internal.pool.TxPool",
            "io.ccoin.node.http.Endpoints", "org.eclipse.jetty.server.Server"), "RSA verify"),
        Map.entry(List.of("java.math.MutableBigInteger", "java.math.BigInteger"), "RSA verify"),
        Map.entry(List.of("sun.security.util.DerValue", "java.security.KeyFactory"), "RSA verify"),
        Map.entry(List.of("io.ccoin.core.crypto.Signatures"), "RSA verify"),
        // a digest goes to its caller: inside an RSA check, inside proof of work
        Map.entry(List.of("sun.security.provider.SHA2", "sun.security.provider.DigestBase", "sun.security.rsa.RSASignature"), "RSA verify"),
        Map.entry(List.of("sun.security.provider.SHA2", "io.ccoin.core.pow.ProofOfWork", "io.ccoin.core.internal.mining.PowMiner"),
            "block production/PoW"),
        Map.entry(List.of("java.util.HashMap", "org.eclipse.jetty.io.ManagedSelector"), "HTTP"),
        Map.entry(List.of("io.javalin.http.JavalinServlet"), "HTTP"),
        Map.entry(List.of("io.ccoin.node.http.SubmitGate", "io.ccoin.core.internal.pool.TxPool"), "HTTP"),
        Map.entry(List.of("com.fasterxml.jackson.core.json.UTF8JsonGenerator", "io.ccoin.node.http.Endpoints"), "JSON/msgpack codec"),
        Map.entry(List.of("org.msgpack.core.MessageUnpacker", "io.ccoin.net.internal.protocol.Frames"), "JSON/msgpack codec"),
        Map.entry(List.of("io.ccoin.core.codec.CanonicalReader", "io.ccoin.net.internal.gossip.Gossip"), "JSON/msgpack codec"),
        Map.entry(List.of("sun.nio.ch.SocketDispatcher", "io.ccoin.net.internal.peer.PeerConnection"), "gossip/network"),
        Map.entry(List.of("sun.nio.ch.EPoll", "io.netty.channel.nio.NioEventLoop"), "gossip/network"),
        Map.entry(List.of("java.io.RandomAccessFile", "org.mapdb.volume.RandomAccessFileVol", "io.ccoin.store.mapdb.MapDbChainStore"),
            "MapDB"),
        Map.entry(List.of("io.ccoin.store.mapdb.internal.Journal"), "MapDB"),
        Map.entry(List.of("io.ccoin.core.internal.mining.BlockProducer"), "block production/PoW"),
        Map.entry(List.of("io.ccoin.core.internal.state.StateTree", "io.ccoin.core.internal.chain.Chain"), "execution/state tree"),
        Map.entry(List.of("io.ccoin.core.internal.merkle.Node"), "execution/state tree"),
        Map.entry(List.of("java.util.concurrent.ConcurrentHashMap", "io.ccoin.core.internal.pool.TxPool"), "pool/admission"),
        Map.entry(List.of("io.ccoin.core.internal.consensus.Rules"), "chain/import"),
        Map.entry(List.of("java.lang.Thread", "java.util.concurrent.ThreadPoolExecutor"), JfrSplit.OTHER),
        Map.entry(List.of("io.ccoin.node.NodeRunner", "io.ccoin.core.CcoinNode"), JfrSplit.OTHER),
        Map.entry(List.of(), JfrSplit.OTHER));
    cases.forEach((stack, category) -> assertThat(JfrSplit.categorize(stack)).as(stack.toString()).isEqualTo(category));
  }

  @Test
  void theRulesTableHasEveryCategoryOnceAndOtherLast() {
    List<String> categories = JfrSplit.RULES.stream().map(JfrSplit.Rule::category).toList();
    assertThat(categories).doesNotHaveDuplicates().doesNotContain(JfrSplit.OTHER).startsWith("RSA verify")
        .contains("HTTP", "gossip/network", "MapDB", "JSON/msgpack codec", "block production/PoW", "execution/state tree");
    // no prefix of one rule is a prefix of another's: the order decides only where the table says so
    List<String> prefixes = JfrSplit.RULES.stream().flatMap(r -> r.prefixes().stream()).toList();
    for (String a : prefixes) {
      for (String b : prefixes) {
        if (a != b) {
          assertThat(a.startsWith(b)).as(a + " / " + b).isFalse();
        }
      }
    }
  }

  @Test
  void topKeepsTheLargestFirst() {
    assertThat(JfrSplit.top(Map.of("a", 1L, "b", 5L, "c", 3L, "d", 3L), 3)).containsExactly(Map.entry("b", 5L), Map.entry("c", 3L),
        Map.entry("d", 3L));
  }

  @Test
  void aRealRecordingIsSplitWithEverySampleInOneCategory(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("r.jfr");
    try (Recording r = new Recording()) {
      r.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(10));
      r.enable("jdk.GarbageCollection");
      r.start();
      long x = 0;
      for (int i = 0; i < 2_000_000; i++) {
        x += java.math.BigInteger.valueOf(i).pow(3).bitLength();
      }
      System.gc();
      assertThat(x).isPositive();
      r.stop();
      r.dump(file);
    }
    JfrSplit.Split s = JfrSplit.split(file);
    assertThat(s.byCategory().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(s.samples());
    assertThat(s.byCategory().keySet()).endsWith(JfrSplit.OTHER);
    assertThat(s.gcPauses()).isPositive(); // the System.gc() above
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(JfrSplit.run(new String[] {file.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("execution samples", "RSA verify", "garbage collection is not sampled",
        "top frames of \"other\"");
    // a window after the recording holds none of its events
    JfrSplit.Split later = JfrSplit.split(file, java.time.Instant.now().plusSeconds(3600), java.time.Instant.MAX);
    assertThat(later.samples()).isZero();
    assertThat(later.gcPauses()).isZero();
    JfrSplit.Split all = JfrSplit.split(file, java.time.Instant.now().minusSeconds(3600), java.time.Instant.now().plusSeconds(1));
    assertThat(all.samples()).isEqualTo(s.samples());
    assertThat(all.gcPauses()).isEqualTo(s.gcPauses());
  }

  @Test
  void noFileAMissingFileAndAFileThatIsNoRecordingAreOneLineAndStatus2(@TempDir Path dir) throws Exception {
    Path notJfr = dir.resolve("x.jfr");
    Files.writeString(notJfr, "hello");
    for (String[] args : List.of(new String[0], new String[] {dir.resolve("missing.jfr").toString()}, new String[] {notJfr.toString()},
        new String[] {"--from", "yesterday", notJfr.toString()}, new String[] {notJfr.toString(), "--to"},
        new String[] {"--from", "2026-12-07T10:00:00Z", "--to", "2026-12-07T09:00:00Z", notJfr.toString()})) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int status = JfrSplit.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8));
      assertThat(status).isEqualTo(2);
      assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).hasSize(1).allMatch(l -> l.startsWith("JfrSplit: "));
    }
  }
}
