package io.ccoin.node.cli;

import io.ccoin.api.Address;
import io.ccoin.api.Hash;

/** Parses addresses and hashes given on the command line, naming the option when one is wrong. */
final class Addresses {
  private Addresses() {}

  static Address parse(String option, String text) {
    try {
      return Address.fromHex(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException(option + " is not an address (40 hex digits): " + text);
    }
  }

  static Hash hash(String what, String text) {
    try {
      return Hash.fromHex(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException(what + " is not a transaction hash (64 hex digits): " + text);
    }
  }
}
