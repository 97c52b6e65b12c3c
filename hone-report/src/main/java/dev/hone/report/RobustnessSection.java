package dev.hone.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.graphics2d.svg.SVGGraphics2D;

/** Template values and the chart of the {@link RobustnessView} section. */
final class RobustnessSection {
  private static final Color[] PALETTE = {
    new Color(0x4C72B0), new Color(0xDD8452), new Color(0x55A868), new Color(0xC44E52),
    new Color(0x8172B3)
  };

  private RobustnessSection() {}

  static Map<String, Object> context(RobustnessView v) {
    Map<String, Object> m = new HashMap<>();
    m.put("summary", v.summary());
    m.put("statedBudget", v.statedBudget());
    m.put("curveSvg", curves(v.curves()));
    List<Map<String, Object>> attacks = new ArrayList<>();
    for (RobustnessView.AttackRow a : v.attacks()) {
      attacks.add(
          Map.of(
              "attack", a.attack(), "success", pct(a.successRate()),
              "distance", HtmlReport.fmt(a.medianDistance()), "queries", a.queries(),
              "rate", String.format(Locale.ROOT, "%.1f", a.examplesPerSecond())));
    }
    m.put("attacks", attacks);
    List<Map<String, Object>> budget = new ArrayList<>();
    for (RobustnessView.BudgetRow b : v.budget()) {
      Map<String, Object> r = new HashMap<>();
      r.put("feature", b.feature());
      r.put("mutable", b.mutable() ? "yes" : "no");
      r.put("perUnit", b.mutable() ? num(b.perUnit()) : "");
      r.put("range", b.mutable() ? "[" + num(b.lower()) + ", " + num(b.upper()) + "]" : "");
      r.put("note", b.note());
      budget.add(r);
    }
    m.put("budget", budget);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (RobustnessView.FlipRow f : v.rows()) {
      rows.add(
          Map.of(
              "row", f.row(), "attack", f.attack(),
              "eps", Double.isFinite(f.minimalEps()) ? HtmlReport.fmt(f.minimalEps()) : "not flipped",
              "from", f.from(), "to", f.to(), "changes", f.changes()));
    }
    m.put("rows", rows);
    m.put("hasRows", !rows.isEmpty());
    m.put("notes", v.notes());
    m.put("hasNotes", !v.notes().isEmpty());
    return m;
  }

  /** Robust accuracy against ε, one line per attack. */
  static String curves(List<RobustnessView.Curve> curves) {
    XYSeriesCollection data = new XYSeriesCollection();
    for (RobustnessView.Curve c : curves) {
      XYSeries s = new XYSeries(c.attack(), false, true);
      for (int i = 0; i < c.eps().length; i++) {
        if (Double.isFinite(c.accuracy()[i])) {
          s.add(c.eps()[i], c.accuracy()[i]);
        }
      }
      data.addSeries(s);
    }
    if (data.getSeriesCount() == 0) {
      return "";
    }
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
    for (int i = 0; i < data.getSeriesCount(); i++) {
      r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
      r.setSeriesStroke(i, new BasicStroke(2f));
      r.setSeriesShape(i, new Ellipse2D.Double(-3, -3, 6, 6));
    }
    NumberAxis x = new NumberAxis("ε (budget)");
    NumberAxis y = new NumberAxis("accuracy under attack");
    y.setRange(0.0, 1.02);
    XYPlot plot = new XYPlot(data, x, y, r);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(0xDDDDDD));
    plot.setRangeGridlinePaint(new Color(0xDDDDDD));
    JFreeChart chart =
        new JFreeChart(
            "Robust accuracy against the budget", new Font("SansSerif", Font.BOLD, 14), plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    SVGGraphics2D g = new SVGGraphics2D(720, 360);
    chart.draw(g, new Rectangle(0, 0, 720, 360));
    return g.getSVGElement();
  }

  private static String pct(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f%%", 100 * v) : "n/a";
  }

  private static String num(double v) {
    if (!Double.isFinite(v)) {
      return "n/a";
    }
    return Math.abs(v) >= 1e4 || (v != 0 && Math.abs(v) < 1e-3)
        ? String.format(Locale.ROOT, "%.4g", v)
        : String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
  }
}
