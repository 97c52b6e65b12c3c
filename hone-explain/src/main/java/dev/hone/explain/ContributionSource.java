package dev.hone.explain;

import java.util.List;

/**
 * A model that computes its own additive feature contributions, such as XGBoost's TreeSHAP
 * ({@code XGBoostModel.predictContrib}). This interface keeps native engines out of this module:
 * the application wires an adapter, for example
 *
 * <pre>{@code
 * ContributionSource src = new ContributionSource() {
 *   public List<String> featureNames() { return model.featureNames(); }
 *   public int nOutputs() { return model.task() == TaskType.MULTICLASS ? model.nClasses() : 1; }
 *   public double[][] contributions(double[][] x, int output) {
 *     return model.predictContrib(Matrices.toFeatureMatrix(x, featureNames()), output);
 *   }
 *   public double[][] margins(double[][] x) {
 *     return model.predictMargin(Matrices.toFeatureMatrix(x, featureNames()));
 *   }
 * };
 * }</pre>
 */
public interface ContributionSource {
  /** The input columns, in order. */
  List<String> featureNames();

  /** Number of outputs: 1 for binary and regression, k for k classes. */
  int nOutputs();

  /**
   * Contributions to the margin of one output.
   *
   * @param x rows {@code [n][nFeatures]}, {@code NaN} = missing
   * @param output the output index
   * @return {@code [n][nFeatures + 1]}: one contribution per feature, then the bias (base value)
   */
  double[][] contributions(double[][] x, int output);

  /**
   * The margins the contributions add up to.
   *
   * @return {@code [n][nOutputs]}
   */
  double[][] margins(double[][] x);
}
