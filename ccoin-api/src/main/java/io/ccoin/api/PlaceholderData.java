package io.ccoin.api;

/**
 * What a miner puts in the data field of a block without transactions ({@code placeholder_data}
 * in genesis.json). A node setting, not a consensus rule: any data within {@code max_block_data}
 * is valid. Immutable.
 *
 * @param randomLength the number of random bytes, when {@code predefined} is empty
 * @param predefined fixed bytes to use instead of random ones (the UTF-8 of the "predef" text)
 * @param random true for {@code ["rnd", n]}, false for {@code ["predef", "text"]}
 */
public record PlaceholderData(boolean random, int randomLength, Bytes predefined) {
  /**
   * @throws IllegalArgumentException if {@code randomLength} is negative
   */
  public PlaceholderData {
    if (randomLength < 0) {
      throw new IllegalArgumentException("placeholder_data: random length must not be negative: " + randomLength);
    }
    Checks.present("predefined", predefined);
  }

  /** {@code ["rnd", n]}: n random bytes. */
  public static PlaceholderData random(int length) {
    return new PlaceholderData(true, length, Bytes.EMPTY);
  }

  /** {@code ["predef", text]}: the given bytes. */
  public static PlaceholderData predefined(Bytes bytes) {
    return new PlaceholderData(false, 0, bytes);
  }
}
