package io.ccoin.node.chaos;

import io.ccoin.api.Bytes;
import io.ccoin.api.Frame;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.net.internal.protocol.Auth;
import io.ccoin.net.internal.protocol.HandshakeProof;
import io.ccoin.net.internal.protocol.Hello;
import io.ccoin.net.internal.protocol.MessageCodec;
import io.ccoin.net.internal.protocol.Protocol;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.SecureRandom;

/**
 * A misbehaving peer, run as its own process on an honest node's host ({@code ip netns exec}): it
 * completes the handshake with a fresh node key, then sends a frame longer than {@code MAX_FRAME},
 * an offence that scores 100 (SPEC 9). Usage: {@code HostilePeer HOST PORT}; exit 0 once sent.
 */
public final class HostilePeer {
  private HostilePeer() {}

  public static void main(String[] args) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(args[0], Integer.parseInt(args[1])), 5_000);
      s.setSoTimeout(10_000);
      DataInputStream in = new DataInputStream(s.getInputStream());
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      Frame theirs = read(in);
      Hello their = (Hello) MessageCodec.decode(theirs);
      SecureRandom random = new SecureRandom();
      AccountKey key = AccountKey.generate(random);
      byte[] challenge = new byte[Protocol.CHALLENGE_SIZE];
      random.nextBytes(challenge);
      Hello mine = new Hello(Protocol.VERSION, their.chainId(), their.genesisHash(), 0, their.genesisHash(), 0, key.publicKey(),
          Bytes.of(challenge), 0, "hostile/1");
      Frame myHello = MessageCodec.encode(mine);
      write(out, myHello);
      write(out, MessageCodec.encode(HandshakeProof.sign(key, Protocol.ROLE_DIALER, myHello.body(), theirs.body())));
      Frame auth = read(in);
      if (!(MessageCodec.decode(auth) instanceof Auth)) {
        throw new IOException("expected AUT, got " + auth.header());
      }
      out.writeInt(Frame.MAX_FRAME + 1024); // the length alone breaks the limit
      out.writeBytes("TXS");
      out.flush();
      System.out.println("sent an oversize frame to " + args[0] + ":" + args[1]);
    }
  }

  private static Frame read(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < Frame.HEADER_LENGTH || length > Frame.MAX_FRAME) {
      throw new IOException("bad frame length " + length);
    }
    byte[] header = in.readNBytes(Frame.HEADER_LENGTH);
    byte[] body = in.readNBytes(length - Frame.HEADER_LENGTH);
    return new Frame(new String(header, java.nio.charset.StandardCharsets.US_ASCII), Bytes.of(body));
  }

  private static void write(DataOutputStream out, Frame f) throws IOException {
    out.writeInt(f.length());
    out.writeBytes(f.header());
    out.write(f.body().toArray());
    out.flush();
  }
}
