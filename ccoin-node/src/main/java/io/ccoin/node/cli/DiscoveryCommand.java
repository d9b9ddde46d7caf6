package io.ccoin.node.cli;

import io.ccoin.net.discovery.DiscoveryService;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code ccoin discovery}: runs the discovery service (SPEC 10) until stopped. */
@Command(name = "discovery", mixinStandardHelpOptions = true,
    description = "Run the discovery service where nodes register and find each other (until Ctrl-C).")
final class DiscoveryCommand implements Runnable {
  @ParentCommand
  CcoinCli cli;

  @Option(names = {"-p", "--port"}, paramLabel = "PORT", defaultValue = "4444", description = "port (default: ${DEFAULT-VALUE})")
  int port;

  // long only: -h is --help in every ccoin command
  @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
      description = "address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for all interfaces)")
  String host;

  @Option(names = "--exit-with-parent", hidden = true, description = "stop when the launching process ends (used by the devnet)")
  boolean exitWithParent;

  @Override
  public void run() {
    if (port < 0 || port > 65535) {
      throw new UsageException("--port must be 0 .. 65535, got " + port);
    }
    DiscoveryService service;
    try {
      service = DiscoveryService.builder().bind(host, port).build().start();
    } catch (RuntimeException e) {
      throw new UsageException("cannot start the discovery service on " + host + ":" + port + ": " + CliErrors.message(e), e);
    }
    cli.out.println("Discovery service listening on " + host + ":" + service.port());
    cli.out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      service.close();
      stopped.countDown();
    }, "ccoin-discovery-shutdown"));
    try {
      Optional<ProcessHandle> parent = exitWithParent ? ProcessHandle.current().parent() : Optional.empty();
      while (!stopped.await(500, TimeUnit.MILLISECONDS)) {
        if (exitWithParent && (parent.isEmpty() || !parent.get().isAlive())) {
          System.exit(0);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      service.close();
    }
  }
}
