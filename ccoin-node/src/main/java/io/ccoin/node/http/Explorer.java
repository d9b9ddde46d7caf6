package io.ccoin.node.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import java.util.Map;

/**
 * The block explorer served at {@code /}: static HTML, CSS and JavaScript modules from the jar
 * ({@code io/ccoin/node/explorer}), which read only this node's {@code /api/v1} and
 * {@code /api/v1/events} (docs/EXPLORER.md). Every file goes out with a strict Content-Security-Policy
 * (same origin only, no inline script or style, no frames, no forms) and {@code nosniff}, so hostile
 * chain data that the pages show as text could not run even if a page were wrong.
 */
final class Explorer {
  /** The classpath folder of the explorer's files. */
  static final String CLASSPATH_DIRECTORY = "/io/ccoin/node/explorer";

  /** The Content-Security-Policy of every explorer file. */
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

  /** The headers of every explorer file. */
  static final Map<String, String> HEADERS = Map.of(
      "Content-Security-Policy", CONTENT_SECURITY_POLICY,
      "X-Content-Type-Options", "nosniff",
      "Referrer-Policy", "no-referrer",
      "X-Frame-Options", "DENY",
      "Cache-Control", "no-cache");

  private Explorer() {}

  /** Serves the explorer's files at {@code /} (index.html for {@code /}). */
  static void install(JavalinConfig cfg) {
    cfg.staticFiles.add(files -> {
      files.hostedPath = "/";
      files.directory = CLASSPATH_DIRECTORY;
      files.location = Location.CLASSPATH;
      files.headers = HEADERS;
    });
  }
}
