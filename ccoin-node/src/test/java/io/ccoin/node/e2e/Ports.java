package io.ccoin.node.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Random;

/** Finds a run of free ports on 127.0.0.1 for tests that need fixed ports (bounded tries). */
final class Ports {
  private Ports() {}

  static int freeRun(int count) {
    Random random = new Random();
    for (int attempt = 0; attempt < 200; attempt++) {
      int base = 20_000 + 2 * random.nextInt(10_000);
      if (allFree(base, count)) {
        return base;
      }
    }
    throw new IllegalStateException("no run of " + count + " free ports found on 127.0.0.1");
  }

  private static boolean allFree(int base, int count) {
    for (int p = base; p < base + count; p++) {
      try (ServerSocket s = new ServerSocket()) {
        s.setReuseAddress(false);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), p));
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }
}
