package io.ccoin.node.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code ccoin status}: prints a node's status. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Print a node's status (head, peers, pool, sync state).")
final class StatusCommand implements Runnable {
  @ParentCommand
  CcoinCli cli;

  @Mixin
  NodeOptions node;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "ccoin.json of the node")
  Path config;

  @Override
  public void run() {
    NodeClient client = new NodeClient(node.baseUrl(config, cli.env));
    try {
      cli.out.println(NodeClient.json().writerWithDefaultPrettyPrinter().writeValueAsString(client.get("/api/v1/status")));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
