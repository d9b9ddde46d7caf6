package io.ccoin.node.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/v1/openapi.json}: the OpenAPI 3 description of every route, the resource
 * {@code openapi.json} beside this class, maintained by hand with the routes ({@code OpenApiTest}
 * fails when a route the server registers is not described, or a described one does not exist).
 * Read once; thread-safe.
 */
final class OpenApiDocument {
  static final String RESOURCE = "openapi.json";

  private final byte[] json;

  OpenApiDocument() {
    try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the resource " + RESOURCE + " is missing from the classpath");
      }
      this.json = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the resource " + RESOURCE, e);
    }
  }

  void serve(Context ctx) {
    ctx.status(200).contentType(Endpoints.JSON).result(json);
  }
}
