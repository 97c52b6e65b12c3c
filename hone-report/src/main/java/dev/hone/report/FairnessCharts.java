package dev.hone.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Inline SVG for the fairness trade-off: a scatter of trials, fairness summary on the x axis
 * (lower is fairer) and the search objective on the y axis, the Pareto front joined by a line,
 * infeasible trials hollow, the reported trial ringed, and the constraint bound dashed.
 */
final class FairnessCharts {
  private FairnessCharts() {}

  private static final int W = 640;
  private static final int H = 380;
  private static final int LEFT = 70;
  private static final int RIGHT = 20;
  private static final int TOP = 30;
  private static final int BOTTOM = 50;

  /** The scatter, or an empty string when no point has both values finite. */
  static String tradeoff(FairnessTradeoffView v) {
    List<FairnessTradeoffView.Point> pts = new ArrayList<>();
    for (FairnessTradeoffView.Point p : v.points()) {
      if (Double.isFinite(p.objective()) && Double.isFinite(p.fairness())) {
        pts.add(p);
      }
    }
    if (pts.isEmpty()) {
      return "";
    }
    double xMax = Double.isFinite(v.bound()) ? v.bound() : 0;
    double yMin = Double.POSITIVE_INFINITY;
    double yMax = Double.NEGATIVE_INFINITY;
    for (FairnessTradeoffView.Point p : pts) {
      xMax = Math.max(xMax, p.fairness());
      yMin = Math.min(yMin, p.objective());
      yMax = Math.max(yMax, p.objective());
    }
    xMax = xMax <= 0 ? 1 : xMax * 1.08;
    double pad = (yMax - yMin) * 0.08;
    if (pad == 0) {
      pad = Math.max(1e-3, Math.abs(yMax) * 0.01);
    }
    yMin -= pad;
    yMax += pad;
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
            + " role=\"img\" aria-label=\"%s against %s per trial\" font-family=\"sans-serif\""
            + " font-size=\"11\">",
        W, H, W, H, esc(v.objective()), esc(v.metric())));
    b.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
    int pw = W - LEFT - RIGHT;
    int ph = H - TOP - BOTTOM;
    b.append(String.format(Locale.ROOT,
        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>",
        LEFT, TOP, pw, ph));
    for (int i = 0; i <= 4; i++) {
      double xv = xMax * i / 4;
      double yv = yMin + (yMax - yMin) * i / 4;
      double px = sx(xv, xMax);
      double py = sy(yv, yMin, yMax);
      b.append(String.format(Locale.ROOT,
          "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>", px, TOP, px,
          TOP + ph));
      b.append(String.format(Locale.ROOT,
          "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.3f</text>", px, TOP + ph + 15, xv));
      b.append(String.format(Locale.ROOT,
          "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>", LEFT, py,
          LEFT + pw, py));
      b.append(String.format(Locale.ROOT,
          "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.4f</text>", LEFT - 5, py + 4, yv));
    }
    b.append(String.format(Locale.ROOT,
        "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s (validation, lower is fairer)</text>",
        LEFT + pw / 2, H - 12, esc(v.metric())));
    b.append(String.format(Locale.ROOT,
        "<text x=\"15\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 15 %d)\">%s"
            + " (validation)</text>",
        TOP + ph / 2, TOP + ph / 2, esc(v.objective())));
    b.append(String.format(Locale.ROOT,
        "<text x=\"%d\" y=\"18\" font-weight=\"bold\" font-size=\"13\">Accuracy–fairness"
            + " trade-off of the trials</text>", LEFT));
    if (Double.isFinite(v.bound())) {
      double px = sx(v.bound(), xMax);
      b.append(String.format(Locale.ROOT,
          "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#C44E52\""
              + " stroke-dasharray=\"6,4\"/><text x=\"%.1f\" y=\"%d\" fill=\"#C44E52\">bound"
              + " %s</text>",
          px, TOP, px, TOP + ph, px + 4, TOP + 12, fmt(v.bound())));
    }
    List<FairnessTradeoffView.Point> front = new ArrayList<>();
    for (FairnessTradeoffView.Point p : pts) {
      if (p.pareto()) {
        front.add(p);
      }
    }
    front.sort(Comparator.comparingDouble(FairnessTradeoffView.Point::fairness));
    if (front.size() > 1) {
      StringBuilder path = new StringBuilder();
      for (FairnessTradeoffView.Point p : front) {
        path.append(String.format(Locale.ROOT, "%.1f,%.1f ", sx(p.fairness(), xMax),
            sy(p.objective(), yMin, yMax)));
      }
      b.append("<polyline fill=\"none\" stroke=\"#4C72B0\" stroke-width=\"1.5\" points=\"")
          .append(path.toString().trim()).append("\"/>");
    }
    for (FairnessTradeoffView.Point p : pts) {
      double px = sx(p.fairness(), xMax);
      double py = sy(p.objective(), yMin, yMax);
      String fill = p.feasible() ? (p.pareto() ? "#4C72B0" : "#8FA8D0") : "none";
      String stroke = p.feasible() ? "#4C72B0" : "#888";
      b.append(String.format(Locale.ROOT,
          "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\" stroke=\"%s\"><title>trial %d: %s"
              + " %s, %s %s%s%s</title></circle>",
          px, py, fill, stroke, p.trial(), esc(v.objective()), fmt(p.objective()),
          esc(v.metric()), fmt(p.fairness()), p.pareto() ? ", Pareto front" : "",
          p.feasible() ? "" : ", infeasible"));
      if (p.chosen()) {
        b.append(String.format(Locale.ROOT,
            "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"8\" fill=\"none\" stroke=\"#C44E52\""
                + " stroke-width=\"2\"/>", px, py));
      }
    }
    b.append("</svg>");
    return b.toString();
  }

  private static double sx(double x, double xMax) {
    return LEFT + (W - LEFT - RIGHT) * x / xMax;
  }

  private static double sy(double y, double yMin, double yMax) {
    return TOP + (H - TOP - BOTTOM) * (1 - (y - yMin) / (yMax - yMin));
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
