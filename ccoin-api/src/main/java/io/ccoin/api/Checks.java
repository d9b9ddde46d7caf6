package io.ccoin.api;

/** Argument checks shared by the value types. */
final class Checks {
  private Checks() {}

  static long unsigned(String name, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be between 0 and 2^63-1: " + value);
    }
    return value;
  }

  static <T> T present(String name, T value) {
    if (value == null) { // the message is built only when it is needed: this runs for every decoded field
      throw new NullPointerException(name + " must not be null");
    }
    return value;
  }
}
