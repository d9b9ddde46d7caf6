package io.ccoin.net.internal.protocol;

import io.ccoin.api.Bytes;
import io.ccoin.core.crypto.AccountKey;
import io.ccoin.core.crypto.Domain;
import io.ccoin.core.crypto.Sha256;
import io.ccoin.core.crypto.Signatures;

/**
 * The {@code AUT} signature (SPEC 9): over {@code "ccoin/p2p/v1" || role || H(dialer's HEL body ||
 * listener's HEL body)}, role 0 from the dialer and 1 from the listener. Because it covers both
 * {@code HEL} bodies (and so both challenges) and the signer's role, it cannot be replayed on
 * another connection, relayed between two, or reflected back to its signer. Stateless and
 * thread-safe.
 */
public final class HandshakeProof {
  private HandshakeProof() {}

  /** The message a node with {@code role} signs. */
  public static byte[] signingMessage(byte role, Bytes dialerHello, Bytes listenerHello) {
    if (role != Protocol.ROLE_DIALER && role != Protocol.ROLE_LISTENER) {
      throw new IllegalArgumentException("role is 0 (dialer) or 1 (listener), not " + role);
    }
    byte[] transcript = Sha256.hash(dialerHello.toArray(), listenerHello.toArray()).toArray();
    return Signatures.signingMessage(Domain.P2P, new byte[] {role}, transcript);
  }

  /** The {@code AUT} of the node holding {@code nodeKey}, in {@code role}. */
  public static Auth sign(AccountKey nodeKey, byte role, Bytes dialerHello, Bytes listenerHello) {
    return new Auth(nodeKey.sign(signingMessage(role, dialerHello, listenerHello)));
  }

  /** True when {@code auth} is {@code nodeKey}'s signature in {@code role}; false for any bad key or signature. */
  public static boolean verify(Bytes nodeKey, Auth auth, byte role, Bytes dialerHello, Bytes listenerHello) {
    return Signatures.verify(nodeKey, signingMessage(role, dialerHello, listenerHello), auth.signature());
  }
}
