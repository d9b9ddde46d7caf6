package io.ccoin.net.discovery;

/**
 * A refused discovery request: the HTTP status and the {@code {"error": {"code", "message"}}} the
 * service answers with. Package-private plumbing between parsing, checks and the HTTP layer.
 */
final class DiscoveryError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  DiscoveryError(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  static DiscoveryError badParameter(String message) {
    return new DiscoveryError(400, "bad_parameter", message);
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }
}
