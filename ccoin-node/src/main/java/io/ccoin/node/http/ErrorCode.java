package io.ccoin.node.http;

import java.util.Locale;

/** The error codes of SPEC 11 and the HTTP status each is answered with by default. */
enum ErrorCode {
  MALFORMED_JSON(400),
  BAD_BASE64(400),
  BAD_HEX(400),
  BAD_ENCODING(400),
  BAD_PARAMETER(400),
  /** 401 without a token; 403 with a wrong one. */
  UNAUTHORIZED(401),
  NOT_FOUND(404),
  /** Not in SPEC 11: {@code GET /events} asked for with an {@code Accept} header that excludes {@code text/event-stream}. */
  NOT_ACCEPTABLE(406),
  NONCE_TOO_LOW(409),
  REPLACEMENT_UNDERPRICED(409),
  POOL_FULL(409),
  /** A proposal whose vote would be invalid now (SPEC 7.1 item 2): adding a member, removing an outsider, the last member. */
  INVALID_VOTE(409),
  TOO_LARGE(413),
  WRONG_CHAIN(422),
  BAD_KEY(422),
  BAD_SIGNATURE(422),
  FEE_TOO_LOW(422),
  INSUFFICIENT_FUNDS(422),
  NONCE_TOO_FAR(422),
  /** Always with {@code Retry-After}: made only by {@link ApiException#rateLimited}. */
  RATE_LIMITED(429),
  /** Not in SPEC 11: a failure of the node itself, answered without details. */
  INTERNAL(500),
  NOT_READY(503);

  private final int status;

  ErrorCode(int status) {
    this.status = status;
  }

  String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  int status() {
    return status;
  }
}
