package io.ccoin.net.internal.protocol;

import io.ccoin.api.Block;
import io.ccoin.core.codec.CanonicalReader;
import io.ccoin.core.codec.CanonicalWriter;
import io.ccoin.core.codec.Codec;
import java.util.Objects;

/** {@code NBL}: {@code [Block]}, a new block, relayed after it was checked. */
public record NewBlock(Block block) implements Message {
  public static final String HEADER = "NBL";

  public NewBlock {
    Objects.requireNonNull(block, "block");
  }

  @Override
  public String header() {
    return HEADER;
  }

  @Override
  public void writeBody(CanonicalWriter w) {
    w.arrayHeader(1);
    Codec.writeBlock(w, block);
  }

  static NewBlock read(CanonicalReader r) {
    r.readArrayHeader("NBL", 1);
    return new NewBlock(Codec.readBlock(r));
  }
}
