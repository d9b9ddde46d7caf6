package io.ccoin.net.internal.protocol;

import static io.ccoin.net.internal.protocol.Limits.atMost;
import static io.ccoin.net.internal.protocol.Limits.requireUint;

import io.ccoin.api.Block;
import io.ccoin.core.codec.CanonicalReader;
import io.ccoin.core.codec.CanonicalWriter;
import io.ccoin.core.codec.Codec;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code BLS}: {@code [requestId, [Block, ...]]}, the answer to a {@code GBL}: at most 512 blocks
 * (the largest {@code max}), in chain order, within {@code MAX_FRAME}.
 */
public record Blocks(long requestId, List<Block> blocks) implements Message {
  public static final String HEADER = "BLS";

  public Blocks {
    requireUint("requestId", requestId);
    blocks = atMost("BLS.blocks", blocks, Protocol.MAX_BLOCKS);
  }

  @Override
  public String header() {
    return HEADER;
  }

  @Override
  public void writeBody(CanonicalWriter w) {
    w.arrayHeader(2).uint(requestId).arrayHeader(blocks.size());
    for (Block b : blocks) {
      Codec.writeBlock(w, b);
    }
  }

  static Blocks read(CanonicalReader r) {
    r.readArrayHeader("BLS", 2);
    long requestId = r.readUint("BLS.requestId");
    int n = r.readArrayHeader("BLS.blocks", 0, Protocol.MAX_BLOCKS);
    List<Block> blocks = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      blocks.add(Codec.readBlock(r));
    }
    return new Blocks(requestId, blocks);
  }
}
