package io.ccoin.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ccoin.core.Await;
import io.ccoin.core.store.MemoryChainStore;
import io.ccoin.core.store.WriteBehindChainStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/MONITORING.md, its Grafana dashboard and its alert rules against a running node's
 * {@code /metrics}: every metric they name is exported, and every {@code ccoin_} metric exported is
 * described.
 */
class MonitoringDocsTest {
  /** A metric name of ours: the node's, the JVM's or the process's. */
  private static final Pattern METRIC = Pattern.compile("\\b(?:ccoin|jvm|process|system)_[a-z0-9_]*[a-z0-9]");
  private static final Pattern EXPOSED = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]", Pattern.MULTILINE);

  static ApiFixture fx;
  /** A store that writes behind, whose queue the node reports as a node with store.write_behind does. */
  static WriteBehindChainStore writingBehind;
  static Set<String> exported;
  static Path docs;

  @BeforeAll
  static void start() throws InterruptedException {
    fx = new ApiFixture();
    writingBehind = new WriteBehindChainStore(new MemoryChainStore(), 1);
    fx.server.metrics().watchWriteQueue(writingBehind);
    docs = ApiDocTest.docs();
    // an import, so that the import timer exists, and a collection, so that GC pauses have been seen
    fx.extend(List.of(fx.transfer(fx.alice, 0, fx.bob, 1, 1)));
    Await.until("a GC pause recorded", () -> {
      if (fx.get("/metrics").text().contains("jvm_gc_pause_seconds_count")) {
        return true;
      }
      System.gc();
      return false;
    });
    exported = new TreeSet<>();
    Matcher m = EXPOSED.matcher(fx.get("/metrics").text());
    while (m.find()) {
      exported.add(m.group(1));
    }
  }

  @AfterAll
  static void stop() {
    fx.close();
    writingBehind.close();
  }

  private static Set<String> names(String text) {
    Set<String> out = new TreeSet<>();
    Matcher m = METRIC.matcher(text);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  @Test
  void theDashboardIsGrafanaJsonWhoseQueriesUseOnlyExportedMetrics() throws IOException {
    JsonNode dashboard = ApiFixture.MAPPER.readTree(Files.readString(docs.resolve("grafana/ccoin-dashboard.json"), StandardCharsets.UTF_8));
    assertThat(dashboard.get("title").asText()).isNotBlank();
    assertThat(dashboard.get("uid").asText()).isNotBlank();
    assertThat(dashboard.get("schemaVersion").isInt()).isTrue();
    Set<String> titles = new TreeSet<>();
    Set<String> used = new TreeSet<>();
    Set<Integer> ids = new TreeSet<>();
    for (JsonNode panel : dashboard.get("panels")) {
      assertThat(ids.add(panel.get("id").asInt())).as("panel ids are unique").isTrue();
      assertThat(panel.get("gridPos").get("w").asInt()).isBetween(1, 24);
      if (panel.get("type").asText().equals("row")) {
        continue;
      }
      titles.add(panel.get("title").asText());
      assertThat(panel.get("targets")).as("queries of %s", panel.get("title")).isNotEmpty();
      for (JsonNode target : panel.get("targets")) {
        Set<String> names = names(target.get("expr").asText());
        assertThat(names).as("metrics of %s", target.get("expr")).isNotEmpty();
        used.addAll(names);
      }
    }
    used.addAll(names(dashboard.get("templating").toString()));
    assertThat(titles).contains("Head height", "Block time", "Transactions imported", "Pool size", "Peers", "Sync state", "Ready",
        "Block import time", "JVM heap", "GC");
    assertThat(exported).as("the node's metrics").containsAll(used);
  }

  @Test
  void theAlertRulesUseOnlyExportedMetrics() throws IOException {
    String rules = Files.readString(docs.resolve("prometheus/ccoin-alerts.yml"), StandardCharsets.UTF_8);
    Set<String> used = new TreeSet<>();
    for (String line : rules.lines().toList()) {
      if (line.strip().startsWith("expr:")) {
        used.addAll(names(line));
      }
    }
    assertThat(used).contains("ccoin_ready", "ccoin_head_timestamp_seconds");
    assertThat(exported).containsAll(used);
  }

  @Test
  void monitoringMdNamesOnlyExportedMetricsAndDescribesEveryCcoinMetric() throws IOException {
    String doc = Files.readString(docs.resolve("MONITORING.md"), StandardCharsets.UTF_8);
    Set<String> named = names(doc);
    // a histogram's series are named once, by their base name
    Set<String> exportedBases = new TreeSet<>();
    for (String e : exported) {
      exportedBases.add(e.replaceAll("_(bucket|count|sum|max)$", ""));
      exportedBases.add(e);
    }
    assertThat(exportedBases).as("metrics named in MONITORING.md").containsAll(named);
    for (String e : exported) {
      if (e.startsWith("ccoin_")) {
        assertThat(named).as("MONITORING.md describes %s", e).contains(e.replaceAll("_(bucket|count|sum|max)$", ""));
      }
    }
    assertThat(doc).contains("(grafana/ccoin-dashboard.json)").contains("(prometheus/ccoin-alerts.yml)");
    assertThat(Files.readString(docs.resolveSibling("README.md"), StandardCharsets.UTF_8)).contains("(docs/MONITORING.md)");
  }
}
