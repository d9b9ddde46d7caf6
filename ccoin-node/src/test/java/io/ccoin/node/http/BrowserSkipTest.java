package io.ccoin.node.http;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** Without Chromium the browser tests are skipped, saying why; never silently, never by failing. */
class BrowserSkipTest {
  @Test
  void aMissingBrowserAbortsTheTestWithTheReason() {
    String old = System.getProperty("ccoin.chromium");
    System.setProperty("ccoin.chromium", "/nonexistent/chromium");
    try {
      assertThatThrownBy(Browser::start).isInstanceOf(TestAbortedException.class)
          .hasMessageContaining("explorer browser tests skipped: /nonexistent/chromium is missing");
    } finally {
      if (old == null) {
        System.clearProperty("ccoin.chromium");
      } else {
        System.setProperty("ccoin.chromium", old);
      }
    }
  }
}
