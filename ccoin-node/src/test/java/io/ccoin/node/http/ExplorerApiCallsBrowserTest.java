package io.ccoin.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.StoredBlock;
import io.ccoin.api.Transaction;
import io.ccoin.core.Hashes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;

/**
 * How many requests each page's first render makes, counted in a real headless Chromium (its
 * performance log: every request the page sent) on the same node at 100 blocks and again at 10,000:
 * at most the bound docs/EXPLORER.md states, and the same at both lengths.
 */
class ExplorerApiCallsBrowserTest {
  /** The longer chain: 10,000 blocks (as issue 13 asks); {@code -Dccoin.explorer.longChain=N} changes it. */
  static final int LONG_CHAIN = Integer.getInteger("ccoin.explorer.longChain", 10_000);
  static final int SHORT_CHAIN = 100;

  /** The most {@code /api/v1} calls (the event stream not counted) each page's first render may make (docs/EXPLORER.md). */
  static final Map<String, Integer> BOUND = Map.of(
      "overview", 5, "blocks", 1, "block", 1, "transaction", 1, "account", 3, "miners", 1, "peers", 2);

  /** Every page loads index.html, explorer.css and the 8 JavaScript modules. */
  static final int FILES = 10;

  ApiFixture api;
  Browser browser;

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (api != null) {
      api.close();
    }
  }

  /** What one first render asked for. */
  record Calls(List<String> api, boolean events, List<String> files) {}

  @Test
  void eachPageMakesABoundedNumberOfApiCallsThatDoesNotGrowWithTheChain() {
    browser = Browser.start(true);
    api = new ApiFixture();
    Transaction tx = api.transfer(api.alice, 0, api.bob, 42, 2);
    StoredBlock txBlock = api.extend(List.of(tx));
    extendTo(SHORT_CHAIN);
    Map<String, Calls> atShort = firstRenders(tx, txBlock);

    long started = System.nanoTime();
    extendTo(LONG_CHAIN);
    System.out.printf("ExplorerApiCallsBrowserTest: %d more blocks built and imported in %.1f s%n",
        LONG_CHAIN - SHORT_CHAIN, (System.nanoTime() - started) / 1e9);
    Map<String, Calls> atLong = firstRenders(tx, txBlock);

    for (var e : atLong.entrySet()) {
      String page = e.getKey();
      Calls calls = e.getValue();
      System.out.printf("ExplorerApiCallsBrowserTest: %-11s at %d blocks: %d API calls %s, event stream %s, %d files; at %d blocks: %d API calls%n",
          page, LONG_CHAIN, calls.api().size(), calls.api(), calls.events() ? "opened" : "not opened", calls.files().size(),
          SHORT_CHAIN, atShort.get(page).api().size());
      assertThat(calls.api()).as("API calls of the %s page at %d blocks", page, LONG_CHAIN).hasSizeLessThanOrEqualTo(BOUND.get(page))
          .isNotEmpty();
      assertThat(calls.api()).as("the %s page asks the same at %d and at %d blocks", page, SHORT_CHAIN, LONG_CHAIN)
          .hasSameSizeAs(atShort.get(page).api());
      assertThat(calls.events()).as("the %s page opens the event stream", page).isTrue();
      assertThat(calls.files()).as("files of the %s page: index.html, explorer.css and the 8 modules", page).hasSize(FILES)
          .hasSameSizeAs(atShort.get(page).files());
    }
  }

  void extendTo(int length) {
    while (api.node.head().number() < length) {
      api.extend(List.of());
    }
  }

  /** Opens each kind of page afresh (a new document, not a hash change) and records its requests. */
  Map<String, Calls> firstRenders(Transaction tx, StoredBlock txBlock) {
    String alice = api.alice.address().toHex();
    long head = api.node.head().number();
    Map<String, Calls> out = new LinkedHashMap<>();
    out.put("overview", firstRender("#/", b -> b.awaitFirstRow("recent-blocks", Long.toString(head))));
    out.put("blocks", firstRender("#/blocks", b -> b.awaitFirstRow("block-rows", Long.toString(head))));
    out.put("block", firstRender("#/block/" + txBlock.number(), b -> b.awaitContains("block-state", alice)));
    out.put("transaction", firstRender("#/tx/" + Hashes.txHash(tx).toHex(), b -> b.awaitContains("tx-status", "confirmed")));
    out.put("account", firstRender("#/account/" + alice, b -> b.awaitContains("proof-result", "verified against block " + head)));
    out.put("miners", firstRender("#/miners", b -> b.awaitContains("miner-rows", "in turn")));
    out.put("peers", firstRender("#/peers", b -> b.awaitContains("no-peers", "No peers")));
    return out;
  }

  Calls firstRender(String route, Consumer<Browser> rendered) {
    // A new tab for each page, the last one closed: a first render in a new document, and no
    // earlier page (kept in the back-forward cache) holding an event stream open.
    String previous = browser.driver.getWindowHandle();
    browser.driver.switchTo().newWindow(WindowType.TAB);
    String tab = browser.driver.getWindowHandle();
    browser.driver.switchTo().window(previous).close();
    browser.driver.switchTo().window(tab);
    browser.requestedUrls();
    browser.open(api.base + "/" + route);
    rendered.accept(browser);
    browser.awaitContains("live", "live");
    assertThat(browser.driver.findElements(By.id("error"))).as("an error on %s", route).isEmpty();
    List<String> urls = browser.requestedUrls();
    String apiBase = api.base + "/api/v1/";
    List<String> apiCalls = urls.stream().filter(u -> u.startsWith(apiBase) && !u.equals(apiBase + "events")).toList();
    boolean events = urls.contains(apiBase + "events");
    // The page's files; not the icon Chromium asks for on its own (sometimes), which no page names.
    List<String> files = urls.stream().filter(u -> u.startsWith(api.base) && !u.startsWith(apiBase) && !u.equals(api.base + "/favicon.ico"))
        .toList();
    return new Calls(apiCalls.stream().map(u -> u.substring(apiBase.length() - 1)).toList(), events, files);
  }
}
