package io.ccoin.net.internal.peer;

import io.ccoin.api.Bytes;
import io.ccoin.api.Hash;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.crypto.PublicKeys;
import io.ccoin.net.internal.protocol.Auth;
import io.ccoin.net.internal.protocol.ByeReason;
import io.ccoin.net.internal.protocol.HandshakeProof;
import io.ccoin.net.internal.protocol.Hello;
import io.ccoin.net.NodeId;
import io.ccoin.net.internal.protocol.Protocol;
import java.util.Optional;
import java.util.Random;

/**
 * The checks of the handshake (SPEC 9): builds this node's {@code HEL} with a fresh 32-byte
 * challenge, judges the peer's {@code HEL} (network, version, echoed challenge, key, self) and
 * {@code AUT}, and signs this node's {@code AUT}. Holds no per-connection state (that is in
 * {@link Peer}).
 */
final class Handshake {
  /** Why a handshake ends; {@code self} marks a connection to this very node. */
  record Rejection(ByeReason reason, String text, boolean self) {
    static Rejection of(ByeReason reason, String text) {
      return new Rejection(reason, text, false);
    }
  }

  private final AccountKey nodeKey;
  private final NodeId self;
  private final long chainId;
  private final Hash genesisHash;
  private final Random random;

  Handshake(AccountKey nodeKey, long chainId, Hash genesisHash, Random random) {
    this.nodeKey = nodeKey;
    this.self = NodeId.ofKey(nodeKey.publicKey());
    this.chainId = chainId;
    this.genesisHash = genesisHash;
    this.random = random;
  }

  NodeId self() {
    return self;
  }

  /** This node's {@code HEL} for a new connection, with a fresh challenge. */
  Hello hello(long headNumber, Hash headHash, long totalWeight, int listenPort, String agent) {
    byte[] challenge = new byte[Protocol.CHALLENGE_SIZE];
    random.nextBytes(challenge);
    return new Hello(Protocol.VERSION, chainId, genesisHash, headNumber, headHash, totalWeight, nodeKey.publicKey(),
        Bytes.of(challenge), listenPort, agent);
  }

  /** Judges the peer's {@code HEL}; empty when it is acceptable. */
  Optional<Rejection> check(Hello theirs, Hello ours) {
    if (theirs.version() != Protocol.VERSION) {
      return Optional.of(Rejection.of(ByeReason.WRONG_NETWORK, "protocol version " + theirs.version() + ", expected " + Protocol.VERSION));
    }
    if (theirs.chainId() != chainId) {
      return Optional.of(Rejection.of(ByeReason.WRONG_NETWORK, "chain id " + theirs.chainId() + ", expected " + chainId));
    }
    if (!theirs.genesisHash().equals(genesisHash)) {
      return Optional.of(Rejection.of(ByeReason.WRONG_NETWORK, "genesis " + theirs.genesisHash() + ", expected " + genesisHash));
    }
    if (theirs.challenge().equals(ours.challenge())) {
      return Optional.of(Rejection.of(ByeReason.BAD_HANDSHAKE, "HEL echoes our challenge"));
    }
    if (!PublicKeys.isValid(theirs.nodeKey())) {
      return Optional.of(Rejection.of(ByeReason.BAD_HANDSHAKE, "the node key is not a canonical RSA-2048 key"));
    }
    if (NodeId.ofKey(theirs.nodeKey()).equals(self)) {
      return Optional.of(new Rejection(ByeReason.DUPLICATE, "connection to self", true));
    }
    return Optional.empty();
  }

  /** This node's {@code AUT} on a connection it dialed ({@code outbound}) or accepted. */
  Auth auth(boolean outbound, Bytes ourHello, Bytes theirHello) {
    byte role = outbound ? Protocol.ROLE_DIALER : Protocol.ROLE_LISTENER;
    return outbound
        ? HandshakeProof.sign(nodeKey, role, ourHello, theirHello)
        : HandshakeProof.sign(nodeKey, role, theirHello, ourHello);
  }

  /** True when the peer's {@code AUT} proves its node key, in the role opposite to ours. */
  boolean verify(boolean outbound, Bytes theirKey, Auth auth, Bytes ourHello, Bytes theirHello) {
    byte theirRole = outbound ? Protocol.ROLE_LISTENER : Protocol.ROLE_DIALER;
    return outbound
        ? HandshakeProof.verify(theirKey, auth, theirRole, ourHello, theirHello)
        : HandshakeProof.verify(theirKey, auth, theirRole, theirHello, ourHello);
  }
}
