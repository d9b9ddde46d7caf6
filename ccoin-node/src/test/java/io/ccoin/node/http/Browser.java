package io.ccoin.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium driven through its chromedriver, for the explorer's browser tests. The
 * browser and driver are Debian's ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver}; other
 * paths with the system properties {@code ccoin.chromium} and {@code ccoin.chromedriver}), given to
 * Selenium explicitly so Selenium Manager never downloads anything. Where either is missing,
 * {@link #start} aborts the test (a JUnit assumption) with one line on stderr saying why.
 */
final class Browser implements AutoCloseable {
  static final Path SCREENSHOTS = Path.of("target", "explorer-screenshots");
  private static final Duration WAIT = Duration.ofSeconds(15);

  final WebDriver driver;

  private Browser(WebDriver driver) {
    this.driver = driver;
  }

  static Browser start() {
    return start(false);
  }

  /**
   * A browser that, when {@code networkLog}, records every request its pages make (Chrome's
   * performance log), read with {@link #requestedUrls}.
   */
  static Browser start(boolean networkLog) {
    Path chromium = Path.of(System.getProperty("ccoin.chromium", "/usr/bin/chromium"));
    Path chromedriver = Path.of(System.getProperty("ccoin.chromedriver", "/usr/bin/chromedriver"));
    for (Path p : List.of(chromium, chromedriver)) {
      if (!Files.isExecutable(p)) {
        String why = "explorer browser tests skipped: " + p + " is missing (apt-get install chromium chromium-driver)";
        System.err.println(why);
        Assumptions.abort(why);
      }
    }
    System.setProperty("SE_OFFLINE", "true");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
        "--window-size=1280,1000", "--no-first-run", "--disable-extensions", "--disable-background-networking");
    if (networkLog) {
      LoggingPreferences logs = new LoggingPreferences();
      logs.enable(LogType.PERFORMANCE, Level.ALL);
      options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    }
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(chromedriver.toString()))
        .usingAnyFreePort()
        .build();
    WebDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
    return new Browser(driver);
  }

  void open(String url) {
    driver.get(url);
  }

  /** Waits (at most 15 s) until {@code condition} gives a non-null, non-false value, and returns it. */
  <T> T await(String what, Function<WebDriver, T> condition) {
    try {
      return new WebDriverWait(driver, WAIT).withMessage(what).pollingEvery(Duration.ofMillis(50))
          .ignoring(StaleElementReferenceException.class).until(condition);
    } catch (org.openqa.selenium.TimeoutException e) {
      Object page = script("return location.href + ' shows: ' + document.body.innerText");
      throw new AssertionError("waited 15 s for " + what + "; " + page, e);
    }
  }

  /** Waits until the first cell of the first row of the table body with this id reads {@code text}. */
  void awaitFirstRow(String bodyId, String text) {
    await("the first row of #" + bodyId + " to start with '" + text + "'", d -> {
      List<WebElement> cells = d.findElements(org.openqa.selenium.By.cssSelector("#" + bodyId + " tr:first-child td:first-child"));
      return !cells.isEmpty() && text.equals(textOf(cells.get(0))) ? Boolean.TRUE : null;
    });
  }

  /** Waits until the element with this id exists, and returns it. */
  WebElement byId(String id) {
    return await("element #" + id, d -> d.findElements(By.id(id)).stream().findFirst().orElse(null));
  }

  /** Waits until the element with this id has exactly {@code text} (its textContent, trimmed). */
  void awaitText(String id, String text) {
    await("#" + id + " to read '" + text + "'", d -> {
      List<WebElement> e = d.findElements(By.id(id));
      return !e.isEmpty() && text.equals(textOf(e.get(0))) ? Boolean.TRUE : null;
    });
  }

  /** Waits until the element with this id contains {@code text}, and returns its text. */
  String awaitContains(String id, String text) {
    return await("#" + id + " to contain '" + text + "'", d -> {
      List<WebElement> e = d.findElements(By.id(id));
      String t = e.isEmpty() ? null : textOf(e.get(0));
      return t != null && t.contains(text) ? t : null;
    });
  }

  String textOf(WebElement e) {
    Object t = ((JavascriptExecutor) driver).executeScript("return arguments[0].textContent", e);
    return t == null ? null : t.toString().strip();
  }

  Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  /**
   * The URLs of the requests the browser sent since the last call (or since it started), in order:
   * every {@code Network.requestWillBeSent} of the performance log (a browser started with
   * {@code start(true)}), the event stream's included.
   */
  List<String> requestedUrls() {
    List<String> urls = new ArrayList<>();
    for (LogEntry e : driver.manage().logs().get(LogType.PERFORMANCE)) {
      try {
        JsonNode message = ApiFixture.MAPPER.readTree(e.getMessage()).path("message");
        if ("Network.requestWillBeSent".equals(message.path("method").asText())) {
          urls.add(message.path("params").path("request").path("url").asText());
        }
      } catch (IOException ex) {
        throw new AssertionError("a performance log entry that is not JSON: " + e.getMessage(), ex);
      }
    }
    return urls;
  }

  /** Saves a PNG of the window under target/explorer-screenshots. */
  Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
      assertThat(Files.size(file)).isPositive();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
