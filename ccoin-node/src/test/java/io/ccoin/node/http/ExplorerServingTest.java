package io.ccoin.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The explorer's files at {@code /}: served from the jar with strict security headers, and nothing else changes. */
class ExplorerServingTest {
  final ApiFixture api = new ApiFixture();

  @AfterEach
  void close() {
    api.close();
  }

  @Test
  void theRootServesThePageWithAStrictContentSecurityPolicy() {
    ApiFixture.Reply r = api.get("/");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.headers().get("Content-Type")).startsWith("text/html");
    assertThat(r.text()).contains("<script type=\"module\" src=\"js/app.js\"></script>").doesNotContain("style=");
    assertThat(r.headers().get("Content-Security-Policy")).isEqualTo(Explorer.CONTENT_SECURITY_POLICY)
        .contains("default-src 'self'").doesNotContain("unsafe");
    assertThat(r.headers().get("X-Content-Type-Options")).isEqualTo("nosniff");
  }

  @Test
  void theScriptsAreJavaScriptModulesWithTheSameHeaders() {
    for (String file : new String[] {"js/app.js", "js/pages.js", "js/proof.js", "js/msgpack.js", "js/dom.js", "js/api.js", "js/bytes.js", "js/chart.js"}) {
      ApiFixture.Reply r = api.get("/" + file);
      assertThat(r.status()).as(file).isEqualTo(200);
      assertThat(r.headers().get("Content-Type")).as(file).contains("javascript");
      assertThat(r.headers().get("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(r.text()).as(file).doesNotContain("innerHTML").doesNotContain("outerHTML").doesNotContain("insertAdjacentHTML")
          .doesNotContain("document.write").doesNotContain("eval(");
    }
    assertThat(api.get("/explorer.css").headers().get("Content-Type")).startsWith("text/css");
  }

  @Test
  void unknownPathsAndTheApiAreUnchanged() {
    api.get("/nope.html").error(404, "not_found");
    api.get("/api/v1/nope").error(404, "not_found");
    assertThat(api.get("/api/v1/status").headers().get("Content-Type")).startsWith("application/json");
  }
}
