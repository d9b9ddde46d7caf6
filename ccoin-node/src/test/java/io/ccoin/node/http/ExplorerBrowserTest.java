package io.ccoin.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.ccoin.api.Bytes;
import io.ccoin.api.StoredBlock;
import io.ccoin.api.Transaction;
import io.ccoin.core.Hashes;
import io.ccoin.core.TransactionBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The explorer (served at {@code /}) in a real headless Chromium, against a node whose blocks the
 * test builds ({@link ApiFixture}: nothing changes unless the test says so). One browser and one
 * node for the class; tests only ever add blocks, so each checks what it needs whatever ran before.
 * Every test saves a screenshot under target/explorer-screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExplorerBrowserTest {
  /** Transaction data that would run script if any page put it into HTML. */
  static final String HOSTILE = "<script>window.__pwned='script'</script><img src=x onerror=\"window.__pwned='img'\">";

  ApiFixture api;
  Browser browser;
  final List<Transaction> transfers = new ArrayList<>();
  Transaction hostile;
  StoredBlock hostileBlock;
  long aliceNonce;

  @BeforeAll
  void start() {
    browser = Browser.start();
    api = new ApiFixture();
    // 25 blocks: transfers from alice to bob in some, one carrying hostile data, so the pages have
    // more than one page of blocks and the charts have something to draw.
    for (int i = 1; i <= 25; i++) {
      List<Transaction> txs = new ArrayList<>();
      if (i == 3) {
        hostile = TransactionBuilder.forNetwork(5, api.node.genesis().hash()).nonce(aliceNonce++).to(api.bob.address()).value(7).fee(3)
            .data(Bytes.of(HOSTILE.getBytes(StandardCharsets.UTF_8))).sign(api.alice);
        txs.add(hostile);
      } else {
        for (int k = 0; k < i % 4; k++) {
          Transaction t = api.transfer(api.alice, aliceNonce++, api.bob, 100 + i, 2);
          txs.add(t);
          transfers.add(t);
        }
      }
      StoredBlock b = api.extend(txs);
      if (i == 3) {
        hostileBlock = b;
      }
    }
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (api != null) {
      api.close();
    }
  }

  String page(String route) {
    return api.base + "/" + route;
  }

  long head() {
    return api.node.head().number();
  }

  @Test
  void theOverviewShowsTheHeadAuthoritiesAndChartsAndFollowsNewBlocksWithoutAReload() {
    browser.open(page("#/"));
    browser.awaitText("head-number", Long.toString(head()));
    browser.awaitContains("sync-state", "SYNCED");
    List<WebElement> bars = browser.await("chart bars", d -> {
      List<WebElement> r = d.findElements(By.cssSelector(".chart svg rect"));
      return r.size() >= 3 * 20 ? r : null;
    });
    assertThat(bars).hasSizeGreaterThanOrEqualTo(60);
    String miners = browser.awaitContains("page", "in turn");
    assertThat(miners).contains(api.f.leaderOn(api.node.head().stored()).address().toHex());
    browser.awaitContains("live", "live");
    browser.script("window.__sameDocument = 'yes'");

    StoredBlock next = api.extend(List.of(api.transfer(api.alice, aliceNonce++, api.bob, 5, 2)));
    browser.awaitText("head-number", Long.toString(next.number()));
    browser.awaitFirstRow("recent-blocks", Long.toString(next.number()));
    assertThat(browser.script("return window.__sameDocument")).as("no reload").isEqualTo("yes");
    browser.screenshot("overview");
  }

  @Test
  void theBlockListPagesNewestFirstAndLinksToBlocksTheirParentsAndChildren() {
    browser.open(page("#/blocks"));
    long head = head();
    browser.awaitFirstRow("block-rows", Long.toString(head));
    List<WebElement> rows = browser.driver.findElements(By.cssSelector("#block-rows tr"));
    assertThat(rows).hasSize(20);
    browser.screenshot("blocks");
    browser.driver.findElement(By.cssSelector("a.older")).click();
    browser.awaitFirstRow("block-rows", Long.toString(head - 20));

    browser.driver.findElement(By.linkText(Long.toString(head - 21))).click();
    browser.awaitText("block-number", Long.toString(head - 21));
    StoredBlock b = api.node.block(head - 21).orElseThrow();
    browser.awaitContains("page", b.hash().toHex());
    browser.driver.findElement(By.linkText(b.block().header().parentHash().toHex())).click();
    browser.awaitText("block-number", Long.toString(head - 22));
    browser.driver.findElement(By.linkText(Long.toString(head - 21))).click();
    browser.awaitText("block-number", Long.toString(head - 21));
  }

  @Test
  void aBlockPageShowsItsTransactionsAndTheStateItChanged() {
    browser.open(page("#/block/" + hostileBlock.number()));
    String txs = browser.awaitContains("block-txs", Hashes.txHash(hostile).toHex().substring(0, 10));
    assertThat(txs).isNotEmpty();
    String state = browser.awaitContains("block-state", api.alice.address().toHex());
    assertThat(state).contains(api.bob.address().toHex());
    browser.screenshot("block");
    browser.driver.findElement(By.cssSelector("#block-txs a[href^='#/tx/']")).click();
    browser.awaitContains("tx-status", "confirmed");
  }

  @Test
  void hostileTransactionDataIsShownAsTextAndRunsNothing() {
    String hash = Hashes.txHash(hostile).toHex();
    browser.open(page("#/tx/" + hash));
    browser.awaitText("data-text", HOSTILE);
    browser.awaitContains("tx-status", "confirmed");
    assertThat(browser.textOf(browser.byId("page"))).contains(api.alice.address().toHex(), api.bob.address().toHex(), "7");
    assertThat(browser.driver.findElements(By.cssSelector("main img, main script"))).isEmpty();
    assertThat(browser.script("return window.__pwned === undefined")).isEqualTo(true);
    browser.screenshot("transaction-hostile-data");
    browser.driver.findElement(By.linkText(Long.toString(hostileBlock.number()) + " (index 0)")).click();
    browser.awaitText("block-number", Long.toString(hostileBlock.number()));
    assertThat(browser.script("return window.__pwned === undefined")).isEqualTo(true);
  }

  @Test
  void theSearchBoxFindsBlocksByNumberAndHashTransactionsAndAccounts() {
    browser.open(page("#/"));
    browser.byId("head-number");
    search("4");
    browser.awaitText("block-number", "4");
    search(api.node.block(6).orElseThrow().hash().toHex().toUpperCase(java.util.Locale.ROOT));
    browser.awaitText("block-number", "6");
    search(Hashes.txHash(transfers.get(0)).toHex());
    browser.awaitContains("page", Hashes.txHash(transfers.get(0)).toHex());
    browser.awaitContains("tx-status", "confirmed");
    search("0x" + api.bob.address().toHex());
    browser.awaitContains("page", "Account");
    browser.awaitContains("page", api.bob.address().toHex());
    search("ab".repeat(32));
    browser.awaitContains("not-found", "abab");
    search("hello");
    browser.awaitContains("not-found", "hello");
  }

  void search(String key) {
    WebElement input = browser.driver.findElement(By.id("search-input"));
    input.clear();
    input.sendKeys(key);
    browser.driver.findElement(By.cssSelector("#search button")).click();
  }

  @Test
  void theAccountPageVerifiesItsStateProofInTheBrowserAndPagesItsTransactions() {
    String alice = api.alice.address().toHex();
    browser.open(page("#/account/" + alice));
    String verdict = browser.awaitContains("proof-result", "verified against block " + head());
    assertThat(verdict).contains("balance " + api.node.account(api.alice.address()).balance());
    assertThat(browser.byId("proof-result").getAttribute("class")).contains("ok");
    List<WebElement> rows = browser.await("account transactions", d -> {
      List<WebElement> r = d.findElements(By.cssSelector("#account-txs tbody tr"));
      return r.size() == 20 ? r : null;
    });
    assertThat(rows).hasSize(20);
    browser.screenshot("account");
    String newest = browser.textOf(rows.get(0).findElement(By.tagName("td")));
    browser.driver.findElement(By.cssSelector("a.older")).click();
    browser.await("the older page", d -> {
      List<WebElement> first = d.findElements(By.cssSelector("#account-txs tbody tr:first-child td:first-child"));
      return d.getCurrentUrl().contains("/before/") && !first.isEmpty() && !newest.equals(browser.textOf(first.get(0))) ? Boolean.TRUE : null;
    });
    browser.awaitContains("proof-result", "verified");
    int older = browser.driver.findElements(By.cssSelector("#account-txs tbody tr")).size();
    assertThat(20 + older).isEqualTo((int) aliceNonce);
  }

  @Test
  void aTamperedProofIsReportedAsNotMatching() throws IOException {
    HttpServer proxy = TamperingProxy.start(api.base);
    try {
      String bob = api.bob.address().toHex();
      browser.open("http://127.0.0.1:" + proxy.getAddress().getPort() + "/#/account/" + bob);
      String verdict = browser.awaitContains("proof-result", "does NOT match");
      assertThat(verdict).contains("leads to state root");
      assertThat(browser.byId("proof-result").getAttribute("class")).contains("bad");
      browser.screenshot("account-tampered-proof");
    } finally {
      proxy.stop(0);
    }
  }

  @Test
  void theMinersAndPeersPagesListTheAuthoritiesAndPeers() {
    browser.open(page("#/miners"));
    String miners = browser.awaitContains("miner-rows", "in turn");
    for (var m : api.f.miners) {
      assertThat(miners).contains(m.address().toHex());
    }
    browser.screenshot("miners");
    browser.open(page("#/peers"));
    browser.awaitContains("no-peers", "No peers");
  }

  @Test
  void theBrowserEnforcesTheContentSecurityPolicy() {
    browser.open(page("#/peers"));
    browser.byId("no-peers");
    // An inline script, as an injection would add one: without 'unsafe-inline' the policy makes Chromium refuse it.
    browser.script("const s = document.createElement('script'); s.textContent = \"window.__inline = 'ran'\"; document.body.appendChild(s);");
    assertThat(browser.script("return window.__inline === undefined")).isEqualTo(true);
  }

  static void write(com.sun.net.httpserver.HttpExchange ex, int status, byte[] body, String type) throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  /** A test double of the node: forwards everything, but changes one account balance in every state proof. */
  static final class TamperingProxy {
    static HttpServer start(String target) throws IOException {
      okhttp3.OkHttpClient client = new okhttp3.OkHttpClient();
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/", ex -> {
        String path = ex.getRequestURI().toString();
        if (path.startsWith("/api/v1/events")) {
          write(ex, 404, new byte[0], "text/plain");
          return;
        }
        try (okhttp3.Response r = client.newCall(new okhttp3.Request.Builder().url(target + path).build()).execute()) {
          byte[] body = r.body() == null ? new byte[0] : r.body().bytes();
          String type = r.header("Content-Type", "application/octet-stream");
          if (path.matches("/api/v1/accounts/[0-9a-f]{40}/proof")) {
            var json = (com.fasterxml.jackson.databind.node.ObjectNode) ApiFixture.MAPPER.readTree(body);
            var terminal = (com.fasterxml.jackson.databind.node.ObjectNode) json.get("terminal");
            terminal.put("balance", Long.toString(Long.parseLong(terminal.get("balance").asText()) + 1_000_000));
            body = json.toString().getBytes(StandardCharsets.UTF_8);
          }
          write(ex, r.code(), body, type);
        }
      });
      server.start();
      return server;
    }
  }
}
