package io.ccoin.node.cli;

import io.ccoin.node.config.NodeConfig;
import io.ccoin.node.config.NodeConfigParser;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** Which node's API to talk to: a URL, or the HTTP address in a ccoin.json. */
final class NodeOptions {
  @Option(names = "--node", paramLabel = "URL", description = "the node's API, e.g. http://127.0.0.1:30334 (default: from --config, else http://127.0.0.1:30334)")
  String node;

  String baseUrl(Path config, Map<String, String> env) {
    if (node != null) {
      return node;
    }
    if (config != null) {
      NodeConfig c = NodeConfigParser.read(config, env);
      String host = c.http().host().equals("0.0.0.0") ? "127.0.0.1" : c.http().host();
      return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + c.http().port();
    }
    return "http://127.0.0.1:" + (NodeConfigParser.DEFAULT_P2P_PORT + 1);
  }
}
