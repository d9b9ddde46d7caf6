package io.ccoin.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.ccoin.api.StoredBlock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;

/**
 * The block list and the overview's recent blocks across a reorg, in a real headless Chromium: both
 * are open (in two tabs) while the node, through {@code CcoinNode.importBlock}, moves from a branch of
 * backup blocks onto a heavier branch of in-turn blocks on the same parent. Without a reload, each
 * page then lists exactly the canonical blocks (the new branch's) and none of the replaced ones, also
 * when the page's re-read after the reorg is answered before the next block and reaches the page after
 * that block's event (the test holds the answer back in the page).
 */
class ExplorerReorgBrowserTest {
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

  @Test
  void theBlockListAndTheOverviewShowTheNewBranchAndDropTheReplacedBlocksWithoutAReload() {
    browser = Browser.start();
    api = new ApiFixture();
    for (int i = 0; i < 24; i++) {
      api.extend(List.of(api.transfer(api.alice, i, api.bob, 10 + i, 2)));
    }
    StoredBlock fork = api.node.head().stored();
    // The branch shown first: three backup blocks (weight 1 each) on the fork point.
    List<StoredBlock> replaced = new ArrayList<>();
    StoredBlock p = fork;
    for (int i = 0; i < 3; i++) {
      p = api.importBlock(api.f.block(p, api.f.minerOfRank(p, 1), List.of()));
      replaced.add(p);
    }

    browser.open(api.base + "/#/blocks");
    browser.awaitFirstRow("block-rows", Long.toString(p.number()));
    awaitCanonicalRows("block-rows", 20);
    String blocksTab = browser.driver.getWindowHandle();
    browser.driver.switchTo().newWindow(WindowType.TAB);
    browser.open(api.base + "/#/");
    browser.awaitFirstRow("recent-blocks", Long.toString(p.number()));
    awaitCanonicalRows("recent-blocks", 10);
    browser.awaitContains("live", "live");
    String overviewTab = browser.driver.getWindowHandle();
    browser.driver.switchTo().window(blocksTab);
    browser.awaitContains("live", "live");
    for (String tab : List.of(blocksTab, overviewTab)) {
      browser.driver.switchTo().window(tab);
      browser.script("window.__sameDocument = 'yes'");
      browser.script(HOLD_BLOCK_READS);
    }

    // The competing branch: in-turn blocks (weight 2 each) on the same fork point; the second makes
    // it heavier (4 > 3) and the node reorganises onto it.
    List<StoredBlock> added = new ArrayList<>();
    StoredBlock q = fork;
    for (int i = 0; i < 2; i++) {
      q = api.importBlock(api.f.block(q, api.f.leaderOn(q), List.of()));
      added.add(q);
    }
    assertThat(api.node.head().hash()).isEqualTo(q.hash());
    // The worst order for a page: its re-read of the newest blocks (after the reorg event) is answered
    // before the next block, whose event the page receives before it gets that (older) answer.
    for (String tab : List.of(blocksTab, overviewTab)) {
      browser.driver.switchTo().window(tab);
      browser.await("the re-read of the newest blocks answered and held", d -> browser.script("return window.__answered === 1"));
    }
    q = api.importBlock(api.f.block(q, api.f.leaderOn(q), List.of()));
    added.add(q);
    assertThat(api.node.head().hash()).isEqualTo(q.hash());
    for (String tab : List.of(blocksTab, overviewTab)) {
      browser.driver.switchTo().window(tab);
      browser.awaitContains("live", "head #" + q.number());
      browser.script("window.__release()");
    }

    for (String tab : List.of(blocksTab, overviewTab)) {
      browser.driver.switchTo().window(tab);
      String body = tab.equals(blocksTab) ? "block-rows" : "recent-blocks";
      browser.awaitFirstRow(body, Long.toString(q.number()));
      List<String> rows = awaitCanonicalRows(body, tab.equals(blocksTab) ? 20 : 10);
      for (StoredBlock b : added) {
        assertThat(rows).as("the new branch's block %d in #%s", b.number(), body).contains(DomText.shortHash(b));
      }
      for (StoredBlock b : replaced) {
        assertThat(rows).as("the replaced block %d in #%s", b.number(), body).doesNotContain(DomText.shortHash(b));
      }
      assertThat(browser.script("return window.__sameDocument")).as("no reload of #%s", body).isEqualTo("yes");
    }
    browser.driver.switchTo().window(overviewTab);
    browser.screenshot("overview-after-reorg");
    browser.driver.switchTo().window(blocksTab);
    browser.screenshot("blocks-after-reorg");
  }

  /**
   * Test instrumentation of the page: its reads of {@code /blocks?limit=..} go out at once, but each
   * answer is handed to the page only when the test calls {@code window.__release()};
   * {@code window.__answered} counts the answers that arrived meanwhile.
   */
  static final String HOLD_BLOCK_READS = """
      const realFetch = window.fetch;
      const held = [];
      window.__answered = 0;
      window.__release = () => { window.fetch = realFetch; held.splice(0).forEach(f => f()); };
      window.fetch = (url, options) => {
        const answer = realFetch(url, options);
        if (!String(url).includes('/blocks?limit=')) return answer;
        answer.then(() => window.__answered++, () => window.__answered++);
        return new Promise((resolve, reject) => held.push(() => answer.then(resolve, reject)));
      };
      """;

  /**
   * Waits until the table body lists {@code size} rows, newest first, each the canonical block at its
   * number (its hash as the page shortens it), and returns the rows' hash cells.
   */
  List<String> awaitCanonicalRows(String bodyId, int size) {
    return browser.await("#" + bodyId + " to list the " + size + " newest canonical blocks", d -> {
      List<WebElement> rows = d.findElements(By.cssSelector("#" + bodyId + " tr"));
      long head = api.node.head().number();
      if (rows.size() != size) {
        return null;
      }
      List<String> hashes = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        List<WebElement> cells = rows.get(i).findElements(By.tagName("td"));
        long number = head - i;
        StoredBlock canonical = api.node.block(number).orElseThrow();
        if (!Long.toString(number).equals(browser.textOf(cells.get(0)))
            || !DomText.shortHash(canonical).equals(browser.textOf(cells.get(1)))) {
          return null;
        }
        hashes.add(browser.textOf(cells.get(1)));
      }
      return hashes;
    });
  }

  /** How the pages show values (js/dom.js). */
  static final class DomText {
    /** {@code short(hex)}: the first 10 and last 6 hex digits around an ellipsis. */
    static String shortHash(StoredBlock b) {
      String hex = b.hash().toHex();
      return hex.substring(0, 10) + "…" + hex.substring(hex.length() - 6);
    }
  }
}
