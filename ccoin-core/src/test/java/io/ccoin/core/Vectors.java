package io.ccoin.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The one loader of the SPEC test vectors, the files under {@code src/test/resources/vectors} of
 * ccoin-core, for every module's tests (they come with the ccoin-core test-jar):
 * {@code Vectors.json("genesis.json")}, {@code Vectors.text("genesis-input.json")},
 * {@code Vectors.cases("txroot.json")}. A name that starts with {@code /} is a path on the test class
 * path instead (other committed test data, such as {@code /merkle/rfc6962-0-8.json}). A missing file
 * fails with its name. Thread-safe.
 */
public final class Vectors {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Vectors() {}

  /** The parsed JSON of {@code vectors/<name>}. */
  public static JsonNode json(String name) {
    try (InputStream in = open(name)) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read test data file " + name, e);
    }
  }

  /** The same as {@link #json(String)}. */
  /** The raw text of {@code vectors/<name>}, for files read as a node would read them. */
  public static String text(String name) {
    try (InputStream in = open(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read test data file " + name, e);
    }
  }

  /** The elements of the {@code cases} array of {@code vectors/<name>}. */
  public static List<JsonNode> cases(String name) {
    JsonNode cases = json(name).get("cases");
    if (cases == null || !cases.isArray()) {
      throw new IllegalStateException("test data file " + name + " has no \"cases\" array");
    }
    return elements(cases);
  }

  /** The elements of an array node, for {@code @MethodSource}. */
  public static List<JsonNode> elements(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    array.forEach(out::add);
    return out;
  }

  public static byte[] hex(JsonNode node) {
    return HexFormat.of().parseHex(node.asText());
  }

  public static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }

  private static InputStream open(String name) {
    String path = name.startsWith("/") ? name : "/vectors/" + name;
    InputStream in = Vectors.class.getResourceAsStream(path);
    if (in == null) {
      throw new IllegalStateException("missing test data file " + path);
    }
    return in;
  }
}
