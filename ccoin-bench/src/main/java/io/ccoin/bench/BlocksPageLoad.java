package io.ccoin.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * One first render of the explorer's block list ({@code /#/blocks}), request for request as a
 * browser makes it, in the browser's order: {@code index.html}; then the files it names (the style
 * sheet and {@code js/app.js}); then, wave after wave, the JavaScript modules those import; then the
 * two calls the page makes once its modules run (js/app.js and {@code blocks} in js/pages.js):
 * {@code GET /api/v1/events} (timed to its response headers, then closed, as a tab that is closed)
 * and {@code GET /api/v1/blocks?limit=20}. Requests of one wave go out together, at most as many at
 * once as the executor has threads (a browser keeps 6 connections to a host). Every file is fetched
 * in full each time (no cache), so a load costs the node at least what a browser's first visit does.
 */
final class BlocksPageLoad {
  /** The calls the block list makes once its modules run (js/app.js and js/pages.js). */
  static final List<String> API_CALLS = List.of("/api/v1/events", "/api/v1/blocks?limit=20");
  static final String EVENTS = "/api/v1/events";

  private static final Pattern STYLESHEET = Pattern.compile("<link\\b[^>]*\\brel=\"stylesheet\"[^>]*\\bhref=\"([^\"]+)\"");
  private static final Pattern SCRIPT = Pattern.compile("<script\\b[^>]*\\bsrc=\"([^\"]+)\"");
  private static final Pattern IMPORT = Pattern.compile("\\b(?:from|import)\\s*['\"](\\.{1,2}/[^'\"]+)['\"]");

  /**
   * What one load did: the nanoseconds of each request that succeeded (by path, in the order sent),
   * the requests that failed (path and why), and the nanoseconds of the whole load (-1 when a
   * request failed).
   */
  record Result(Map<String, Long> requestNanos, Map<String, String> failures, long totalNanos) {
    boolean ok() {
      return failures.isEmpty();
    }
  }

  private final URI base;
  private final OkHttpClient http;
  private final ExecutorService connections;

  /**
   * @param base the node's HTTP address, e.g. {@code http://127.0.0.1:30340/} (the explorer is at its {@code /})
   * @param connections runs the requests of one wave; its thread count is the number sent at once
   */
  BlocksPageLoad(URI base, OkHttpClient http, ExecutorService connections) {
    this.base = base.getPath() == null || base.getPath().isEmpty() ? base.resolve("/") : base;
    this.http = http;
    this.connections = connections;
  }

  /** Loads the page once. */
  Result load() throws InterruptedException {
    Map<String, Long> nanos = new LinkedHashMap<>();
    Map<String, String> failures = new LinkedHashMap<>();
    long start = System.nanoTime();
    URI index = base.resolve("/");
    Fetched html = fetchAll(List.of(index), nanos, failures).get(index);
    if (html != null) {
      List<URI> wave = new ArrayList<>();
      for (Pattern p : List.of(STYLESHEET, SCRIPT)) {
        Matcher m = p.matcher(html.text());
        while (m.find()) {
          wave.add(index.resolve(m.group(1)));
        }
      }
      Set<URI> seen = new LinkedHashSet<>(wave);
      while (!wave.isEmpty()) {
        List<URI> next = new ArrayList<>();
        for (Map.Entry<URI, Fetched> f : fetchAll(wave, nanos, failures).entrySet()) {
          if (f.getKey().getPath().endsWith(".js")) {
            Matcher m = IMPORT.matcher(f.getValue().text());
            while (m.find()) {
              URI imported = f.getKey().resolve(m.group(1));
              if (seen.add(imported)) {
                next.add(imported);
              }
            }
          }
        }
        wave = next;
      }
      fetchAll(API_CALLS.stream().map(index::resolve).toList(), nanos, failures);
    }
    long total = System.nanoTime() - start;
    return new Result(nanos, failures, failures.isEmpty() ? total : -1);
  }

  /** A file's text. */
  private record Fetched(String text) {}

  /** Sends {@code uris} together; returns what came back 2xx, and records each request's time or failure. */
  private Map<URI, Fetched> fetchAll(List<URI> uris, Map<String, Long> nanos, Map<String, String> failures)
      throws InterruptedException {
    Map<URI, Future<Fetched>> pending = new LinkedHashMap<>();
    Map<URI, long[]> took = new LinkedHashMap<>();
    for (URI u : uris) {
      long[] t = new long[1];
      took.put(u, t);
      pending.put(u, connections.submit(() -> fetch(u, t)));
    }
    Map<URI, Fetched> out = new LinkedHashMap<>();
    for (Map.Entry<URI, Future<Fetched>> e : pending.entrySet()) {
      String path = pathOf(e.getKey());
      try {
        out.put(e.getKey(), e.getValue().get());
        nanos.put(path, took.get(e.getKey())[0]);
      } catch (ExecutionException ex) {
        failures.put(path, String.valueOf(ex.getCause().getMessage()));
      }
    }
    return out;
  }

  private Fetched fetch(URI uri, long[] took) throws IOException {
    boolean events = uri.getPath().equals(EVENTS);
    Request.Builder request = new Request.Builder().url(uri.toString());
    if (events) {
      request.header("Accept", "text/event-stream");
    }
    long start = System.nanoTime();
    try (Response r = http.newCall(request.build()).execute()) {
      if (!r.isSuccessful()) {
        throw new IOException("HTTP " + r.code());
      }
      // the event stream stays open: timed to its headers, then closed; anything else is read in full
      String text = events ? "" : new String(r.body().bytes(), StandardCharsets.UTF_8);
      took[0] = System.nanoTime() - start;
      return new Fetched(text);
    }
  }

  static String pathOf(URI u) {
    return u.getRawPath() + (u.getRawQuery() != null ? "?" + u.getRawQuery() : "");
  }
}
