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
  private final long retryAfterSeconds;

  private ApiException(int status, String code, String message, long retryAfterSeconds) {
    super(Objects.requireNonNull(message, "message"), null, false, false);
    this.status = status;
    this.code = Objects.requireNonNull(code, "code");
    this.retryAfterSeconds = retryAfterSeconds;
  }

  ApiException(int status, String code, String message) {
    this(status, code, message, 0);
    if (status == 429) {
      throw new IllegalArgumentException("a 429 needs a Retry-After: use ApiException.rateLimited");
    }
  }

  ApiException(ErrorCode code, String message) {
    this(code.status(), code.code(), message);
  }

  /** {@code 429 rate_limited}, answered with {@code Retry-After: retryAfterSeconds} (at least 1). */
  static ApiException rateLimited(String message, long retryAfterSeconds) {
    return new ApiException(ErrorCode.RATE_LIMITED.status(), ErrorCode.RATE_LIMITED.code(), message, Math.max(1, retryAfterSeconds));
  }

  /** {@code 503 not_ready} with {@code Retry-After: retryAfterSeconds} (at least 1): the node cannot take this now. */
  static ApiException notReady(String message, long retryAfterSeconds) {
    return new ApiException(ErrorCode.NOT_READY.status(), ErrorCode.NOT_READY.code(), message, Math.max(1, retryAfterSeconds));
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

  /** The seconds for {@code Retry-After}; 0 when the answer has none. */
  long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
