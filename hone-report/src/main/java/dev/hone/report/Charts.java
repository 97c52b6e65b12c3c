package dev.hone.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.util.List;
import org.jfree.chart.JFreeChart;
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
    NumberAxis y = new NumberAxis(objective);
    y.setAutoRangeIncludesZero(false);
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

  private static String svg(JFreeChart chart, int w, int h) {
    SVGGraphics2D g = new SVGGraphics2D(w, h);
    chart.draw(g, new Rectangle(0, 0, w, h));
    return g.getSVGElement();
  }
}
