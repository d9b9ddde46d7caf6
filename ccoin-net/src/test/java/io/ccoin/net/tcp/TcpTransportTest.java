package io.ccoin.net.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccoin.api.Bytes;
import io.ccoin.api.Frame;
import io.ccoin.api.PeerConnection;
import io.ccoin.api.PeerTransport;
import io.ccoin.net.PeerTransportContractTest;
import io.ccoin.net.RecordingListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The TCP transport: the shared contract, then what a hostile peer on a raw socket can try. Every
 * socket is on 127.0.0.1.
 */
class TcpTransportTest extends PeerTransportContractTest {
  private static final String LOOPBACK = "127.0.0.1";
  private final List<AutoCloseable> extra = new ArrayList<>();

  @Override
  protected PeerTransport newTransport() {
    return TcpTransport.builder().bind(LOOPBACK, 0).ioThreads(2).build();
  }

  @Override
  protected InetSocketAddress unusedAddress() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
      return new InetSocketAddress(LOOPBACK, s.getLocalPort());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @AfterEach
  void closeExtra() throws Exception {
    for (AutoCloseable c : extra) {
      c.close();
    }
  }

  private TcpTransport tcpB() {
    return (TcpTransport) b;
  }

  /** A raw socket to B and B's end of it. */
  private record Raw(Socket socket, PeerConnection server) {
    void write(byte[] bytes) throws IOException {
      OutputStream out = socket.getOutputStream();
      out.write(bytes);
      out.flush();
    }
  }

  private Raw raw(PeerTransport target, RecordingListener listener, int receiveBuffer) throws IOException {
    Socket s = new Socket();
    extra.add(s);
    if (receiveBuffer > 0) {
      s.setReceiveBufferSize(receiveBuffer);
    }
    s.connect(target.localAddress(), (int) TIMEOUT.toMillis());
    s.setSoTimeout((int) TIMEOUT.toMillis());
    return new Raw(s, listener.nextOpened());
  }

  private Raw raw() throws IOException {
    return raw(b, lb, 0);
  }

  private static byte[] lengthPrefix(long length) {
    return ByteBuffer.allocate(4).putInt((int) length).array();
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    ByteBuffer buf = ByteBuffer.allocate(n);
    for (byte[] p : parts) {
      buf.put(p);
    }
    return buf.array();
  }

  /** The server closed the socket: a read ends with EOF or a reset, not a timeout. */
  private static void assertClosedByServer(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    try {
      byte[] buf = new byte[4096];
      for (int i = 0; i < 1000; i++) {
        if (in.read(buf) < 0) {
          return;
        }
      }
      throw new AssertionError("server kept sending");
    } catch (SocketTimeoutException e) {
      throw new AssertionError("server did not close the socket within " + TIMEOUT, e);
    } catch (SocketException e) {
      // a reset: the server closed with our bytes still unread, which is fine
    }
  }

  /** A new connection from A still works: the transport kept serving. */
  private void assertStillServing() {
    PeerConnection[] c = connectAToB();
    assertThat(c[0].send(frame("PIN", 42, 8))).isTrue();
    assertThat(lb.nextFrame(c[1])).isEqualTo(frame("PIN", 42, 8));
    c[0].close("checked");
    lb.awaitClosed(c[1]);
  }

  @Test
  void aFrameAnnouncing4GiBIsRefusedBeforeAnyAllocation() throws IOException {
    Raw r = raw();
    r.write(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 'H', 'E', 'L'});
    assertThat(lb.awaitClosed(r.server())).contains("4294967295").contains("exceeds");
    assertClosedByServer(r.socket());
    assertThat(lb.pendingFrames(r.server())).isZero();
    assertStillServing();
  }

  @Test
  void aFrameOneByteOverMaxFrameIsRefused() throws IOException {
    Raw r = raw();
    r.write(concat(lengthPrefix(Frame.MAX_FRAME + 1L), "BLS".getBytes(StandardCharsets.US_ASCII), new byte[1000]));
    assertThat(lb.awaitClosed(r.server())).contains("exceeds");
    assertClosedByServer(r.socket());
    assertStillServing();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2})
  void aFrameShorterThanItsHeaderIsRefused(int length) throws IOException {
    Raw r = raw();
    r.write(concat(lengthPrefix(length), new byte[] {'P', 'I', 'N'}));
    assertThat(lb.awaitClosed(r.server())).contains("shorter than the 3-byte header");
    assertClosedByServer(r.socket());
    assertThat(lb.pendingFrames(r.server())).isZero();
    assertStillServing();
  }

  @Test
  void aNonAsciiHeaderIsRefused() throws IOException {
    Raw r = raw();
    r.write(concat(lengthPrefix(5), new byte[] {(byte) 0xc3, 'E', 'L', (byte) 0x90, 0x01}));
    assertThat(lb.awaitClosed(r.server())).contains("not ASCII");
    assertClosedByServer(r.socket());
    assertThat(lb.pendingFrames(r.server())).isZero();
    assertStillServing();
  }

  @Test
  void garbageIsRefused() throws IOException {
    Raw r = raw();
    r.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    assertThat(lb.awaitClosed(r.server())).startsWith("protocol violation");
    assertClosedByServer(r.socket());
    assertStillServing();
  }

  @Test
  void frameBytesAfterAViolationAreNeverDelivered() throws IOException {
    Raw r = raw();
    byte[] good = concat(lengthPrefix(4), "PIN".getBytes(StandardCharsets.US_ASCII), new byte[] {7});
    r.write(concat(good, lengthPrefix(2), new byte[2], good, good));
    assertThat(lb.nextFrame(r.server())).isEqualTo(new Frame("PIN", Bytes.of((byte) 7)));
    assertThat(lb.awaitClosed(r.server())).contains("shorter");
    assertThat(lb.pendingFrames(r.server())).isZero();
  }

  @Test
  void aFrameSplitIntoSingleBytesIsReassembled() throws Exception {
    Raw r = raw();
    byte[] wire = concat(lengthPrefix(8), "TXS".getBytes(StandardCharsets.US_ASCII), new byte[] {1, 2, 3, 4, 5});
    for (byte x : wire) {
      r.write(new byte[] {x});
      Thread.sleep(2);
    }
    assertThat(lb.nextFrame(r.server())).isEqualTo(new Frame("TXS", Bytes.of(new byte[] {1, 2, 3, 4, 5})));
  }

  @Test
  void theConfiguredMaxFrameIsInclusive() throws IOException {
    RecordingListener lc = new RecordingListener(TIMEOUT);
    TcpTransport c = TcpTransport.builder().bind(LOOPBACK, 0).ioThreads(1).maxFrame(1024).build();
    extra.add(c);
    c.start(lc);
    Raw ok = raw(c, lc, 0);
    ok.write(concat(lengthPrefix(1024), "BLS".getBytes(StandardCharsets.US_ASCII), new byte[1021]));
    assertThat(lc.nextFrame(ok.server()).length()).isEqualTo(1024);
    Raw over = raw(c, lc, 0);
    over.write(concat(lengthPrefix(1025), "BLS".getBytes(StandardCharsets.US_ASCII), new byte[1022]));
    assertThat(lc.awaitClosed(over.server())).contains("exceeds the maximum of 1024");
    assertThat(ok.server().isOpen()).isTrue();
    lc.assertContractKept();
  }

  @Test
  void aPeerThatStopsReadingIsCutOffAtTheSendBufferCap() throws IOException {
    long cap = 1 << 20;
    RecordingListener lc = new RecordingListener(TIMEOUT);
    TcpTransport c = TcpTransport.builder().bind(LOOPBACK, 0).ioThreads(1)
        .sendBufferBytes(cap).writeStallTimeout(Duration.ofMinutes(5)).build();
    extra.add(c);
    c.start(lc);
    Raw r = raw(c, lc, 4096); // never reads
    TcpConnection server = (TcpConnection) r.server();
    Frame chunk = new Frame("BLS", Bytes.of(new byte[64 * 1024]));
    int sent = 0;
    boolean refused = false;
    long maxPending = 0;
    for (int i = 0; i < 4000 && !refused; i++) {
      if (server.send(chunk)) {
        sent++;
      } else {
        refused = true;
      }
      maxPending = Math.max(maxPending, server.pendingBytes());
    }
    assertThat(refused).as("send() refused after %d frames", sent).isTrue();
    assertThat(maxPending).isLessThanOrEqualTo(cap);
    assertThat(lc.awaitClosed(server)).contains("send buffer full");
    assertThat(server.isOpen()).isFalse();
    assertThat(server.send(chunk)).isFalse();
    assertThat(c.connectionCount()).isZero();
    // the transport still serves others
    Raw other = raw(c, lc, 0);
    other.write(concat(lengthPrefix(3), "PIN".getBytes(StandardCharsets.US_ASCII)));
    assertThat(lc.nextFrame(other.server())).isEqualTo(new Frame("PIN", Bytes.EMPTY));
    lc.assertContractKept();
  }

  @Test
  void aPeerThatStaysBehindIsClosedAfterTheWriteStallTimeout() throws Exception {
    long cap = 8L << 20; // the high water mark is half of it
    RecordingListener lc = new RecordingListener(TIMEOUT);
    TcpTransport c = TcpTransport.builder().bind(LOOPBACK, 0).ioThreads(1)
        .sendBufferBytes(cap).writeStallTimeout(Duration.ofMillis(300)).build();
    extra.add(c);
    c.start(lc);
    Raw r = raw(c, lc, 4096); // never reads
    TcpConnection server = (TcpConnection) r.server();
    Frame chunk = new Frame("BLS", Bytes.of(new byte[64 * 1024]));
    // keep the queue near the cap (far above the high water mark) but never over it, until closed
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (server.isOpen() && System.nanoTime() < deadline) {
      if (server.pendingBytes() < cap - 2L * chunk.length()) {
        server.send(chunk); // false only once the stall check has closed it
      } else {
        Thread.sleep(5);
      }
    }
    assertThat(lc.awaitClosed(server)).contains("stopped reading");
    assertThat(server.pendingBytes()).isLessThanOrEqualTo(cap);
    lc.assertContractKept();
  }

  @Test
  void aHalfSentFrameThenSilenceBlocksNobodyAndEndsWithTheClose() throws IOException {
    Raw r = raw();
    r.write(new byte[] {0, 0}); // half a length prefix, then nothing
    assertStillServing();
    r.write(new byte[] {0, 10, 'N', 'B', 'L'}); // a frame of 10 bytes, 7 of them missing
    assertStillServing();
    assertThat(r.server().isOpen()).isTrue();
    r.socket().close();
    assertThat(lb.awaitClosed(r.server())).isEqualTo("closed by peer");
    assertThat(lb.pendingFrames(r.server())).isZero();
  }

  @Test
  void aPeerThatShutsDownItsOutputIsClosedAfterItsLastFrame() throws IOException {
    Raw r = raw();
    r.write(concat(lengthPrefix(4), "PIN".getBytes(StandardCharsets.US_ASCII), new byte[] {9}));
    r.socket().shutdownOutput();
    assertThat(lb.nextFrame(r.server())).isEqualTo(new Frame("PIN", Bytes.of((byte) 9)));
    assertThat(lb.awaitClosed(r.server())).isEqualTo("closed by peer");
    assertClosedByServer(r.socket());
    assertStillServing();
  }

  @Test
  void manyHostileConnectionsAtOnceLeaveTheTransportServing() throws IOException {
    List<Raw> raws = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      raws.add(raw());
    }
    for (int i = 0; i < raws.size(); i++) {
      Raw r = raws.get(i);
      r.write(i % 2 == 0 ? lengthPrefix(0xffffffffL) : new byte[] {0, 0, 0});
    }
    for (int i = 0; i < raws.size(); i += 2) {
      lb.awaitClosed(raws.get(i).server());
    }
    assertThat(tcpB().inboundCount()).isEqualTo(10);
    assertStillServing();
  }

  @Test
  void aListenerThatThrowsHasItsConnectionClosed() {
    PeerConnection[] c = connectAToB();
    lb.throwOnHeader("BAD");
    assertThat(c[0].send(frame("BAD", 1, 8))).isTrue();
    assertThat(lb.awaitClosed(c[1])).contains("listener failed");
    la.awaitClosed(c[0]);
    assertStillServing();
  }

  @Test
  void countsFollowTheConnections() {
    TcpTransport ta = (TcpTransport) a;
    PeerConnection[] first = connectAToB();
    PeerConnection[] second = connectAToB();
    assertThat(ta.outboundCount()).isEqualTo(2);
    assertThat(ta.inboundCount()).isZero();
    assertThat(tcpB().inboundCount()).isEqualTo(2);
    assertThat(tcpB().connectionCount()).isEqualTo(2);
    first[0].close("one");
    second[1].close("two");
    la.awaitClosed(first[0]);
    lb.awaitClosed(first[1]);
    la.awaitClosed(second[0]);
    lb.awaitClosed(second[1]);
    assertThat(ta.connectionCount()).isZero();
    assertThat(tcpB().connectionCount()).isZero();
  }

  @Test
  void localAddressIsTheEphemeralPort() {
    assertThat(b.localAddress().getPort()).isPositive();
    assertThat(b.localAddress().getAddress().isLoopbackAddress()).isTrue();
  }

  @Test
  void startTwiceAndLocalAddressBeforeStartAreErrors() {
    TcpTransport c = TcpTransport.builder().bind(LOOPBACK, 0).build();
    extra.add(c);
    assertThatThrownBy(c::localAddress).isInstanceOf(IllegalStateException.class);
    c.start(new RecordingListener(TIMEOUT));
    assertThatThrownBy(() -> c.start(new RecordingListener(TIMEOUT))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aTransportNeverStartedClosesQuietly() {
    TcpTransport c = TcpTransport.builder().bind(LOOPBACK, 0).build();
    c.close();
    c.close();
    assertThatThrownBy(() -> c.start(new RecordingListener(TIMEOUT))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aPortInUseIsReportedByStart() {
    TcpTransport c = TcpTransport.builder().bind(LOOPBACK, b.localAddress().getPort()).build();
    extra.add(c);
    assertThatThrownBy(() -> c.start(new RecordingListener(TIMEOUT))).isInstanceOf(UncheckedIOException.class);
  }
}
