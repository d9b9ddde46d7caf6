package io.ccoin.node.chaos;

import io.ccoin.core.Await;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/** The faults the harness knows how to inject, each a {@link ChaosRun.Faults}. */
final class Scenarios {
  private Scenarios() {}

  /**
   * Cuts validator v2 off from v0 and v1 for {@code length}, then heals. While cut off, v2 (a
   * minority of one among three authorities) must say it is not ready and v0 must say it is, from
   * {@code grace} after the cut until the heal.
   */
  static ChaosRun.Faults partition(Duration length, Duration grace) {
    return run -> {
      NetnsLab lab = run.lab;
      LabNetwork net = run.net;
      long cut = System.currentTimeMillis();
      lab.partition(List.of(net.host(2)), List.of(net.host(0), net.host(1)));
      ChaosRun.pause(length);
      long healAt = System.currentTimeMillis();
      lab.heal();
      List<Observer.Readiness> minority = run.observer.readiness(2, cut + grace.toMillis(), healAt);
      List<Observer.Readiness> majority = run.observer.readiness(0, cut + grace.toMillis(), healAt);
      if (minority.isEmpty()) {
        run.failures.add("no readiness reading of the minority node during the partition");
      } else if (minority.stream().anyMatch(Observer.Readiness::ready)) {
        long readyCount = minority.stream().filter(Observer.Readiness::ready).count();
        run.failures.add("the minority node said ready in " + readyCount + " of " + minority.size() + " readings while partitioned");
      }
      if (majority.stream().noneMatch(Observer.Readiness::ready)) {
        run.failures.add("the majority node v0 never said ready while partitioned (" + majority.size() + " readings)");
      }
    };
  }

  /**
   * For {@code length}, every {@code every} kills one random validator with SIGKILL and starts it
   * again after a random 1-3 s; at most one is down at a time, so two of three keep producing.
   */
  static ChaosRun.Faults killRandom(Duration length, Duration every, long seed) {
    return run -> {
      Random random = new Random(seed);
      long end = System.nanoTime() + length.toNanos();
      int kills = 0;
      while (System.nanoTime() < end && kills < 100) {
        int victim = random.nextInt(run.net.size());
        run.net.kill(victim);
        kills++;
        ChaosRun.pause(Duration.ofMillis(1000 + random.nextInt(2000)));
        run.net.start(victim);
        run.awaitApis(Duration.ofSeconds(60));
        ChaosRun.pause(every);
      }
    };
  }

  /**
   * Every P2P connection crosses a {@link LatencyProxy}: {@code minMs}..{@code maxMs} each way, and
   * {@code loss} of the chunks held one retransmission timeout longer, for {@code length}.
   */
  static ChaosRun.Faults slowLinks(int minMs, int maxMs, double loss, Duration length) {
    return new ChaosRun.Faults() {
      @Override
      public void beforeStart(LabNetwork net) throws IOException {
        net.slowLinks(new LabNetwork.SlowLinks(minMs, maxMs, loss));
      }

      @Override
      public void inject(ChaosRun run) throws Exception {
        ChaosRun.pause(length);
      }
    };
  }

  /** Runs validator v2 with its wall clock {@code skewSeconds} ahead for {@code length}. */
  static ChaosRun.Faults clockSkew(long skewSeconds, Duration length) {
    return new ChaosRun.Faults() {
      @Override
      public void beforeStart(LabNetwork net) {
        net.skewClock(2, skewSeconds);
      }

      @Override
      public void inject(ChaosRun run) throws Exception {
        // the skew must really be in force: the node's own HTTP Date header runs ahead of ours (the
        // header has whole seconds and the server may cache it for up to one, so 2 s of tolerance)
        Instant theirs = run.client.serverClock(run.net.api(2)).orElseThrow(() -> new AssertionError("v2 does not answer"));
        long ahead = Duration.between(Instant.now(), theirs).toSeconds();
        if (ahead < skewSeconds - 2 || ahead > skewSeconds + 1) {
          run.failures.add("v2's clock is " + ahead + " s off ours, not " + skewSeconds + " s: libfaketime did not take effect");
        }
        ChaosRun.pause(length);
      }
    };
  }

  /**
   * A hostile process on v0's host (same address) sends v1 and v2 a frame longer than the protocol
   * allows; then v0 is killed with SIGKILL and started again. It must get its peers back within
   * {@code reconnect}: the neighbour's offence must not cut the honest node on its address off.
   */
  static ChaosRun.Faults hostileNeighbour(Duration reconnect) {
    return run -> {
      LabNetwork net = run.net;
      for (int target = 1; target < net.size(); target++) {
        sendOversizeFrame(run.lab, net.host(0), net.host(target).address());
      }
      ChaosRun.pause(Duration.ofSeconds(2));
      net.kill(0);
      net.start(0);
      run.awaitApis(Duration.ofSeconds(60));
      int[] peers = {0};
      if (!Await.within(reconnect, ChaosRun.POLL, () -> (peers[0] = run.status(0).map(s -> s.path("peers").asInt()).orElse(0)) >= 2)) {
        run.failures.add("v0 had " + peers[0] + " peers " + reconnect.toSeconds() + " s after its restart (a neighbour misbehaved on its address)");
      }
    };
  }

  /**
   * From inside {@code from}'s namespace, a {@link HostilePeer} process completes a handshake with
   * the node at {@code host} under a fresh node key and sends it a frame over the size limit.
   */
  static void sendOversizeFrame(NetnsLab lab, NetnsLab.Host from, String host) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(lab.inside(from));
    command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), HostilePeer.class.getName(), host,
        Integer.toString(LabNetwork.P2P_PORT)));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("the hostile process did not finish in 30 s");
    }
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IOException("the hostile process failed: " + output);
    }
  }
}
