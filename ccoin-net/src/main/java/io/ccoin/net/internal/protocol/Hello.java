package io.ccoin.net.internal.protocol;

import static io.ccoin.net.internal.protocol.Limits.requireUint;

import io.ccoin.api.Bytes;
import io.ccoin.api.Hash;
import io.ccoin.core.codec.CanonicalReader;
import io.ccoin.core.codec.CanonicalWriter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * {@code HEL}, the first message each way: {@code [1, chainId, genesisHash, headNumber, headHash,
 * totalWeight, nodeKey: bin, challenge: bin32, listenPort, agent: str<=64 bytes]}.
 *
 * <p>The version is kept as received so that the handshake can answer another version with
 * {@code BYE 1}; the node key is checked by the handshake, not here.
 */
public record Hello(long version, long chainId, Hash genesisHash, long headNumber, Hash headHash, long totalWeight,
    Bytes nodeKey, Bytes challenge, int listenPort, String agent) implements Message {
  public static final String HEADER = "HEL";
  /** The largest node key the codec accepts; a valid one is exactly 294 bytes. */
  public static final int MAX_NODE_KEY = 1024;
  private static final int FIELDS = 10;

  public Hello {
    requireUint("version", version);
    requireUint("chainId", chainId);
    Objects.requireNonNull(genesisHash, "genesisHash");
    requireUint("headNumber", headNumber);
    Objects.requireNonNull(headHash, "headHash");
    requireUint("totalWeight", totalWeight);
    Objects.requireNonNull(nodeKey, "nodeKey");
    if (nodeKey.size() > MAX_NODE_KEY) {
      throw new IllegalArgumentException("a node key of " + nodeKey.size() + " bytes is above the limit of " + MAX_NODE_KEY);
    }
    Objects.requireNonNull(challenge, "challenge");
    if (challenge.size() != Protocol.CHALLENGE_SIZE) {
      throw new IllegalArgumentException("a challenge is " + Protocol.CHALLENGE_SIZE + " bytes, got " + challenge.size());
    }
    if (listenPort < 0 || listenPort > Protocol.MAX_PORT) {
      throw new IllegalArgumentException("listen port " + listenPort + " is not 0.." + Protocol.MAX_PORT);
    }
    Objects.requireNonNull(agent, "agent");
    int agentBytes = agent.getBytes(StandardCharsets.UTF_8).length;
    if (agentBytes > Protocol.MAX_AGENT_BYTES) {
      throw new IllegalArgumentException("an agent of " + agentBytes + " bytes is above the limit of " + Protocol.MAX_AGENT_BYTES);
    }
  }

  @Override
  public String header() {
    return HEADER;
  }

  @Override
  public void writeBody(CanonicalWriter w) {
    w.arrayHeader(FIELDS).uint(version).uint(chainId).bin(genesisHash).uint(headNumber).bin(headHash).uint(totalWeight)
        .bin(nodeKey).bin(challenge).uint(listenPort).str(agent);
  }

  static Hello read(CanonicalReader r) {
    r.readArrayHeader("HEL", FIELDS);
    long version = r.readUint("HEL.version");
    long chainId = r.readUint("HEL.chainId");
    Hash genesisHash = r.readHash("HEL.genesisHash");
    long headNumber = r.readUint("HEL.headNumber");
    Hash headHash = r.readHash("HEL.headHash");
    long totalWeight = r.readUint("HEL.totalWeight");
    Bytes nodeKey = r.readBin("HEL.nodeKey", MAX_NODE_KEY);
    Bytes challenge = Bytes.of(r.readBinExact("HEL.challenge", Protocol.CHALLENGE_SIZE));
    int listenPort = r.readUintAtMost("HEL.listenPort", Protocol.MAX_PORT);
    String agent = r.readString("HEL.agent", Protocol.MAX_AGENT_BYTES);
    return new Hello(version, chainId, genesisHash, headNumber, headHash, totalWeight, nodeKey, challenge, listenPort, agent);
  }
}
