package dev.hone.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.graphics2d.svg.SVGGraphics2D;

/**
 * The explanation charts as inline SVG (JFreeChart): importance bars, beeswarm summary, dependence
 * scatter, waterfall and partial dependence. Colours follow the SHAP convention: blue for low
 * feature values or negative contributions, red for high values or positive contributions, grey
 * for missing values.
 */
final class ExplainCharts {
  private static final Color BAR = new Color(0x4C72B0);
  private static final Color LOW = new Color(0x1E88E5);
  private static final Color HIGH = new Color(0xFF0D57);
  private static final Color MISSING = new Color(0xAAAAAA);
  private static final Color GRID = new Color(0xDDDDDD);
  private static final Font TITLE = new Font("SansSerif", Font.BOLD, 14);

  private ExplainCharts() {}

  /** Horizontal bars, first bar on top; empty string when there are none. */
  static String bars(List<ExplainabilityView.Bar> bars, String title, String axis) {
    if (bars.isEmpty()) {
      return "";
    }
    int n = bars.size();
    XYIntervalSeries s = new XYIntervalSeries("bars");
    String[] names = new String[n];
    for (int i = 0; i < n; i++) {
      int y = n - 1 - i; // first on top
      names[y] = bars.get(i).name();
      double v = bars.get(i).value();
      s.add(y, y - 0.35, y + 0.35, v, Math.min(0, v), Math.max(0, v));
    }
    XYBarRenderer r = barRenderer();
    r.setSeriesPaint(0, BAR);
    XYPlot plot = horizontal(new XYIntervalSeriesCollection(), s, names, axis, r);
    return svg(chart(title, plot), 720, 80 + 22 * n);
  }

  /** Beeswarm: one row of points per feature, x = attribution, colour = feature value. */
  static String summary(ExplainabilityView.Summary s, String axis) {
    if (s == null || s.features().isEmpty()) {
      return "";
    }
    int n = s.features().size();
    String[] names = new String[n];
    XYSeriesCollection data = new XYSeriesCollection();
    XYSeries points = new XYSeries("points", false, true);
    int count = 0;
    double[] colours = new double[countPoints(s.values())];
    for (int f = 0; f < n; f++) {
      int y = n - 1 - f;
      names[y] = s.features().get(f);
      double[] v = s.values()[f];
      for (int r = 0; r < v.length; r++) {
        // deterministic vertical spread within the feature's band
        double jitter = (((r * 0x9E3779B1L) >>> 7) % 1000) / 1000.0 * 0.6 - 0.3;
        points.add(v[r], y + jitter);
        colours[count++] = s.colour()[f][r];
      }
    }
    data.addSeries(points);
    XYLineAndShapeRenderer dots = colourDots(colours);
    NumberAxis x = new NumberAxis(axis);
    x.setAutoRangeIncludesZero(false);
    SymbolAxis y = new SymbolAxis(null, names);
    XYPlot plot = new XYPlot(data, x, y, dots);
    plot.addDomainMarker(new ValueMarker(0, Color.GRAY, new BasicStroke(1f)));
    style(plot);
    JFreeChart c = chart("Summary: attribution of each row (colour: feature value, blue low, red high)", plot);
    return svg(c, 720, 80 + 28 * n);
  }

  /** Dependence scatter: x = feature value, y = attribution, colour = second feature. */
  static String dependence(ExplainabilityView.Dependence d, String axis) {
    XYSeries points = new XYSeries("points", false, true);
    double[] colours = new double[d.values().length];
    int count = 0;
    for (int r = 0; r < d.values().length; r++) {
      if (Double.isNaN(d.featureValues()[r])) {
        continue;
      }
      points.add(d.featureValues()[r], d.values()[r]);
      colours[count++] = d.colour() == null ? 0.5 : d.colour()[r];
    }
    if (count == 0) {
      return "";
    }
    XYLineAndShapeRenderer dots = colourDots(java.util.Arrays.copyOf(colours, count));
    NumberAxis x = new NumberAxis(d.feature());
    x.setAutoRangeIncludesZero(false);
    NumberAxis y = new NumberAxis(axis);
    y.setAutoRangeIncludesZero(false);
    XYPlot plot = new XYPlot(new XYSeriesCollection(points), x, y, dots);
    style(plot);
    String title = "Dependence: " + d.feature() + (d.colourFeature() == null ? "" : " (colour: " + d.colourFeature() + ")");
    return svg(chart(title, plot), 540, 340);
  }

  /** Waterfall: bars from the base value to the prediction, largest contribution on top. */
  static String waterfall(ExplainabilityView.Waterfall w, String axis) {
    int n = w.labels().size();
    if (n == 0) {
      return "";
    }
    XYIntervalSeries up = new XYIntervalSeries("increase");
    XYIntervalSeries down = new XYIntervalSeries("decrease");
    String[] names = new String[n];
    double start = w.baseValue();
    for (int i = 0; i < n; i++) {
      int y = n - 1 - i;
      names[y] = w.labels().get(i);
      double c = w.contributions()[i];
      double end = start + c;
      (c >= 0 ? up : down).add(y, y - 0.35, y + 0.35, end, Math.min(start, end), Math.max(start, end));
      start = end;
    }
    XYBarRenderer r = barRenderer();
    r.setSeriesPaint(0, HIGH);
    r.setSeriesPaint(1, LOW);
    XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
    data.addSeries(up);
    data.addSeries(down);
    XYPlot plot = horizontal(data, null, names, axis, r);
    plot.getRangeAxis().setLabel(axis);
    ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
    plot.addRangeMarker(new ValueMarker(w.baseValue(), Color.GRAY, new BasicStroke(1f)));
    plot.addRangeMarker(new ValueMarker(w.prediction(), Color.BLACK, new BasicStroke(1f)));
    String title =
        w.title() + String.format(java.util.Locale.ROOT, ": %.4g → %.4g", w.baseValue(), w.prediction());
    return svg(chart(title, plot), 720, 90 + 24 * n);
  }

  /** Partial dependence line (numeric grid) or points per level (categorical). */
  static String partialDependence(ExplainabilityView.PdCurve pd, String axis) {
    XYSeries s = new XYSeries(pd.feature(), false, true);
    for (int i = 0; i < pd.grid().length; i++) {
      s.add(pd.grid()[i], pd.average()[i]);
    }
    if (s.isEmpty()) {
      return "";
    }
    boolean levels = pd.gridLabels() != null;
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(!levels, true);
    r.setSeriesPaint(0, BAR);
    r.setSeriesStroke(0, new BasicStroke(2f));
    r.setSeriesShape(0, new Ellipse2D.Double(-3, -3, 6, 6));
    NumberAxis x;
    if (levels) {
      x = new SymbolAxis(pd.feature(), pd.gridLabels().toArray(new String[0]));
    } else {
      x = new NumberAxis(pd.feature());
      x.setAutoRangeIncludesZero(false);
    }
    NumberAxis y = new NumberAxis(axis);
    y.setAutoRangeIncludesZero(false);
    XYPlot plot = new XYPlot(new XYSeriesCollection(s), x, y, r);
    style(plot);
    return svg(chart("Partial dependence: " + pd.feature(), plot), 540, 320);
  }

  private static int countPoints(double[][] v) {
    int n = 0;
    for (double[] r : v) {
      n += r.length;
    }
    return n;
  }

  /** Dots coloured item by item from a value in [0, 1] (NaN grey). */
  private static XYLineAndShapeRenderer colourDots(double[] colour) {
    XYLineAndShapeRenderer dots =
        new XYLineAndShapeRenderer(false, true) {
          private static final long serialVersionUID = 1L;

          @Override
          public Paint getItemPaint(int series, int item) {
            return item < colour.length ? blend(colour[item]) : MISSING;
          }
        };
    dots.setSeriesShape(0, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
    return dots;
  }

  static Color blend(double t) {
    if (Double.isNaN(t)) {
      return MISSING;
    }
    double u = Math.max(0, Math.min(1, t));
    return new Color(
        (int) Math.round(LOW.getRed() + u * (HIGH.getRed() - LOW.getRed())),
        (int) Math.round(LOW.getGreen() + u * (HIGH.getGreen() - LOW.getGreen())),
        (int) Math.round(LOW.getBlue() + u * (HIGH.getBlue() - LOW.getBlue())));
  }

  private static XYBarRenderer barRenderer() {
    XYBarRenderer r = new XYBarRenderer();
    r.setUseYInterval(true);
    r.setBarPainter(new StandardXYBarPainter());
    r.setShadowVisible(false);
    r.setDrawBarOutline(false);
    return r;
  }

  /** An XY plot with categories along the vertical axis and bars drawn horizontally. */
  private static XYPlot horizontal(
      XYIntervalSeriesCollection data, XYIntervalSeries single, String[] names, String axis, XYBarRenderer r) {
    if (single != null) {
      data.addSeries(single);
    }
    SymbolAxis cat = new SymbolAxis(null, names);
    NumberAxis val = new NumberAxis(axis);
    XYPlot plot = new XYPlot(data, cat, val, r);
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    style(plot);
    return plot;
  }

  private static void style(XYPlot plot) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(GRID);
    plot.setRangeGridlinePaint(GRID);
  }

  private static JFreeChart chart(String title, XYPlot plot) {
    JFreeChart c = new JFreeChart(title, TITLE, plot, false);
    c.setBackgroundPaint(Color.WHITE);
    return c;
  }

  private static String svg(JFreeChart chart, int w, int h) {
    SVGGraphics2D g = new SVGGraphics2D(w, h);
    chart.draw(g, new Rectangle(0, 0, w, h));
    return g.getSVGElement();
  }
}
