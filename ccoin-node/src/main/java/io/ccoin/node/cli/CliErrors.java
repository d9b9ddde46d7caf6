package io.ccoin.node.cli;

import io.ccoin.core.IoErrors;
import io.ccoin.core.crypto.KeystoreException;
import io.ccoin.core.genesis.GenesisException;
import io.ccoin.core.json.JsonFormatException;
import io.ccoin.node.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one place that turns a failure into the command line's one line and exit status: a bad
 * argument, file or setting is {@link CcoinCli#USAGE} (2), anything else 1. The line never shows
 * an exception's class name or a stack trace, and names an I/O failure's reason once.
 */
final class CliErrors {
  private CliErrors() {}

  /** The exit status for {@code e}. */
  static int status(Throwable e) {
    if (e instanceof ExitException exit) {
      return exit.status();
    }
    boolean usage = e instanceof UsageException || e instanceof ConfigException || e instanceof GenesisException
        || e instanceof KeystoreException || e instanceof JsonFormatException || e instanceof IllegalArgumentException;
    return usage ? CcoinCli.USAGE : 1;
  }

  /** One line saying what went wrong, without the {@code ccoin: } prefix. */
  static String message(Throwable e) {
    String text;
    if (e instanceof IOException io) {
      text = IoErrors.reason(io);
    } else if (e instanceof UncheckedIOException u) {
      String own = u.getMessage();
      String reason = IoErrors.reason(u.getCause());
      text = own == null || own.equals(u.getCause().toString()) ? reason : own.contains(reason) ? own : own + ": " + reason;
    } else if (e.getMessage() == null || e.getMessage().isBlank()) {
      Throwable cause = e.getCause();
      text = cause != null && cause != e ? message(cause) : unexpected(e);
    } else {
      text = e.getMessage();
    }
    return oneLine(text);
  }

  /** A failure without a message is a bug: say so, and where, so that a report can name it. */
  private static String unexpected(Throwable e) {
    StackTraceElement[] trace = e.getStackTrace();
    String where = trace.length == 0 ? "" : " at " + trace[0].getFileName() + ":" + trace[0].getLineNumber();
    return "internal error (" + e.getClass().getSimpleName() + where + "); please report it with the command you ran";
  }

  static String oneLine(String text) {
    return text.strip().replaceAll("\\s*\\R\\s*", "; ");
  }
}
