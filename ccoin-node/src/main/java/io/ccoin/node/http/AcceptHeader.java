package io.ccoin.node.http;

import java.util.Locale;

/**
 * Reads an HTTP {@code Accept} header (RFC 9110 12.5.1) far enough to tell whether it allows one
 * media type: the most specific matching range ({@code type/subtype}, then <code>type/&#42;</code>, then
 * <code>&#42;/&#42;</code>) decides, and it allows the type unless its {@code q} is 0. No header, a blank one,
 * or one without a single well-formed range allows everything. Stateless.
 */
final class AcceptHeader {
  private AcceptHeader() {}

  /** True when {@code header} (may be null) lets the answer be {@code mediaType}, e.g. {@code text/event-stream}. */
  static boolean allows(String header, String mediaType) {
    if (header == null || header.isBlank()) {
      return true;
    }
    String wanted = mediaType.toLowerCase(Locale.ROOT);
    String wantedType = wanted.substring(0, wanted.indexOf('/'));
    int bestSpecificity = -1;
    double bestQ = 0;
    boolean anyRange = false;
    for (String part : header.split(",")) {
      String[] fields = part.split(";");
      String range = fields[0].strip().toLowerCase(Locale.ROOT);
      int slash = range.indexOf('/');
      if (slash <= 0 || slash == range.length() - 1) {
        continue;
      }
      anyRange = true;
      String type = range.substring(0, slash);
      String subtype = range.substring(slash + 1);
      int specificity;
      if (range.equals(wanted)) {
        specificity = 2;
      } else if (type.equals(wantedType) && subtype.equals("*")) {
        specificity = 1;
      } else if (type.equals("*") && subtype.equals("*")) {
        specificity = 0;
      } else {
        continue;
      }
      if (specificity > bestSpecificity) {
        bestSpecificity = specificity;
        bestQ = quality(fields);
      }
    }
    return !anyRange || bestSpecificity >= 0 && bestQ > 0;
  }

  /** The {@code q} parameter of one range; 1 when absent or not a number. */
  private static double quality(String[] fields) {
    for (int i = 1; i < fields.length; i++) {
      String p = fields[i].strip();
      if (p.length() > 2 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
        try {
          double q = Double.parseDouble(p.substring(2).strip());
          return Double.isNaN(q) ? 1 : q;
        } catch (NumberFormatException e) {
          return 1;
        }
      }
    }
    return 1;
  }
}
