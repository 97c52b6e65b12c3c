package dev.hone.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.graphics2d.svg.SVGGraphics2D;

/** Renders charts as inline SVG text (no network, no external files) with JFreeChart. */
final class Charts {
  private static final Color POINT = new Color(0x4C72B0);
  private static final Color BEST = new Color(0xDD8452);

  private Charts() {}

  /**
   * The optimisation history: each finished trial's objective value as a point, and the best value
   * so far as a step line.
   *
   * @param trials all trials; only those with a finite value are drawn
   * @param objective axis label
   * @param maximize whether "best" means largest
   * @return an {@code <svg>} element, or an empty string when no trial has a value
   */
  static String optimizationHistory(
      List<ReportModel.TrialRow> trials, String objective, boolean maximize) {
    XYSeries points = new XYSeries("objective value", false, true);
    XYSeries best = new XYSeries("best so far", false, true);
    double b = Double.NaN;
    for (ReportModel.TrialRow t : trials) {
      if (!"COMPLETE".equals(t.state()) || !Double.isFinite(t.value())) {
        continue;
      }
      points.add(t.number(), t.value());
      if (Double.isNaN(b) || (maximize ? t.value() > b : t.value() < b)) {
        b = t.value();
      }
      best.add(t.number(), b);
    }
    if (points.isEmpty()) {
      return "";
    }
    NumberAxis x = new NumberAxis("trial");
    x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    x.setLowerMargin(0.03); // keep the first and last points inside the plot
    x.setUpperMargin(0.03);
    NumberAxis y = new NumberAxis(objective);
    y.setAutoRangeIncludesZero(false);
    y.setLowerMargin(0.05);
    y.setUpperMargin(0.08);
    XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
    dots.setSeriesPaint(0, POINT);
    dots.setSeriesShape(0, new Ellipse2D.Double(-3, -3, 6, 6));
    XYPlot plot = new XYPlot(new XYSeriesCollection(points), x, y, dots);
    XYStepRenderer step = new XYStepRenderer();
    step.setSeriesPaint(0, BEST);
    step.setSeriesStroke(0, new BasicStroke(2f));
    plot.setDataset(1, new XYSeriesCollection(best));
    plot.setRenderer(1, step);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(0xDDDDDD));
    plot.setRangeGridlinePaint(new Color(0xDDDDDD));
    JFreeChart chart =
        new JFreeChart("Optimisation history", new Font("SansSerif", Font.BOLD, 14), plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    return svg(chart, 720, 360);
  }

  /**
   * Per-group bars of selection rate, TPR and FPR for one sensitive attribute, with a dashed line
   * at four fifths of the reference group's selection rate. Undefined (non-finite) values are left
   * out rather than drawn as 0.
   *
   * @param a the attribute's rows
   * @return an {@code <svg>} element, or an empty string when no group has rows
   */
  static String fairnessBars(FairnessView.Attribute a) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    double refRate = Double.NaN;
    for (FairnessView.GroupRow g : a.groups()) {
      if (g.n() == 0) {
        continue;
      }
      String cat = g.group() + " (n=" + g.n() + ")";
      addFinite(data, g.selectionRate(), "selection rate", cat);
      addFinite(data, g.truePositiveRate(), "true positive rate", cat);
      addFinite(data, g.falsePositiveRate(), "false positive rate", cat);
      if (g.group().equals(a.referenceGroup())) {
        refRate = g.selectionRate();
      }
    }
    if (data.getColumnCount() == 0) {
      return "";
    }
    BarRenderer bars = new BarRenderer();
    bars.setBarPainter(new StandardBarPainter());
    bars.setShadowVisible(false);
    bars.setSeriesPaint(0, POINT);
    bars.setSeriesPaint(1, BEST);
    bars.setSeriesPaint(2, new Color(0x55A868));
    NumberAxis y = new NumberAxis("rate");
    y.setRange(0.0, 1.0);
    CategoryAxis x = new CategoryAxis("group");
    if (data.getColumnCount() > 6) {
      x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    }
    CategoryPlot plot = new CategoryPlot(data, x, y, bars);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(new Color(0xDDDDDD));
    if (Double.isFinite(refRate) && refRate > 0) {
      ValueMarker m = new ValueMarker(0.8 * refRate);
      m.setPaint(new Color(0xC44E52));
      m.setStroke(
          new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
              new float[] {6f, 4f}, 0f));
      m.setLabel("4/5 of reference selection rate");
      m.setLabelFont(new Font("SansSerif", Font.PLAIN, 10));
      m.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_RIGHT);
      m.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.BOTTOM_RIGHT);
      plot.addRangeMarker(m);
    }
    JFreeChart chart =
        new JFreeChart(
            "Rates by group: " + a.name(), new Font("SansSerif", Font.BOLD, 14), plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    return svg(chart, 720, data.getColumnCount() > 6 ? 420 : 340);
  }

  private static void addFinite(DefaultCategoryDataset d, double v, String series, String cat) {
    if (Double.isFinite(v)) {
      d.addValue(v, series, cat);
    }
  }

  private static String svg(JFreeChart chart, int w, int h) {
    SVGGraphics2D g = new SVGGraphics2D(w, h);
    chart.draw(g, new Rectangle(0, 0, w, h));
    return g.getSVGElement();
  }
}
