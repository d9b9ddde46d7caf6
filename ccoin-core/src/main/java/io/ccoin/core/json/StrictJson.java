package io.ccoin.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the JSON of ccoin's files (genesis.json, ccoin.json) into Jackson's tree with Jackson's strict
 * features: {@code //} and {@code /* *}{@code /} comments allowed (SPEC 6, 12), duplicate keys refused
 * ({@code STRICT_DUPLICATE_DETECTION}), nothing after the value ({@code FAIL_ON_TRAILING_TOKENS}), at
 * most {@value #MAX_DEPTH} levels of nesting and 64-digit numbers.
 *
 * <p>Numbers stay exact: integers become integral nodes (up to {@code BigInteger}), numbers with a
 * fraction become {@code DecimalNode}s that keep the digits as written ({@code 1.50} has scale 2).
 * SPEC 6 allows no exponent in any number ccoin reads, and Jackson's tree cannot say whether a number
 * had one, so a number written with an exponent is kept as a {@link POJONode} holding its text
 * ({@link #writtenWithExponent}); {@link JsonObjectReader} refuses it by its path with the message of
 * the type it expected there. Thread-safe.
 */
public final class StrictJson {
  private static final int MAX_DEPTH = 64;

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxNumberLength(64).build())
      .build();

  private static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      .build();

  private StrictJson() {}

  /**
   * Parses {@code text}.
   *
   * @throws JsonFormatException with the line and column of the first problem
   */
  public static JsonNode parse(String text) {
    JsonNode tree;
    try {
      tree = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      // The exception's own location is where the problem is; the parser's current location can be
      // far past it (the end of its buffer).
      JsonLocation at = e.getLocation();
      // FAIL_ON_TRAILING_TOKENS words its refusal for programmers (it names Java types); say it plainly.
      String what = e instanceof MismatchedInputException && e.getOriginalMessage().startsWith("Trailing token")
          ? "unexpected content after the JSON value" : e.getOriginalMessage();
      throw new JsonFormatException(what + " at " + (at != null ? where(at) : "unknown position"), e);
    }
    if (tree == null || tree.isMissingNode()) {
      throw new JsonFormatException("empty document");
    }
    markExponents(tree, text);
    return tree;
  }

  /** The text of a number that {@link #parse} kept because it was written with an exponent, or null. */
  public static String writtenWithExponent(JsonNode node) {
    return node instanceof POJONode p && p.getPojo() instanceof String text ? text : null;
  }

  private static String where(JsonLocation loc) {
    return "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
  }

  /** Replaces each number written with an exponent by its text, found by a second, streaming read. */
  private static void markExponents(JsonNode tree, String text) {
    Map<JsonPointer, String> exponents = new LinkedHashMap<>();
    try (JsonParser p = FACTORY.createParser(text)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
          String written = p.getText();
          if ((written.indexOf('e') >= 0 || written.indexOf('E') >= 0) && p.getParsingContext().getParent() != null) {
            exponents.put(p.getParsingContext().pathAsPointer(), written);
          }
        }
      }
    } catch (IOException e) {
      throw new JsonFormatException("cannot read again what was read once: " + e.getMessage(), e);
    }
    exponents.forEach((pointer, written) -> {
      JsonNode parent = tree.at(pointer.head());
      JsonPointer last = pointer.last();
      if (parent instanceof ObjectNode o) {
        o.set(last.getMatchingProperty(), new POJONode(written));
      } else if (parent instanceof ArrayNode a) {
        a.set(last.getMatchingIndex(), new POJONode(written));
      }
    });
  }
}
