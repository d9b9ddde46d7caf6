package io.ccoin.net.tcp;

import io.ccoin.api.Bytes;
import io.ccoin.api.Frame;
import io.ccoin.net.internal.protocol.Protocol;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Splits the inbound byte stream into {@link Frame}s (SPEC 9): a big-endian uint32 length {@code L},
 * then {@code L} bytes, a 3-character ASCII header and the body.
 *
 * <p>The length is checked as soon as its 4 bytes have arrived, before anything is allocated for
 * the frame: {@code L > maxFrame} or {@code L < 3} closes the connection. Until a whole frame is
 * there, only the bytes actually received are buffered, so a peer that announces a large frame and
 * sends nothing costs nothing. After a violation the decoder discards everything that follows. One
 * instance per channel.
 */
final class FrameDecoder extends ByteToMessageDecoder {
  private final TcpConnection connection;
  private final int maxFrame;
  private boolean failed;

  FrameDecoder(TcpConnection connection, int maxFrame) {
    this.connection = connection;
    this.maxFrame = maxFrame;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    if (in.readableBytes() < 4) {
      return;
    }
    long length = in.getUnsignedInt(in.readerIndex());
    if (length > maxFrame) {
      fail(in, "frame length " + length + " exceeds the maximum of " + maxFrame + " bytes");
      return;
    }
    if (length < Frame.HEADER_LENGTH) {
      fail(in, "frame length " + length + " is shorter than the 3-byte header");
      return;
    }
    int l = (int) length;
    if (in.readableBytes() < 4 + l) {
      return;
    }
    int at = in.readerIndex() + 4;
    for (int i = 0; i < Frame.HEADER_LENGTH; i++) {
      byte b = in.getByte(at + i);
      if (b < 0) {
        fail(in, "frame header is not ASCII (byte " + i + " is 0x" + Integer.toHexString(b & 0xff) + ")");
        return;
      }
    }
    String header = in.toString(at, Frame.HEADER_LENGTH, StandardCharsets.US_ASCII);
    byte[] body = new byte[l - Frame.HEADER_LENGTH];
    in.getBytes(at + Frame.HEADER_LENGTH, body);
    in.skipBytes(4 + l);
    out.add(new Frame(header, Bytes.of(body)));
  }

  private void fail(ByteBuf in, String reason) {
    failed = true;
    in.skipBytes(in.readableBytes());
    connection.close(Protocol.FRAMING_VIOLATION + " " + reason);
  }
}
