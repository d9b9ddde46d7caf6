package io.ccoin.net.internal.protocol;

import static io.ccoin.net.internal.protocol.Limits.atMost;
import static io.ccoin.net.internal.protocol.Limits.requireUint;

import io.ccoin.api.Hash;
import io.ccoin.core.codec.CanonicalReader;
import io.ccoin.core.codec.CanonicalWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GBL}: {@code [requestId, [locator hashes] (<=64), max (<=512)]}, asking for the blocks
 * after the first locator hash found on the responder's canonical chain.
 */
public record GetBlocks(long requestId, List<Hash> locator, int max) implements Message {
  public static final String HEADER = "GBL";

  public GetBlocks {
    requireUint("requestId", requestId);
    locator = atMost("GBL.locator", locator, Protocol.MAX_LOCATOR);
    if (max < 0 || max > Protocol.MAX_BLOCKS) {
      throw new IllegalArgumentException("GBL.max " + max + " is not 0.." + Protocol.MAX_BLOCKS);
    }
  }

  @Override
  public String header() {
    return HEADER;
  }

  @Override
  public void writeBody(CanonicalWriter w) {
    w.arrayHeader(3).uint(requestId).arrayHeader(locator.size());
    for (Hash h : locator) {
      w.bin(h);
    }
    w.uint(max);
  }

  static GetBlocks read(CanonicalReader r) {
    r.readArrayHeader("GBL", 3);
    long requestId = r.readUint("GBL.requestId");
    int n = r.readArrayHeader("GBL.locator", 0, Protocol.MAX_LOCATOR);
    List<Hash> locator = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      locator.add(r.readHash("GBL.locator[" + i + "]"));
    }
    int max = r.readUintAtMost("GBL.max", Protocol.MAX_BLOCKS);
    return new GetBlocks(requestId, locator, max);
  }
}
