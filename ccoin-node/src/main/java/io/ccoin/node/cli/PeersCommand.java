package io.ccoin.node.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ccoin.net.IpRange;
import io.ccoin.node.config.NodeConfigParser;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ccoin peers list|ban|unban}: a node's peers, discouraged addresses and bans, and the
 * operator's bans (SPEC 11, {@code /api/v1/peers} and {@code /api/v1/peers/bans}).
 */
@Command(name = "peers", mixinStandardHelpOptions = true, description = "A node's peers and bans.",
    subcommands = {PeersCommand.List.class, PeersCommand.Ban.class, PeersCommand.Unban.class})
final class PeersCommand implements Runnable {
  /** The longest ban the API takes: 365 days. */
  static final long MAX_SECONDS = 365L * 24 * 3600;

  @ParentCommand
  CcoinCli cli;

  @Override
  public void run() {
    throw new UsageException("'ccoin peers' needs a subcommand: list, ban or unban");
  }

  /** Where the node is and, for changes, its API token. */
  static final class Target {
    @Mixin
    NodeOptions node;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "ccoin.json of the node (its API address and token file)")
    Path config;

    @Option(names = "--token-file", paramLabel = "FILE", description = "the node's API token file (default: api.token in the base_path of --config)")
    Path tokenFile;

    NodeClient client(Map<String, String> env) {
      return new NodeClient(node.baseUrl(config, env));
    }

    String token(Map<String, String> env) {
      Path file = tokenFile != null ? tokenFile
          : config != null ? NodeConfigParser.read(config, env).tokenFile()
          : null;
      if (file == null) {
        throw new UsageException("the node's API token is needed: give -c ccoin.json or --token-file FILE");
      }
      try {
        String token = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (token.isEmpty()) {
          throw new UsageException("the API token file " + file + " is empty");
        }
        return token;
      } catch (IOException e) {
        throw new UsageException("cannot read the API token file " + file + ": " + e.getMessage(), e);
      }
    }
  }

  static IpRange range(String text) {
    try {
      return IpRange.parse(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException("ADDRESS: " + e.getMessage() + " (an IP address or a CIDR range such as 10.0.0.0/8)", e);
    }
  }

  static void print(CcoinCli cli, JsonNode json) {
    try {
      cli.out.println(NodeClient.json().writerWithDefaultPrettyPrinter().writeValueAsString(json));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Print the node's peers, discouraged addresses, refused node ids and bans (GET /api/v1/peers).")
  static final class List implements Runnable {
    @ParentCommand
    PeersCommand parent;

    @Mixin
    Target target;

    @Override
    public void run() {
      print(parent.cli, target.client(parent.cli.env).get("/api/v1/peers"));
    }
  }

  @Command(name = "ban", mixinStandardHelpOptions = true,
      description = "Ban an IP address or CIDR range: its connections are closed and new ones refused both ways.")
  static final class Ban implements Runnable {
    @ParentCommand
    PeersCommand parent;

    @Mixin
    Target target;

    @Parameters(index = "0", paramLabel = "ADDRESS", description = "an IP address or CIDR range, e.g. 10.0.0.7 or 10.0.0.0/8")
    String address;

    @Option(names = "--seconds", required = true, paramLabel = "N", description = "how long, 1 to 31536000 (365 days)")
    long seconds;

    @Override
    public void run() {
      IpRange range = range(address);
      if (seconds < 1 || seconds > MAX_SECONDS) {
        throw new UsageException("--seconds must be from 1 to " + MAX_SECONDS + " (365 days), got " + seconds);
      }
      Map<String, String> env = parent.cli.env;
      String token = target.token(env);
      JsonNode body = NodeClient.json().createObjectNode().put("address", range.toString()).put("seconds", seconds);
      print(parent.cli, target.client(env).post("/api/v1/peers/bans", body, token));
    }
  }

  @Command(name = "unban", mixinStandardHelpOptions = true, description = "Lift the ban of exactly this address or range.")
  static final class Unban implements Runnable {
    @ParentCommand
    PeersCommand parent;

    @Mixin
    Target target;

    @Parameters(index = "0", paramLabel = "ADDRESS", description = "the banned address or range, as banned")
    String address;

    @Override
    public void run() {
      IpRange range = range(address);
      Map<String, String> env = parent.cli.env;
      String token = target.token(env);
      target.client(env).delete("/api/v1/peers/bans/" + URLEncoder.encode(range.toString(), StandardCharsets.UTF_8), token);
      parent.cli.out.println("lifted the ban of " + range);
    }
  }
}
