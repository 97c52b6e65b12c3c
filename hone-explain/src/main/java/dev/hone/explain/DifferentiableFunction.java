package dev.hone.explain;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A {@link PredictFunction} that also gives input gradients, for gradient-based attributions
 * ({@link Saliency}, Simonyan, Vedaldi and Zisserman 2014; {@link IntegratedGradients},
 * Sundararajan, Taly and Yan, ICML 2017) and gradient attacks.
 *
 * <p>No Hone model implements it yet: gradient boosted trees are piecewise constant and have no
 * useful gradient. It is the capability a differentiable model (a neural network) will declare.
 *
 * <p><b>Contract</b>: as for {@link PredictFunction#apply}, gradients are deterministic row by row
 * (the gradient of a row does not depend on the other rows of the batch), {@code x} is not
 * modified and not kept after the call. The gradient is taken in the {@linkplain #outputSpace()
 * output space} of {@link #apply}.
 */
public interface DifferentiableFunction extends PredictFunction {
  /**
   * Gradients of each output with respect to each input.
   *
   * @param x rows {@code [n][nFeatures]}
   * @return {@code [n][nOutputs][nFeatures]}: {@code ∂ apply(x)[i][k] / ∂ x[i][j]}
   */
  double[][][] gradient(double[][] x);

  /**
   * Gradients of one output with respect to each input. The default extracts {@code output} from
   * {@link #gradient(double[][])}; a model that can differentiate one output more cheaply should
   * override it.
   *
   * @param x rows {@code [n][nFeatures]}
   * @param output output index, {@code 0..nOutputs-1}
   * @return {@code [n][nFeatures]}: {@code ∂ apply(x)[i][output] / ∂ x[i][j]}
   * @throws IllegalArgumentException when {@code output} is out of range
   */
  default double[][] gradient(double[][] x, int output) {
    if (output < 0 || output >= nOutputs()) {
      throw new IllegalArgumentException(
          "output " + output + " is out of range: the model has " + nOutputs() + " outputs");
    }
    double[][][] all = gradient(x);
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = all[i][output];
    }
    return out;
  }

  /**
   * A single-output differentiable function given row by row, e.g. a closed-form test function.
   *
   * @param nFeatures input columns (≥ 1)
   * @param space the output space
   * @param value maps a row {@code [nFeatures]} to the output
   * @param gradient maps a row {@code [nFeatures]} to {@code ∂ output / ∂ row}, {@code
   *     [nFeatures]}
   */
  static DifferentiableFunction ofRows(
      int nFeatures,
      OutputSpace space,
      java.util.function.ToDoubleFunction<double[]> value,
      Function<double[], double[]> gradient) {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(gradient, "gradient");
    PredictFunction p = PredictFunction.ofRows(nFeatures, space, value);
    return new DifferentiableFunction() {
      @Override
      public int nFeatures() {
        return nFeatures;
      }

      @Override
      public int nOutputs() {
        return 1;
      }

      @Override
      public OutputSpace outputSpace() {
        return space;
      }

      @Override
      public List<String> outputNames() {
        return p.outputNames();
      }

      @Override
      public double[][] apply(double[][] x) {
        return p.apply(x);
      }

      @Override
      public double[][][] gradient(double[][] x) {
        double[][][] out = new double[x.length][1][];
        for (int i = 0; i < x.length; i++) {
          double[] g = gradient.apply(x[i]);
          if (g.length != nFeatures) {
            throw new IllegalStateException(
                "gradient of row " + i + " has " + g.length + " entries, expected " + nFeatures);
          }
          out[i][0] = g.clone();
        }
        return out;
      }
    };
  }
}
