package io.ccoin.node.cli;

import io.ccoin.node.NodeRunner;
import io.ccoin.node.config.NodeConfig;
import io.ccoin.node.config.NodeConfigParser;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code ccoin node -c ccoin.json -t validator|basic}: runs a node until stopped. */
@Command(name = "node", aliases = "cnode", mixinStandardHelpOptions = true,
    description = "Run a node: a validator mines with client.account_address, a basic node follows and relays. Runs until Ctrl-C.")
final class NodeCommand implements Runnable {
  @ParentCommand
  CcoinCli cli;

  @Spec
  CommandSpec spec;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "ccoin.json", description = "the node's ccoin.json (default: ${DEFAULT-VALUE})")
  Path config;

  @Option(names = {"-t", "--node-type", "--node_type"}, paramLabel = "TYPE", defaultValue = "basic",
      description = "validator or basic (default: ${DEFAULT-VALUE})")
  String type;

  @Option(names = "--passphrase-file", paramLabel = "FILE", description = "the keystore passphrase (else CCOIN_PASSPHRASE)")
  Path passphraseFile;

  @Option(names = "--exit-with-parent", hidden = true, description = "stop when the launching process ends (used by the devnet)")
  boolean exitWithParent;

  @Override
  public void run() {
    NodeRunner.Type nodeType = switch (type.toLowerCase(Locale.ROOT)) {
      case "validator" -> NodeRunner.Type.VALIDATOR;
      case "basic" -> NodeRunner.Type.BASIC;
      default -> throw new UsageException("--node-type must be validator or basic, got " + type);
    };
    NodeConfig cfg = NodeConfigParser.read(config, cli.env);
    Optional<char[]> passphrase = Optional.empty();
    if (passphraseFile != null || cli.env.containsKey(Passphrases.ENV)) {
      passphrase = Optional.of(Passphrases.read(Optional.ofNullable(passphraseFile), cli.env));
    } else if (nodeType == NodeRunner.Type.VALIDATOR) {
      throw new UsageException("a validator needs its keystore passphrase: --passphrase-file FILE or " + Passphrases.ENV);
    }
    NodeRunner runner;
    try {
      // init already refused a genesis too hard for this machine; show the estimate and progress of a long one
      GenesisMining mining = new GenesisMining(spec.commandLine().getErr());
      runner = NodeRunner.start(cfg, nodeType, passphrase, g -> mining.mine(g, true));
    } finally {
      passphrase.ifPresent(p -> Arrays.fill(p, '\0'));
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      runner.close();
      stopped.countDown();
    }, "ccoin-node-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      if (exitWithParent) {
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        while (!stopped.await(500, TimeUnit.MILLISECONDS)) {
          if (parent.isEmpty() || !parent.get().isAlive()) {
            System.exit(0);
          }
        }
      } else {
        stopped.await();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
