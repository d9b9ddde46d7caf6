package io.ccoin.core;

/**
 * Node settings of a chain (not consensus: nodes of one network may differ).
 *
 * @param maxReorgDepth the most blocks a reorg may drop; blocks whose parent is deeper below the
 *     head are ignored (SPEC 7, default 1024)
 * @param orphanPoolSize the most blocks with an unknown parent held (SPEC 9, 256)
 * @param futurePoolSize the most blocks ahead of the clock held (SPEC 7, 64)
 * @param maxFutureMs blocks further ahead than this are dropped (SPEC 7, 60 s)
 * @param invalidCacheSize how many invalid block hashes are remembered, so a block sent again is
 *     refused without work
 * @param signatureCacheSize how many verified transaction hashes are remembered
 */
public record ChainConfig(
    int maxReorgDepth, int orphanPoolSize, int futurePoolSize, long maxFutureMs, int invalidCacheSize, int signatureCacheSize) {

  public static final ChainConfig DEFAULT = new ChainConfig(1024, 256, 64, 60_000, 4096, 131_072);

  public ChainConfig {
    if (maxReorgDepth < 1 || orphanPoolSize < 1 || futurePoolSize < 1 || maxFutureMs < 0 || invalidCacheSize < 1 || signatureCacheSize < 1) {
      throw new IllegalArgumentException("chain settings must be positive: " + this);
    }
  }

  public ChainConfig withMaxReorgDepth(int depth) {
    return new ChainConfig(depth, orphanPoolSize, futurePoolSize, maxFutureMs, invalidCacheSize, signatureCacheSize);
  }
}
