package io.ccoin.net.discovery;

import io.ccoin.api.Hash;
import java.util.Objects;

/**
 * One entry of {@code GET /peers} (SPEC 10): where a node listens, its id, and when it last
 * registered by the service's clock. Immutable.
 *
 * @param host a host name or IP literal
 * @param port 1..65535
 * @param nodeId {@code H(nodeKey)}
 * @param lastSeen milliseconds since the epoch
 */
public record PeerInfo(String host, int port, Hash nodeId, long lastSeen) {
  public PeerInfo {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(nodeId, "nodeId");
    String problem = Hosts.problem(host);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535: " + port);
    }
    if (lastSeen < 0) {
      throw new IllegalArgumentException("lastSeen must not be negative: " + lastSeen);
    }
  }
}
