package dev.hone.explain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Additive feature attributions of one model output for a set of rows: for every explained row
 * {@code r}, {@code baseValues[r] + Σ_j values[r][j] = predictions[r]} (efficiency), exactly for
 * exact Shapley values, TreeSHAP and KernelSHAP (whose least squares enforce it as a constraint),
 * up to float32 rounding for contributions computed by a native engine.
 *
 * <p><b>Multiclass</b>: one {@code Explanation} per output ({@code output} = class index); every
 * explainer returns a list indexed by output, of length 1 for binary and regression models.
 *
 * <p>Immutable by convention (arrays are not copied) and serialisable with {@link
 * dev.hone.core.json.Json}; {@code NaN} marks missing feature values in {@code featureValues}.
 *
 * @param method the algorithm: {@value ExactShapley#METHOD}, {@value KernelShap#METHOD}, {@value
 *     dev.hone.explain.tree.TreeShap#METHOD}, {@value ContributionExplainer#METHOD}, {@value
 *     IntegratedGradients#METHOD}, {@value Saliency#METHOD} (not additive: {@code baseValues} are
 *     {@code NaN}), or one of these suffixed with {@code "+grouped"}
 * @param outputSpace the scale the attributions add up on (margin, probability, value)
 * @param output index of the explained output, {@code 0..nOutputs-1}
 * @param outputName name of the explained output
 * @param featureNames the attributed features (or feature groups), {@code nFeatures} of them
 * @param rows indices of the explained rows in the matrix given to the explainer, {@code [nRows]}
 * @param featureValues the explained rows' values {@code [nRows][nFeatures]} ({@code NaN} =
 *     missing), for dependence and summary plots; {@code null} after grouping
 * @param values attributions {@code [nRows][nFeatures]} in {@code outputSpace} units
 * @param baseValues the expected output the attributions start from, {@code [nRows]} (the same
 *     for every row with a fixed background; kept per row for uniformity)
 * @param predictions the model output being explained, {@code [nRows]}
 * @param standardErrors estimated standard errors of {@code values} {@code [nRows][nFeatures]}
 *     (KernelSHAP), or {@code null} for exact methods
 * @param parameters settings and diagnostics of the run (background size, coalitions evaluated,
 *     ...), for provenance
 */
public record Explanation(
    String method,
    OutputSpace outputSpace,
    int output,
    String outputName,
    List<String> featureNames,
    int[] rows,
    double[][] featureValues,
    double[][] values,
    double[] baseValues,
    double[] predictions,
    double[][] standardErrors,
    Map<String, Object> parameters) {

  /**
   * Checks shapes.
   *
   * @throws IllegalArgumentException when an array does not have the documented shape
   */
  public Explanation {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(outputSpace, "outputSpace");
    featureNames = List.copyOf(featureNames);
    parameters =
        parameters == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    int n = rows.length;
    int f = featureNames.size();
    checkShape(values, n, f, "values");
    if (featureValues != null) {
      checkShape(featureValues, n, f, "featureValues");
    }
    if (standardErrors != null) {
      checkShape(standardErrors, n, f, "standardErrors");
    }
    if (baseValues.length != n || predictions.length != n) {
      throw new IllegalArgumentException(
          "baseValues and predictions need " + n + " entries, got " + baseValues.length + " and "
              + predictions.length);
    }
  }

  private static void checkShape(double[][] a, int n, int f, String what) {
    if (a.length != n) {
      throw new IllegalArgumentException(what + " has " + a.length + " rows, expected " + n);
    }
    for (double[] r : a) {
      if (r.length != f) {
        throw new IllegalArgumentException(what + " row has " + r.length + " values, expected " + f);
      }
    }
  }

  /** Number of explained rows. */
  public int nRows() {
    return rows.length;
  }

  /** Number of attributed features (or groups). */
  public int nFeatures() {
    return featureNames.size();
  }

  /** {@code baseValues[r] + Σ_j values[r][j] − predictions[r]}: zero for an efficient method. */
  public double efficiencyGap(int r) {
    double s = baseValues[r];
    for (double v : values[r]) {
      s += v;
    }
    return s - predictions[r];
  }

  /** The largest {@code |efficiencyGap(r)| / max(1, |predictions[r]|)} over rows; 0 if none. */
  public double maxRelativeEfficiencyGap() {
    double worst = 0;
    for (int r = 0; r < nRows(); r++) {
      worst = Math.max(worst, Math.abs(efficiencyGap(r)) / Math.max(1, Math.abs(predictions[r])));
    }
    return worst;
  }

  /**
   * Global importance: the mean absolute attribution of each feature over the explained rows,
   * {@code [nFeatures]}, in {@code outputSpace} units (the usual "mean |SHAP|" bar chart).
   */
  public double[] meanAbsolute() {
    double[] out = new double[nFeatures()];
    for (double[] r : values) {
      for (int j = 0; j < out.length; j++) {
        out[j] += Math.abs(r[j]);
      }
    }
    for (int j = 0; j < out.length; j++) {
      out[j] = rows.length == 0 ? 0 : out[j] / rows.length;
    }
    return out;
  }

  /**
   * Attributions of groups of features, each the sum of its members' attributions: explains
   * one-hot or otherwise encoded columns as the original input column. Efficiency is kept
   * exactly. For KernelSHAP and exact Shapley values, a group treated as one player (their {@code
   * groups} option) gives the Shapley value of the grouped game instead, which differs from the
   * sum when members interact.
   *
   * <p>Groups appear in the order of their first member; features missing from the map form a
   * group of their own under their own name. {@code featureValues} becomes {@code null} (a group
   * has no single value) and so do {@code standardErrors} unless every group has one member.
   *
   * @param featureToGroup feature name → group name, e.g. {@code FittedPreprocessor.featureToInput()}
   *     ({@code "sex=Male" → "sex"})
   * @return a new explanation whose method is suffixed {@code "+grouped"}
   */
  public Explanation groupBy(Map<String, String> featureToGroup) {
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    for (int j = 0; j < nFeatures(); j++) {
      String name = featureNames.get(j);
      groups.computeIfAbsent(featureToGroup.getOrDefault(name, name), k -> new ArrayList<>()).add(j);
    }
    List<String> names = new ArrayList<>(groups.keySet());
    List<List<Integer>> members = new ArrayList<>(groups.values());
    boolean singletons = members.stream().allMatch(m -> m.size() == 1);
    double[][] v = new double[nRows()][names.size()];
    double[][] se = standardErrors != null && singletons ? new double[nRows()][names.size()] : null;
    double[][] fv = featureValues != null && singletons ? new double[nRows()][names.size()] : null;
    for (int r = 0; r < nRows(); r++) {
      for (int g = 0; g < names.size(); g++) {
        double s = 0;
        for (int j : members.get(g)) {
          s += values[r][j];
        }
        v[r][g] = s;
        if (se != null) {
          se[r][g] = standardErrors[r][members.get(g).get(0)];
        }
        if (fv != null) {
          fv[r][g] = featureValues[r][members.get(g).get(0)];
        }
      }
    }
    Map<String, Object> p = new LinkedHashMap<>(parameters);
    p.put("grouped_from_features", nFeatures());
    return new Explanation(
        method + "+grouped", outputSpace, output, outputName, names, rows.clone(), fv, v,
        baseValues.clone(), predictions.clone(), se, p);
  }
}
