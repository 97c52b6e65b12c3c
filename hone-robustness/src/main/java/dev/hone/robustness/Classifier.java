package dev.hone.robustness;

import dev.hone.core.model.DifferentiableModel;
import dev.hone.core.model.FeatureMatrix;
import dev.hone.core.model.Model;
import java.util.List;

/**
 * A classifier seen as a black box over rows of doubles: all a decision-based attack or a noise
 * attack needs. Any {@link Model} fits (tree ensembles included) through {@link #of(Model, List)}.
 */
@FunctionalInterface
public interface Classifier {
  /**
   * Class probabilities.
   *
   * @param x rows {@code [n][nFeatures]}
   * @return {@code [n][nClasses]}
   */
  double[][] probabilities(double[][] x);

  /** Predicted class per row (arg-max of {@link #probabilities}, ties to the lower index). */
  default int[] predict(double[][] x) {
    double[][] p = probabilities(x);
    int[] out = new int[p.length];
    for (int i = 0; i < p.length; i++) {
      int best = 0;
      for (int k = 1; k < p[i].length; k++) {
        if (p[i][k] > p[i][best]) {
          best = k;
        }
      }
      out[i] = best;
    }
    return out;
  }

  /** A differentiable model through {@link DifferentiableModel#predictRows}. */
  static Classifier of(DifferentiableModel m) {
    return x -> m.predictRows(x).probabilities();
  }

  /**
   * Any model over the given feature names: rows are converted to a {@link FeatureMatrix}
   * ({@code float} values, as the model saw in training).
   */
  static Classifier of(Model m, List<String> featureNames) {
    int d = featureNames.size();
    return x -> {
      float[] data = new float[x.length * d];
      for (int i = 0; i < x.length; i++) {
        for (int j = 0; j < d; j++) {
          data[i * d + j] = (float) x[i][j];
        }
      }
      return m.predict(new FeatureMatrix(data, x.length, featureNames)).probabilities();
    };
  }
}
