package io.ccoin.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A self-contained HTML page of line charts: inline SVG, no script, no style sheet or font from
 * elsewhere, so it opens from a file anywhere and can be kept beside a report. Each chart has one
 * x axis (seconds of the run) and named series of the same length; a value that is
 * {@link Double#NaN} is a gap (nothing measured in that second). Not thread-safe.
 */
final class ChartPage {
  static final int WIDTH = 880;
  static final int HEIGHT = 240;
  private static final int LEFT = 64;
  private static final int RIGHT = 220;
  private static final int TOP = 16;
  private static final int BOTTOM = 32;
  private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
      "#7f7f7f", "#bcbd22", "#17becf"};

  /** One chart: its title, the unit of its y axis, the x values and the series by name. */
  record Chart(String title, String unit, double[] x, Map<String, double[]> series) {
    Chart {
      Objects.requireNonNull(title, "title");
      series = new LinkedHashMap<>(series);
      for (Map.Entry<String, double[]> e : series.entrySet()) {
        if (e.getValue().length != x.length) {
          throw new IllegalArgumentException("series " + e.getKey() + " has " + e.getValue().length + " values for " + x.length + " x");
        }
      }
    }
  }

  private final String title;
  private final List<String> notes = new ArrayList<>();
  private final List<Chart> charts = new ArrayList<>();

  ChartPage(String title) {
    this.title = title;
  }

  /** A line of text under the title (the run's settings, V, the summary). */
  ChartPage note(String line) {
    notes.add(line);
    return this;
  }

  ChartPage chart(Chart chart) {
    charts.add(chart);
    return this;
  }

  /** The whole page. */
  String html() {
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(escape(title))
        .append("</title></head>\n<body style=\"font-family: sans-serif; margin: 16px\">\n<h1 style=\"font-size: 20px\">")
        .append(escape(title)).append("</h1>\n");
    if (!notes.isEmpty()) {
      b.append("<pre style=\"font-size: 12px\">");
      for (String n : notes) {
        b.append(escape(n)).append('\n');
      }
      b.append("</pre>\n");
    }
    for (Chart c : charts) {
      b.append("<h2 style=\"font-size: 16px\">").append(escape(c.title())).append("</h2>\n");
      svg(b, c);
    }
    b.append("</body></html>\n");
    return b.toString();
  }

  private static void svg(StringBuilder b, Chart c) {
    double xMin = c.x().length == 0 ? 0 : c.x()[0];
    double xMax = c.x().length == 0 ? 1 : c.x()[c.x().length - 1];
    if (xMax <= xMin) {
      xMax = xMin + 1;
    }
    double yMax = 0;
    for (double[] v : c.series().values()) {
      for (double y : v) {
        if (!Double.isNaN(y)) {
          yMax = Math.max(yMax, y);
        }
      }
    }
    yMax = niceCeiling(yMax);
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
        .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT).append("\" font-size=\"11\">\n");
    b.append("<title>").append(escape(c.title())).append("</title>\n");
    b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>\n",
        LEFT, TOP, plotW, plotH));
    for (int i = 0; i <= 4; i++) {
      double v = yMax * i / 4;
      double y = TOP + plotH - plotH * i / 4.0;
      b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>", LEFT, y, LEFT + plotW, y));
      b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n", LEFT - 4, y + 4, label(v)));
    }
    for (int i = 0; i <= 5; i++) {
      double v = xMin + (xMax - xMin) * i / 5;
      double x = LEFT + plotW * i / 5.0;
      b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s s</text>\n", x, HEIGHT - BOTTOM + 14,
          label(v)));
    }
    b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>\n", 4, TOP - 4 + 12, escape(c.unit())));
    int k = 0;
    for (Map.Entry<String, double[]> e : c.series().entrySet()) {
      String colour = COLOURS[k % COLOURS.length];
      StringBuilder points = new StringBuilder();
      double[] v = e.getValue();
      for (int i = 0; i < v.length; i++) {
        if (Double.isNaN(v[i])) {
          flush(b, points, colour);
          continue;
        }
        double x = LEFT + plotW * (c.x()[i] - xMin) / (xMax - xMin);
        double y = TOP + plotH - plotH * Math.min(v[i], yMax) / yMax;
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
      }
      flush(b, points, colour);
      int ly = TOP + 12 + 16 * k;
      b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>",
          LEFT + plotW + 8, ly - 4, LEFT + plotW + 24, ly - 4, colour));
      b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>\n", LEFT + plotW + 28, ly, escape(e.getKey())));
      k++;
    }
    b.append("</svg>\n");
  }

  private static void flush(StringBuilder b, StringBuilder points, String colour) {
    if (points.length() > 0) {
      b.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"1.5\" points=\"")
          .append(points.toString().strip()).append("\"/>\n");
      points.setLength(0);
    }
  }

  /** The smallest 1, 2 or 5 times a power of ten at or above {@code v} (1 for nothing). */
  static double niceCeiling(double v) {
    if (v <= 0) {
      return 1;
    }
    double p = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * p >= v) {
        return m * p;
      }
    }
    return 10 * p;
  }

  private static String label(double v) {
    return v == Math.rint(v) ? String.format(Locale.ROOT, "%,d", (long) v) : String.format(Locale.ROOT, "%.2f", v);
  }

  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(ch);
      }
    }
    return b.toString();
  }
}
