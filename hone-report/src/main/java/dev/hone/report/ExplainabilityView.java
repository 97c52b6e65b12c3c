package dev.hone.report;

import java.util.List;

/**
 * What the report's "Explanations" section shows, already computed by the explainers (the
 * workflow converts their result records into this view; the report module computes nothing and
 * imports no analysis module). Every list may be empty, and the section is left out when the
 * view is {@code null}. Immutable.
 *
 * @param method how attributions were computed, e.g. {@code "TreeSHAP (path-dependent)"}
 * @param outputSpace the scale attributions add up on, e.g. {@code "margin (log-odds of >50K)"}
 * @param note a sentence shown under the heading (rows explained, background, grouping), or
 *     empty
 * @param importance global importance: mean |attribution| per feature, most important first
 * @param summary beeswarm data for the top features, or {@code null}
 * @param dependence dependence plots for the top features
 * @param waterfalls waterfall plots for a few rows
 * @param permutation permutation importances, most important first
 * @param permutationMetric the metric permutation importance uses, e.g. {@code "roc_auc"}, or
 *     empty
 * @param correlationWarnings pairs of strongly correlated features, as sentences
 * @param partialDependence partial dependence curves
 * @param interactions pairwise interaction strengths (Friedman's H²), strongest first
 */
public record ExplainabilityView(
    String method,
    String outputSpace,
    String note,
    List<Bar> importance,
    Summary summary,
    List<Dependence> dependence,
    List<Waterfall> waterfalls,
    List<PermutationRow> permutation,
    String permutationMetric,
    List<String> correlationWarnings,
    List<PdCurve> partialDependence,
    List<Interaction> interactions) {

  public ExplainabilityView {
    note = note == null ? "" : note;
    importance = copy(importance);
    dependence = copy(dependence);
    waterfalls = copy(waterfalls);
    permutation = copy(permutation);
    permutationMetric = permutationMetric == null ? "" : permutationMetric;
    correlationWarnings = copy(correlationWarnings);
    partialDependence = copy(partialDependence);
    interactions = copy(interactions);
  }

  private static <T> List<T> copy(List<T> l) {
    return l == null ? List.of() : List.copyOf(l);
  }

  /** A named value, e.g. a feature's mean |SHAP|. */
  public record Bar(String name, double value) {}

  /**
   * Beeswarm data.
   *
   * @param features feature names, most important first, {@code [nTop]}
   * @param values attributions {@code [nTop][nRows]}
   * @param colour feature values scaled to [0, 1] (low = blue, high = red), {@code NaN} for a
   *     missing value (grey); {@code [nTop][nRows]}
   */
  public record Summary(List<String> features, double[][] values, double[][] colour) {
    public Summary {
      features = List.copyOf(features);
    }
  }

  /**
   * A dependence plot: attribution against feature value, coloured by another feature.
   *
   * @param feature the x-axis feature
   * @param featureValues {@code [nRows]}, {@code NaN} = missing (not drawn)
   * @param values attributions {@code [nRows]}
   * @param colourFeature the colouring feature, or {@code null}
   * @param colour its values scaled to [0, 1], or {@code null}
   */
  public record Dependence(
      String feature, double[] featureValues, double[] values, String colourFeature, double[] colour) {}

  /**
   * A waterfall plot for one row.
   *
   * @param title e.g. {@code "test row 17"}
   * @param baseValue the expected output the bars start from
   * @param prediction the row's output where they end
   * @param labels one per bar, e.g. {@code "age = 39"}
   * @param contributions one per bar
   */
  public record Waterfall(
      String title, double baseValue, double prediction, List<String> labels, double[] contributions) {
    public Waterfall {
      labels = List.copyOf(labels);
    }
  }

  /**
   * A permutation importance.
   *
   * @param name feature or input column
   * @param mean mean score drop
   * @param std standard deviation over repeats
   * @param low lower end of the 95% interval
   * @param high upper end
   */
  public record PermutationRow(String name, double mean, double std, double low, double high) {}

  /**
   * A partial dependence curve.
   *
   * @param feature the varied feature
   * @param grid grid values
   * @param gridLabels level names for a categorical input, or {@code null}
   * @param average partial dependence at each grid value
   */
  public record PdCurve(String feature, double[] grid, List<String> gridLabels, double[] average) {
    public PdCurve {
      gridLabels = gridLabels == null ? null : List.copyOf(gridLabels);
    }
  }

  /** Friedman's H² for a pair of features. */
  public record Interaction(String featureA, String featureB, double h2) {}
}
