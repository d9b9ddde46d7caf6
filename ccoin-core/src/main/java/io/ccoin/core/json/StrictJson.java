package io.ccoin.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON of ccoin's files (genesis.json, ccoin.json): {@code //} and {@code /* *}{@code /}
 * comments allowed, duplicate keys refused, numbers kept as their exact text ({@link JsonNumber}).
 * Objects become insertion-ordered {@code Map<String, Object>}, arrays {@code List<Object>}, strings
 * {@code String}, booleans {@code Boolean}, and {@code null} becomes {@link #NULL}. Thread-safe.
 */
public final class StrictJson {
  /** Stands for a JSON {@code null}, so that the returned trees hold no Java nulls. */
  public static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };

  private static final int MAX_DEPTH = 64;

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
      .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxNumberLength(64).build())
      .build();

  private StrictJson() {}

  /**
   * Parses {@code text}.
   *
   * @throws JsonFormatException with the line and column of the first problem
   */
  public static Object parse(String text) {
    try (JsonParser p = FACTORY.createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new JsonFormatException("empty document");
      }
      Object value = read(p, first);
      if (p.nextToken() != null) {
        throw new JsonFormatException("unexpected content after the JSON value at " + where(p));
      }
      return value;
    } catch (JsonParseException e) {
      // The exception's own location is where the problem is; the parser's current location can be
      // far past it (the end of its buffer).
      JsonLocation at = e.getLocation();
      String where = at != null ? where(at) : where(e.getProcessor());
      throw new JsonFormatException(e.getOriginalMessage() + " at " + where, e);
    } catch (IOException e) {
      throw new JsonFormatException(e.getMessage(), e);
    }
  }

  private static String where(JsonParser p) {
    if (p == null) {
      return "unknown position";
    }
    return where(p.currentLocation());
  }

  private static String where(JsonLocation loc) {
    return "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
  }

  private static Object read(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case START_OBJECT: {
        Map<String, Object> map = new LinkedHashMap<>();
        for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
          String name = p.currentName();
          map.put(name, read(p, p.nextToken()));
        }
        return map;
      }
      case START_ARRAY: {
        List<Object> list = new ArrayList<>();
        for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
          list.add(read(p, v));
        }
        return list;
      }
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return new JsonNumber(p.getText());
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return NULL;
      default:
        throw new JsonFormatException("unexpected " + t + " at " + where(p));
    }
  }
}
