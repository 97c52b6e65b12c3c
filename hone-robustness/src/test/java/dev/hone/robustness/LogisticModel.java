package dev.hone.robustness;

import dev.hone.core.data.TaskType;
import dev.hone.core.model.DifferentiableModel;
import dev.hone.core.model.FeatureMatrix;
import dev.hone.core.model.Predictions;
import java.nio.file.Path;
import java.util.Map;

/** p(y=1|x) = σ(w·x + b) with its analytic gradients: the oracle model of the tests. */
final class LogisticModel implements DifferentiableModel {
  final double[] w;
  final double b;

  LogisticModel(double[] w, double b) {
    this.w = w.clone();
    this.b = b;
  }

  double margin(double[] x) {
    double m = b;
    for (int j = 0; j < w.length; j++) {
      m += w[j] * x[j];
    }
    return m;
  }

  static double sigmoid(double m) {
    return 1 / (1 + Math.exp(-m));
  }

  @Override
  public double[][] lossGradient(double[][] x, double[] y) {
    double[][] g = new double[x.length][w.length];
    for (int i = 0; i < x.length; i++) {
      double r = sigmoid(margin(x[i])) - y[i];
      for (int j = 0; j < w.length; j++) {
        g[i][j] = r * w[j];
      }
    }
    return g;
  }

  @Override
  public double[][][] outputGradient(double[][] x) {
    double[][][] g = new double[x.length][2][w.length];
    for (int i = 0; i < x.length; i++) {
      double p = sigmoid(margin(x[i]));
      for (int j = 0; j < w.length; j++) {
        g[i][1][j] = p * (1 - p) * w[j];
        g[i][0][j] = -g[i][1][j];
      }
    }
    return g;
  }

  @Override
  public Predictions predictRows(double[][] x) {
    double[][] p = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      double s = sigmoid(margin(x[i]));
      p[i] = new double[] {1 - s, s};
    }
    return new Predictions(TaskType.BINARY, p, null);
  }

  @Override
  public String learnerName() {
    return "logistic-test";
  }

  @Override
  public Predictions predict(FeatureMatrix x) {
    double[][] rows = new double[x.nRows()][x.nCols()];
    for (int i = 0; i < x.nRows(); i++) {
      for (int j = 0; j < x.nCols(); j++) {
        rows[i][j] = x.get(i, j);
      }
    }
    return predictRows(rows);
  }

  @Override
  public void save(Path dir) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Map<String, Object> fitInfo() {
    return Map.of();
  }

  @Override
  public void close() {}
}
