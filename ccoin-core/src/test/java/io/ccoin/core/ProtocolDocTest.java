package io.ccoin.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/PROTOCOL.md cannot drift from the test vectors: every annotated byte listing in it is the
 * encoding the vector file holds, and every vector file is listed in its table of vectors.
 */
class ProtocolDocTest {
  private static final Pattern MARKER = Pattern.compile("<!-- bytes of vectors/(\\S+), field (\\S+) -->");
  private static final Pattern FIELD = Pattern.compile("([A-Za-z0-9]+)(?:\\[(\\d+)])?");

  private static String doc() throws IOException {
    return Files.readString(Path.of("").toAbsolutePath().getParent().resolve("docs/PROTOCOL.md"));
  }

  @Test
  void everyAnnotatedByteListingIsTheVectorsEncoding() throws IOException {
    String[] lines = doc().split("\n", -1);
    int checked = 0;
    for (int i = 0; i < lines.length; i++) {
      Matcher m = MARKER.matcher(lines[i]);
      if (!m.matches()) {
        continue;
      }
      assertThat(lines[i + 1]).as("a fenced block follows the marker on line " + (i + 1)).isEqualTo("```");
      List<String> listing = new ArrayList<>();
      for (int j = i + 2; !lines[j].equals("```"); j++) {
        listing.add(lines[j]);
      }
      String expected = field(Vectors.json(m.group(1)), m.group(2)).asText();
      assertThat(expected).as(m.group(1) + " " + m.group(2)).matches(pattern(listing));
      checked++;
    }
    assertThat(checked).as("annotated listings in docs/PROTOCOL.md").isEqualTo(3);
  }

  @Test
  void everyVectorFileIsInTheTableOfVectors() throws IOException {
    String doc = doc();
    String table = doc.substring(doc.indexOf("| file | shows |"));
    try (Stream<Path> files = Files.list(Path.of("src/test/resources/vectors"))) {
      List<String> names = files.map(f -> f.getFileName().toString()).sorted().toList();
      assertThat(names).isNotEmpty();
      for (String name : names) {
        assertThat(table).as("docs/PROTOCOL.md's table of vectors names " + name).contains("`" + name + "`");
      }
    }
  }

  /** The node at a path such as {@code transactions[0].encoded}. */
  private static JsonNode field(JsonNode root, String path) {
    JsonNode node = root;
    for (String part : path.split("\\.")) {
      Matcher m = FIELD.matcher(part);
      assertThat(m.matches()).as(part).isTrue();
      node = node.get(m.group(1));
      if (m.group(2) != null) {
        node = node.get(Integer.parseInt(m.group(2)));
      }
      assertThat(node).as(path).isNotNull();
    }
    return node;
  }

  /**
   * A regular expression for the hex a listing shows: on each line the hex before the comment
   * column (two spaces), where a token ending in {@code ...} (or {@code ...} alone) leaves out the
   * rest of its field.
   */
  private static String pattern(List<String> listing) {
    StringBuilder regex = new StringBuilder();
    for (String line : listing) {
      String hex = line.strip();
      int comment = hex.indexOf("  ");
      if (comment >= 0) {
        hex = hex.substring(0, comment);
      }
      for (String token : hex.split(" ")) {
        boolean cut = token.endsWith("...");
        String digits = cut ? token.substring(0, token.length() - 3) : token;
        assertThat(digits).as("hex in: " + line).matches("[0-9a-f]*");
        regex.append(digits);
        if (cut) {
          regex.append("[0-9a-f]*?");
        }
      }
    }
    return regex.toString();
  }
}
