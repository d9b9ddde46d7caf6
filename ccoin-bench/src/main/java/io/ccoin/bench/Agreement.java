package io.ccoin.bench;

import io.ccoin.api.Hash;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether the loaded nodes agree on the chain after a run: each node's head number, then each
 * node's canonical block at the lowest of them, compared by hash. Issue 16's overload goal: all
 * nodes agree afterwards.
 *
 * @param height the lowest head, where the hashes were compared (-1 when a node did not answer)
 * @param heads each node's head number, by node name, in order
 * @param hashes each node's canonical block hash at {@code height}, by node name (null for a node that did not answer)
 */
record Agreement(long height, Map<String, Long> heads, Map<String, Hash> hashes) {

  /** True when every node answered and all have the same block at {@link #height}. */
  boolean agree() {
    return height >= 0 && hashes.values().stream().noneMatch(java.util.Objects::isNull) && hashes.values().stream().distinct().count() == 1;
  }

  /** {@code "all 3 nodes agree at #412 (0a1b2c3d...)"}, or which nodes have which block there. */
  String format() {
    if (agree()) {
      return String.format("agreement: all %d node%s agree at #%d (%s...); heads %s", hashes.size(), hashes.size() == 1 ? "" : "s", height,
          hashes.values().iterator().next().toHex().substring(0, 8), heads);
    }
    Map<String, List<String>> byHash = new LinkedHashMap<>();
    hashes.forEach((node, hash) -> byHash.computeIfAbsent(hash == null ? "no answer" : hash.toHex().substring(0, 8) + "...",
        h -> new ArrayList<>()).add(node));
    return String.format("agreement: NODES DISAGREE at #%d: %s; heads %s", height, byHash, heads);
  }

  /**
   * Decides from what the nodes said: {@code heads} (null for no answer) and the block hash each
   * has at {@code height}, the lowest head.
   */
  static Agreement of(Map<String, Long> heads, Map<String, Hash> hashesAtLowest) {
    long height = heads.values().stream().anyMatch(java.util.Objects::isNull) ? -1
        : heads.values().stream().mapToLong(Long::longValue).min().orElse(-1);
    return new Agreement(height, new LinkedHashMap<>(heads), new LinkedHashMap<>(hashesAtLowest));
  }

  /** Reads the nodes' heads and their blocks at the lowest head. */
  static Agreement read(List<URI> nodes) {
    Map<String, Long> heads = new LinkedHashMap<>();
    for (URI node : nodes) {
      try (ApiClient api = new ApiClient(node)) {
        heads.put(node.getAuthority(), api.status().head());
      } catch (IOException e) {
        heads.put(node.getAuthority(), null);
      }
    }
    Map<String, Hash> hashes = new LinkedHashMap<>();
    long lowest = heads.values().stream().anyMatch(java.util.Objects::isNull) ? -1
        : heads.values().stream().mapToLong(Long::longValue).min().orElse(-1);
    for (URI node : nodes) {
      Hash hash = null;
      if (lowest >= 0) {
        try (ApiClient api = new ApiClient(node)) {
          hash = api.block(lowest).map(ApiClient.BlockTxs::hash).orElse(null);
        } catch (IOException e) {
          hash = null;
        }
      }
      hashes.put(node.getAuthority(), hash);
    }
    return of(heads, hashes);
  }

  /**
   * {@link #read} until the nodes agree, at most {@code tries} times a second apart: a competing
   * block at the very tip is normal for a moment (a backup's block) and is settled by the next one.
   */
  static Agreement settle(List<URI> nodes, int tries) throws InterruptedException {
    Agreement a = read(nodes);
    for (int i = 1; i < tries && !a.agree(); i++) {
      Thread.sleep(1000);
      a = read(nodes);
    }
    return a;
  }
}
