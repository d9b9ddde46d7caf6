package io.ccoin.node.cli;

/**
 * A command's outcome that is not success and not a usage error, with its own exit status (for
 * example {@code tx send --wait} when the transaction was not confirmed in time). Printed as one line.
 */
final class ExitException extends RuntimeException {
  private final int status;

  ExitException(int status, String message) {
    super(message);
    this.status = status;
  }

  int status() {
    return status;
  }
}
