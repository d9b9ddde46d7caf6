package io.ccoin.node.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ccoin.core.codec.CanonicalReader;
import io.ccoin.core.codec.Codec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A batch for {@code POST /transactions}: how one is told from a single transaction and read into
 * its entries. JSON: an array of {@code {"raw": "<base64 of msgpack(Tx)>"}} objects; msgpack: an
 * array of {@code Tx}. At most {@value #MAX_TRANSACTIONS} entries ({@code too_large} beyond); an empty
 * batch is {@code bad_parameter}. A JSON batch with an entry that is not an object is
 * {@code malformed_json} whole; an object entry whose fields cannot be read (unknown field, bad
 * base64) is refused on its own (its {@link Entry#error()}); a msgpack batch with an entry that is not a canonical {@code Tx} is refused
 * whole ({@code bad_encoding}), since the entries after it cannot be told apart. Stateless.
 */
final class SubmissionBatch {
  /** The most transactions in one batch, the same as in one {@code TXS} frame (SPEC 9). */
  static final int MAX_TRANSACTIONS = 1024;

  private SubmissionBatch() {}

  /** One entry of a batch: the raw bytes of its transaction, or why they could not be read. */
  record Entry(byte[] raw, ApiException error) {
    static Entry of(byte[] raw) {
      return new Entry(raw, null);
    }

    static Entry refused(ApiException error) {
      return new Entry(null, error);
    }
  }

  /** True when a JSON body is an array (its first character other than white space is {@code [}). */
  static boolean isJsonBatch(byte[] body) {
    for (byte b : body) {
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return b == '[';
      }
    }
    return false;
  }

  /**
   * True when a msgpack body is an array whose first element is itself an array (or which is
   * empty): a {@code Tx} is an array whose first element is a number, its {@code chainId}.
   */
  static boolean isMsgpackBatch(byte[] body) {
    if (body.length == 0) {
      return false;
    }
    int first = body[0] & 0xff;
    int headerLength;
    if (first >= 0x90 && first <= 0x9f) {
      if (first == 0x90) {
        return true;
      }
      headerLength = 1;
    } else if (first == 0xdc) {
      headerLength = 3;
    } else if (first == 0xdd) {
      headerLength = 5;
    } else {
      return false;
    }
    if (body.length <= headerLength) {
      return false;
    }
    int next = body[headerLength] & 0xff;
    return (next >= 0x90 && next <= 0x9f) || next == 0xdc || next == 0xdd;
  }

  /** The entries of a JSON batch (the body is known to start with {@code [}). */
  static List<Entry> fromJson(byte[] body) {
    return fromJson(jsonArray(body));
  }

  /**
   * A JSON batch read as a tree and checked as a whole (an array of 1 .. {@value #MAX_TRANSACTIONS}
   * objects), before any entry's transaction is decoded: its size is the count of entries.
   */
  static JsonNode jsonArray(byte[] body) {
    JsonNode tree = Inputs.jsonTree(body);
    if (!tree.isArray()) {
      throw new ApiException(ErrorCode.MALFORMED_JSON, "a batch must be a JSON array");
    }
    checkCount(tree.size());
    for (int i = 0; i < tree.size(); i++) {
      if (!tree.get(i).isObject()) {
        throw new ApiException(ErrorCode.MALFORMED_JSON, "entry " + i + " of the batch must be an object {\"raw\": \"<base64>\"}");
      }
    }
    return tree;
  }

  /** The entries of a batch checked by {@link #jsonArray}. */
  static List<Entry> fromJson(JsonNode array) {
    List<Entry> entries = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonNode e = array.get(i);
      try {
        entries.add(Entry.of(Submissions.rawFromJson((ObjectNode) e)));
      } catch (ApiException refused) {
        entries.add(Entry.refused(refused));
      }
    }
    return entries;
  }

  /**
   * The count of entries a msgpack batch announces, from its array header alone (nothing is
   * decoded): {@code too_large} beyond {@value #MAX_TRANSACTIONS}, {@code bad_parameter} when 0,
   * {@code bad_encoding} when the header cannot be read.
   */
  static int msgpackCount(byte[] body) {
    int n;
    try {
      n = CanonicalReader.of(body).readArrayHeader("batch", 0, Integer.MAX_VALUE);
    } catch (IllegalArgumentException e) {
      throw new ApiException(ErrorCode.BAD_ENCODING, "not a canonical msgpack array of transactions: " + e.getMessage());
    }
    checkCount(n);
    return n;
  }

  /** The entries of a msgpack batch: each the exact bytes of one canonical {@code Tx}. */
  static List<Entry> fromMsgpack(byte[] body) {
    try {
      CanonicalReader r = CanonicalReader.of(body);
      int n = r.readArrayHeader("batch", 0, Integer.MAX_VALUE);
      checkCount(n);
      List<Entry> entries = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int start = r.position();
        try {
          Codec.readTransaction(r);
        } catch (IllegalArgumentException e) {
          throw new ApiException(ErrorCode.BAD_ENCODING, "entry " + i + " is not a canonical msgpack transaction: " + e.getMessage());
        }
        entries.add(Entry.of(Arrays.copyOfRange(body, start, r.position())));
      }
      r.expectEnd("batch");
      return entries;
    } catch (ApiException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new ApiException(ErrorCode.BAD_ENCODING, "not a canonical msgpack array of transactions: " + e.getMessage());
    }
  }

  private static void checkCount(int n) {
    if (n > MAX_TRANSACTIONS) {
      throw new ApiException(ErrorCode.TOO_LARGE, "a batch holds at most " + MAX_TRANSACTIONS + " transactions, not " + n);
    }
    if (n == 0) {
      throw ApiException.badParameter("a batch holds at least one transaction");
    }
  }
}
