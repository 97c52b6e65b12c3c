package dev.hone.robustness;

import dev.hone.core.data.TaskType;
import dev.hone.core.model.DifferentiableModel;
import dev.hone.core.model.FeatureMatrix;
import dev.hone.core.model.Predictions;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A one-hidden-layer network (tanh, softmax, cross-entropy) in plain Java with hand-written
 * backpropagation, trained by mini-batch SGD: the differentiable test model. Gradients are checked
 * against central finite differences in {@link TinyMlpTest}.
 */
class TinyMlp implements DifferentiableModel {
  final int d;
  final int h;
  final int k;
  final double[][] w1; // [h][d]
  final double[] b1;
  final double[][] w2; // [k][h]
  final double[] b2;

  TinyMlp(int d, int h, int k, long seed) {
    this.d = d;
    this.h = h;
    this.k = k;
    SplittableRandom r = new SplittableRandom(seed);
    w1 = new double[h][d];
    b1 = new double[h];
    w2 = new double[k][h];
    b2 = new double[k];
    double s1 = Math.sqrt(1.0 / d);
    double s2 = Math.sqrt(1.0 / h);
    for (double[] row : w1) {
      for (int j = 0; j < d; j++) {
        row[j] = (2 * r.nextDouble() - 1) * s1 * Math.sqrt(3);
      }
    }
    for (double[] row : w2) {
      for (int j = 0; j < h; j++) {
        row[j] = (2 * r.nextDouble() - 1) * s2 * Math.sqrt(3);
      }
    }
  }

  TinyMlp copy() {
    TinyMlp m = new TinyMlp(d, h, k, 0);
    for (int i = 0; i < h; i++) {
      m.w1[i] = w1[i].clone();
    }
    for (int i = 0; i < k; i++) {
      m.w2[i] = w2[i].clone();
    }
    System.arraycopy(b1, 0, m.b1, 0, h);
    System.arraycopy(b2, 0, m.b2, 0, k);
    return m;
  }

  private double[] hidden(double[] x) {
    double[] a = new double[h];
    for (int i = 0; i < h; i++) {
      double s = b1[i];
      double[] row = w1[i];
      for (int j = 0; j < d; j++) {
        s += row[j] * x[j];
      }
      a[i] = Math.tanh(s);
    }
    return a;
  }

  private double[] softmax(double[] a) {
    double[] z = new double[k];
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < k; c++) {
      double s = b2[c];
      for (int i = 0; i < h; i++) {
        s += w2[c][i] * a[i];
      }
      z[c] = s;
      max = Math.max(max, s);
    }
    double sum = 0;
    for (int c = 0; c < k; c++) {
      z[c] = Math.exp(z[c] - max);
      sum += z[c];
    }
    for (int c = 0; c < k; c++) {
      z[c] /= sum;
    }
    return z;
  }

  @Override
  public double[][] lossGradient(double[][] x, double[] y) {
    double[][] g = new double[x.length][];
    for (int n = 0; n < x.length; n++) {
      double[] a = hidden(x[n]);
      double[] p = softmax(a);
      p[(int) y[n]] -= 1; // dL/dlogits
      double[] gx = new double[d];
      for (int i = 0; i < h; i++) {
        double da = 0;
        for (int c = 0; c < k; c++) {
          da += p[c] * w2[c][i];
        }
        double dz = da * (1 - a[i] * a[i]);
        double[] row = w1[i];
        for (int j = 0; j < d; j++) {
          gx[j] += dz * row[j];
        }
      }
      g[n] = gx;
    }
    return g;
  }

  @Override
  public double[][][] outputGradient(double[][] x) {
    throw new UnsupportedOperationException("not needed by the attacks");
  }

  @Override
  public Predictions predictRows(double[][] x) {
    double[][] p = new double[x.length][];
    for (int n = 0; n < x.length; n++) {
      p[n] = softmax(hidden(x[n]));
    }
    return new Predictions(k == 2 ? TaskType.BINARY : TaskType.MULTICLASS, p, null);
  }

  /** Mini-batch SGD on cross-entropy, in place. */
  void train(double[][] x, double[] y, int epochs, int batch, double lr, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = x.length;
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    for (int e = 0; e < epochs; e++) {
      dev.hone.core.random.Seeds.shuffle(idx, r);
      for (int s = 0; s < n; s += batch) {
        int end = Math.min(n, s + batch);
        double[][] gw1 = new double[h][d];
        double[] gb1 = new double[h];
        double[][] gw2 = new double[k][h];
        double[] gb2 = new double[k];
        for (int t = s; t < end; t++) {
          double[] xi = x[idx[t]];
          double[] a = hidden(xi);
          double[] p = softmax(a);
          p[(int) y[idx[t]]] -= 1;
          for (int c = 0; c < k; c++) {
            gb2[c] += p[c];
            for (int i = 0; i < h; i++) {
              gw2[c][i] += p[c] * a[i];
            }
          }
          for (int i = 0; i < h; i++) {
            double da = 0;
            for (int c = 0; c < k; c++) {
              da += p[c] * w2[c][i];
            }
            double dz = da * (1 - a[i] * a[i]);
            if (dz == 0) {
              continue;
            }
            gb1[i] += dz;
            double[] row = gw1[i];
            for (int j = 0; j < d; j++) {
              row[j] += dz * xi[j];
            }
          }
        }
        double f = lr / (end - s);
        for (int i = 0; i < h; i++) {
          b1[i] -= f * gb1[i];
          for (int j = 0; j < d; j++) {
            w1[i][j] -= f * gw1[i][j];
          }
        }
        for (int c = 0; c < k; c++) {
          b2[c] -= f * gb2[c];
          for (int i = 0; i < h; i++) {
            w2[c][i] -= f * gw2[c][i];
          }
        }
      }
    }
  }

  @Override
  public String learnerName() {
    return "tiny-mlp-test";
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
