package io.ccoin.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ccoin.api.Address;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ccoin miners}: the authority set in force, who is in turn, the pending votes and this
 * node's proposals ({@code GET /api/v1/miners}); {@code ccoin miners propose --add|--remove
 * ADDRESS} and {@code ccoin miners withdraw ADDRESS} change the node's own proposals (SPEC 7.1,
 * 11, 12) with its API token. A refusal of the node that is the caller's doing (a vote that would
 * be invalid, a version 1 network, a wrong token) is one line and exit status 2.
 */
@Command(name = "miners", mixinStandardHelpOptions = true,
    description = {"The authority set, the pending votes and this node's proposals (GET /api/v1/miners).",
        "On a network that votes (an epoch in its genesis), 'propose' and 'withdraw' change what this node votes for."},
    subcommands = {MinersCommand.Propose.class, MinersCommand.Withdraw.class})
final class MinersCommand implements Runnable {
  @ParentCommand
  CcoinCli cli;

  @Mixin
  NodeOptions node;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "ccoin.json of the node (its API address)")
  java.nio.file.Path config;

  @Option(names = "--json", description = "print the node's JSON answer as it is")
  boolean json;

  @Override
  public void run() {
    JsonNode m = new NodeClient(node.baseUrl(config, cli.env)).get("/api/v1/miners");
    if (json) {
      PeersCommand.print(cli, m);
      return;
    }
    cli.out.print(MinersText.describe(m));
  }

  /** Runs {@code call}; a refusal that is the caller's doing (4xx other than 429) becomes a usage error (exit 2). */
  static <T> T refusalIsUsage(Supplier<T> call) {
    try {
      return call.get();
    } catch (NodeClient.NodeRefusedException e) {
      if (e.status() >= 400 && e.status() < 500 && e.status() != 429) {
        throw new UsageException(e.getMessage(), e);
      }
      throw e;
    }
  }

  static Address candidate(String option, String text) {
    try {
      return Address.fromHex(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException(option + " is not an address (40 hex digits, optional 0x): " + text, e);
    }
  }

  @Command(name = "propose", mixinStandardHelpOptions = true,
      description = {"Make this node vote to add an outsider to the authority set, or to remove a member (POST /api/v1/miners/proposals).",
          "The node casts the vote in the blocks it mines until the set reflects it; a majority of the authorities must vote alike."})
  static final class Propose implements Runnable {
    @ParentCommand
    MinersCommand parent;

    @Mixin
    PeersCommand.Target target;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Choice choice;

    static final class Choice {
      @Option(names = "--add", paramLabel = "ADDRESS", required = true, description = "vote to add this address (not yet an authority)")
      String add;

      @Option(names = "--remove", paramLabel = "ADDRESS", required = true, description = "vote to remove this authority (it may be this node's own)")
      String remove;
    }

    @Override
    public void run() {
      boolean authorize = choice.add != null;
      Address candidate = candidate(authorize ? "--add" : "--remove", authorize ? choice.add : choice.remove);
      Map<String, String> env = parent.cli.env;
      String token = target.token(env);
      JsonNode body = NodeClient.json().createObjectNode().put("candidate", candidate.toHex()).put("authorize", authorize);
      JsonNode answer = refusalIsUsage(() -> target.client(env).post("/api/v1/miners/proposals", body, token));
      parent.cli.out.println("This node now votes to " + (authorize ? "add " : "remove ") + candidate.toHex()
          + " in the blocks it mines, until the authority set reflects it.");
      parent.cli.out.print(MinersText.proposals(answer.path("proposals")));
    }
  }

  @Command(name = "withdraw", mixinStandardHelpOptions = true,
      description = "Withdraw this node's proposal on ADDRESS (DELETE /api/v1/miners/proposals/{candidate}); votes already cast stay in the tally.")
  static final class Withdraw implements Runnable {
    @ParentCommand
    MinersCommand parent;

    @Mixin
    PeersCommand.Target target;

    @Parameters(index = "0", paramLabel = "ADDRESS", description = "the candidate of the proposal")
    String address;

    @Override
    public void run() {
      Address candidate = candidate("ADDRESS", address);
      Map<String, String> env = parent.cli.env;
      String token = target.token(env);
      refusalIsUsage(() -> target.client(env).delete("/api/v1/miners/proposals/" + candidate.toHex(), token));
      parent.cli.out.println("Withdrew the proposal on " + candidate.toHex() + ".");
    }
  }
}
