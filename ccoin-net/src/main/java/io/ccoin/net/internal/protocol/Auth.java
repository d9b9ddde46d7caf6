package io.ccoin.net.internal.protocol;

import io.ccoin.api.Bytes;
import io.ccoin.core.codec.CanonicalReader;
import io.ccoin.core.codec.CanonicalWriter;
import io.ccoin.core.crypto.Signatures;
import java.util.Objects;

/**
 * {@code AUT}, the second message each way: {@code [signature]}, the node key's signature over
 * {@link HandshakeProof#signingMessage}. A signature longer than 256 bytes does not decode; a
 * shorter one decodes and fails verification.
 */
public record Auth(Bytes signature) implements Message {
  public static final String HEADER = "AUT";

  public Auth {
    Objects.requireNonNull(signature, "signature");
    if (signature.size() > Signatures.SIZE) {
      throw new IllegalArgumentException("a signature is at most " + Signatures.SIZE + " bytes, got " + signature.size());
    }
  }

  @Override
  public String header() {
    return HEADER;
  }

  @Override
  public void writeBody(CanonicalWriter w) {
    w.arrayHeader(1).bin(signature);
  }

  static Auth read(CanonicalReader r) {
    r.readArrayHeader("AUT", 1);
    return new Auth(r.readBin("AUT.signature", Signatures.SIZE));
  }
}
