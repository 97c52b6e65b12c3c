package dev.hone.explain;

import dev.hone.core.error.InvalidParameterException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Gradient saliency maps (Simonyan, Vedaldi and Zisserman, "Deep Inside Convolutional Networks:
 * Visualising Image Classification Models and Saliency Maps", ICLR workshop 2014): the attribution
 * of feature {@code j} at row {@code x} is the local sensitivity {@code ∂F(x)/∂x_j}, optionally its
 * absolute value (the paper's map) or the gradient × input product (Shrikumar et al. 2016).
 *
 * <p>Saliency is a local sensitivity, not an additive decomposition: the values do not sum to the
 * prediction, so {@link Explanation#baseValues()} are {@code NaN} and {@link
 * Explanation#efficiencyGap} is meaningless for this method. For an additive gradient method use
 * {@link IntegratedGradients}.
 */
public final class Saliency {
  /** The {@link Explanation#method()} of results. */
  public static final String METHOD = "saliency";

  /** Rows per call of the gradient function. */
  public static final int BATCH_ROWS = 4096;

  /** What is reported per feature. */
  public enum Mode {
    /** The signed gradient {@code ∂F/∂x_j} (default). */
    GRADIENT,
    /** Its absolute value {@code |∂F/∂x_j|}, as in Simonyan et al. (2014). */
    ABSOLUTE,
    /** {@code x_j · ∂F/∂x_j}, in output units. */
    GRADIENT_TIMES_INPUT
  }

  private final DifferentiableFunction f;
  private final List<String> featureNames;
  private final Mode mode;

  /**
   * @param f the model, in the output space to explain
   * @param featureNames the input columns, {@code f.nFeatures()} of them
   * @param mode what to report, {@code null} for {@link Mode#GRADIENT}
   * @throws IllegalArgumentException when the feature names do not match {@code f}
   */
  public Saliency(DifferentiableFunction f, List<String> featureNames, Mode mode) {
    this.f = Objects.requireNonNull(f, "f");
    this.featureNames = List.copyOf(featureNames);
    this.mode = mode == null ? Mode.GRADIENT : mode;
    if (this.featureNames.size() != f.nFeatures()) {
      throw new IllegalArgumentException(
          "feature count mismatch: " + this.featureNames.size() + " names, function takes "
              + f.nFeatures());
    }
  }

  /**
   * Explains rows of {@code x}.
   *
   * @param x rows {@code [n][nFeatures]}; missing values ({@code NaN}) are not allowed
   * @param rows indices into {@code x} to explain, or {@code null} for all rows
   * @return one explanation per output of {@code f}; {@code values} {@code [nRows][nFeatures]},
   *     {@code baseValues} all {@code NaN}, {@code predictions} = {@code F(x)}
   * @throws IllegalArgumentException when a row has the wrong length or a row index is out of range
   * @throws InvalidParameterException when an explained row has a missing or infinite value
   */
  public List<Explanation> explain(double[][] x, int[] rows) {
    double[][] explained = GradientSupport.selectRows(x, rows, f.nFeatures(), METHOD);
    int[] idx = rows == null ? ExactShapley.range(x.length) : rows.clone();
    int n = explained.length;
    int k = f.nOutputs();
    double[][] fx = new double[n][];
    double[][][] values = new double[k][n][];
    for (int start = 0; start < n; start += BATCH_ROWS) {
      int end = Math.min(n, start + BATCH_ROWS);
      double[][] chunk = Arrays.copyOfRange(explained, start, end);
      double[][] out = f.apply(chunk);
      double[][][] g = f.gradient(chunk);
      for (int i = 0; i < chunk.length; i++) {
        fx[start + i] = out[i];
        for (int o = 0; o < k; o++) {
          double[] v = g[i][o].clone();
          for (int j = 0; j < v.length; j++) {
            if (mode == Mode.ABSOLUTE) {
              v[j] = Math.abs(v[j]);
            } else if (mode == Mode.GRADIENT_TIMES_INPUT) {
              v[j] *= chunk[i][j];
            }
          }
          values[o][start + i] = v;
        }
      }
    }
    List<Explanation> result = new ArrayList<>();
    for (int o = 0; o < k; o++) {
      double[] preds = new double[n];
      double[] bases = new double[n];
      Arrays.fill(bases, Double.NaN);
      for (int r = 0; r < n; r++) {
        preds[r] = fx[r][o];
      }
      Map<String, Object> params = new LinkedHashMap<>();
      params.put("mode", mode.name().toLowerCase(java.util.Locale.ROOT));
      result.add(
          new Explanation(
              METHOD, f.outputSpace(), o, f.outputNames().get(o), featureNames, idx,
              GradientSupport.copy(explained), values[o], bases, preds, null, params));
    }
    return result;
  }
}
