package io.ccoin.node.cli;

/** A bad argument, file or setting: reported as one line, exit status 2. */
public class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message);
  }

  public UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
