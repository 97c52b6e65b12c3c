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
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jfree.graphics2d.svg.SVGGraphics2D;

/**
 * The charts of the diagnostics sections, as inline SVG (JFreeChart + JFreeSVG, like {@link
 * Charts}): reliability diagram, residuals against the prediction, Sobol' indices.
 */
final class DiagnosticsCharts {
  private static final Color BLUE = new Color(0x4C72B0);
  private static final Color ORANGE = new Color(0xDD8452);
  private static final Color GREY = new Color(0x999999);
  private static final Color LIGHT = new Color(0x4C, 0x72, 0xB0, 0x70);
  private static final Font TITLE = new Font("SansSerif", Font.BOLD, 14);

  /** Most features drawn in the Sobol' chart (the table lists all). */
  static final int MAX_SOBOL_BARS = 25;

  private DiagnosticsCharts() {}

  /**
   * Observed frequency against mean predicted probability per non-empty bin, with Wilson 95% error
   * bars, and the diagonal of perfect calibration.
   *
   * @return an {@code <svg>} element, or an empty string when no bin has rows
   */
  static String reliability(List<DiagnosticsView.ReliabilityBin> bins, String kind) {
    YIntervalSeries observed = new YIntervalSeries("observed frequency (95% Wilson)");
    for (DiagnosticsView.ReliabilityBin b : bins) {
      if (b.n() > 0 && Double.isFinite(b.meanPredicted())) {
        observed.add(b.meanPredicted(), b.observed(), b.observedLower(), b.observedUpper());
      }
    }
    if (observed.getItemCount() == 0) {
      return "";
    }
    String what = "top_label".equals(kind) ? "confidence" : "predicted probability";
    NumberAxis x = new NumberAxis("mean " + what + " in bin");
    x.setRange(0, 1);
    NumberAxis y = new NumberAxis("observed frequency");
    y.setRange(0, 1);
    XYErrorRenderer err = new XYErrorRenderer();
    err.setDrawXError(false);
    err.setSeriesPaint(0, BLUE);
    err.setErrorPaint(BLUE);
    err.setSeriesShape(0, new Ellipse2D.Double(-4, -4, 8, 8));
    err.setSeriesLinesVisible(0, true);
    XYPlot plot = new XYPlot(new YIntervalSeriesCollection(), x, y, err);
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    data.addSeries(observed);
    plot.setDataset(0, data);
    XYSeries diagonal = new XYSeries("perfect calibration");
    diagonal.add(0, 0);
    diagonal.add(1, 1);
    XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
    line.setSeriesPaint(0, GREY);
    line.setSeriesStroke(
        0, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {4f, 4f}, 0f));
    plot.setDataset(1, new XYSeriesCollection(diagonal));
    plot.setRenderer(1, line);
    style(plot);
    return svg(new JFreeChart("Reliability diagram", TITLE, plot, true), 560, 460);
  }

  /**
   * Sampled residuals as points, with the median and the 25–75% band of each prediction bin, and
   * the zero line.
   *
   * @return an {@code <svg>} element, or an empty string when there is nothing to draw
   */
  static String residualsVsPredicted(
      List<DiagnosticsView.ResidualBin> bins, List<DiagnosticsView.ResidualPoint> sample) {
    if (bins.isEmpty() && sample.isEmpty()) {
      return "";
    }
    NumberAxis x = new NumberAxis("predicted");
    x.setAutoRangeIncludesZero(false);
    NumberAxis y = new NumberAxis("residual (y − ŷ)");
    YIntervalSeries band = new YIntervalSeries("median, 25–75% per bin");
    YIntervalSeries outer = new YIntervalSeries("5–95% per bin");
    for (DiagnosticsView.ResidualBin b : bins) {
      band.add(b.meanPredicted(), b.median(), b.q25(), b.q75());
      outer.add(b.meanPredicted(), b.median(), b.q05(), b.q95());
    }
    YIntervalSeriesCollection bandData = new YIntervalSeriesCollection();
    bandData.addSeries(band);
    bandData.addSeries(outer);
    DeviationRenderer dev = new DeviationRenderer(true, false);
    dev.setSeriesPaint(0, ORANGE);
    dev.setSeriesFillPaint(0, ORANGE);
    dev.setSeriesStroke(0, new BasicStroke(2f));
    dev.setSeriesPaint(1, new Color(0xDD, 0x84, 0x52, 0x00));
    dev.setSeriesFillPaint(1, ORANGE);
    dev.setAlpha(0.18f);
    XYPlot plot = new XYPlot(bandData, x, y, dev);
    XYSeries points = new XYSeries("sampled rows", false, true);
    for (DiagnosticsView.ResidualPoint p : sample) {
      points.add(p.predicted(), p.residual());
    }
    XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
    dots.setSeriesPaint(0, LIGHT);
    dots.setSeriesShape(0, new Ellipse2D.Double(-2, -2, 4, 4));
    plot.setDataset(1, new XYSeriesCollection(points));
    plot.setRenderer(1, dots);
    XYSeries zero = new XYSeries("zero");
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (DiagnosticsView.ResidualBin b : bins) {
      lo = Math.min(lo, b.meanPredicted());
      hi = Math.max(hi, b.meanPredicted());
    }
    for (DiagnosticsView.ResidualPoint p : sample) {
      lo = Math.min(lo, p.predicted());
      hi = Math.max(hi, p.predicted());
    }
    zero.add(lo, 0);
    zero.add(hi, 0);
    XYLineAndShapeRenderer zeroLine = new XYLineAndShapeRenderer(true, false);
    zeroLine.setSeriesPaint(0, GREY);
    zeroLine.setSeriesVisibleInLegend(0, false);
    plot.setDataset(2, new XYSeriesCollection(zero));
    plot.setRenderer(2, zeroLine);
    style(plot);
    return svg(new JFreeChart("Residuals vs predicted", TITLE, plot, true), 720, 420);
  }

  /**
   * First-order and total-effect indices per feature as grouped bars, at most {@link
   * #MAX_SOBOL_BARS} features in the given order.
   *
   * @return an {@code <svg>} element, or an empty string when there are no indices
   */
  static String sobol(List<DiagnosticsView.SobolRow> rows) {
    if (rows.isEmpty()) {
      return "";
    }
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    int shown = 0;
    for (DiagnosticsView.SobolRow r : rows) {
      if (shown++ >= MAX_SOBOL_BARS) {
        break;
      }
      data.addValue(finiteOrZero(r.firstOrder()), "first order S_i", r.feature());
      data.addValue(finiteOrZero(r.total()), "total effect ST_i", r.feature());
    }
    CategoryAxis x = new CategoryAxis("feature");
    x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    NumberAxis y = new NumberAxis("share of output variance");
    y.setLowerBound(0);
    BarRenderer bars = new BarRenderer();
    bars.setBarPainter(new StandardBarPainter());
    bars.setShadowVisible(false);
    bars.setSeriesPaint(0, BLUE);
    bars.setSeriesPaint(1, ORANGE);
    CategoryPlot plot = new CategoryPlot(data, x, y, bars);
    plot.setOrientation(PlotOrientation.VERTICAL);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(new Color(0xDDDDDD));
    int width = Math.max(560, 40 + 36 * Math.min(rows.size(), MAX_SOBOL_BARS));
    return svg(new JFreeChart("Sobol' sensitivity indices", TITLE, plot, true), width, 420);
  }

  private static double finiteOrZero(double v) {
    return Double.isFinite(v) ? Math.max(0.0, v) : 0.0;
  }

  private static void style(XYPlot plot) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(0xDDDDDD));
    plot.setRangeGridlinePaint(new Color(0xDDDDDD));
  }

  private static String svg(JFreeChart chart, int w, int h) {
    chart.setBackgroundPaint(Color.WHITE);
    SVGGraphics2D g = new SVGGraphics2D(w, h);
    chart.draw(g, new Rectangle(0, 0, w, h));
    return g.getSVGElement();
  }
}
