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
 * three validators ({@code --validators N}: N) and a basic node, kept in {@code ./.ccoin-devnet} and reused on the next start;
 * with {@code --standby N}, also N validators whose keys are not in the genesis, to be voted in
 * (docs/GOVERNANCE.md). Runs until Ctrl-C, which stops every node cleanly.
 */
@Command(name = "devnet", mixinStandardHelpOptions = true,
    description = {"Run a local network (3 validators, 1 basic node, discovery) on 127.0.0.1 until Ctrl-C.",
        "Its miners add and remove miners by vote; --standby N also starts N validators to vote in."})
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

  @Option(names = "--standby", paramLabel = "N", defaultValue = "0",
      description = "also run N validators (0 .. " + Devnet.MAX_STANDBY + ") whose keys are not in the genesis; they mine once voted in"
          + " (default: ${DEFAULT-VALUE})")
  int standby;

  @Option(names = "--validators", paramLabel = "N", defaultValue = "3",
      description = "validators named in the genesis of a new devnet (1 .. " + Devnet.MAX_VALIDATORS + "); an existing devnet must have"
          + " been made with as many (default: ${DEFAULT-VALUE})")
  int validators;

  @Option(names = "--exit-after", paramLabel = "SECONDS", hidden = true, description = "stop after this many seconds (for tests)")
  long exitAfter;

  @Override
  public void run() {
    if (standby < 0 || standby > Devnet.MAX_STANDBY) {
      throw new UsageException("--standby must be 0 .. " + Devnet.MAX_STANDBY + ", got " + standby);
    }
    if (validators < 1 || validators > Devnet.MAX_VALIDATORS) {
      throw new UsageException("--validators must be 1 .. " + Devnet.MAX_VALIDATORS + ", got " + validators);
    }
    int ports = 2 * (validators + 1 + standby);
    if (basePort < 1024 || basePort > 65536 - ports) {
      throw new UsageException("--base-port must be 1024 .. " + (65536 - ports) + ", got " + basePort);
    }
    if (discoveryPort < 1 || discoveryPort > 65535) {
      throw new UsageException("--discovery-port must be 1 .. 65535, got " + discoveryPort);
    }
    Devnet devnet = new Devnet(dir, basePort, discoveryPort, standby, validators);
    if (discoveryPort >= basePort && discoveryPort < basePort + ports) {
      throw new UsageException("--discovery-port " + discoveryPort + " is one of the nodes' ports " + basePort + " .. "
          + (basePort + ports - 1) + "; choose another");
    }
    devnet.busyPort().ifPresent(port -> {
      throw new UsageException("port " + port + " on 127.0.0.1 is in use (another devnet?); choose free ports with --base-port N"
          + " (the nodes use N .. N+" + (ports - 1) + ") and --discovery-port M, e.g. --base-port "
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
      cli.out.println("Starting discovery on 127.0.0.1:" + discoveryPort + " and " + devnet.nodes().size() + " nodes (logs in "
          + devnet.dir().resolve("logs") + ") ...");
      cli.out.flush();
      devnet.awaitReady(Duration.ofSeconds(120));
      List<String> miners = devnet.minerAddresses();
      List<String> standbys = devnet.standbyAddresses();
      cli.out.println();
      cli.out.println("Block explorer: " + devnet.apiUrl(devnet.basic()) + "/ (every node serves one at / on its API port)");
      cli.out.println();
      for (int i = 0; i < devnet.nodes().size(); i++) {
        String role = i < devnet.validators() ? " (validator " + miners.get(i) + ")"
            : devnet.isValidator(i) ? " (standby validator " + standbys.get(i - devnet.firstStandby()) + ", not in the genesis)" : " (basic)";
        cli.out.println("  " + devnet.nodes().get(i) + role + ": API " + devnet.apiUrl(i) + "/api/v1/status");
      }
      cli.out.println();
      boolean two = devnet.validators() > 1;
      cli.out.println("Send coins from miner1 to " + (two ? "miner2" : "a new account") + ":");
      cli.out.println("  ./ccoin tx send -c " + relative(devnet.config("miner1")) + " --passphrase-file " + relative(devnet.passphraseFile())
          + " --to " + (two ? miners.get(1) : "0123456789abcdef0123456789abcdef01234567") + " --value 1000");
      cli.out.println();
      printVoting(devnet, standbys);
      cli.out.println("Mining; press Ctrl-C to stop.");
      cli.out.flush();
      DevnetProgress progress = new DevnetProgress(devnet, devnet.basic());
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

  /** How to see the authority set and vote a standby validator in (and out): a majority of the N miners (2 of 3). */
  private void printVoting(Devnet devnet, List<String> standbys) {
    cli.out.println("The miners add and remove miners by majority vote (docs/GOVERNANCE.md). See the set, votes and proposals:");
    cli.out.println("  ./ccoin miners -c " + relative(devnet.config("basic")));
    if (standbys.isEmpty()) {
      cli.out.println("Start with --standby 1 for a validator outside the genesis to vote in.");
      return;
    }
    String candidate = standbys.get(0);
    int n = devnet.validators();
    int majority = n / 2 + 1;
    cli.out.println("Vote " + devnet.nodes().get(devnet.firstStandby()) + " in: a majority of the " + n + " miners (" + majority
        + ") must propose it:");
    for (String miner : devnet.nodes().subList(0, majority)) {
      cli.out.println("  ./ccoin miners propose -c " + relative(devnet.config(miner)) + " --add " + candidate);
    }
    cli.out.println("It mines from the block after the one whose vote passed. Vote it out again with --remove (then " + ((n + 1) / 2 + 1)
        + " of the " + (n + 1) + " must vote).");
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
