package io.ccoin.node.cli;

import io.ccoin.api.Genesis;
import io.ccoin.core.IoErrors;
import io.ccoin.core.genesis.GenesisBlock;
import io.ccoin.core.genesis.GenesisParser;
import io.ccoin.node.config.NodeConfig;
import io.ccoin.node.config.NodeConfigParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ccoin init --genesis F}: builds the genesis block and prints its proof-of-work nonce, pow
 * hash and block hash; with {@code --config}, also installs the genesis in the node's base path.
 * A genesis difficulty this machine needs over an hour for is refused without {@code --force}
 * ({@link GenesisMining}); a long one shows an estimate and progress on stderr.
 */
@Command(name = "init", aliases = "initc", mixinStandardHelpOptions = true,
    description = "Build the genesis block from a genesis.json; with --config, install it for that node.")
final class InitCommand implements Runnable {
  @ParentCommand
  CcoinCli cli;

  @Option(names = "--genesis", required = true, paramLabel = "FILE", description = "the genesis.json")
  Path genesisFile;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "ccoin.json of the node to initialise")
  Path config;

  @Option(names = "--force", description = "mine the genesis even when this machine needs over an hour for its difficulty")
  boolean force;

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    Genesis genesis = GenesisParser.read(genesisFile);
    GenesisBlock block = new GenesisMining(spec.commandLine().getErr()).mine(genesis, force);
    cli.out.println("Genesis block has been mined: nonce=" + block.header().powNonce() + ", pow_hash=" + block.powHash()
        + ", hash=" + block.hash());
    if (config != null) {
      NodeConfig c = NodeConfigParser.read(config, cli.env);
      install(genesisFile, block, c.genesisFile());
      cli.out.println("Installed as " + c.genesisFile());
    }
  }

  static void install(Path source, GenesisBlock block, Path target) {
    try {
      if (Files.exists(target)) {
        GenesisBlock existing = GenesisBlock.build(GenesisParser.read(target));
        if (!existing.hash().equals(block.hash())) {
          throw new UsageException(target + " already holds another genesis (" + existing.hash() + "); remove the node's data to change networks");
        }
        return;
      }
      Files.createDirectories(target.getParent());
      Files.writeString(target, Files.readString(source, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UsageException("cannot install the genesis in " + target + ": " + IoErrors.reason(e), e);
    }
  }
}
