package io.ccoin.node.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ccoin.api.Address;
import io.ccoin.api.Bytes;
import io.ccoin.api.Hash;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parsing of everything a client sends: path and query parameters, bounded request bodies, JSON
 * objects and their fields. Every failure is an {@link ApiException} with the SPEC 11 code.
 * Stateless.
 */
final class Inputs {
  private static final Pattern HASH = Pattern.compile("(0[xX])?[0-9a-fA-F]{64}");
  private static final Pattern NUMBER = Pattern.compile("[0-9]{1,19}");
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");

  private Inputs() {}

  /** A block named by hash (64 hex digits, optional {@code 0x}) or number (1 to 19 decimal digits). */
  sealed interface BlockId permits ByHash, ByNumber {}

  record ByHash(Hash hash) implements BlockId {}

  /** A number above 2^63-1 is {@link #OUT_OF_RANGE}: no block can have it. */
  record ByNumber(long number) implements BlockId {
    static final long OUT_OF_RANGE = -1;
  }

  static BlockId blockId(String text) {
    if (HASH.matcher(text).matches()) {
      return new ByHash(Hash.fromHex(text));
    }
    if (NUMBER.matcher(text).matches()) {
      try {
        return new ByNumber(Long.parseLong(text));
      } catch (NumberFormatException e) {
        return new ByNumber(ByNumber.OUT_OF_RANGE);
      }
    }
    throw ApiException.badParameter("a block is named by its hash (64 hex digits) or its number (1 to 19 decimal digits), not \""
        + shorten(text) + "\"");
  }

  static Hash hash(String what, String text) {
    try {
      return Hash.fromHex(text);
    } catch (IllegalArgumentException e) {
      throw new ApiException(ErrorCode.BAD_HEX, what + " must be 64 hex digits, not \"" + shorten(text) + "\"");
    }
  }

  static Address address(String what, String text) {
    try {
      return Address.fromHex(text);
    } catch (IllegalArgumentException e) {
      throw new ApiException(ErrorCode.BAD_HEX, what + " must be an address of 40 hex digits, not \"" + shorten(text) + "\"");
    }
  }

  /** Strict standard base64 with padding: the text must be the one encoding of its bytes. */
  static Bytes base64(String what, String text) {
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new ApiException(ErrorCode.BAD_BASE64, what + " is not valid base64");
    }
    if (!Base64.getEncoder().encodeToString(decoded).equals(text)) {
      throw new ApiException(ErrorCode.BAD_BASE64, what + " is not canonical base64 (standard alphabet, with padding)");
    }
    return Bytes.of(decoded);
  }

  /** An optional query parameter in {@code min..max}; {@code fallback} when absent. */
  static long queryLong(Context ctx, String name, long min, long max, long fallback) {
    String text = ctx.queryParam(name);
    if (text == null) {
      return fallback;
    }
    long value;
    try {
      value = DIGITS.matcher(text).matches() ? Long.parseLong(text) : -1;
    } catch (NumberFormatException e) {
      value = -1;
    }
    if (value < min || value > max) {
      throw ApiException.badParameter(name + " must be a whole number from " + min + " to " + max + ", not \"" + shorten(text) + "\"");
    }
    return value;
  }

  /**
   * The optional query parameter {@code transactions} of a block: true for {@code hashes} (the
   * transactions' hashes only, no state), false for {@code full} or when absent.
   *
   * @throws ApiException {@code bad_parameter} for anything else
   */
  static boolean onlyTxHashes(Context ctx) {
    String text = ctx.queryParam("transactions");
    if (text == null || text.equals("full")) {
      return false;
    }
    if (text.equals("hashes")) {
      return true;
    }
    throw ApiException.badParameter("transactions must be full or hashes, not \"" + shorten(text) + "\"");
  }

  /** A place on the chain, {@code before=N} or {@code before=N-I}: block number N, index I (0 when absent). */
  record Place(long number, int index) {}

  private static final Pattern PLACE = Pattern.compile("([0-9]{1,19})(?:-([0-9]{1,10}))?");

  /**
   * The optional query parameter {@code name} as a {@link Place}: {@code N} (block number,
   * 0..2^63-1) or {@code N-I} (and a transaction index 0..2^31-1); {@code fallback} when absent.
   *
   * @throws ApiException {@code bad_parameter} for anything else
   */
  static Place queryPlace(Context ctx, String name, Place fallback) {
    String text = ctx.queryParam(name);
    if (text == null) {
      return fallback;
    }
    java.util.regex.Matcher m = PLACE.matcher(text);
    try {
      if (m.matches()) {
        return new Place(Long.parseLong(m.group(1)), m.group(2) == null ? 0 : Integer.parseInt(m.group(2)));
      }
    } catch (NumberFormatException e) {
      // out of range: refused below
    }
    throw ApiException.badParameter(name + " must be a block number N (0 to 9223372036854775807) or N-I with a transaction index I "
        + "(0 to 2147483647), not \"" + shorten(text) + "\"");
  }

  /**
   * The request body, refused with {@code too_large} when it is longer than {@code limit}: at once
   * when the declared length says so, else as soon as more than {@code limit} bytes arrived.
   */
  static byte[] body(Context ctx, int limit) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > limit) {
      throw tooLarge(limit);
    }
    try (InputStream in = ctx.req().getInputStream()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 256);
      byte[] buf = new byte[8192];
      int total = 0;
      for (int n; (n = in.read(buf)) >= 0; ) {
        total += n;
        if (total > limit) {
          throw tooLarge(limit);
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw badParameter("the request body could not be read");
    }
  }

  private static ApiException tooLarge(int limit) {
    return new ApiException(ErrorCode.TOO_LARGE, "the request body is larger than " + limit + " bytes");
  }

  private static ApiException badParameter(String message) {
    return ApiException.badParameter(message);
  }

  /** One JSON object filling the whole body; anything else is {@code malformed_json}. */
  static ObjectNode jsonObject(byte[] body) {
    JsonNode node = jsonTree(body);
    if (!node.isObject()) {
      throw new ApiException(ErrorCode.MALFORMED_JSON, "the body must be a JSON object");
    }
    return (ObjectNode) node;
  }

  /** One JSON value filling the whole body; anything else is {@code malformed_json}. */
  static JsonNode jsonTree(byte[] body) {
    JsonNode node;
    try {
      node = Json.STRICT_READER.readTree(body);
    } catch (JacksonException e) {
      throw new ApiException(ErrorCode.MALFORMED_JSON, "the body is not well-formed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ApiException(ErrorCode.MALFORMED_JSON, "the body is not well-formed JSON");
    }
    if (node == null || node.isMissingNode()) {
      throw new ApiException(ErrorCode.MALFORMED_JSON, "the body is empty; a JSON object was expected");
    }
    return node;
  }

  /** Refuses fields other than {@code allowed} with {@code bad_parameter}, naming them. */
  static void onlyFields(ObjectNode object, Set<String> allowed) {
    List<String> unknown = new ArrayList<>();
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) {
        unknown.add(f);
      }
    }
    if (!unknown.isEmpty()) {
      throw badParameter("unknown field(s) " + unknown + "; allowed: " + allowed.stream().sorted().toList());
    }
  }

  /** A string field; empty when absent, {@code bad_parameter} when present but not a string. */
  static Optional<String> string(ObjectNode object, String field) {
    JsonNode v = object.get(field);
    if (v == null) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw badParameter(field + " must be a JSON string");
    }
    return Optional.of(v.textValue());
  }

  static String requiredString(ObjectNode object, String field) {
    return string(object, field).orElseThrow(() -> badParameter(field + " is required"));
  }

  /**
   * An amount: a string of decimal digits (as the API writes them) or a JSON integer, 0 .. 2^63-1;
   * empty when absent.
   */
  static Optional<Long> amount(ObjectNode object, String field) {
    JsonNode v = object.get(field);
    if (v == null) {
      return Optional.empty();
    }
    if (v.isTextual() && DIGITS.matcher(v.textValue()).matches()) {
      try {
        return Optional.of(Long.parseLong(v.textValue()));
      } catch (NumberFormatException e) {
        // falls through to the error below
      }
    } else if (v.isIntegralNumber() && v.canConvertToLong() && v.longValue() >= 0) {
      return Optional.of(v.longValue());
    }
    throw badParameter(field + " must be an amount from 0 to 9223372036854775807, as a string of decimal digits");
  }

  /** {@code text} cut to a length that is safe to echo in an error message. */
  static String shorten(String text) {
    String t = text.length() > 80 ? text.substring(0, 80) + "..." : text;
    StringBuilder sb = new StringBuilder(t.length());
    t.codePoints().forEach(c -> sb.appendCodePoint(c < 0x20 || c == 0x7f ? '?' : c));
    return sb.toString();
  }
}
