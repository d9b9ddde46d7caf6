package io.ccoin.core.json;

import java.util.Objects;

/** A JSON number kept as the exact text it was written with, so a reader can refuse fractions or exponents. */
public record JsonNumber(String text) {
  public JsonNumber {
    Objects.requireNonNull(text, "text");
  }

  @Override
  public String toString() {
    return text;
  }
}
