package io.ccoin.core;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * Says in a few words why an I/O operation failed, for messages that already name the file or the
 * address: "no such file", "permission denied", "connection refused". The JDK's own messages repeat
 * the file name ({@code NoSuchFileException}), or are absent ({@code ConnectException} from the
 * HTTP client), so callers that print {@code e.getMessage()} or {@code e.toString()} end up with
 * "x.json: cannot read: x.json" or "java.net.ConnectException". Stateless and thread-safe.
 */
public final class IoErrors {
  private IoErrors() {}

  /**
   * The reason for {@code e}, without the file name, the exception's class or a trailing period.
   * The outermost exception of a known kind in the cause chain decides (the HTTP client wraps a
   * ConnectException around a ClosedChannelException); otherwise the first message found.
   */
  public static String reason(IOException e) {
    Throwable t = e;
    for (int depth = 0; t != null && depth < 10; depth++, t = t.getCause()) {
      if (t instanceof IOException io) {
        String known = known(io);
        if (known != null) {
          return known;
        }
      }
    }
    t = e;
    for (int depth = 0; t != null && depth < 10; depth++, t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank() && !(t.getCause() != null && t.getMessage().equals(t.getCause().toString()))) {
        return lowerFirst(t.getMessage().strip());
      }
    }
    return words(e.getClass().getSimpleName());
  }

  private static String known(IOException root) {
    if (root instanceof NoSuchFileException) {
      return "no such file or folder";
    }
    if (root instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (root instanceof NotDirectoryException) {
      return "not a folder";
    }
    if (root instanceof FileAlreadyExistsException) {
      return "already exists";
    }
    if (root instanceof DirectoryNotEmptyException) {
      return "folder not empty";
    }
    if (root instanceof FileSystemException fs) {
      return fs.getReason() != null ? lowerFirst(fs.getReason()) : "file system error";
    }
    if (root instanceof ConnectException) {
      return "connection refused";
    }
    if (root instanceof BindException) {
      return root.getMessage() != null ? lowerFirst(root.getMessage()) : "address already in use";
    }
    if (root instanceof HttpConnectTimeoutException) {
      return "no connection within the time limit";
    }
    if (root instanceof HttpTimeoutException || root instanceof SocketTimeoutException) {
      return "no answer within the time limit";
    }
    if (root instanceof InterruptedIOException && "timeout".equals(root.getMessage())) {
      return "no answer within the time limit"; // OkHttp's call timeout
    }
    if (root instanceof UnknownHostException) {
      return "unknown host" + (root.getMessage() != null ? " " + root.getMessage() : "");
    }
    if (root instanceof NoRouteToHostException) {
      return "no route to host";
    }
    if (root instanceof ClosedChannelException) {
      return "connection closed";
    }
    return null;
  }

  /** "SSLHandshakeException" to "ssl handshake problem"; "EOFException" to "eof problem". */
  static String words(String simpleName) {
    String base = simpleName.replaceAll("(Exception|Error)$", "");
    String spaced = base.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replaceAll("([A-Z]+)([A-Z][a-z])", "$1 $2");
    return (spaced.isEmpty() ? "input/output" : spaced.toLowerCase(Locale.ROOT)) + " problem";
  }

  private static String lowerFirst(String s) {
    if (s.length() > 1 && Character.isUpperCase(s.charAt(0)) && Character.isLowerCase(s.charAt(1))) {
      return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
    return s;
  }
}
