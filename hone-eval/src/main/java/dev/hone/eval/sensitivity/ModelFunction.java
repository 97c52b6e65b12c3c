package dev.hone.eval.sensitivity;

import dev.hone.core.model.FeatureMatrix;
import dev.hone.core.model.Model;
import dev.hone.core.model.Predictions;
import java.util.List;

/**
 * A model seen as a function of its input features, evaluated on a batch of rows: the only thing
 * the sensitivity analyses need. Any prediction code fits: a fitted {@link Model} (see {@link
 * #of(Model, List, int)}), an analytic test function, or a stand-in for benchmarks.
 *
 * <p>Contract: {@code predict(rows)} returns one finite number per row, in row order, and depends
 * only on that row (a pure function); it may be called many times with batches of different
 * sizes. It must not keep or modify {@code rows}.
 */
@FunctionalInterface
public interface ModelFunction {
  /** Output index for {@link #of(Model, List, int)}: the regression value. */
  int REGRESSION_VALUE = -1;

  /**
   * Evaluates the model.
   *
   * @param rows {@code [m][nFeatures]} inputs, {@code m >= 1}; NaN marks a missing value
   * @return {@code [m]} outputs
   */
  double[] predict(double[][] rows);

  /**
   * Wraps a fitted model: each batch is turned into a {@link FeatureMatrix} (values rounded to
   * {@code float}, the matrix type models take) and predicted.
   *
   * @param model the fitted model (not closed by this function)
   * @param featureNames the model's feature names, in column order
   * @param output {@link #REGRESSION_VALUE} for a regression model, or a class index {@code k}
   *     for the predicted probability of class {@code k} (class 1 for the usual binary analysis)
   * @return the function
   */
  static ModelFunction of(Model model, List<String> featureNames, int output) {
    List<String> names = List.copyOf(featureNames);
    int p = names.size();
    return rows -> {
      float[] data = new float[rows.length * p];
      for (int i = 0; i < rows.length; i++) {
        double[] r = rows[i];
        if (r.length != p) {
          throw new IllegalArgumentException(
              "row " + i + " has " + r.length + " values but the model has " + p + " features");
        }
        for (int j = 0; j < p; j++) {
          data[i * p + j] = (float) r[j];
        }
      }
      Predictions preds = model.predict(new FeatureMatrix(data, rows.length, names));
      if (output == REGRESSION_VALUE) {
        return preds.values();
      }
      double[][] proba = preds.probabilities();
      double[] out = new double[proba.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = proba[i][output];
      }
      return out;
    };
  }
}
