package io.ccoin.net.discovery;

import io.ccoin.api.Bytes;
import io.ccoin.api.Hash;
import io.ccoin.core.codec.CanonicalWriter;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.crypto.Domain;
import io.ccoin.core.crypto.Sha256;
import io.ccoin.core.crypto.Signatures;
import java.util.Objects;
import java.util.Optional;

/**
 * A signed discovery request (SPEC 10): the body of {@code POST /peers}, and with host {@code ""}
 * and port 0 the body of {@code DELETE /peers/{nodeId}}. The node signs
 * {@code "ccoin/discovery/v1" || msgpack([host, port, chainId, timestamp])} with its node key.
 *
 * <p>The constructor checks the syntax only: a host that is empty or valid ({@link #problem}), a
 * port 0..65535, non-negative chain id and timestamp. Whether the key is canonical and the
 * signature valid is {@link #verify()}'s business. Immutable.
 *
 * @param host the host name or IP literal other nodes dial; empty in a deregistration
 * @param port the P2P port; 0 in a deregistration
 * @param chainId the network the node serves
 * @param nodeKey the node key, its 294-byte SubjectPublicKeyInfo
 * @param timestamp milliseconds since the epoch; must grow with every request of one node
 * @param signature the node key's signature of {@link #signingMessage()}
 */
public record PeerRegistration(String host, int port, long chainId, Bytes nodeKey, long timestamp, Bytes signature) {
  public PeerRegistration {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(nodeKey, "nodeKey");
    Objects.requireNonNull(signature, "signature");
    if (!host.isEmpty() && Hosts.problem(host) != null) {
      throw new IllegalArgumentException(Hosts.problem(host));
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535: " + port);
    }
    if (chainId < 0) {
      throw new IllegalArgumentException("chainId must not be negative: " + chainId);
    }
    if (timestamp < 0) {
      throw new IllegalArgumentException("timestamp must not be negative: " + timestamp);
    }
  }

  /** A registration of {@code host:port} on {@code chainId}, signed with {@code nodeKey}. */
  public static PeerRegistration register(AccountKey nodeKey, String host, int port, long chainId, long timestamp) {
    if (host.isEmpty() || port == 0) {
      throw new IllegalArgumentException("a registration needs a host and a port 1..65535");
    }
    return signed(nodeKey, host, port, chainId, timestamp);
  }

  /** A deregistration (host {@code ""}, port 0), signed with {@code nodeKey}. */
  public static PeerRegistration deregister(AccountKey nodeKey, long chainId, long timestamp) {
    return signed(nodeKey, "", 0, chainId, timestamp);
  }

  private static PeerRegistration signed(AccountKey key, String host, int port, long chainId, long timestamp) {
    byte[] message = signingMessage(host, port, chainId, timestamp);
    return new PeerRegistration(host, port, chainId, key.publicKey(), timestamp, key.sign(message));
  }

  /** {@code "ccoin/discovery/v1" || msgpack([host, port, chainId, timestamp])}. */
  public static byte[] signingMessage(String host, int port, long chainId, long timestamp) {
    byte[] body = CanonicalWriter.create(64 + host.length())
        .arrayHeader(4).str(host).uint(port).uint(chainId).uint(timestamp).toByteArray();
    return Signatures.signingMessage(Domain.DISCOVERY, body);
  }

  /** The message this request's signature covers. */
  public byte[] signingMessage() {
    return signingMessage(host, port, chainId, timestamp);
  }

  /** {@code nodeId = H(nodeKey)}. */
  public Hash nodeId() {
    return Sha256.hash(nodeKey.toArray());
  }

  /** True when the node key is canonical and the signature is its signature of this request. */
  public boolean verify() {
    return Signatures.verify(nodeKey, signingMessage(), signature);
  }

  /** True for a deregistration: host {@code ""} and port 0. */
  public boolean isDeregistration() {
    return host.isEmpty() && port == 0;
  }

  /** Why {@code host} is not an acceptable non-empty host, or empty when it is. */
  public static Optional<String> problem(String host) {
    return Optional.ofNullable(Hosts.problem(host));
  }
}
