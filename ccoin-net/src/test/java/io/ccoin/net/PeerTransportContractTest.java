package io.ccoin.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccoin.api.Bytes;
import io.ccoin.api.Frame;
import io.ccoin.api.PeerConnection;
import io.ccoin.api.PeerConnection.Direction;
import io.ccoin.api.PeerTransport;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link PeerTransport} must do (SPEC 9, 13): open and close events on both sides, a
 * dial that completes after the dialer's {@code onOpened}, callbacks on the transport's own
 * threads, whole frames in order both ways up to {@link Frame#MAX_FRAME}, concurrent senders,
 * close semantics, a failed dial. A transport's test extends this class and says how to make a
 * transport and an address nobody listens on; the listener checks on every event that callbacks of
 * one connection never overlap, that frames come only between open and close, and that each
 * connection is closed exactly once. The tests take {@code close()} of a transport to return after its
 * last callback: that is how they show, without waiting and hoping, that something did not happen.
 *
 * <p>Published in ccoin-net's test-jar (add {@code io.ccoin:ccoin-net} with
 * {@code <type>test-jar</type>} and test scope) for transports of your own; ccoin runs it against
 * {@code TcpTransport} ({@code TcpTransportTest}) and the simulator ({@code SimTransportContractTest}).
 * It waits in real time, up to {@link #TIMEOUT} per step: a transport in virtual time needs a
 * thread that drives its clock meanwhile, as {@code SimTransportContractTest} shows.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class PeerTransportContractTest {
  /** How long each step waits for an event before the test fails. */
  protected static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** Transport A (the dialer in most tests) and its listener, started before each test. */
  protected PeerTransport a;
  protected RecordingListener la;
  /** Transport B (the listener in most tests) and its listener, started before each test. */
  protected PeerTransport b;
  protected RecordingListener lb;

  /** A new transport, not started; after {@code start} it accepts at {@code localAddress()}. */
  protected abstract PeerTransport newTransport();

  /** An address that no transport accepts connections on. */
  protected abstract InetSocketAddress unusedAddress();

  /** Makes and starts {@link #a} and {@link #b}. */
  @BeforeEach
  public void startTransports() {
    la = new RecordingListener(TIMEOUT);
    lb = new RecordingListener(TIMEOUT);
    a = newTransport();
    b = newTransport();
    a.start(la);
    b.start(lb);
  }

  /** Closes both transports and fails the test if either listener saw the contract broken. */
  @AfterEach
  public void closeTransports() {
    a.close();
    b.close();
    la.assertContractKept();
    lb.assertContractKept();
  }

  /** Both ends of a new connection from A to B: [A's outbound, B's inbound]. */
  protected PeerConnection[] connectAToB() {
    PeerConnection out = await(a.connect(b.localAddress()));
    assertThat(la.nextOpened()).isSameAs(out);
    PeerConnection in = lb.nextOpened();
    return new PeerConnection[] {out, in};
  }

  /** The future's value; fails the test when it fails or does not complete within {@link #TIMEOUT}. */
  protected static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("future did not complete normally within " + TIMEOUT, e);
    }
  }

  /** A frame whose body starts with {@code index} and is filled to {@code bodyLength} (at least 4) bytes. */
  protected static Frame frame(String header, int index, int bodyLength) {
    byte[] body = new byte[Math.max(4, bodyLength)];
    ByteBuffer.wrap(body).putInt(index);
    for (int i = 4; i < body.length; i++) {
      body[i] = (byte) (index * 31 + i);
    }
    return new Frame(header, Bytes.of(body));
  }

  /** The index a {@link #frame} was made with. */
  protected static int indexOf(Frame f) {
    return f.body().asReadOnlyBuffer().getInt();
  }

  @Test
  public void aDialOpensTheConnectionOnBothSides() {
    PeerConnection[] c = connectAToB();
    assertThat(c[0].direction()).isEqualTo(Direction.OUTBOUND);
    assertThat(c[1].direction()).isEqualTo(Direction.INBOUND);
    assertThat(c[0].isOpen()).isTrue();
    assertThat(c[1].isOpen()).isTrue();
    assertThat(c[0].remoteAddress()).isNotNull();
    assertThat(c[1].remoteAddress()).isNotNull();
  }

  @Test
  public void aDialCompletesOnlyAfterTheDialersOnOpened() {
    CompletableFuture<Boolean> openedFirst = a.connect(b.localAddress()).thenApply(la::wasOpened);
    assertThat(await(openedFirst)).as("onOpened ran before the connect future completed").isTrue();
    lb.nextOpened();
  }

  @Test
  public void callbacksRunOnTheTransportsThreadsNotTheCallers() {
    PeerConnection[] c = connectAToB();
    assertThat(c[0].send(frame("TXS", 1, 10))).isTrue();
    lb.nextFrame(c[1]);
    c[0].close("done");
    la.awaitClosed(c[0]);
    lb.awaitClosed(c[1]);
    assertThat(la.callbackThreads()).isNotEmpty().doesNotContain(Thread.currentThread());
    assertThat(lb.callbackThreads()).isNotEmpty().doesNotContain(Thread.currentThread());
  }

  @Test
  public void connectionsHaveDistinctIds() {
    Set<Long> outIds = new HashSet<>();
    Set<Long> inIds = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      PeerConnection[] c = connectAToB();
      outIds.add(c[0].id());
      inIds.add(c[1].id());
    }
    assertThat(outIds).hasSize(5);
    assertThat(inIds).hasSize(5);
  }

  @Test
  public void framesArriveWholeAndInOrderBothWays() {
    PeerConnection[] c = connectAToB();
    int n = 300;
    for (int i = 0; i < n; i++) {
      assertThat(c[0].send(frame("TXS", i, i % 97 * 13))).isTrue();
      assertThat(c[1].send(frame("NBL", i, i % 53 * 7))).isTrue();
    }
    for (int i = 0; i < n; i++) {
      assertThat(lb.nextFrame(c[1])).isEqualTo(frame("TXS", i, i % 97 * 13));
      assertThat(la.nextFrame(c[0])).isEqualTo(frame("NBL", i, i % 53 * 7));
    }
  }

  @Test
  public void aFrameWithAnEmptyBodyArrives() {
    PeerConnection[] c = connectAToB();
    Frame empty = new Frame("PIN", Bytes.EMPTY);
    assertThat(c[0].send(empty)).isTrue();
    assertThat(lb.nextFrame(c[1])).isEqualTo(empty);
  }

  @Test
  public void theLargestFrameArrivesIntact() {
    PeerConnection[] c = connectAToB();
    byte[] body = new byte[Frame.MAX_FRAME - Frame.HEADER_LENGTH];
    new Random(7).nextBytes(body);
    Frame largest = new Frame("BLS", Bytes.of(body));
    assertThat(largest.length()).isEqualTo(Frame.MAX_FRAME);
    assertThat(c[0].send(largest)).isTrue();
    assertThat(c[0].send(frame("PIN", 1, 8))).isTrue();
    assertThat(lb.nextFrame(c[1])).isEqualTo(largest);
    assertThat(lb.nextFrame(c[1])).isEqualTo(frame("PIN", 1, 8));
  }

  @Test
  public void concurrentSendersKeepEachSendersOrder() throws Exception {
    PeerConnection[] c = connectAToB();
    int threads = 4;
    int perThread = 250;
    CountDownLatch go = new CountDownLatch(1);
    AtomicInteger refused = new AtomicInteger();
    List<Thread> senders = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread s = new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < perThread; i++) {
          if (!c[0].send(frame("TXS", thread * 1_000_000 + i, 64))) {
            refused.incrementAndGet();
          }
        }
      });
      s.start();
      senders.add(s);
    }
    go.countDown();
    for (Thread s : senders) {
      s.join(TIMEOUT.toMillis());
    }
    assertThat(refused.get()).isZero();
    int[] next = new int[threads];
    for (int i = 0; i < threads * perThread; i++) {
      int index = indexOf(lb.nextFrame(c[1]));
      int thread = index / 1_000_000;
      assertThat(index % 1_000_000).as("sequence of sender %d", thread).isEqualTo(next[thread]);
      next[thread]++;
    }
    assertThat(next).containsOnly(perThread);
  }

  @Test
  public void closingAConnectionIsReportedOnceOnBothSides() throws InterruptedException {
    PeerConnection[] c = connectAToB();
    c[0].close("done here");
    assertThat(la.awaitClosed(c[0])).isEqualTo("done here");
    assertThat(lb.awaitClosed(c[1])).isNotEmpty();
    assertThat(c[0].isOpen()).isFalse();
    assertThat(c[1].isOpen()).isFalse();
    assertThat(c[0].send(frame("PIN", 1, 8))).isFalse();
    assertThat(c[1].send(frame("PIN", 1, 8))).isFalse();
    c[0].close("again");
    c[1].close("and again");
    // A second report would come later on the transport's own threads; closing the transports
    // returns once those threads have run what they were given, so after it the counts are final.
    a.close();
    b.close();
    assertThat(la.closeCount(c[0])).isEqualTo(1);
    assertThat(lb.closeCount(c[1])).isEqualTo(1);
  }

  @Test
  public void framesSentBeforeACloseStillArrive() {
    PeerConnection[] c = connectAToB();
    for (int i = 0; i < 10; i++) {
      assertThat(c[0].send(frame("TXS", i, 100))).isTrue();
    }
    c[0].close("bye");
    for (int i = 0; i < 10; i++) {
      assertThat(indexOf(lb.nextFrame(c[1]))).isEqualTo(i);
    }
    lb.awaitClosed(c[1]);
  }

  @Test
  public void oneConnectionClosingLeavesTheOthersOpen() {
    PeerConnection[] first = connectAToB();
    PeerConnection[] second = connectAToB();
    first[1].close("only this one");
    la.awaitClosed(first[0]);
    assertThat(second[0].send(frame("TXS", 5, 10))).isTrue();
    assertThat(lb.nextFrame(second[1])).isEqualTo(frame("TXS", 5, 10));
    assertThat(second[1].isOpen()).isTrue();
  }

  @Test
  public void closingTheTransportClosesItsConnectionsAndIsIdempotent() {
    PeerConnection[] c = connectAToB();
    a.close();
    assertThat(la.awaitClosed(c[0])).isNotEmpty();
    assertThat(lb.awaitClosed(c[1])).isNotEmpty();
    a.close();
    assertThat(c[0].send(frame("PIN", 1, 8))).isFalse();
    assertThatThrownBy(() -> a.connect(b.localAddress()).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
        .isInstanceOf(ExecutionException.class);
  }

  @Test
  public void aDialToAnAddressNobodyListensOnFails() {
    CompletableFuture<PeerConnection> f = a.connect(unusedAddress());
    assertThatThrownBy(() -> f.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
        .isInstanceOf(ExecutionException.class);
    assertThat(la.noMoreOpened()).isTrue();
  }

  @Test
  public void bothTransportsCanDialEachOther() {
    PeerConnection ab = await(a.connect(b.localAddress()));
    PeerConnection ba = await(b.connect(a.localAddress()));
    assertThat(ab.send(frame("HEL", 1, 10))).isTrue();
    assertThat(ba.send(frame("HEL", 2, 10))).isTrue();
    // each transport sees one outbound and one inbound connection
    PeerConnection aIn = null;
    for (int i = 0; i < 2; i++) {
      PeerConnection o = la.nextOpened();
      if (o.direction() == Direction.INBOUND) {
        aIn = o;
      }
    }
    PeerConnection bIn = null;
    for (int i = 0; i < 2; i++) {
      PeerConnection o = lb.nextOpened();
      if (o.direction() == Direction.INBOUND) {
        bIn = o;
      }
    }
    assertThat(aIn).isNotNull();
    assertThat(bIn).isNotNull();
    assertThat(indexOf(lb.nextFrame(bIn))).isEqualTo(1);
    assertThat(indexOf(la.nextFrame(aIn))).isEqualTo(2);
  }
}
