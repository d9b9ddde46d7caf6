package io.ccoin.net.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.Bytes;
import io.ccoin.api.Frame;
import io.ccoin.api.PeerConnection;
import io.ccoin.api.PeerTransport;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The in-memory transport: latency, order, loss from a seed, partitions, closing. */
class SimNetworkTest {
  static final class Recorder implements PeerTransport.Listener {
    final List<PeerConnection> opened = new ArrayList<>();
    final List<String> frames = new ArrayList<>();
    final List<Long> arrivals = new ArrayList<>();
    final List<String> closed = new ArrayList<>();
    final VirtualScheduler s;

    Recorder(VirtualScheduler s) {
      this.s = s;
    }

    @Override
    public void onOpened(PeerConnection c) {
      opened.add(c);
    }

    @Override
    public void onFrame(PeerConnection c, Frame f) {
      frames.add(f.header());
      arrivals.add(s.now());
    }

    @Override
    public void onClosed(PeerConnection c, String reason) {
      closed.add(reason);
    }
  }

  static Frame frame(int i) {
    return new Frame(String.format("F%02d", i), Bytes.of((byte) i));
  }

  @Test
  void framesArriveInOrderAfterTheLinkLatencyAndClosesReachThePeer() {
    VirtualScheduler s = new VirtualScheduler(0);
    SimNetwork net = new SimNetwork(s, 1).latency(50, 500);
    SimTransport a = net.transport("a", 1);
    SimTransport b = net.transport("b", 1);
    Recorder ra = new Recorder(s);
    Recorder rb = new Recorder(s);
    a.start(ra);
    b.start(rb);
    CompletableFuture<PeerConnection> f = a.connect(b.localAddress());
    s.runUntil(f::isDone, Duration.ofSeconds(1));
    long latency = net.latency("a", "b");
    assertThat(latency).isBetween(50L, 500L).isEqualTo(net.latency("b", "a"));
    assertThat(s.now()).isEqualTo(latency);
    PeerConnection out = f.join();
    assertThat(out.direction()).isEqualTo(PeerConnection.Direction.OUTBOUND);
    assertThat(rb.opened).singleElement().satisfies(c -> {
      assertThat(c.direction()).isEqualTo(PeerConnection.Direction.INBOUND);
      assertThat(c.remoteAddress().getHostString()).isEqualTo("a");
    });
    for (int i = 0; i < 10; i++) {
      assertThat(out.send(frame(i))).isTrue();
    }
    long sentAt = s.now();
    s.runFor(Duration.ofSeconds(1));
    assertThat(rb.frames).containsExactly("F00", "F01", "F02", "F03", "F04", "F05", "F06", "F07", "F08", "F09");
    assertThat(rb.arrivals).allMatch(t -> t == sentAt + latency);
    out.close("bye");
    s.runFor(Duration.ofSeconds(1));
    assertThat(ra.closed).containsExactly("bye");
    assertThat(rb.closed).containsExactly("closed by peer: bye");
    assertThat(out.send(frame(1))).isFalse();
  }

  @Test
  void lossIsDrawnFromTheSeedAndPartitionsDropEverything() {
    long[] lost = new long[3];
    for (int run = 0; run < 3; run++) {
      VirtualScheduler s = new VirtualScheduler(0);
      SimNetwork net = new SimNetwork(s, run < 2 ? 5 : 6).loss(0.3);
      SimTransport a = net.transport("a", 1);
      SimTransport b = net.transport("b", 1);
      Recorder rb = new Recorder(s);
      a.start(new Recorder(s));
      b.start(rb);
      CompletableFuture<PeerConnection> f = a.connect(b.localAddress());
      s.runUntil(f::isDone, Duration.ofSeconds(1));
      for (int i = 0; i < 1000; i++) {
        f.join().send(frame(i % 100));
      }
      s.runFor(Duration.ofSeconds(1));
      lost[run] = net.framesLost();
      assertThat(rb.frames).hasSize((int) (1000 - net.framesLost()));
    }
    assertThat(lost[0]).isEqualTo(lost[1]).isBetween(250L, 350L);
    assertThat(lost[2]).isNotEqualTo(lost[0]);

    VirtualScheduler s = new VirtualScheduler(0);
    SimNetwork net = new SimNetwork(s, 1);
    SimTransport a = net.transport("a", 1);
    SimTransport b = net.transport("b", 1);
    Recorder rb = new Recorder(s);
    a.start(new Recorder(s));
    b.start(rb);
    CompletableFuture<PeerConnection> f = a.connect(b.localAddress());
    s.runUntil(f::isDone, Duration.ofSeconds(1));
    net.partition(Set.of("a"), Set.of("b"));
    f.join().send(frame(1));
    CompletableFuture<PeerConnection> blocked = a.connect(b.localAddress());
    s.runFor(Duration.ofSeconds(10));
    assertThat(rb.frames).isEmpty();
    assertThat(blocked).isCompletedExceptionally();
    net.heal();
    f.join().send(frame(2));
    s.runFor(Duration.ofSeconds(1));
    assertThat(rb.frames).containsExactly("F02");
    CompletableFuture<PeerConnection> refused = a.connect(java.net.InetSocketAddress.createUnresolved("nobody", 1));
    s.runFor(Duration.ofSeconds(1));
    assertThat(refused).isCompletedExceptionally();
    try {
      refused.join();
    } catch (CompletionException e) {
      assertThat(e.getCause()).isInstanceOf(ConnectException.class);
    }
  }
}
