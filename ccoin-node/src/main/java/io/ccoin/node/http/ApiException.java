package io.ccoin.node.http;

import java.util.Objects;

/**
 * A request the API refuses: answered with {@link #status()} and
 * {@code {"error": {"code": code, "message": message}}}. The message is for humans and never
 * carries a stack trace or secret.
 */
final class ApiException extends RuntimeException {
  private final int status;
  private final String code;

  ApiException(int status, String code, String message) {
    super(Objects.requireNonNull(message, "message"), null, false, false);
    this.status = status;
    this.code = Objects.requireNonNull(code, "code");
  }

  ApiException(ErrorCode code, String message) {
    this(code.status(), code.code(), message);
  }

  static ApiException badParameter(String message) {
    return new ApiException(ErrorCode.BAD_PARAMETER, message);
  }

  static ApiException notFound(String message) {
    return new ApiException(ErrorCode.NOT_FOUND, message);
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }
}
