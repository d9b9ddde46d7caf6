package io.ccoin.net.internal.protocol;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Argument checks shared by the message records. */
final class Limits {
  private Limits() {}

  static void requireUint(String what, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(what + " must not be negative: " + value);
    }
  }

  static <T> List<T> atMost(String what, List<T> list, int max) {
    List<T> copy = List.copyOf(list);
    if (copy.size() > max) {
      throw new IllegalArgumentException(what + ": " + copy.size() + " entries is above the limit of " + max);
    }
    return copy;
  }

  static String textAtMost(String what, String text, int maxBytes) {
    int n = text.getBytes(StandardCharsets.UTF_8).length;
    if (n > maxBytes) {
      throw new IllegalArgumentException(what + ": " + n + " bytes is above the limit of " + maxBytes);
    }
    return text;
  }
}
