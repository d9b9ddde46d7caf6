package io.ccoin.core.json;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads typed fields out of one object of a {@link StrictJson} tree, naming each field by its full
 * path in errors ({@code block_mining.interval: ...}), and refusing keys it was never asked about
 * ({@link #finish()}). Not thread-safe.
 */
public final class JsonObjectReader {
  private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");
  private static final Pattern DURATION = Pattern.compile("(0|[1-9][0-9]*)(\\.[0-9]{1,3})?");

  private final String path;
  private final Map<String, Object> object;
  private final Set<String> known = new LinkedHashSet<>();
  private final Function<String, RuntimeException> errors;

  private JsonObjectReader(String path, Map<String, Object> object, Function<String, RuntimeException> errors) {
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
  @SuppressWarnings("unchecked")
  public static JsonObjectReader of(String path, Object value, Function<String, RuntimeException> errors) {
    if (!(value instanceof Map)) {
      throw errors.apply((path.isEmpty() ? "the document" : path) + ": must be a JSON object");
    }
    return new JsonObjectReader(path, (Map<String, Object>) value, errors);
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
    known.add(key);
    return object.containsKey(key);
  }

  /** The raw value of {@code key}, if present. */
  public Optional<Object> raw(String key) {
    known.add(key);
    return Optional.ofNullable(object.get(key));
  }

  private Object required(String key) {
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
  public long toInteger(String key, Object v, long min, long max) {
    if (!(v instanceof JsonNumber n) || !INTEGER.matcher(n.text()).matches()) {
      throw error(key, "must be a plain integer (no fraction, no exponent), got " + describe(v));
    }
    BigDecimal value = new BigDecimal(n.text());
    if (value.signum() < 0 && min >= 0) {
      throw error(key, "must not be negative, got " + n.text());
    }
    if (value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
      throw error(key, "must be " + min + " .. " + (max == Long.MAX_VALUE ? "2^63-1" : max) + ", got " + n.text());
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

  private long toDurationMs(String key, Object v) {
    if (!(v instanceof JsonNumber n) || !DURATION.matcher(n.text()).matches()) {
      throw error(key, "must be a number of seconds, at least 0, with at most three fraction digits and no exponent, got " + describe(v));
    }
    BigDecimal ms = new BigDecimal(n.text()).movePointRight(3);
    if (ms.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw error(key, "is too large: " + n.text());
    }
    return ms.longValueExact();
  }

  public boolean bool(String key) {
    Object v = required(key);
    if (!(v instanceof Boolean b)) {
      throw error(key, "must be true or false, got " + describe(v));
    }
    return b;
  }

  public String string(String key) {
    Object v = required(key);
    if (!(v instanceof String s)) {
      throw error(key, "must be a string, got " + describe(v));
    }
    return s;
  }

  public Optional<String> optionalString(String key) {
    return raw(key).map(v -> {
      if (!(v instanceof String s)) {
        throw error(key, "must be a string, got " + describe(v));
      }
      return s;
    });
  }

  /** The array under {@code key}. */
  @SuppressWarnings("unchecked")
  public List<Object> array(String key) {
    Object v = required(key);
    if (!(v instanceof List)) {
      throw error(key, "must be an array, got " + describe(v));
    }
    return (List<Object>) v;
  }

  /** The keys of this object, in file order. */
  public Set<String> keys() {
    return object.keySet();
  }

  /** The value of a key that the caller iterates over dynamically (marks it known). */
  public Object value(String key) {
    return required(key);
  }

  /** Fails on the first key that no accessor asked about: a typo must not pass silently. */
  public void finish() {
    for (String key : object.keySet()) {
      if (!known.contains(key)) {
        throw error(key, "unknown key");
      }
    }
  }

  /** A short description of a value for messages. */
  public static String describe(Object v) {
    if (v instanceof String s) {
      return "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
    }
    if (v instanceof JsonNumber n) {
      return n.text();
    }
    if (v instanceof Boolean b) {
      return b.toString();
    }
    if (v instanceof List) {
      return "an array";
    }
    if (v instanceof Map) {
      return "an object";
    }
    return "null";
  }
}
