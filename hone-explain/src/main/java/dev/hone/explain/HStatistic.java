package dev.hone.explain;

import dev.hone.core.random.Seeds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Friedman and Popescu's pairwise interaction statistic ("Predictive learning via rule
 * ensembles", Annals of Applied Statistics 2, 2008, eq. 44):
 *
 * <pre>
 *   H²_jk = Σ_i [PD_jk(x_ij, x_ik) − PD_j(x_ij) − PD_k(x_ik)]² / Σ_i PD_jk(x_ij, x_ik)²
 * </pre>
 *
 * with every partial dependence function centred to mean zero over the rows {@code i}. It is the
 * share of the joint effect of {@code j} and {@code k} that their separate effects do not explain:
 * 0 when the model is additive in them, up to 1 for a pure interaction. Partial dependences are
 * evaluated at the rows themselves, by brute force over the same rows, so a feature costs {@code
 * n²} and a pair {@code n²} model rows; {@code n} is capped by subsampling (default 200 rows).
 *
 * <p>A feature may be a group of columns (a one-hot input), set jointly to row {@code i}'s values.
 * {@code H²} is {@code NaN} when the joint partial dependence is constant.
 */
public final class HStatistic {
  private HStatistic() {}

  /** Default cap on the rows used. */
  public static final int DEFAULT_MAX_ROWS = 200;

  /**
   * Pairwise {@code H²} for every pair of {@code features}.
   *
   * @param f the model, in the output space to analyse
   * @param x rows {@code [n][nFeatures]}
   * @param featureNames the columns of {@code x}
   * @param groups feature → group name to treat encoded columns as one feature, or {@code null}
   * @param features the features (or group names) whose pairs to analyse, e.g. the top few by
   *     importance
   * @param maxRows rows used at most (a seeded sample when {@code x} has more)
   * @param seed drives the sample through {@code Seeds.rng(seed, "h-statistic", 0)}
   * @return one entry per pair and output, by decreasing {@code H²}
   */
  public static List<InteractionStrength> pairwise(
      PredictFunction f,
      double[][] x,
      List<String> featureNames,
      Map<String, String> groups,
      List<String> features,
      int maxRows,
      long seed) {
    Objects.requireNonNull(f, "f");
    Matrices.checkRows(x, f.nFeatures(), "data");
    if (maxRows < 2) {
      throw new IllegalArgumentException("maxRows must be >= 2, got " + maxRows);
    }
    Players players = Players.of(featureNames, groups);
    int[] ids = new int[features.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = players.names.indexOf(features.get(i));
      if (ids[i] < 0) {
        throw new IllegalArgumentException(
            "'" + features.get(i) + "' is not a feature or group; choose from " + players.names);
      }
    }
    double[][] rows = sample(x, maxRows, seed);
    int n = rows.length;
    int k = f.nOutputs();
    RowBatcher batcher = new RowBatcher(f, 16384);
    double[][][] single = new double[ids.length][][];
    for (int a = 0; a < ids.length; a++) {
      single[a] = centred(pd(batcher, rows, players, new int[] {ids[a]}, k), n, k);
    }
    List<InteractionStrength> out = new ArrayList<>();
    for (int a = 0; a < ids.length; a++) {
      for (int b = a + 1; b < ids.length; b++) {
        double[][] joint = centred(pd(batcher, rows, players, new int[] {ids[a], ids[b]}, k), n, k);
        for (int o = 0; o < k; o++) {
          double num = 0;
          double den = 0;
          for (int i = 0; i < n; i++) {
            double d = joint[i][o] - single[a][i][o] - single[b][i][o];
            num += d * d;
            den += joint[i][o] * joint[i][o];
          }
          out.add(
              new InteractionStrength(
                  features.get(a), features.get(b), o, f.outputNames().get(o),
                  den > 0 ? num / den : Double.NaN, n));
        }
      }
    }
    out.sort(Comparator.comparingDouble((InteractionStrength s) -> Double.isNaN(s.h2()) ? 1 : -s.h2()));
    return out;
  }

  /** PD of the players {@code ids} at each row's own values: {@code [n][k]}, uncentred. */
  private static double[][] pd(RowBatcher batcher, double[][] rows, Players players, int[] ids, int k) {
    int n = rows.length;
    double[] out = new double[n * n * k];
    batcher.start(out);
    for (int i = 0; i < n; i++) {
      for (int r = 0; r < n; r++) {
        double[] row = batcher.next();
        System.arraycopy(rows[r], 0, row, 0, row.length);
        for (int p : ids) {
          players.copy(p, rows[i], row);
        }
      }
    }
    batcher.flush();
    double[][] pd = new double[n][k];
    for (int i = 0; i < n; i++) {
      for (int r = 0; r < n; r++) {
        for (int o = 0; o < k; o++) {
          pd[i][o] += out[(i * n + r) * k + o] / n;
        }
      }
    }
    return pd;
  }

  private static double[][] centred(double[][] pd, int n, int k) {
    for (int o = 0; o < k; o++) {
      double m = 0;
      for (double[] r : pd) {
        m += r[o] / n;
      }
      for (double[] r : pd) {
        r[o] -= m;
      }
    }
    return pd;
  }

  private static double[][] sample(double[][] x, int max, long seed) {
    if (x.length <= max) {
      return x;
    }
    int[] idx = new int[x.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    SplittableRandom rng = Seeds.rng(seed, "h-statistic", 0);
    for (int i = 0; i < max; i++) {
      int j = i + rng.nextInt(idx.length - i);
      int t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    }
    double[][] out = new double[max][];
    for (int i = 0; i < max; i++) {
      out[i] = x[idx[i]];
    }
    return out;
  }

  /**
   * The interaction strength of one pair for one output.
   *
   * @param featureA first feature
   * @param featureB second feature
   * @param output output index
   * @param outputName output name
   * @param h2 Friedman–Popescu {@code H²} in [0, 1] (can exceed 1 slightly in degenerate cases;
   *     NaN when undefined)
   * @param nRows rows used
   */
  public record InteractionStrength(
      String featureA, String featureB, int output, String outputName, double h2, int nRows) {}
}
