package io.ccoin.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The chart page of a load run, from a small fixed series: well-formed, self-contained, with the values plotted. */
class ChartPageTest {
  private static RunSeries fixed() {
    RunSeries s = new RunSeries(List.of("node-a", "node<b>"), List.of("m1", "m2"));
    s.add(1, new long[] {100, 50}, new long[] {0, 0}, Double.NaN, Double.NaN, new long[] {100, 50});
    s.add(2, new long[] {100, 50}, new long[] {90, 30}, 800, 1900, new long[] {110, 70});
    s.add(3, new long[] {100, 50}, new long[] {0, 150}, 1000, 2500, new long[] {-1, 20});
    return s;
  }

  private static Document parse(String html) throws Exception {
    // the page is XHTML-compatible apart from the doctype: parse it as XML to prove it well-formed
    String xml = html.replace("<!DOCTYPE html>", "").replace("<meta charset=\"utf-8\">", "<meta charset=\"utf-8\"/>");
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aSmallSeriesRendersWellFormedWithEveryChartAndLegend() throws Exception {
    String html = fixed().page("run <1> & co", List.of("V = 16,447/s")).html();
    Document doc = parse(html);
    NodeList svgs = doc.getElementsByTagName("svg");
    assertThat(svgs.getLength()).isEqualTo(5); // tx/s, latency, pools, heaps, block gaps
    assertThat(html).contains("run &lt;1&gt; &amp; co", "V = 16,447/s", "submitted to node-a", "submitted to node&lt;b&gt;",
        "mined by m1", "mined by m2", ">p50<", ">p99<", "Pool size");
    assertThat(html).doesNotContain("<script", "src=", "href=", "<link", "@import").contains("xmlns=\"http://www.w3.org/2000/svg\"");
    // tx/s: the y axis goes to 200 (150 submitted, 150 mined at the top), and the axes name the seconds
    assertThat(html).contains(">200<", ">1 s<", ">3 s<");
    // latency axis up to 5,000 ms (p99 2,500 rounds up to 5,000)
    assertThat(html).contains(">5,000<");
  }

  @Test
  void pointsSitWhereTheirValuesAre() throws Exception {
    String html = fixed().page("t", List.of()).html();
    Document doc = parse(html);
    Element latency = (Element) doc.getElementsByTagName("svg").item(1);
    NodeList lines = latency.getElementsByTagName("polyline");
    // p50 and p99, each with a gap in second 1 (nothing mined): two points each
    assertThat(lines.getLength()).isEqualTo(2);
    double plotTop = 16;
    double plotHeight = ChartPage.HEIGHT - 16 - 32;
    double yMax = 5000;
    List<double[]> p99 = points(((Element) lines.item(1)).getAttribute("points"));
    assertThat(p99).hasSize(2);
    assertThat(p99.get(0)[1]).isCloseTo(plotTop + plotHeight - plotHeight * 1900 / yMax, org.assertj.core.data.Offset.offset(0.1));
    assertThat(p99.get(1)[1]).isCloseTo(plotTop + plotHeight - plotHeight * 2500 / yMax, org.assertj.core.data.Offset.offset(0.1));
    assertThat(p99.get(1)[0]).isGreaterThan(p99.get(0)[0]);
    // the pool of node<b> has three points; node-a's -1 (no answer) is a gap
    Element pools = (Element) doc.getElementsByTagName("svg").item(2);
    NodeList poolLines = pools.getElementsByTagName("polyline");
    assertThat(poolLines.getLength()).isEqualTo(2);
    assertThat(points(((Element) poolLines.item(0)).getAttribute("points"))).hasSize(2);
    assertThat(points(((Element) poolLines.item(1)).getAttribute("points"))).hasSize(3);
  }

  private static List<double[]> points(String attribute) {
    Matcher m = Pattern.compile("([0-9.]+),([0-9.]+)").matcher(attribute);
    List<double[]> out = new java.util.ArrayList<>();
    while (m.find()) {
      out.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))});
    }
    return out;
  }

  @Test
  void niceCeilingsAndBadSeries() {
    assertThat(ChartPage.niceCeiling(0)).isEqualTo(1);
    assertThat(ChartPage.niceCeiling(150)).isEqualTo(200);
    assertThat(ChartPage.niceCeiling(2500)).isEqualTo(5000);
    assertThat(ChartPage.niceCeiling(7000)).isEqualTo(10000);
    assertThatThrownBy(() -> new ChartPage.Chart("t", "u", new double[2], java.util.Map.of("s", new double[3])))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RunSeries(List.of("a"), List.of()).add(1, new long[2], new long[0], 0, 0, new long[1]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
