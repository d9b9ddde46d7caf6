package io.ccoin.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class StrictJsonTest {
  private static final Function<String, RuntimeException> ERRORS = IllegalArgumentException::new;

  @Test
  void acceptsLineAndBlockComments() {
    JsonNode tree = StrictJson.parse("""
        {
          // a line comment
          "a": 1, /* a block comment */ "b": [true, "x"]
        }
        """);
    assertThat(tree.toString()).isEqualTo("{\"a\":1,\"b\":[true,\"x\"]}");
  }

  @Test
  void aHashCommentIsRefusedWithItsOwnLineAndColumn() {
    // The position is where the '#' is, not where the parser's buffer ends (column 927 in a
    // genesis.json before the fix).
    String text = "{\n  \"a\": 1,\n  # a shell comment\n  \"b\": 2,\n  \"c\": \"" + "x".repeat(2000) + "\"\n}\n";
    assertThatThrownBy(() -> StrictJson.parse(text))
        .isInstanceOf(JsonFormatException.class)
        .hasMessageContaining("'#'")
        .hasMessageEndingWith("at line 3, column 3");
  }

  @Test
  void aDuplicateKeyNamesTheKeyAndItsLine() {
    String text = "{\n  \"a\": 1,\n  \"a\": 2,\n  \"c\": \"" + "x".repeat(2000) + "\"\n}\n";
    assertThatThrownBy(() -> StrictJson.parse(text))
        .isInstanceOf(JsonFormatException.class)
        .hasMessageContaining("Duplicate field 'a'")
        .hasMessageContaining("at line 3, column ");
  }

  @Test
  void aTrailingCommaIsRefused() {
    assertThatThrownBy(() -> StrictJson.parse("{\"a\": 1,}"))
        .isInstanceOf(JsonFormatException.class)
        .hasMessageEndingWith("at line 1, column 9");
  }

  @Test
  void contentAfterTheValueIsRefused() {
    assertThatThrownBy(() -> StrictJson.parse("{\"a\": 1}\n{\"b\": 2}"))
        .isInstanceOf(JsonFormatException.class)
        .hasMessage("unexpected content after the JSON value at line 2, column 1");
  }

  @Test
  void anEmptyDocumentIsRefused() {
    assertThatThrownBy(() -> StrictJson.parse(" // nothing\n")).isInstanceOf(JsonFormatException.class).hasMessage("empty document");
  }

  @Test
  void numbersAreExactAndFractionDigitsAreKeptAsWritten() {
    JsonNode tree = StrictJson.parse("{\"big\": 9223372036854775808, \"d\": 1.50, \"z\": 10.0}");
    assertThat(tree.get("big").bigIntegerValue()).isEqualTo(new BigInteger("9223372036854775808"));
    assertThat(tree.get("d").decimalValue()).isEqualTo(new BigDecimal("1.50"));
    assertThat(tree.get("z").decimalValue().scale()).isEqualTo(1);
  }

  @Test
  void aNumberWrittenWithAnExponentKeepsItsTextWhereverItIs() {
    JsonNode tree = StrictJson.parse("{\"a\": 2e3, \"b\": [1, 1.5E0], \"c\": {\"d/e\": 1e-1}}");
    assertThat(StrictJson.writtenWithExponent(tree.get("a"))).isEqualTo("2e3");
    assertThat(StrictJson.writtenWithExponent(tree.get("b").get(1))).isEqualTo("1.5E0");
    assertThat(StrictJson.writtenWithExponent(tree.get("c").get("d/e"))).isEqualTo("1e-1");
    assertThat(StrictJson.writtenWithExponent(tree.get("b").get(0))).isNull();
  }

  @Test
  void theReaderRefusesFractionsAndExponentsForIntegersNamingThePath() {
    JsonObjectReader r = JsonObjectReader.of("top", StrictJson.parse("{\"f\": 2.0, \"e\": 1e2, \"n\": -1, \"ok\": 7}"), ERRORS);
    assertThatThrownBy(() -> r.integer("f", 0, 10)).hasMessage("top.f: must be a plain integer (no fraction, no exponent), got 2.0");
    assertThatThrownBy(() -> r.integer("e", 0, 1000)).hasMessage("top.e: must be a plain integer (no fraction, no exponent), got 1e2");
    assertThatThrownBy(() -> r.integer("n", 0, 10)).hasMessage("top.n: must not be negative, got -1");
    assertThat(r.integer("ok", 0, 10)).isEqualTo(7);
  }

  @Test
  void theReaderTakesDurationsWithAtMostThreeFractionDigitsAndNoExponent() {
    JsonObjectReader r = JsonObjectReader.of("", StrictJson.parse(
        "{\"a\": 1.5, \"b\": 10.000, \"c\": 2, \"d\": 1.5e0, \"e\": 1.0005, \"f\": -0.5}"), ERRORS);
    assertThat(r.durationMs("a")).isEqualTo(1_500);
    assertThat(r.durationMs("b")).isEqualTo(10_000);
    assertThat(r.durationMs("c")).isEqualTo(2_000);
    for (String key : new String[] {"d", "e", "f"}) {
      assertThatThrownBy(() -> r.durationMs(key)).hasMessageStartingWith(key + ": must be a number of seconds");
    }
    assertThatThrownBy(() -> r.durationMs("d")).hasMessageEndingWith("got 1.5e0");
  }
}
