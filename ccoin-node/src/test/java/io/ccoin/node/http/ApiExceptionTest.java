package io.ccoin.node.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Every 429 the API can make carries a Retry-After. */
class ApiExceptionTest {
  @Test
  void aRateLimitedAnswerCannotBeMadeWithoutRetryAfter() {
    assertThatThrownBy(() -> new ApiException(ErrorCode.RATE_LIMITED, "slow down")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ApiException(429, "rate_limited", "slow down")).isInstanceOf(IllegalArgumentException.class);
    ApiException e = ApiException.rateLimited("slow down", 0);
    assertThat(e.status()).isEqualTo(429);
    assertThat(e.code()).isEqualTo("rate_limited");
    assertThat(e.retryAfterSeconds()).isEqualTo(1);
    assertThat(ApiException.rateLimited("slow down", 15).retryAfterSeconds()).isEqualTo(15);
    assertThat(ApiException.notFound("no").retryAfterSeconds()).isZero();
  }
}
