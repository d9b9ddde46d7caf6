package io.ccoin.core.internal;

import io.ccoin.core.CcoinNode;
import io.ccoin.core.internal.chain.Chain;
import io.ccoin.core.internal.pool.TxPool;
import java.util.Objects;

/**
 * The engine behind a {@link CcoinNode}, for the other ccoin library modules (ccoin-net's sync,
 * gossip and block server need the chain's locators and relay checks and the pool's selection).
 * Applications and the reference node use {@link CcoinNode}'s own methods; an architecture test keeps
 * them off this class. {@link CcoinNode} installs the implementation when it is loaded, which has
 * happened by the time any node exists.
 */
public final class NodeAccess {
  /** What {@link CcoinNode} exposes to this class. */
  public interface Engine {
    Chain chain(CcoinNode node);

    TxPool pool(CcoinNode node);
  }

  private static volatile Engine engine;

  private NodeAccess() {}

  /** Called once by {@link CcoinNode}'s static initialiser. */
  public static void install(Engine e) {
    if (engine != null) {
      throw new IllegalStateException("the node engine access is already installed");
    }
    engine = Objects.requireNonNull(e);
  }

  /** The chain engine of {@code node}. */
  public static Chain chain(CcoinNode node) {
    return engine.chain(Objects.requireNonNull(node));
  }

  /** The transaction pool of {@code node}. */
  public static TxPool pool(CcoinNode node) {
    return engine.pool(Objects.requireNonNull(node));
  }
}
