package io.ccoin.net.sim;

import io.ccoin.api.Block;
import io.ccoin.api.BlockHeader;
import io.ccoin.api.BlockTemplate;
import io.ccoin.api.Bytes;
import io.ccoin.api.Miner;
import io.ccoin.api.SealedHeader;
import io.ccoin.core.Hashes;
import io.ccoin.core.pow.ProofOfWork;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link Miner} that grinds and seals in the calling thread and returns a completed future: for
 * simulations and tests at low difficulty (0 or 1), where it keeps block production deterministic.
 * It can be paused, which makes every attempt come back cancelled, as if a better head had always
 * just arrived. Thread-safe.
 */
public final class InlineMiner implements Miner {
  private volatile boolean paused;
  private volatile boolean closed;
  private final java.util.concurrent.atomic.AtomicLong sealed = new java.util.concurrent.atomic.AtomicLong();

  /** While paused, no block is sealed. */
  public void pause(boolean pause) {
    this.paused = pause;
  }

  public boolean isPaused() {
    return paused;
  }

  /** How many blocks this miner has sealed, whether or not they stayed on the chain. */
  public long sealed() {
    return sealed.get();
  }

  @Override
  public CompletableFuture<Block> mine(BlockTemplate template) {
    if (paused || closed) {
      return CompletableFuture.failedFuture(new CancellationException(closed ? "miner closed" : "miner paused"));
    }
    BlockHeader h = template.header().withPowNonce(new ProofOfWork(template.header()).smallestNonce());
    Bytes signature = template.signer().sign(Hashes.blockSigningMessage(Hashes.powHash(h)));
    sealed.incrementAndGet();
    return CompletableFuture.completedFuture(
        new Block(new SealedHeader(h, template.signer().publicKey(), signature), template.transactions()));
  }

  @Override
  public void close() {
    closed = true;
  }
}
