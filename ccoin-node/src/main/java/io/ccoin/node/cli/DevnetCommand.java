package io.ccoin.node.cli;

import io.ccoin.core.IoErrors;
import io.ccoin.node.Devnet;
import io.ccoin.node.DevnetProgress;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ccoin devnet}: a complete local network in one command, on 127.0.0.1: a discovery service,
 * three validators and a basic node, kept in {@code ./.ccoin-devnet} and reused on the next start.
 * Runs until Ctrl-C, which stops every node cleanly.
 */
@Command(name = "devnet", mixinStandardHelpOptions = true,
    description = "Run a local network (3 validators, 1 basic node, discovery) on 127.0.0.1 until Ctrl-C.")
final class DevnetCommand implements Runnable {
  @ParentCommand
  CcoinCli cli;

  @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".ccoin-devnet", description = "the devnet's folder (default: ${DEFAULT-VALUE})")
  Path dir;

  @Option(names = "--base-port", paramLabel = "PORT", defaultValue = "30333",
      description = "P2P port of the first node; node i uses base+2i (P2P) and base+2i+1 (API) (default: ${DEFAULT-VALUE})")
  int basePort;

  @Option(names = "--discovery-port", paramLabel = "PORT", defaultValue = "4444", description = "discovery service port (default: ${DEFAULT-VALUE})")
  int discoveryPort;

  @Option(names = "--exit-after", paramLabel = "SECONDS", hidden = true, description = "stop after this many seconds (for tests)")
  long exitAfter;

  @Override
  public void run() {
    if (basePort < 1024 || basePort > 65535 - 8) {
      throw new UsageException("--base-port must be 1024 .. 65527, got " + basePort);
    }
    if (discoveryPort < 1 || discoveryPort > 65535) {
      throw new UsageException("--discovery-port must be 1 .. 65535, got " + discoveryPort);
    }
    Devnet devnet = new Devnet(dir, basePort, discoveryPort);
    if (discoveryPort >= basePort && discoveryPort < basePort + 2 * Devnet.NODES.size()) {
      throw new UsageException("--discovery-port " + discoveryPort + " is one of the nodes' ports " + basePort + " .. "
          + (basePort + 2 * Devnet.NODES.size() - 1) + "; choose another");
    }
    devnet.busyPort().ifPresent(port -> {
      throw new UsageException("port " + port + " on 127.0.0.1 is in use (another devnet?); choose free ports with --base-port N"
          + " (the nodes use N .. N+" + (2 * Devnet.NODES.size() - 1) + ") and --discovery-port M, e.g. --base-port "
          + (basePort + 100) + " --discovery-port " + (discoveryPort + 100) + " --dir another-folder");
    });
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicBoolean stopping = new AtomicBoolean();
    Thread hook = new Thread(() -> {
      stopping.set(true);
      devnet.close();
      stopped.countDown();
    }, "ccoin-devnet-shutdown");
    try {
      boolean created = devnet.prepare(cli.out);
      if (!created) {
        cli.out.println("Reusing the devnet in " + devnet.dir());
      }
      devnet.start();
      Runtime.getRuntime().addShutdownHook(hook);
      cli.out.println("Starting discovery on 127.0.0.1:" + discoveryPort + " and 4 nodes (logs in " + devnet.dir().resolve("logs") + ") ...");
      cli.out.flush();
      devnet.awaitReady(Duration.ofSeconds(120));
      List<String> miners = devnet.minerAddresses();
      cli.out.println();
      cli.out.println("Block explorer: " + devnet.apiUrl(Devnet.NODES.indexOf("basic")) + "/ (every node serves one at / on its API port)");
      cli.out.println();
      for (int i = 0; i < Devnet.NODES.size(); i++) {
        cli.out.println("  " + Devnet.NODES.get(i) + (i < 3 ? " (validator " + miners.get(i) + ")" : " (basic)") + ": API "
            + devnet.apiUrl(i) + "/api/v1/status");
      }
      cli.out.println();
      cli.out.println("Send coins from miner1 to miner2:");
      cli.out.println("  ./ccoin tx send -c " + relative(devnet.config("miner1")) + " --passphrase-file " + relative(devnet.passphraseFile())
          + " --to " + miners.get(1) + " --value 1000");
      cli.out.println();
      cli.out.println("Mining; press Ctrl-C to stop.");
      cli.out.flush();
      DevnetProgress progress = new DevnetProgress(devnet, Devnet.NODES.indexOf("basic"));
      long started = System.nanoTime();
      while (!stopped.await(1, TimeUnit.SECONDS)) {
        Optional<String> exited = devnet.exitedChild();
        if (exited.isPresent() && !stopping.get()) {
          throw new IllegalStateException(exited.get());
        }
        progress.next().ifPresent(line -> {
          cli.out.println(line);
          cli.out.flush();
        });
        if (exitAfter > 0 && System.nanoTime() - started > TimeUnit.SECONDS.toNanos(exitAfter)) {
          devnet.close();
          removeHook(hook);
          return;
        }
      }
    } catch (IOException e) {
      devnet.close();
      removeHook(hook);
      throw new UsageException("cannot set up the devnet in " + dir + ": " + IoErrors.reason(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      devnet.close();
    } catch (RuntimeException e) {
      if (stopping.get()) {
        return; // Ctrl-C while starting: the children stop because we stop them
      }
      devnet.close();
      removeHook(hook);
      throw e;
    }
  }

  /** The devnet stopped by itself (a failure, --exit-after): its shutdown hook has nothing left to do. */
  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException | IllegalArgumentException e) {
      // the JVM is already shutting down, or the hook was never added
    }
  }

  private static String relative(Path p) {
    Path cwd = Path.of("").toAbsolutePath();
    return p.startsWith(cwd) ? cwd.relativize(p).toString() : p.toString();
  }
}
