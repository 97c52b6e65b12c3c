package dev.hone.explain;

/**
 * A {@link PredictFunction} that also gives input gradients, for gradient-based attributions
 * (Integrated Gradients, Sundararajan et al., ICML 2017; SmoothGrad) and gradient attacks.
 *
 * <p>No Hone model implements it yet: gradient boosted trees are piecewise constant and have no
 * useful gradient. It is the capability a differentiable model (a neural network) will declare;
 * gradient methods will be added together with such a model.
 */
public interface DifferentiableFunction extends PredictFunction {
  /**
   * Gradients of each output with respect to each input.
   *
   * @param x rows {@code [n][nFeatures]}
   * @return {@code [n][nOutputs][nFeatures]}
   */
  double[][][] gradient(double[][] x);
}
