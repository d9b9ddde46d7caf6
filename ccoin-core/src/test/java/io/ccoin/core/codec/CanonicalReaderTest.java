package io.ccoin.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ccoin.core.Vectors;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every rejection of the strict decoder, each with the exact bytes. */
class CanonicalReaderTest {
  private static void rejects(String hex, Consumer<CanonicalReader> read, String messagePart) {
    CanonicalReader r = CanonicalReader.of(Vectors.hex(hex));
    assertThatThrownBy(() -> {
      read.accept(r);
      r.expectEnd("value");
    }).isInstanceOf(DecodeException.class).hasMessageContaining(messagePart);
  }

  private static long uint(String hex) {
    CanonicalReader r = CanonicalReader.of(Vectors.hex(hex));
    long v = r.readUint("v");
    r.expectEnd("v");
    return v;
  }

  @ParameterizedTest
  @CsvSource({
    "00, 0", "7f, 127", "cc80, 128", "ccff, 255", "cd0100, 256", "cdffff, 65535", "ce00010000, 65536",
    "ceffffffff, 4294967295", "cf0000000100000000, 4294967296", "cf7fffffffffffffff, 9223372036854775807"
  })
  void acceptsShortestUnsignedIntegers(String hex, long value) {
    assertThat(uint(hex)).isEqualTo(value);
    assertThat(CanonicalWriter.encodeUint(value)).isEqualTo(Vectors.hex(hex));
    assertThat(CanonicalWriter.create().uint(value).toByteArray()).isEqualTo(Vectors.hex(hex));
  }

  @ParameterizedTest
  @CsvSource({
    "cc00, uint8", "cc7f, uint8", "cd00ff, uint16", "ce0000ffff, uint32", "cf00000000ffffffff, uint64"
  })
  void rejectsNonShortestIntegers(String hex, String form) {
    rejects(hex, r -> r.readUint("n"), "encoded as " + form + " is not the shortest form");
  }

  @Test
  void rejectsValuesAbove2To63Minus1() {
    rejects("cf8000000000000000", r -> r.readUint("n"), "above 2^63-1");
    rejects("cfffffffffffffffff", r -> r.readUint("n"), "above 2^63-1");
  }

  @ParameterizedTest
  @CsvSource({
    "ff, signed integer", "d001, signed integer", "d30000000000000001, signed integer", "c0, nil",
    "c2, boolean", "ca00000000, float", "a0, text", "c400, byte string", "90, array", "80, map",
    "c1, reserved"
  })
  void rejectsOtherTypesWhereAUintIsRequired(String hex, String got) {
    rejects(hex, r -> r.readUint("n"), got);
  }

  @Test
  void rejectsTruncatedInput() {
    rejects("", r -> r.readUint("n"), "input ends before the value");
    rejects("cd01", r -> r.readUint("n"), "n:");
    rejects("cf00000001", r -> r.readUint("n"), "n:");
  }

  @Test
  void rejectsTrailingBytes() {
    rejects("0100", r -> r.readUint("n"), "1 trailing byte(s)");
  }

  @Test
  void binForms() {
    assertThat(CanonicalReader.of(Vectors.hex("c400")).readBinArray("b", 10)).isEmpty();
    assertThat(CanonicalReader.of(Vectors.hex("c403616263")).readBinArray("b", 10)).containsExactly('a', 'b', 'c');
    rejects("c50003616263", r -> r.readBinArray("b", 10), "must use bin8, not bin16");
    rejects("c600000003616263", r -> r.readBinArray("b", 10), "must use bin16, not bin32");
    rejects("a3616263", r -> r.readBinArray("b", 10), "expected a byte string (bin), got a text (str)");
    rejects("c40561", r -> r.readBinArray("b", 10), "declares 5 bytes but only 1 remain");
    // bin32 declaring 4 GiB - 1 with 3 bytes present: refused before anything is allocated
    rejects("c6ffffffff616263", r -> r.readBinArray("b", Integer.MAX_VALUE), "declares 4294967295 bytes but only 3 remain");
    rejects("c403616263", r -> r.readBinArray("b", 2), "above the limit of 2");
  }

  @Test
  void fixedSizeFields() {
    rejects("c413" + "00".repeat(19), r -> r.readAddress("to"), "expected 20 bytes, got 19");
    rejects("c415" + "00".repeat(21), r -> r.readAddress("to"), "expected 20 bytes, got 21");
    rejects("c41f" + "00".repeat(31), r -> r.readHash("h"), "expected 32 bytes, got 31");
    assertThat(CanonicalReader.of(Vectors.hex("c420" + "11".repeat(32))).readHash("h").toHex()).isEqualTo("11".repeat(32));
  }

  @Test
  void arrayForms() {
    assertThat(CanonicalReader.of(Vectors.hex("920102")).readArrayHeader("a", 0, 10)).isEqualTo(2);
    rejects("dc00020102", r -> r.readArrayHeader("a", 0, 10), "must use fixarray, not array16");
    rejects("dd000000020102", r -> r.readArrayHeader("a", 0, 10), "must use array16, not array32");
    rejects("9101", r -> r.readArrayHeader("a", 2), "expected 2");
    rejects("dcffff01", r -> r.readArrayHeader("a", 0, Integer.MAX_VALUE), "declares 65535 elements but only 1 bytes remain");
    rejects("ddffffffff01", r -> r.readArrayHeader("a", 0, Integer.MAX_VALUE), "declares 4294967295 elements");
    rejects("c403616263", r -> r.readArrayHeader("a", 0, 5), "expected an array");
    rejects("9f" + "00".repeat(15), r -> r.readArrayHeader("a", 0, 10), "expected 0 to 10 elements, got 15");
  }

  @Test
  void booleans() {
    assertThat(CanonicalReader.of(Vectors.hex("c3")).readBoolean("b")).isTrue();
    assertThat(CanonicalReader.of(Vectors.hex("c2")).readBoolean("b")).isFalse();
    rejects("01", r -> r.readBoolean("b"), "expected a boolean");
    rejects("c0", r -> r.readBoolean("b"), "expected a boolean, got nil");
  }

  @Test
  void textForms() {
    assertThat(CanonicalReader.of(Vectors.hex("a3616263")).readString("s", 10)).isEqualTo("abc");
    String thirtyTwo = "61".repeat(32);
    assertThat(CanonicalReader.of(Vectors.hex("d920" + thirtyTwo)).readString("s", 64)).hasSize(32);
    assertThat(CanonicalWriter.create().str("a".repeat(32)).toByteArray()).isEqualTo(Vectors.hex("d920" + thirtyTwo));
    rejects("d903616263", r -> r.readString("s", 10), "must use fixstr, not str8");
    rejects("da0003616263", r -> r.readString("s", 10), "must use str8, not str16");
    rejects("db00000003616263", r -> r.readString("s", 10), "must use str16, not str32");
    rejects("a2c328", r -> r.readString("s", 10), "not valid UTF-8");
    rejects("c403616263", r -> r.readString("s", 10), "expected a text (str), got a byte string");
    rejects("a3616263", r -> r.readString("s", 2), "above the limit of 2");
    rejects("a561", r -> r.readString("s", 10), "declares 5 bytes but only 1 remain");
  }

  @Test
  void writerRefusesNegativeIntegers() {
    assertThatThrownBy(() -> CanonicalWriter.create().uint(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CanonicalWriter.encodeUint(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
