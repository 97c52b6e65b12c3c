package dev.hone.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Template context and inline SVG charts of the "Model families" section. */
final class FamiliesSection {
  private FamiliesSection() {}

  private static final String[] PALETTE = {
    "#4C72B0", "#55A868", "#C44E52", "#8172B2", "#CCB974", "#64B5CD", "#8C8C8C", "#DD8452"
  };

  static Map<String, Object> context(FamiliesView v) {
    Map<String, Object> ctx = new HashMap<>();
    ctx.put("objective", v.objective());
    ctx.put("direction", v.maximize() ? "higher is better" : "lower is better");
    ctx.put("limits", v.limits());
    ctx.put("latencyMethod", v.latencyMethod());
    ctx.put("finalModel", v.finalModel());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (FamiliesView.Row r : v.rows()) {
      Map<String, Object> m = new HashMap<>();
      m.put("family", r.family());
      m.put("learner", r.learner());
      m.put("trials", r.trials());
      m.put("feasible", r.feasible());
      m.put("bestTrial", r.bestTrial() == null ? "–" : r.bestTrial().toString());
      m.put("value", r.value() == null ? "–" : HtmlReport.fmt(r.value()));
      m.put("bytes", r.modelBytes() == null ? "–" : bytes(r.modelBytes()));
      m.put("latency", r.latencyMs() == null ? "–" : ms(r.latencyMs()));
      m.put("params", r.parameterCount() == null || r.parameterCount() < 0 ? "–"
          : r.parameterCount() + " " + r.parameterUnit());
      m.put("chosen", r.chosen());
      rows.add(m);
    }
    ctx.put("rows", rows);
    List<Map<String, Object>> front = new ArrayList<>();
    for (FamiliesView.Point p : v.front()) {
      Map<String, Object> m = new HashMap<>();
      m.put("trial", p.trial());
      m.put("family", p.family());
      m.put("value", HtmlReport.fmt(p.value()));
      m.put("bytes", bytes(p.modelBytes()));
      m.put("latency", ms(p.latencyMs()));
      m.put("params", p.parameterCount() < 0 ? "–" : p.parameterCount() + " " + p.parameterUnit());
      m.put("chosen", p.chosen());
      front.add(m);
    }
    ctx.put("front", front);
    ctx.put("sizeSvg", scatter(v, true));
    ctx.put("latencySvg", scatter(v, false));
    return ctx;
  }

  static String bytes(long b) {
    if (b < 10_000) {
      return b + " B";
    }
    if (b < 10_000_000) {
      return String.format(Locale.ROOT, "%.1f kB", b / 1000.0);
    }
    return String.format(Locale.ROOT, "%.1f MB", b / 1e6);
  }

  static String ms(double v) {
    return String.format(Locale.ROOT, "%.3f ms", v);
  }

  /**
   * Validation score against model bytes ({@code size}) or p95 latency, both on a log axis, for
   * the Pareto-front trials; one colour per family, the chosen model ringed.
   */
  static String scatter(FamiliesView v, boolean size) {
    List<FamiliesView.Point> pts = v.front();
    if (pts.isEmpty()) {
      return "";
    }
    int w = 460;
    int h = 300;
    int left = 60;
    int right = 15;
    int top = 20;
    int bottom = 45;
    double xmin = Double.POSITIVE_INFINITY;
    double xmax = Double.NEGATIVE_INFINITY;
    double ymin = Double.POSITIVE_INFINITY;
    double ymax = Double.NEGATIVE_INFINITY;
    for (FamiliesView.Point p : pts) {
      double x = Math.log10(Math.max(size ? p.modelBytes() : p.latencyMs(), 1e-6));
      xmin = Math.min(xmin, x);
      xmax = Math.max(xmax, x);
      ymin = Math.min(ymin, p.value());
      ymax = Math.max(ymax, p.value());
    }
    if (xmax - xmin < 1e-9) {
      xmin -= 0.5;
      xmax += 0.5;
    }
    if (ymax - ymin < 1e-12) {
      ymin -= 0.01;
      ymax += 0.01;
    }
    double padX = (xmax - xmin) * 0.08;
    double padY = (ymax - ymin) * 0.1;
    xmin -= padX;
    xmax += padX;
    ymin -= padY;
    ymax += padY;
    Map<String, String> colour = new LinkedHashMap<>();
    for (FamiliesView.Row r : v.rows()) {
      colour.putIfAbsent(r.family(), PALETTE[colour.size() % PALETTE.length]);
    }
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
            + " role=\"img\" aria-label=\"%s against %s\">", w, h, w, h, esc(v.objective()),
        size ? "model bytes" : "p95 latency"));
    s.append(String.format(Locale.ROOT,
        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>",
        left, top, w - left - right, h - top - bottom));
    // axis ticks: decades on x, 5 ticks on y
    for (int d = (int) Math.ceil(xmin); d <= Math.floor(xmax); d++) {
      double x = left + (d - xmin) / (xmax - xmin) * (w - left - right);
      double val = Math.pow(10, d);
      String label = size ? bytes((long) val) : (val >= 1 ? String.format(Locale.ROOT, "%.0f ms",
          val) : String.format(Locale.ROOT, "%s ms", trim(val)));
      s.append(String.format(Locale.ROOT,
          "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>"
              + "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>",
          x, top, x, h - bottom, x, h - bottom + 14, esc(label)));
    }
    int decimals = (int) Math.max(2, Math.min(8, Math.ceil(-Math.log10((ymax - ymin) / 4)) + 1));
    for (int k = 0; k <= 4; k++) {
      double val = ymin + (ymax - ymin) * k / 4;
      double y = h - bottom - (val - ymin) / (ymax - ymin) * (h - top - bottom);
      s.append(String.format(Locale.ROOT,
          "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>"
              + "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%s</text>",
          left, y, w - right, y, left - 4, y + 3,
          String.format(Locale.ROOT, "%." + decimals + "f", val)));
    }
    s.append(String.format(Locale.ROOT,
        "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s (log scale)</text>",
        left + (w - left - right) / 2, h - 8, size ? "saved model size" : "p95 single-row latency"));
    s.append(String.format(Locale.ROOT,
        "<text x=\"12\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" transform=\"rotate(-90 12"
            + " %d)\">%s</text>", top + (h - top - bottom) / 2, top + (h - top - bottom) / 2,
        esc(v.objective())));
    for (FamiliesView.Point p : pts) {
      double xv = Math.log10(Math.max(size ? p.modelBytes() : p.latencyMs(), 1e-6));
      double x = left + (xv - xmin) / (xmax - xmin) * (w - left - right);
      double y = h - bottom - (p.value() - ymin) / (ymax - ymin) * (h - top - bottom);
      String c = colour.getOrDefault(p.family(), PALETTE[PALETTE.length - 1]);
      s.append(String.format(Locale.ROOT,
          "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"%s\"><title>trial %d (%s): %s,"
              + " %s, %s</title></circle>", x, y, c, p.trial(), esc(p.family()),
          HtmlReport.fmt(p.value()), bytes(p.modelBytes()), ms(p.latencyMs())));
      if (p.chosen()) {
        s.append(String.format(Locale.ROOT,
            "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"9\" fill=\"none\" stroke=\"#222\""
                + " stroke-width=\"1.5\"/><text x=\"%.1f\" y=\"%.1f\" font-size=\"10\""
                + " text-anchor=\"%s\">chosen</text>",
            x, y, x > w - 80 ? x - 11 : x + 11, y - 8, x > w - 80 ? "end" : "start"));
      }
    }
    int lx = left + 6;
    int ly = top + 12;
    for (Map.Entry<String, String> e : colour.entrySet()) {
      s.append(String.format(Locale.ROOT,
          "<circle cx=\"%d\" cy=\"%d\" r=\"4\" fill=\"%s\"/><text x=\"%d\" y=\"%d\""
              + " font-size=\"10\">%s</text>", lx, ly, e.getValue(), lx + 8, ly + 3,
          esc(e.getKey())));
      ly += 13;
    }
    return s.append("</svg>").toString();
  }

  private static String trim(double v) {
    String t = String.format(Locale.ROOT, "%.4f", v);
    return t.replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
