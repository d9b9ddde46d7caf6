package io.ccoin.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads typed fields out of one object of a {@link StrictJson} tree (Jackson's), naming each field by
 * its full path in errors ({@code block_mining.interval: ...}), and refusing keys it was never asked
 * about ({@link #finish()}). Every lookup goes through {@link ObjectNode#get(String)}. Not thread-safe.
 */
public final class JsonObjectReader {
  private static final BigDecimal MAX_MS = BigDecimal.valueOf(Long.MAX_VALUE);

  private final String path;
  private final ObjectNode object;
  private final Set<String> known = new LinkedHashSet<>();
  private final Function<String, RuntimeException> errors;

  private JsonObjectReader(String path, ObjectNode object, Function<String, RuntimeException> errors) {
    this.path = path;
    this.object = object;
    this.errors = errors;
  }

  /**
   * A reader of {@code value}, which must be a JSON object.
   *
   * @param path the dotted path of the object ("" for the document), used in messages
   * @param errors turns a message into the exception to throw
   */
  public static JsonObjectReader of(String path, JsonNode value, Function<String, RuntimeException> errors) {
    if (!(value instanceof ObjectNode o)) {
      throw errors.apply((path.isEmpty() ? "the document" : path) + ": must be a JSON object");
    }
    return new JsonObjectReader(path, o, errors);
  }

  /** The full path of a key of this object. */
  public String path(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** A failure about {@code key}. */
  public RuntimeException error(String key, String message) {
    return errors.apply(path(key) + ": " + message);
  }

  /** True when the object has {@code key} (and marks it as known). */
  public boolean has(String key) {
    return raw(key).isPresent();
  }

  /** The raw value of {@code key}, if present (a JSON {@code null} is present, as a {@code NullNode}). */
  public Optional<JsonNode> raw(String key) {
    known.add(key);
    return Optional.ofNullable(object.get(key));
  }

  private JsonNode required(String key) {
    return raw(key).orElseThrow(() -> error(key, "is required"));
  }

  /** The nested object under {@code key}. */
  public JsonObjectReader object(String key) {
    return JsonObjectReader.of(path(key), required(key), errors);
  }

  /** The nested object under {@code key}, if present. */
  public Optional<JsonObjectReader> optionalObject(String key) {
    return raw(key).map(v -> JsonObjectReader.of(path(key), v, errors));
  }

  /** A plain JSON integer (no fraction, no exponent) between {@code min} and {@code max}. */
  public long integer(String key, long min, long max) {
    return toInteger(key, required(key), min, max);
  }

  /** As {@link #integer(String, long, long)}, or {@code dflt} when absent. */
  public long integer(String key, long min, long max, long dflt) {
    return raw(key).map(v -> toInteger(key, v, min, max)).orElse(dflt);
  }

  /** Converts a value at {@code key} that must be an integer within bounds. */
  public long toInteger(String key, JsonNode v, long min, long max) {
    if (!v.isIntegralNumber()) {
      throw error(key, "must be a plain integer (no fraction, no exponent), got " + describe(v));
    }
    BigInteger value = v.bigIntegerValue();
    if (value.signum() < 0 && min >= 0) {
      throw error(key, "must not be negative, got " + value);
    }
    if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
      throw error(key, "must be " + min + " .. " + (max == Long.MAX_VALUE ? "2^63-1" : max) + ", got " + value);
    }
    return value.longValueExact();
  }

  /**
   * A duration in seconds, at least 0, with no exponent and at most three fraction digits, returned
   * exactly in milliseconds.
   */
  public long durationMs(String key) {
    return toDurationMs(key, required(key));
  }

  /** As {@link #durationMs(String)}, if present. */
  public Optional<Long> optionalDurationMs(String key) {
    return raw(key).map(v -> toDurationMs(key, v));
  }

  private long toDurationMs(String key, JsonNode v) {
    // A DecimalNode keeps the digits as written, so its scale is the number of fraction digits.
    BigDecimal seconds = v.isIntegralNumber() || v.isBigDecimal() ? v.decimalValue() : null;
    if (seconds == null || seconds.signum() < 0 || seconds.scale() < 0 || seconds.scale() > 3) {
      throw error(key, "must be a number of seconds, at least 0, with at most three fraction digits and no exponent, got " + describe(v));
    }
    BigDecimal ms = seconds.movePointRight(3);
    if (ms.compareTo(MAX_MS) > 0) {
      throw error(key, "is too large: " + describe(v));
    }
    return ms.longValueExact();
  }

  public boolean bool(String key) {
    JsonNode v = required(key);
    if (!v.isBoolean()) {
      throw error(key, "must be true or false, got " + describe(v));
    }
    return v.booleanValue();
  }

  public String string(String key) {
    JsonNode v = required(key);
    if (!v.isTextual()) {
      throw error(key, "must be a string, got " + describe(v));
    }
    return v.textValue();
  }

  public Optional<String> optionalString(String key) {
    return raw(key).map(v -> {
      if (!v.isTextual()) {
        throw error(key, "must be a string, got " + describe(v));
      }
      return v.textValue();
    });
  }

  /** The array under {@code key}. */
  public ArrayNode array(String key) {
    JsonNode v = required(key);
    if (!(v instanceof ArrayNode a)) {
      throw error(key, "must be an array, got " + describe(v));
    }
    return a;
  }

  /** The keys of this object, in file order. */
  public Set<String> keys() {
    Set<String> keys = new LinkedHashSet<>();
    object.properties().forEach(e -> keys.add(e.getKey()));
    return keys;
  }

  /** The value of a key that the caller iterates over dynamically (marks it known). */
  public JsonNode value(String key) {
    return required(key);
  }

  /** Fails on the first key that no accessor asked about: a typo must not pass silently. */
  public void finish() {
    for (String key : keys()) {
      if (!known.contains(key)) {
        throw error(key, "unknown key");
      }
    }
  }

  /** A short description of a value for messages: a number as written, a string quoted, else its kind. */
  public static String describe(JsonNode v) {
    String exponent = StrictJson.writtenWithExponent(v);
    if (exponent != null) {
      return exponent;
    }
    if (v.isTextual()) {
      String s = v.textValue();
      return "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
    }
    if (v.isBigDecimal()) {
      return v.decimalValue().toPlainString();
    }
    if (v.isNumber() || v.isBoolean()) {
      return v.asText();
    }
    if (v.isArray()) {
      return "an array";
    }
    if (v.isObject()) {
      return "an object";
    }
    return "null";
  }
}
