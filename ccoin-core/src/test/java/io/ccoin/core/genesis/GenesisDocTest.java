package io.ccoin.core.genesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ccoin.api.Genesis;
import io.ccoin.core.json.StrictJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/GENESIS.md cannot drift from the parser: its complete example parses and gives the genesis
 * hash the doc states, its key table lists exactly the keys the parser reads (taken from the parser
 * itself by recording its look-ups), and every row of its error table is the parser's answer.
 */
class GenesisDocTest {
  private static final Pattern ADDRESS = Pattern.compile("(0x)?[0-9a-fA-F]{40}");
  private static String doc;
  private static String example;

  @BeforeAll
  static void readTheDoc() throws IOException {
    doc = Files.readString(Path.of("").toAbsolutePath().getParent().resolve("docs/GENESIS.md"));
    List<String> blocks = fencedBlocks(doc, "jsonc");
    assertThat(blocks).as("docs/GENESIS.md has one complete example in a ```jsonc block").hasSize(1);
    example = blocks.get(0);
  }

  @Test
  void theExampleParsesAndHasTheGenesisHashTheDocStates() {
    Genesis g = GenesisParser.parse(example);
    String hash = GenesisBlock.build(g).hash().toHex();
    assertThat(doc).as("the doc states the example's genesis hash " + hash).contains("`" + hash + "`");
  }

  @Test
  void theExampleUsesBothKindsOfComment() {
    assertThat(example).contains("//").contains("/*");
  }

  @Test
  void theKeyTableListsExactlyTheKeysTheParserReads() {
    Set<String> read = new TreeSet<>();
    GenesisParser.parseTree(recording("", StrictJson.parse(example), read));
    Set<String> documented = new TreeSet<>();
    for (List<String> row : table("| key | type | default | bounds | meaning |")) {
      documented.add(unquote(row.get(0)));
    }
    assertThat(documented).as("keys in the table of docs/GENESIS.md").isEqualTo(read);
  }

  @Test
  void everyRowOfTheErrorTableIsWhatTheParserSays() {
    List<List<String>> rows = table("| key | written as | the node says |");
    assertThat(rows).hasSizeGreaterThan(20);
    for (List<String> row : rows) {
      String path = unquote(row.get(0));
      String written = row.get(1).equals("absent") ? null : unquote(row.get(1));
      String message = unquote(row.get(2));
      JsonNode tree = StrictJson.parse(example);
      change(tree, path, written);
      assertThatThrownBy(() -> GenesisParser.parseTree(tree))
          .as("%s written as %s", path, written)
          .isInstanceOf(GenesisException.class)
          .hasMessage(message);
    }
  }

  @Test
  void epochZeroIsAVersionOneNetworkAndAnEpochWithoutRecentWindowIsVersionTwo() {
    String epochZero = example.replace("\"min_fee\": 1 ", "\"min_fee\": 1, \"epoch\": 0 ");
    assertThat(epochZero).isNotEqualTo(example);
    Genesis zero = GenesisParser.parse(epochZero);
    assertThat(zero.params().version()).isEqualTo(1);
    assertThat(GenesisBlock.build(zero).hash()).isEqualTo(GenesisBlock.build(GenesisParser.parse(example)).hash());

    String voting = epochZero.replace("\"epoch\": 0 ", "\"epoch\": 30000 ").replaceAll("\"recent_window\": 1,[^\n]*\n", "");
    assertThat(voting).doesNotContain("recent_window");
    Genesis v2 = GenesisParser.parse(voting);
    assertThat(v2.params().version()).isEqualTo(2);
    assertThat(v2.params().epoch()).isEqualTo(30000);
    GenesisBlock block = GenesisBlock.build(v2);
    assertThat(block.header().version()).isEqualTo(2);
    assertThat(block.header().vote()).isEmpty();
    assertThat(doc).contains("## `epoch`: authority voting (version 2 networks)");
  }

  @Test
  void maxPeersAndPlaceholderDataDoNotChangeTheGenesisHash() {
    String other = example.replace("\"max_peers\": 25", "\"max_peers\": 3").replace("[\"rnd\", 15]", "[\"predef\", \"idle\"]");
    assertThat(other).isNotEqualTo(example);
    assertThat(GenesisBlock.build(GenesisParser.parse(other)).hash()).isEqualTo(GenesisBlock.build(GenesisParser.parse(example)).hash());
  }

  @Test
  void theSmallestFileInTheDocParses() {
    List<String> plain = fencedBlocks(doc, "");
    String smallest = plain.stream().filter(b -> b.strip().startsWith("{")).findFirst().orElseThrow();
    Genesis g = GenesisParser.parse(smallest);
    assertThat(g.params().recentWindow()).isZero();
    assertThat(g.alloc()).isEmpty();
  }

  /** The bodies of the fenced blocks whose opening fence is {@code ```info}. */
  static List<String> fencedBlocks(String text, String info) {
    List<String> blocks = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith("```")) {
        StringBuilder body = new StringBuilder();
        int j = i + 1;
        for (; j < lines.length && !lines[j].equals("```"); j++) {
          body.append(lines[j]).append('\n');
        }
        if (lines[i].equals("```" + info)) {
          blocks.add(body.toString());
        }
        i = j;
      }
    }
    return blocks;
  }

  /** The rows of the Markdown table with this header line, split into trimmed cells. */
  private static List<List<String>> table(String header) {
    String[] lines = doc.split("\n", -1);
    int at = List.of(lines).indexOf(header);
    assertThat(at).as("docs/GENESIS.md has a table headed " + header).isNotNegative();
    List<List<String>> rows = new ArrayList<>();
    for (int i = at + 2; i < lines.length && lines[i].startsWith("|"); i++) {
      String line = lines[i];
      List<String> cells = new ArrayList<>();
      for (String cell : line.substring(1, line.length() - 1).split(" \\| ", -1)) {
        cells.add(cell.strip());
      }
      rows.add(cells);
    }
    return rows;
  }

  private static String unquote(String cell) {
    assertThat(cell).startsWith("`").endsWith("`");
    return cell.substring(1, cell.length() - 1);
  }

  /** Sets {@code path} (dotted) in {@code tree} to the JSON {@code value}, or removes it when null. */
  private static void change(JsonNode tree, String path, String value) {
    String[] keys = path.split("\\.");
    ObjectNode object = (ObjectNode) tree;
    for (int i = 0; i < keys.length - 1; i++) {
      object = (ObjectNode) object.get(keys[i]);
    }
    String last = keys[keys.length - 1];
    if (value == null) {
      assertThat(object.remove(last)).as(path + " is in the example").isNotNull();
    } else {
      object.set(last, StrictJson.parse(value));
    }
  }

  /**
   * A copy of {@code value} whose objects record the path of every key looked up in them into
   * {@code read}; an address key is recorded as {@code <address>}.
   */
  private static JsonNode recording(String path, JsonNode value, Set<String> read) {
    if (value instanceof ObjectNode object) {
      RecordingMap copy = new RecordingMap(path, read);
      object.properties().forEach(e -> copy.put(e.getKey(), recording(RecordingMap.join(path, e.getKey()), e.getValue(), read)));
      return new ObjectNode(JsonNodeFactory.instance, copy);
    }
    if (value instanceof ArrayNode array) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      for (JsonNode v : array) {
        copy.add(recording(path + "[]", v, read));
      }
      return copy;
    }
    return value;
  }

  /** The children of an {@link ObjectNode}, recording the keys looked up in them. */
  private static final class RecordingMap extends LinkedHashMap<String, JsonNode> {
    private static final long serialVersionUID = 1L;
    private final String path;
    private final transient Set<String> read;

    RecordingMap(String path, Set<String> read) {
      this.path = path;
      this.read = read;
    }

    static String join(String path, String key) {
      String k = ADDRESS.matcher(key).matches() ? "<address>" : key;
      return path.isEmpty() ? k : path + "." + k;
    }

    @Override
    public JsonNode get(Object key) {
      read.add(join(path, (String) key));
      return super.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      read.add(join(path, (String) key));
      return super.containsKey(key);
    }
  }
}
