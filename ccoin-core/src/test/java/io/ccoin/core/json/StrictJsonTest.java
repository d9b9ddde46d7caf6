package io.ccoin.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StrictJsonTest {
  @Test
  void acceptsLineAndBlockComments() {
    Object tree = StrictJson.parse("""
        {
          // a line comment
          "a": 1, /* a block comment */ "b": [true, "x"]
        }
        """);
    assertThat(tree).isEqualTo(Map.of("a", new JsonNumber("1"), "b", List.of(Boolean.TRUE, "x")));
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
  void numbersKeepTheirText() {
    assertThat(StrictJson.parse("[1.50, 2e3, -0]")).isEqualTo(List.of(new JsonNumber("1.50"), new JsonNumber("2e3"), new JsonNumber("-0")));
  }
}
