package io.ccoin.node.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A slow, lossy link in front of a node's P2P listener, for kernels without {@code sch_netem}: run
 * as its own process in the node's namespace, it accepts on the namespace's address and forwards to
 * the node on 127.0.0.1, holding every chunk, each way, for a random delay in {@code [min, max]} ms
 * (in order, as TCP delivers). A lost segment costs TCP a retransmission, so with probability
 * {@code loss} a chunk waits one more retransmission timeout (2 x max delay, at least 200 ms)
 * before it goes: what an application sees of packet loss on a TCP connection.
 *
 * <p>Usage: {@code LatencyProxy LISTEN_HOST LISTEN_PORT TARGET_PORT MIN_MS MAX_MS LOSS}.
 */
public final class LatencyProxy {
  private final int targetPort;
  private final int minMs;
  private final int maxMs;
  private final double loss;

  private LatencyProxy(int targetPort, int minMs, int maxMs, double loss) {
    this.targetPort = targetPort;
    this.minMs = minMs;
    this.maxMs = maxMs;
    this.loss = loss;
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 6) {
      System.err.println("usage: LatencyProxy LISTEN_HOST LISTEN_PORT TARGET_PORT MIN_MS MAX_MS LOSS");
      System.exit(2);
    }
    LatencyProxy proxy = new LatencyProxy(Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
        Double.parseDouble(args[5]));
    try (ServerSocket server = new ServerSocket()) {
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(args[0], Integer.parseInt(args[1])));
      System.out.println("latency proxy on " + args[0] + ":" + args[1] + " -> 127.0.0.1:" + args[2]);
      while (true) {
        Socket client = server.accept();
        proxy.relay(client);
      }
    }
  }

  private void relay(Socket client) {
    Thread t = new Thread(() -> {
      try (client; Socket upstream = new Socket()) {
        upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5_000);
        client.setTcpNoDelay(true);
        upstream.setTcpNoDelay(true);
        Thread back = pump(upstream.getInputStream(), client.getOutputStream(), client, upstream);
        pump(client.getInputStream(), upstream.getOutputStream(), client, upstream).join();
        back.join();
      } catch (IOException | InterruptedException e) {
        // the connection is gone; so is the relay
      }
    }, "relay");
    t.setDaemon(true);
    t.start();
  }

  /** One direction: a reader queues chunks with their due times, a writer sends each when due. */
  private Thread pump(InputStream in, OutputStream out, Socket a, Socket b) {
    BlockingQueue<Object[]> queue = new LinkedBlockingQueue<>();
    Thread writer = new Thread(() -> {
      try {
        while (true) {
          Object[] item = queue.take();
          if (item.length == 0) {
            break;
          }
          long wait = (long) item[0] - System.nanoTime();
          if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
          }
          out.write((byte[]) item[1]);
          out.flush();
        }
      } catch (IOException | InterruptedException e) {
        // closed
      } finally {
        closeBoth(a, b);
      }
    }, "relay-writer");
    writer.setDaemon(true);
    writer.start();
    Thread reader = new Thread(() -> {
      byte[] buffer = new byte[64 * 1024];
      long lastDue = 0;
      try {
        int n;
        while ((n = in.read(buffer)) > 0) {
          ThreadLocalRandom random = ThreadLocalRandom.current();
          long delayMs = minMs + (maxMs > minMs ? random.nextInt(maxMs - minMs + 1) : 0);
          if (random.nextDouble() < loss) {
            delayMs += Math.max(200, 2L * maxMs);
          }
          long due = Math.max(lastDue, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMs));
          lastDue = due;
          queue.add(new Object[] {due, Arrays.copyOf(buffer, n)});
        }
      } catch (IOException e) {
        // closed
      } finally {
        queue.add(new Object[0]);
      }
    }, "relay-reader");
    reader.setDaemon(true);
    reader.start();
    return writer;
  }

  private static void closeBoth(Socket a, Socket b) {
    try {
      a.close();
    } catch (IOException e) {
      // already closed
    }
    try {
      b.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
