package io.ccoin.net.tcp;

import io.ccoin.api.Frame;
import io.ccoin.api.PeerConnection;
import io.ccoin.api.PeerConnection.Direction;
import io.ccoin.api.PeerTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP {@link PeerTransport}: SPEC 9 frames over TCP, on Netty's NIO event loops.
 *
 * <pre>{@code
 * TcpTransport transport = TcpTransport.builder().bind("0.0.0.0", 30333).build();
 * transport.start(listener);
 * transport.connect(new InetSocketAddress("10.0.0.2", 30333)).thenAccept(c -> c.send(hello));
 * }</pre>
 *
 * <p>Limits, all set on the {@link Builder}:
 * <ul>
 *   <li>an inbound frame longer than {@code maxFrame} (default {@link Frame#MAX_FRAME}) or shorter
 *       than its 3-byte header, or with a non-ASCII header, closes the connection; the length is
 *       checked before anything is allocated for the frame;
 *   <li>each connection queues at most {@code sendBufferBytes} of outbound frames (length prefix
 *       included); a {@link PeerConnection#send} that would go over returns false and closes the
 *       connection, so a peer that stops reading costs at most that much memory;
 *   <li>a connection whose outbound queue stays above half the cap for {@code writeStallTimeout}
 *       is closed even before the cap is reached (a peer that reads too slowly);
 *   <li>dials time out after {@code connectTimeout}.
 * </ul>
 * How many connections to accept is the protocol's decision ({@code max_peers}); the transport
 * reports the counts ({@link #connectionCount()}, {@link #inboundCount()}, {@link #outboundCount()}).
 *
 * <p>Threading: the listener is called on the transport's event loop threads. All callbacks of one
 * connection come from one thread, in order, never concurrently: {@code onOpened}, then its frames
 * in the order they arrived, then {@code onClosed} exactly once. No frame is delivered after the
 * connection was asked to close. The future of {@link #connect} completes on the event loop after
 * {@code onOpened}, so dependent stages run there too and must be as quick as the listener. A
 * listener that throws has the connection closed. Thread-safe.
 */
public final class TcpTransport implements PeerTransport {
  /** The P2P port of SPEC 12. */
  public static final int DEFAULT_PORT = 30333;

  private static final Logger LOG = LoggerFactory.getLogger(TcpTransport.class);
  private static final AttributeKey<TcpConnection> CONNECTION = AttributeKey.valueOf(TcpTransport.class, "connection");

  private final String host;
  private final int port;
  private final int maxFrame;
  private final long sendBufferBytes;
  private final Duration writeStallTimeout;
  private final Duration connectTimeout;
  private final int ioThreads;
  private volatile EventLoopGroup group;
  private final ChannelGroup channels = new DefaultChannelGroup("ccoin-tcp", GlobalEventExecutor.INSTANCE);
  private final AtomicLong nextId = new AtomicLong(1);
  private final AtomicInteger inbound = new AtomicInteger();
  private final AtomicInteger outbound = new AtomicInteger();
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Listener listener;
  private volatile Channel serverChannel;

  private TcpTransport(Builder b) {
    this.host = b.host;
    this.port = b.port;
    this.maxFrame = b.maxFrame;
    this.sendBufferBytes = b.sendBufferBytes;
    this.writeStallTimeout = b.writeStallTimeout;
    this.connectTimeout = b.connectTimeout;
    this.ioThreads = b.ioThreads;
  }

  /** A builder with the defaults: 127.0.0.1, port {@value #DEFAULT_PORT}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds the listening socket and starts delivering events to {@code listener}.
   *
   * @throws IllegalStateException if already started or closed
   * @throws UncheckedIOException if the address cannot be bound
   */
  @Override
  public synchronized void start(Listener listener) {
    Objects.requireNonNull(listener, "listener");
    if (closed.get()) {
      throw new IllegalStateException("transport is closed");
    }
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("transport already started");
    }
    this.listener = listener;
    this.group = new NioEventLoopGroup(ioThreads, new DefaultThreadFactory("ccoin-tcp", true));
    ServerBootstrap server = new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 128)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childHandler(initializer(Direction.INBOUND, null, null))
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.SO_KEEPALIVE, true)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark());
    ChannelFuture bind = server.bind(host, port).awaitUninterruptibly();
    if (!bind.isSuccess()) {
      close();
      throw new UncheckedIOException("cannot listen on " + host + ":" + port,
          bind.cause() instanceof IOException io ? io : new IOException(bind.cause()));
    }
    serverChannel = bind.channel();
    LOG.info("TCP transport listening on {}", serverChannel.localAddress());
  }

  private WriteBufferWaterMark waterMark() {
    int high = (int) Math.min(Integer.MAX_VALUE, sendBufferBytes / 2);
    return new WriteBufferWaterMark(Math.max(1, high / 2), Math.max(1, high));
  }

  /**
   * The address accepting connections.
   *
   * @throws IllegalStateException before {@link #start}
   */
  @Override
  public InetSocketAddress localAddress() {
    Channel ch = serverChannel;
    if (ch == null) {
      throw new IllegalStateException("transport not started");
    }
    return (InetSocketAddress) ch.localAddress();
  }

  @Override
  public CompletableFuture<PeerConnection> connect(InetSocketAddress address) {
    Objects.requireNonNull(address, "address");
    CompletableFuture<PeerConnection> result = new CompletableFuture<>();
    if (closed.get()) {
      result.completeExceptionally(new IllegalStateException("transport is closed"));
      return result;
    }
    EventLoopGroup group = this.group;
    if (group == null) {
      result.completeExceptionally(new IllegalStateException("transport not started"));
      return result;
    }
    try {
      Bootstrap dial = new Bootstrap()
          .group(group)
          .channel(NioSocketChannel.class)
          .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
          .option(ChannelOption.TCP_NODELAY, true)
          .option(ChannelOption.SO_KEEPALIVE, true)
          .option(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark())
          .handler(initializer(Direction.OUTBOUND, address, result));
      dial.connect(address).addListener((ChannelFuture f) -> {
        if (!f.isSuccess()) {
          result.completeExceptionally(f.cause());
        }
      });
    } catch (RuntimeException e) { // the event loops are shutting down
      result.completeExceptionally(e);
    }
    return result;
  }

  private ChannelInitializer<SocketChannel> initializer(Direction direction, InetSocketAddress dialedAddress,
      CompletableFuture<PeerConnection> dialed) {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(SocketChannel ch) {
        if (closed.get()) {
          ch.close();
          return;
        }
        InetSocketAddress remote = dialedAddress != null ? dialedAddress : ch.remoteAddress();
        TcpConnection connection = new TcpConnection(nextId.getAndIncrement(), ch, direction, remote, sendBufferBytes);
        channels.add(ch);
        ch.attr(CONNECTION).set(connection);
        ch.pipeline()
            .addLast("frames", new FrameDecoder(connection, maxFrame))
            .addLast("events", new EventHandler(connection, dialed));
      }
    };
  }

  /**
   * Closes every connection (each reported closed with reason {@code "transport closed"}) and stops
   * listening; idempotent. Waits at most a few seconds for the event loops to stop, and not at all
   * when called from one of them (from a listener).
   */
  @Override
  public void close() {
    EventLoopGroup group;
    synchronized (this) { // not while start() is between creating the loops and binding
      if (!closed.compareAndSet(false, true)) {
        return;
      }
      group = this.group;
    }
    if (group == null) {
      return; // never started
    }
    Channel server = serverChannel;
    if (server != null) {
      server.close();
    }
    for (Channel ch : channels) {
      TcpConnection c = ch.attr(CONNECTION).get();
      if (c != null) {
        c.close("transport closed");
      } else {
        ch.close();
      }
    }
    boolean onEventLoop = false;
    for (EventExecutor e : group) {
      onEventLoop |= e.inEventLoop();
    }
    if (!onEventLoop) {
      channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
    var shutdown = group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    if (!onEventLoop) {
      shutdown.awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
    LOG.info("TCP transport closed");
  }

  /** Open connections, both directions. */
  public int connectionCount() {
    return inbound.get() + outbound.get();
  }

  /** Open connections that peers dialed. */
  public int inboundCount() {
    return inbound.get();
  }

  /** Open connections this transport dialed. */
  public int outboundCount() {
    return outbound.get();
  }

  /** The largest frame this transport accepts. */
  public int maxFrame() {
    return maxFrame;
  }

  /** The cap on each connection's queued outbound bytes. */
  public long sendBufferBytes() {
    return sendBufferBytes;
  }

  @Override
  public String toString() {
    Channel ch = serverChannel;
    return "TcpTransport{" + (ch == null ? host + ":" + port : ch.localAddress()) + ", connections="
        + connectionCount() + (closed.get() ? ", closed" : "") + "}";
  }

  /** Turns channel events into listener calls for one connection, on its event loop. */
  private final class EventHandler extends ChannelInboundHandlerAdapter {
    private final TcpConnection connection;
    private final CompletableFuture<PeerConnection> dialed;
    private boolean opened;
    private boolean reportedClosed;
    private ScheduledFuture<?> stallCheck;

    EventHandler(TcpConnection connection, CompletableFuture<PeerConnection> dialed) {
      this.connection = connection;
      this.dialed = dialed;
    }

    private AtomicInteger counter() {
      return connection.direction() == Direction.INBOUND ? inbound : outbound;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      opened = true;
      counter().incrementAndGet();
      LOG.debug("opened {}", connection);
      try {
        listener.onOpened(connection);
      } catch (RuntimeException e) {
        LOG.warn("listener failed in onOpened for {}", connection, e);
        connection.close("listener failed: " + e);
      }
      if (dialed != null) {
        dialed.complete(connection);
      }
      ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      Frame frame = (Frame) msg;
      if (connection.closeReason() != null) {
        return; // asked to close: no more frames for the listener
      }
      try {
        listener.onFrame(connection, frame);
      } catch (RuntimeException e) {
        LOG.warn("listener failed in onFrame({}) for {}", frame.header(), connection, e);
        connection.close("listener failed: " + e);
      }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      if (!ctx.channel().isWritable() && stallCheck == null) {
        stallCheck = ctx.executor().schedule(() -> {
          stallCheck = null;
          if (!ctx.channel().isWritable() && ctx.channel().isActive()) {
            connection.close("peer stopped reading: send queue above " + waterMark().high()
                + " bytes for " + writeStallTimeout.toMillis() + " ms");
          }
        }, writeStallTimeout.toMillis(), TimeUnit.MILLISECONDS);
      } else if (ctx.channel().isWritable() && stallCheck != null) {
        stallCheck.cancel(false);
        stallCheck = null;
      }
      ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      LOG.debug("error on {}", connection, cause);
      connection.close("i/o error: " + cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      channels.remove(ctx.channel());
      if (stallCheck != null) {
        stallCheck.cancel(false);
        stallCheck = null;
      }
      if (!opened || reportedClosed) {
        return;
      }
      reportedClosed = true;
      counter().decrementAndGet();
      connection.closeReasonIfUnset(closed.get() ? "transport closed" : "closed by peer");
      String reason = connection.closeReason();
      LOG.debug("closed {}: {}", connection, reason);
      try {
        listener.onClosed(connection, reason);
      } catch (RuntimeException e) {
        LOG.warn("listener failed in onClosed for {}", connection, e);
      }
      ctx.fireChannelInactive();
    }
  }

  /**
   * Settings of a {@link TcpTransport}. Not thread-safe.
   */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = DEFAULT_PORT;
    private int maxFrame = Frame.MAX_FRAME;
    private long sendBufferBytes = 2L * (Frame.MAX_FRAME + 4);
    private Duration writeStallTimeout = Duration.ofSeconds(30);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private int ioThreads = Math.min(4, Math.max(1, Runtime.getRuntime().availableProcessors()));

    private Builder() {}

    /**
     * The address to listen on: a host name or IP literal ({@code "0.0.0.0"} for every interface),
     * and a port, 0 for an ephemeral one (see {@link TcpTransport#localAddress()}). Default
     * 127.0.0.1:{@value TcpTransport#DEFAULT_PORT}.
     */
    public Builder bind(String host, int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535: " + port);
      }
      this.host = Objects.requireNonNull(host, "host");
      this.port = port;
      return this;
    }

    /** The largest inbound frame, 3 to {@link Frame#MAX_FRAME} (the default). */
    public Builder maxFrame(int maxFrame) {
      if (maxFrame < Frame.HEADER_LENGTH || maxFrame > Frame.MAX_FRAME) {
        throw new IllegalArgumentException("maxFrame must be 3.." + Frame.MAX_FRAME + ": " + maxFrame);
      }
      this.maxFrame = maxFrame;
      return this;
    }

    /**
     * The cap on each connection's queued outbound bytes (each frame counts its length plus 4).
     * Default two maximal frames, about 16 MiB. Frames larger than the cap can never be sent.
     */
    public Builder sendBufferBytes(long bytes) {
      if (bytes < 8) {
        throw new IllegalArgumentException("sendBufferBytes must be at least 8: " + bytes);
      }
      this.sendBufferBytes = bytes;
      return this;
    }

    /** How long a connection's outbound queue may stay above half the cap; default 30 s. */
    public Builder writeStallTimeout(Duration timeout) {
      this.writeStallTimeout = positive(timeout, "writeStallTimeout");
      return this;
    }

    /** How long a dial may take; default 10 s. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /** The number of event loop threads; default the number of processors, at most 4. */
    public Builder ioThreads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("ioThreads must be positive: " + threads);
      }
      this.ioThreads = threads;
      return this;
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
      return d;
    }

    /** A new transport; it does nothing until {@link TcpTransport#start}. */
    public TcpTransport build() {
      return new TcpTransport(this);
    }
  }
}
