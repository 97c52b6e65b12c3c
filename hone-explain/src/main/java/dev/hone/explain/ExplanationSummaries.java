package dev.hone.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The data behind the usual SHAP charts, computed from an {@link Explanation} so that a renderer
 * only draws: global importance (mean |SHAP| bars), the summary ("beeswarm") plot, dependence plots
 * and waterfall plots (Lundberg et al., Nature Machine Intelligence 2020, Figs. 2–4). All records
 * are immutable and JSON-serialisable; values are in the explanation's output space.
 */
public final class ExplanationSummaries {
  private ExplanationSummaries() {}

  /**
   * Features by decreasing mean |attribution|.
   *
   * @param method the explanation's method
   * @param outputSpace its output space
   * @param outputName the explained output
   * @param features feature names, most important first
   * @param meanAbs mean |attribution| per feature, same order
   * @param nRows rows averaged over
   */
  public record GlobalImportance(
      String method, OutputSpace outputSpace, String outputName, List<String> features, double[] meanAbs, int nRows) {
    public GlobalImportance {
      features = List.copyOf(features);
    }
  }

  /**
   * Summary (beeswarm) data for the top features: one point per row and feature, at x = the
   * attribution, coloured by the feature's value.
   *
   * @param features feature names, most important first, {@code [nTop]}
   * @param values attributions {@code [nTop][nRows]}
   * @param colour feature values scaled to [0, 1] between their 5th and 95th percentiles over the
   *     rows (clipped), {@code NaN} for a missing value; {@code [nTop][nRows]}
   */
  public record SummaryPlot(
      String method, OutputSpace outputSpace, String outputName, List<String> features, double[][] values, double[][] colour) {
    public SummaryPlot {
      features = List.copyOf(features);
    }
  }

  /**
   * Dependence plot data: the attribution of one feature against its value, coloured by a second
   * feature.
   *
   * @param feature the feature on the x axis
   * @param featureValues its values {@code [nRows]} ({@code NaN} = missing)
   * @param values its attributions {@code [nRows]}
   * @param colourFeature the colouring feature, or {@code null}
   * @param colourValues its values {@code [nRows]}, or {@code null}
   */
  public record DependencePlot(
      String feature,
      OutputSpace outputSpace,
      String outputName,
      double[] featureValues,
      double[] values,
      String colourFeature,
      double[] colourValues) {}

  /**
   * Waterfall data for one row: from the base value, each listed contribution in order, to the
   * prediction.
   *
   * @param row the row index in the explained data
   * @param baseValue where the bars start
   * @param prediction where they end ({@code baseValue + Σ contributions})
   * @param labels one label per bar, e.g. {@code "age = 39"}, the last possibly {@code "12 other
   *     features"}
   * @param contributions one value per bar, largest |value| first (the "other" bar last)
   */
  public record Waterfall(
      int row, OutputSpace outputSpace, String outputName, double baseValue, double prediction, List<String> labels, double[] contributions) {
    public Waterfall {
      labels = List.copyOf(labels);
    }
  }

  /** Mean |attribution| per feature, most important first. */
  public static GlobalImportance globalImportance(Explanation e) {
    double[] m = e.meanAbsolute();
    Integer[] order = order(m);
    List<String> names = new ArrayList<>();
    double[] sorted = new double[m.length];
    for (int i = 0; i < order.length; i++) {
      names.add(e.featureNames().get(order[i]));
      sorted[i] = m[order[i]];
    }
    return new GlobalImportance(e.method(), e.outputSpace(), e.outputName(), names, sorted, e.nRows());
  }

  /**
   * Summary plot data for the {@code maxFeatures} most important features.
   *
   * @throws IllegalArgumentException when the explanation has no feature values (grouped)
   */
  public static SummaryPlot summaryPlot(Explanation e, int maxFeatures) {
    requireValues(e);
    Integer[] order = order(e.meanAbsolute());
    int top = Math.min(maxFeatures, order.length);
    List<String> names = new ArrayList<>();
    double[][] v = new double[top][e.nRows()];
    double[][] c = new double[top][];
    for (int t = 0; t < top; t++) {
      int j = order[t];
      names.add(e.featureNames().get(j));
      for (int r = 0; r < e.nRows(); r++) {
        v[t][r] = e.values()[r][j];
      }
      c[t] = scaled(Matrices.column(e.featureValues(), j));
    }
    return new SummaryPlot(e.method(), e.outputSpace(), e.outputName(), names, v, c);
  }

  /**
   * Dependence plot data for {@code feature}, coloured by {@code colourFeature}, or when that is
   * {@code null} by the most important other feature.
   */
  public static DependencePlot dependence(Explanation e, String feature, String colourFeature) {
    requireValues(e);
    int j = PartialDependence.index(e.featureNames(), feature);
    String colour = colourFeature;
    if (colour == null) {
      for (int o : order(e.meanAbsolute())) {
        if (o != j) {
          colour = e.featureNames().get(o);
          break;
        }
      }
    }
    double[] cv = colour == null ? null : Matrices.column(e.featureValues(), PartialDependence.index(e.featureNames(), colour));
    return new DependencePlot(
        feature, e.outputSpace(), e.outputName(), Matrices.column(e.featureValues(), j),
        Matrices.column(e.values(), j), colour, cv);
  }

  /**
   * Waterfall data for explained row {@code r} (an index into the explanation's rows): the {@code
   * maxFeatures} largest |contributions|, then one bar for the rest when any remain.
   */
  public static Waterfall waterfall(Explanation e, int r, int maxFeatures) {
    double[] v = e.values()[r];
    Integer[] order = order(Arrays.stream(v).map(Math::abs).toArray());
    int top = Math.min(maxFeatures, v.length);
    List<String> labels = new ArrayList<>();
    List<Double> bars = new ArrayList<>();
    for (int t = 0; t < top; t++) {
      int j = order[t];
      String name = e.featureNames().get(j);
      if (e.featureValues() != null) {
        double x = e.featureValues()[r][j];
        name += " = " + (Double.isNaN(x) ? "missing" : format(x));
      }
      labels.add(name);
      bars.add(v[j]);
    }
    if (top < v.length) {
      double rest = 0;
      for (int t = top; t < v.length; t++) {
        rest += v[order[t]];
      }
      labels.add((v.length - top) + " other features");
      bars.add(rest);
    }
    return new Waterfall(
        e.rows()[r], e.outputSpace(), e.outputName(), e.baseValues()[r], e.predictions()[r], labels,
        bars.stream().mapToDouble(Double::doubleValue).toArray());
  }

  private static String format(double x) {
    if (x == Math.rint(x) && Math.abs(x) < 1e15) {
      return Long.toString((long) x);
    }
    return String.format(Locale.ROOT, "%.4g", x);
  }

  private static void requireValues(Explanation e) {
    if (e.featureValues() == null) {
      throw new IllegalArgumentException(
          "this explanation has no feature values (it was grouped); use the ungrouped one");
    }
  }

  /** Indices by decreasing value (stable). */
  private static Integer[] order(double[] m) {
    Integer[] idx = new Integer[m.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, Comparator.comparingDouble((Integer i) -> -m[i]));
    return idx;
  }

  /** Values scaled to [0, 1] between the 5th and 95th percentiles; NaN stays NaN. */
  static double[] scaled(double[] col) {
    double[] present = Arrays.stream(col).filter(v -> !Double.isNaN(v)).sorted().toArray();
    double[] out = new double[col.length];
    if (present.length == 0) {
      Arrays.fill(out, Double.NaN);
      return out;
    }
    double lo = Stats.quantile(present, 0.05);
    double hi = Stats.quantile(present, 0.95);
    if (hi <= lo) {
      lo = present[0];
      hi = present[present.length - 1];
    }
    for (int i = 0; i < col.length; i++) {
      double v = col[i];
      out[i] = Double.isNaN(v) ? Double.NaN : hi > lo ? Math.max(0, Math.min(1, (v - lo) / (hi - lo))) : 0.5;
    }
    return out;
  }
}
