package io.ccoin.net.internal.sync;

import io.ccoin.api.Hash;
import io.ccoin.api.StoreException;
import io.ccoin.api.StoredBlock;
import io.ccoin.core.internal.chain.Chain;
import io.ccoin.net.internal.protocol.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Block locators (SPEC 9): the hashes of a tip and of its ancestors 1, 2, 4, 8, ... blocks below
 * it, then always the genesis, at most 64 in all; a peer on a fork finds the common ancestor in one
 * round trip. The tip may be on a side branch: its ancestors are followed by parent links until
 * the canonical chain, then by number.
 */
public final class Locator {
  private Locator() {}

  /** The locator of {@code tip}: heights {@code n, n-1, n-2, n-4, n-8, ...}, then 0. */
  public static List<Hash> of(Chain chain, StoredBlock tip) {
    List<Hash> out = new ArrayList<>();
    StoredBlock cursor = tip;
    long offset = 0;
    while (tip.number() - offset > 0 && out.size() < Protocol.MAX_LOCATOR - 1) {
      cursor = ancestor(chain, cursor, tip.number() - offset);
      out.add(cursor.hash());
      offset = offset == 0 ? 1 : offset * 2;
    }
    out.add(chain.genesis().hash());
    return out;
  }

  /** The locator of the canonical head. */
  public static List<Hash> ofHead(Chain chain) {
    return of(chain, chain.head().stored());
  }

  /** The locator of the stored block {@code tip}, or of the head when it is not stored. */
  public static List<Hash> of(Chain chain, Hash tip) {
    return of(chain, chain.block(tip).orElse(chain.head().stored()));
  }

  private static StoredBlock ancestor(Chain chain, StoredBlock from, long height) {
    StoredBlock b = from;
    while (b.number() > height) {
      if (chain.isCanonical(b.hash(), b.number())) {
        return chain.blockAt(height).orElseThrow(() -> new StoreException("canonical block #" + height + " missing"));
      }
      Hash parent = b.parentHash();
      b = chain.block(parent).orElseThrow(() -> new StoreException("ancestor " + parent + " missing"));
    }
    return b;
  }

  /** The first locator hash that is on {@code chain}'s canonical chain. */
  public static Optional<StoredBlock> forkPoint(Chain chain, List<Hash> locator) {
    for (Hash h : locator) {
      Optional<StoredBlock> b = chain.block(h);
      if (b.isPresent() && chain.isCanonical(h, b.get().number())) {
        return b;
      }
    }
    return Optional.empty();
  }
}
