package io.ccoin.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccoin.api.Address;
import io.ccoin.api.Bytes;
import io.ccoin.api.Hash;
import io.ccoin.core.crypto.Sha256;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * The writer picks the shortest form at every boundary of every length-prefixed type and integer,
 * byte for byte as msgpack-core's packer (the reference implementation) does.
 */
class CanonicalWriterTest {
  private static final List<Integer> LENGTHS = List.of(0, 1, 15, 16, 31, 32, 255, 256, 65535, 65536, 70000);
  private static final List<Long> UINTS = List.of(0L, 1L, 127L, 128L, 255L, 256L, 65535L, 65536L, 0xffff_ffffL,
      0x1_0000_0000L, Long.MAX_VALUE);

  private static MessageBufferPacker reference() {
    return new MessagePack.PackerConfig().withStr8FormatSupport(true).newBufferPacker();
  }

  @Test
  void arrayHeadersMatchTheReference() throws IOException {
    for (int n : LENGTHS) {
      MessageBufferPacker p = reference();
      p.packArrayHeader(n);
      assertThat(CanonicalWriter.create().arrayHeader(n).toByteArray()).as("array of %d", n).isEqualTo(p.toByteArray());
    }
  }

  @Test
  void byteStringsMatchTheReference() throws IOException {
    Random random = new Random(1);
    for (int n : LENGTHS) {
      byte[] b = new byte[n];
      random.nextBytes(b);
      MessageBufferPacker p = reference();
      p.packBinaryHeader(n);
      p.writePayload(b);
      byte[] expected = p.toByteArray();
      assertThat(CanonicalWriter.create(1).bin(b).toByteArray()).as("bin of %d", n).isEqualTo(expected);
      assertThat(CanonicalWriter.create(1).bin(Bytes.of(b)).toByteArray()).as("Bytes of %d", n).isEqualTo(expected);
    }
  }

  @Test
  void textsMatchTheReference() throws IOException {
    for (int n : LENGTHS) {
      for (String unit : List.of("a", "é", "€")) {
        String s = unit.repeat(Math.max(0, n / unit.getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
        MessageBufferPacker p = reference();
        p.packString(s);
        assertThat(CanonicalWriter.create(1).str(s).toByteArray()).as("str of %d bytes", n).isEqualTo(p.toByteArray());
      }
    }
  }

  @Test
  void integersAndBooleansMatchTheReference() throws IOException {
    for (long v : UINTS) {
      MessageBufferPacker p = reference();
      p.packLong(v);
      assertThat(CanonicalWriter.create(1).uint(v).toByteArray()).as("uint %d", v).isEqualTo(p.toByteArray());
      assertThat(CanonicalWriter.encodeUint(v)).isEqualTo(p.toByteArray());
    }
    assertThat(CanonicalWriter.create().bool(true).bool(false).toByteArray()).containsExactly(0xc3, 0xc2);
    assertThatThrownBy(() -> CanonicalWriter.create().uint(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CanonicalWriter.create().arrayHeader(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fixedSizeValuesHashesAndResetReuseTheBuffer() {
    byte[] h = new byte[Hash.SIZE];
    Arrays.fill(h, (byte) 7);
    byte[] a = new byte[Address.SIZE];
    Arrays.fill(a, (byte) 9);
    CanonicalWriter w = CanonicalWriter.create(1).bin(Hash.of(h)).bin(Address.of(a)).raw(new byte[] {1, 2});
    byte[] expected = CanonicalWriter.create().bin(h).bin(a).raw(new byte[] {1, 2}).toByteArray();
    assertThat(w.toByteArray()).isEqualTo(expected);
    assertThat(w.size()).isEqualTo(expected.length);
    assertThat(w.sha256()).isEqualTo(Sha256.hash(expected));
    assertThat(w.reset().uint(5).toByteArray()).containsExactly(5);
  }
}
