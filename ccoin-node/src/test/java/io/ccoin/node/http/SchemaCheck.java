package io.ccoin.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a JSON value against a schema of the OpenAPI document, for the keywords the document
 * uses: {@code $ref} (local), {@code type} (object, array, string, integer, number, boolean),
 * {@code nullable}, {@code properties}, {@code required}, {@code additionalProperties} (false or a
 * schema), {@code items}, {@code enum}, {@code pattern}, {@code minimum}, {@code maximum},
 * {@code oneOf}. Any other keyword fails the check, so the document cannot use one this checker
 * would silently ignore.
 */
final class SchemaCheck {
  private static final Set<String> KNOWN = Set.of("$ref", "type", "nullable", "properties", "required", "additionalProperties",
      "items", "enum", "pattern", "minimum", "maximum", "oneOf", "description", "format", "default");

  private final JsonNode document;
  private final boolean examples;

  SchemaCheck(JsonNode document) {
    this(document, false);
  }

  private SchemaCheck(JsonNode document, boolean examples) {
    this.document = document;
    this.examples = examples;
  }

  /**
   * A check for the examples of the docs, whose elided values ({@code "…"}, {@code "3f1c…"}) need
   * not match a string's pattern; everything else is checked as strictly.
   */
  SchemaCheck forExamples() {
    return new SchemaCheck(document, true);
  }

  /** What is wrong with {@code value}; empty when it matches {@code schema}. */
  List<String> problems(JsonNode value, JsonNode schema) {
    List<String> out = new ArrayList<>();
    check("$", value, schema, out);
    return out;
  }

  /** Follows a local {@code $ref} such as {@code #/components/schemas/Block}. */
  JsonNode resolve(JsonNode node) {
    int hops = 0;
    while (node.has("$ref")) {
      String ref = node.get("$ref").asText();
      if (!ref.startsWith("#/") || ++hops > 10) {
        throw new AssertionError("unsupported or circular $ref " + ref);
      }
      node = document.at(ref.substring(1));
      if (node.isMissingNode()) {
        throw new AssertionError("dangling $ref " + ref);
      }
    }
    return node;
  }

  private void check(String path, JsonNode value, JsonNode schema, List<String> out) {
    schema = resolve(schema);
    for (Map.Entry<String, JsonNode> keyword : schema.properties()) {
      String k = keyword.getKey();
      if (!KNOWN.contains(k)) {
        out.add(path + ": the schema uses " + k + ", which this check does not know");
      }
    }
    if (value.isNull()) {
      if (!schema.path("nullable").asBoolean(false)) {
        out.add(path + ": null, but the schema is not nullable");
      }
      return;
    }
    if (schema.has("oneOf")) {
      int matches = 0;
      for (JsonNode alternative : schema.get("oneOf")) {
        if (problems(value, alternative).isEmpty()) {
          matches++;
        }
      }
      if (matches != 1) {
        out.add(path + ": matches " + matches + " of the oneOf alternatives, not exactly 1");
      }
    }
    if (schema.has("enum")) {
      boolean found = false;
      for (JsonNode e : schema.get("enum")) {
        found |= e.equals(value);
      }
      if (!found) {
        out.add(path + ": " + value + " is not one of " + schema.get("enum"));
      }
    }
    String type = schema.path("type").asText("");
    switch (type) {
      case "" -> { }
      case "object" -> object(path, value, schema, out);
      case "array" -> {
        if (!value.isArray()) {
          out.add(path + ": not an array: " + shorten(value));
        } else if (schema.has("items")) {
          for (int i = 0; i < value.size(); i++) {
            check(path + "[" + i + "]", value.get(i), schema.get("items"), out);
          }
        }
      }
      case "string" -> {
        if (!value.isTextual()) {
          out.add(path + ": not a string: " + shorten(value));
        } else if (schema.has("pattern") && !(examples && value.asText().contains("…")) && !Pattern.compile(schema.get("pattern").asText()).matcher(value.asText()).find()) {
          out.add(path + ": \"" + value.asText() + "\" does not match " + schema.get("pattern").asText());
        }
      }
      case "integer", "number" -> {
        if (type.equals("integer") ? !value.isIntegralNumber() : !value.isNumber()) {
          out.add(path + ": not an " + type + ": " + shorten(value));
        } else {
          if (schema.has("minimum") && value.asDouble() < schema.get("minimum").asDouble()) {
            out.add(path + ": " + value + " is below " + schema.get("minimum"));
          }
          if (schema.has("maximum") && value.asDouble() > schema.get("maximum").asDouble()) {
            out.add(path + ": " + value + " is above " + schema.get("maximum"));
          }
        }
      }
      case "boolean" -> {
        if (!value.isBoolean()) {
          out.add(path + ": not a boolean: " + shorten(value));
        }
      }
      default -> out.add(path + ": unknown type " + type);
    }
  }

  private void object(String path, JsonNode value, JsonNode schema, List<String> out) {
    if (!value.isObject()) {
      out.add(path + ": not an object: " + shorten(value));
      return;
    }
    JsonNode properties = schema.path("properties");
    for (JsonNode r : schema.path("required")) {
      if (!value.has(r.asText())) {
        out.add(path + ": the required " + r.asText() + " is missing");
      }
    }
    for (Map.Entry<String, JsonNode> f : value.properties()) {
      if (properties.has(f.getKey())) {
        check(path + "." + f.getKey(), f.getValue(), properties.get(f.getKey()), out);
      } else if (schema.has("additionalProperties")) {
        JsonNode extra = schema.get("additionalProperties");
        if (extra.isBoolean()) {
          if (!extra.asBoolean()) {
            out.add(path + ": " + f.getKey() + " is not described");
          }
        } else {
          check(path + "." + f.getKey(), f.getValue(), extra, out);
        }
      }
    }
  }

  private static String shorten(JsonNode v) {
    String s = v.toString();
    return s.length() > 80 ? s.substring(0, 80) + "…" : s;
  }
}
