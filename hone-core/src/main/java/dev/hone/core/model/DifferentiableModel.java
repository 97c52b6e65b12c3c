package dev.hone.core.model;

/**
 * A model that can give gradients with respect to its input features: the capability that
 * gradient attacks (FGSM, Goodfellow, Shlens and Szegedy 2015; PGD, Madry et al. 2018) and
 * gradient explanations (saliency, integrated gradients) require. Neural networks implement it;
 * tree ensembles, being piecewise constant, do not.
 *
 * <p>Features are the model's own input space: the preprocessed columns of {@link FeatureMatrix},
 * in the same order as at fit time, as {@code double}s. Gradients are computed row by row: the
 * gradient of a row does not depend on the other rows of the batch (no batch statistics in
 * inference mode). {@code x} is neither modified nor kept.
 */
public interface DifferentiableModel extends Model {
  /**
   * Gradient of the per-row training loss (cross-entropy for classification, squared error for
   * regression) with respect to the input.
   *
   * @param x rows {@code [n][nFeatures]}
   * @param y labels {@code [n]}: class index {@code 0..nClasses-1}, or the regression target
   * @return {@code [n][nFeatures]}: {@code ∂ loss(f(x_i), y_i) / ∂ x_ij}
   * @throws IllegalArgumentException if shapes disagree or a class index is out of range
   */
  double[][] lossGradient(double[][] x, double[] y);

  /**
   * Gradients of each output (class probabilities for classification, the predicted value for
   * regression) with respect to the input.
   *
   * @param x rows {@code [n][nFeatures]}
   * @return {@code [n][nOutputs][nFeatures]}
   * @throws IllegalArgumentException if the feature count differs
   */
  double[][][] outputGradient(double[][] x);

  /**
   * Predictions for rows given as doubles, identical to {@link #predict(FeatureMatrix)} on the
   * same values.
   *
   * @param x rows {@code [n][nFeatures]}
   * @return predictions for the {@code n} rows
   */
  Predictions predictRows(double[][] x);
}
