package io.ccoin.net.tcp;

import io.ccoin.api.Frame;
import io.ccoin.api.PeerConnection;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One TCP connection of a {@link TcpTransport}. {@link #send} never blocks: it counts the frame's
 * bytes against the connection's send buffer cap and hands the frame to Netty, which writes it on
 * the channel's event loop; the count drops when the bytes have gone to the socket. A peer that
 * stops reading therefore makes {@code send} return false and is closed once the cap is reached.
 * Thread-safe.
 */
final class TcpConnection implements PeerConnection {
  private final long id;
  private final Channel channel;
  private final Direction direction;
  private final InetSocketAddress remoteAddress;
  private final long sendBufferBytes;
  private final AtomicLong pendingBytes = new AtomicLong();
  private final AtomicReference<String> closeReason = new AtomicReference<>();

  TcpConnection(long id, Channel channel, Direction direction, InetSocketAddress remoteAddress, long sendBufferBytes) {
    this.id = id;
    this.channel = channel;
    this.direction = direction;
    this.remoteAddress = remoteAddress;
    this.sendBufferBytes = sendBufferBytes;
  }

  @Override
  public long id() {
    return id;
  }

  @Override
  public InetSocketAddress remoteAddress() {
    return remoteAddress;
  }

  @Override
  public Direction direction() {
    return direction;
  }

  @Override
  public boolean send(Frame frame) {
    Objects.requireNonNull(frame, "frame");
    if (!isOpen()) {
      return false;
    }
    long size = 4L + frame.length();
    long pending = pendingBytes.addAndGet(size);
    if (pending > sendBufferBytes) {
      pendingBytes.addAndGet(-size);
      close("send buffer full: " + (pending - size) + " bytes queued and " + size
          + " more exceed the cap of " + sendBufferBytes + " (peer not reading)");
      return false;
    }
    channel.writeAndFlush(encode(frame)).addListener(f -> {
      pendingBytes.addAndGet(-size);
      if (!f.isSuccess() && channel.isActive()) { // an inactive channel is closing with its own reason
        close("write failed: " + f.cause());
      }
    });
    return true;
  }

  /** The length prefix and header, then the body, without copying the body. */
  private static ByteBuf encode(Frame frame) {
    byte[] prefix = new byte[4 + Frame.HEADER_LENGTH];
    int length = frame.length();
    prefix[0] = (byte) (length >>> 24);
    prefix[1] = (byte) (length >>> 16);
    prefix[2] = (byte) (length >>> 8);
    prefix[3] = (byte) length;
    byte[] header = frame.header().getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(header, 0, prefix, 4, Frame.HEADER_LENGTH);
    return Unpooled.wrappedBuffer(Unpooled.wrappedBuffer(prefix), Unpooled.wrappedBuffer(frame.body().asReadOnlyBuffer()));
  }

  @Override
  public void close(String reason) {
    Objects.requireNonNull(reason, "reason");
    closeReason.compareAndSet(null, reason);
    channel.close();
  }

  /** Records why the connection ends, unless a reason is already known; for the transport. */
  void closeReasonIfUnset(String reason) {
    closeReason.compareAndSet(null, reason);
  }

  /** The first reason given for closing, or null while nobody asked to close. */
  String closeReason() {
    return closeReason.get();
  }

  @Override
  public boolean isOpen() {
    return closeReason.get() == null && channel.isActive();
  }

  /** Bytes handed to {@link #send} that have not reached the socket yet. */
  long pendingBytes() {
    return pendingBytes.get();
  }

  Channel channel() {
    return channel;
  }

  @Override
  public String toString() {
    return "TcpConnection{id=" + id + ", " + direction + ", " + remoteAddress
        + (isOpen() ? "" : ", closed") + "}";
  }
}
