package io.ccoin.net;

import io.ccoin.api.Bytes;
import io.ccoin.api.Frame;
import io.ccoin.api.Hash;
import io.ccoin.core.Await;
import io.ccoin.core.CcoinNode;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.net.internal.protocol.Auth;
import io.ccoin.net.internal.protocol.Bye;
import io.ccoin.net.internal.protocol.HandshakeProof;
import io.ccoin.net.internal.protocol.Hello;
import io.ccoin.net.internal.protocol.MalformedMessageException;
import io.ccoin.net.internal.protocol.Message;
import io.ccoin.net.internal.protocol.MessageCodec;
import io.ccoin.net.internal.protocol.Protocol;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A hostile peer on a plain {@link Socket} to 127.0.0.1: it speaks the SPEC 9 framing itself, can
 * write any bytes, and performs a real handshake (its own node key, {@code HEL} and {@code AUT}
 * through {@link MessageCodec} and {@link HandshakeProof}) when a test needs an established
 * connection. A reader thread records every frame that arrives until the node closes the socket;
 * {@link #stopReading()} makes it stop reading so that the node's sends back up.
 */
final class RawTcpPeer implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(10);

  final AccountKey key;
  private final Socket socket;
  private final OutputStream out;
  private final List<Frame> frames = new ArrayList<>();
  private final CountDownLatch readerDone = new CountDownLatch(1);
  private final CountDownLatch resume = new CountDownLatch(1);
  private volatile boolean paused;
  private volatile boolean eof;
  private volatile String closedHow;
  private Bytes ourHelloBody;

  private RawTcpPeer(Socket socket, AccountKey key) throws IOException {
    this.socket = socket;
    this.key = key;
    this.out = socket.getOutputStream();
    Thread reader = new Thread(this::readLoop, "raw-peer-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** Connects to {@code target}; {@code receiveBuffer} > 0 sets a small socket receive buffer. */
  static RawTcpPeer connect(InetSocketAddress target, AccountKey key, int receiveBuffer) throws IOException {
    Socket s = new Socket();
    if (receiveBuffer > 0) {
      s.setReceiveBufferSize(receiveBuffer);
    }
    s.connect(new InetSocketAddress("127.0.0.1", target.getPort()), (int) WAIT.toMillis());
    s.setTcpNoDelay(true);
    return new RawTcpPeer(s, key);
  }

  static RawTcpPeer connect(InetSocketAddress target, AccountKey key) throws IOException {
    return connect(target, key, 0);
  }

  private void readLoop() {
    try {
      DataInputStream in = new DataInputStream(socket.getInputStream());
      while (true) {
        if (paused) {
          resume.await();
        }
        long length = in.readInt() & 0xffffffffL;
        if (length < Frame.HEADER_LENGTH || length > Frame.MAX_FRAME) {
          closedHow = "bad frame length " + length;
          return;
        }
        byte[] bytes = new byte[(int) length];
        in.readFully(bytes);
        String header = new String(bytes, 0, Frame.HEADER_LENGTH, StandardCharsets.US_ASCII);
        Frame f = new Frame(header, Bytes.of(java.util.Arrays.copyOfRange(bytes, Frame.HEADER_LENGTH, bytes.length)));
        synchronized (frames) {
          frames.add(f);
        }
      }
    } catch (EOFException e) {
      closedHow = "eof";
    } catch (IOException e) {
      closedHow = e.toString(); // a reset also means the node closed the connection
    } catch (InterruptedException e) {
      closedHow = "interrupted";
    } finally {
      eof = true;
      readerDone.countDown();
    }
  }

  // ---- writing ---------------------------------------------------------------------------------

  /** Writes raw bytes; false when the node already closed the connection. */
  boolean write(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The bytes of {@code frame} on the wire: length, header, body. */
  static byte[] wire(Frame frame) {
    byte[] body = frame.body().toArray();
    return ByteBuffer.allocate(4 + Frame.HEADER_LENGTH + body.length).putInt(frame.length())
        .put(frame.header().getBytes(StandardCharsets.US_ASCII)).put(body).array();
  }

  boolean send(Frame frame) {
    return write(wire(frame));
  }

  boolean send(Message m) {
    return send(MessageCodec.encode(m));
  }

  // ---- reading ---------------------------------------------------------------------------------

  List<Frame> frames() {
    synchronized (frames) {
      return List.copyOf(frames);
    }
  }

  /** Every frame received that decodes, in order. */
  List<Message> messages() {
    List<Message> out = new ArrayList<>();
    for (Frame f : frames()) {
      try {
        out.add(MessageCodec.decode(f));
      } catch (MalformedMessageException e) {
        throw new AssertionError("the node sent an undecodable " + f.header(), e);
      }
    }
    return out;
  }

  <T extends Message> List<T> messages(Class<T> type) {
    return messages().stream().filter(type::isInstance).map(type::cast).toList();
  }

  Optional<Bye> bye() {
    return messages(Bye.class).stream().findFirst();
  }

  /** Waits until a {@code type} message arrived (the last one), or fails. */
  <T extends Message> T await(Class<T> type, Duration max) {
    Await.within(max, () -> !messages(type).isEmpty() || eof);
    List<T> got = messages(type);
    if (got.isEmpty()) {
      throw new AssertionError("no " + type.getSimpleName() + " within " + max + "; got " + messages() + (eof ? ", closed: " + closedHow : ""));
    }
    return got.get(got.size() - 1);
  }

  /** True once the node closed the connection (EOF or reset) within {@code max}. */
  boolean awaitClosed(Duration max) {
    resume.countDown();
    paused = false;
    try {
      return readerDone.await(max.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  boolean isClosed() {
    return eof;
  }

  /** The local port, which is the remote port the node sees. */
  int localPort() {
    return socket.getLocalPort();
  }

  String closedHow() {
    return closedHow;
  }

  /** The reader stops reading (after the frame it may be reading now); the socket buffers fill up. */
  void stopReading() {
    paused = true;
  }

  // ---- the handshake ---------------------------------------------------------------------------

  /** A correct {@code HEL} for {@code node}'s network, at its genesis, with a fresh challenge. */
  Hello hello(CcoinNode node) {
    return hello(node.params().networkId(), node.genesis().hash(), 0, node.genesis().hash(), 0);
  }

  Hello hello(long chainId, Hash genesisHash, long headNumber, Hash headHash, long totalWeight) {
    byte[] challenge = new byte[Protocol.CHALLENGE_SIZE];
    new SecureRandom().nextBytes(challenge);
    return new Hello(Protocol.VERSION, chainId, genesisHash, headNumber, headHash, totalWeight, key.publicKey(),
        Bytes.of(challenge), 1, "hostile");
  }

  /** Sends {@code ours} and waits for the node's {@code HEL}; returns the node's {@code HEL} body. */
  Bytes sendHello(Hello ours) {
    Frame mine = MessageCodec.encode(ours);
    ourHelloBody = mine.body();
    send(mine);
    await(Hello.class, WAIT);
    return frames().stream().filter(f -> f.header().equals(Hello.HEADER)).findFirst().orElseThrow().body();
  }

  /** Completes the handshake as the dialer with {@code ours}; fails unless the node answers with its {@code AUT}. */
  RawTcpPeer handshake(Hello ours) {
    Bytes theirs = sendHello(ours);
    send(HandshakeProof.sign(key, Protocol.ROLE_DIALER, ourHelloBody, theirs));
    await(Auth.class, WAIT);
    if (bye().isPresent() || eof) {
      throw new AssertionError("handshake failed: " + messages());
    }
    return this;
  }

  @Override
  public void close() {
    resume.countDown();
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
