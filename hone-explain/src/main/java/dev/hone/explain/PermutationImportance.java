package dev.hone.explain;

import dev.hone.core.random.Seeds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Permutation feature importance (Breiman, "Random Forests", Machine Learning 45, 2001; the
 * semantics of scikit-learn's {@code sklearn.inspection.permutation_importance}): the drop in a
 * score when one feature's column is shuffled across rows, breaking its link to the target while
 * keeping its distribution.
 *
 * <p>For each feature (or group of columns permuted jointly with the same row permutation, e.g.
 * the one-hot columns of one input) and each of {@code nRepeats} repeats: importance = baseline −
 * permuted score when higher is better, permuted − baseline when lower is better, so a positive
 * importance always means the model relies on the feature. Reported per feature: every repeat's
 * value, their mean, the standard deviation with {@code ddof = 0} (as scikit-learn's {@code
 * importances_std}), and a 95% t-interval for the mean, {@code mean ± t_{0.975, n−1} · s / √n}
 * with {@code s} the {@code ddof = 1} deviation (NaN for one repeat). The interval describes the
 * permutation noise on this data set, not the sampling of the data.
 *
 * <p>Permutation importance is misleading for correlated features: shuffling one leaves its
 * information in the other, and the shuffled rows can be unrealistic. The result therefore lists
 * every pair of columns from different groups whose Pearson correlation has {@code |ρ| ≥
 * correlationThreshold} (default 0.8); group such columns to permute them together.
 *
 * <p>Randomness: feature (group) {@code g}, repeat {@code r} uses {@code Seeds.rng(seed,
 * "permutation:" + name, r)}, a Fisher–Yates shuffle, so results do not depend on the order or
 * number of other features.
 */
public final class PermutationImportance {
  private PermutationImportance() {}

  /** Default number of repeats (scikit-learn's default). */
  public static final int DEFAULT_REPEATS = 5;

  /** Default correlation above which a pair of columns is flagged. */
  public static final double DEFAULT_CORRELATION_THRESHOLD = 0.8;

  /**
   * Settings.
   *
   * @param nRepeats permutations per feature (≥ 1)
   * @param seed seed of the permutations
   * @param correlationThreshold flag column pairs with {@code |ρ|} at least this, in {@code [0,
   *     1]}; above 1 disables the check
   */
  public record Options(int nRepeats, long seed, double correlationThreshold) {
    /**
     * @throws IllegalArgumentException when out of range
     */
    public Options {
      if (nRepeats < 1 || !(correlationThreshold >= 0)) {
        throw new IllegalArgumentException(
            "nRepeats must be >= 1 and correlationThreshold >= 0, got " + nRepeats + " and "
                + correlationThreshold);
      }
    }

    /** {@value #DEFAULT_REPEATS} repeats, threshold 0.8, the given seed. */
    public static Options defaults(long seed) {
      return new Options(DEFAULT_REPEATS, seed, DEFAULT_CORRELATION_THRESHOLD);
    }

    public Options withRepeats(int value) {
      return new Options(value, seed, correlationThreshold);
    }
  }

  /** Where the row permutations come from; the default is seeded Fisher–Yates shuffles. */
  @FunctionalInterface
  public interface PermutationSource {
    /**
     * The permutation for one feature (group) and repeat: row {@code i} of the permuted column
     * takes the value of row {@code perm[i]}.
     *
     * @param feature the feature (group) name
     * @param repeat the repeat index
     * @param nRows number of rows
     */
    int[] permutation(String feature, int repeat, int nRows);
  }

  /**
   * Computes permutation importances with seeded permutations.
   *
   * @param score the model and metric on fixed labels
   * @param x rows {@code [n][nFeatures]}, {@code NaN} = missing
   * @param featureNames one name per column
   * @param groups feature → group name for columns permuted jointly (e.g. {@code
   *     FittedPreprocessor.featureToInput()}), or {@code null} to permute each column alone
   * @param options settings
   * @return importances sorted by decreasing mean, and the correlated pairs
   */
  public static PermutationImportanceResult compute(
      ScoreFunction score, double[][] x, List<String> featureNames, Map<String, String> groups, Options options) {
    long seed = options.seed();
    return compute(
        score, x, featureNames, groups, options,
        (name, repeat, n) -> {
          int[] p = new int[n];
          for (int i = 0; i < n; i++) {
            p[i] = i;
          }
          SplittableRandom rng = Seeds.rng(seed, "permutation:" + name, repeat);
          Seeds.shuffle(p, rng);
          return p;
        });
  }

  /** As {@link #compute(ScoreFunction, double[][], List, Map, Options)} with given permutations. */
  public static PermutationImportanceResult compute(
      ScoreFunction score,
      double[][] x,
      List<String> featureNames,
      Map<String, String> groups,
      Options options,
      PermutationSource source) {
    Objects.requireNonNull(score, "score");
    Objects.requireNonNull(source, "source");
    int f = featureNames.size();
    Matrices.checkRows(x, f, "data");
    int n = x.length;
    if (n < 2) {
      throw new IllegalArgumentException("permutation importance needs at least 2 rows, got " + n);
    }
    Players players = Players.of(featureNames, groups);
    double baseline = score.score(x);
    double[][] work = new double[n][];
    for (int i = 0; i < n; i++) {
      work[i] = x[i].clone();
    }
    int reps = options.nRepeats();
    double t = reps > 1 ? Stats.studentTQuantile(0.975, reps - 1) : Double.NaN;
    List<FeatureImportance> out = new ArrayList<>();
    for (int p = 0; p < players.size(); p++) {
      String name = players.names.get(p);
      int[] cols = players.columns[p];
      double[] values = new double[reps];
      for (int r = 0; r < reps; r++) {
        int[] perm = source.permutation(name, r, n);
        checkPermutation(perm, n, name);
        for (int i = 0; i < n; i++) {
          for (int c : cols) {
            work[i][c] = x[perm[i]][c];
          }
        }
        double s = score.score(work);
        values[r] = score.higherIsBetter() ? baseline - s : s - baseline;
      }
      for (int i = 0; i < n; i++) {
        for (int c : cols) {
          work[i][c] = x[i][c];
        }
      }
      double mean = 0;
      for (double v : values) {
        mean += v / reps;
      }
      double ss = 0;
      for (double v : values) {
        ss += (v - mean) * (v - mean);
      }
      double std = Math.sqrt(ss / reps);
      double half = reps > 1 ? t * Math.sqrt(ss / (reps - 1)) / Math.sqrt(reps) : Double.NaN;
      List<String> members = new ArrayList<>();
      for (int c : cols) {
        members.add(featureNames.get(c));
      }
      out.add(new FeatureImportance(name, members, mean, std, mean - half, mean + half, values));
    }
    out.sort(Comparator.comparingDouble((FeatureImportance fi) -> -fi.mean()));
    List<CorrelatedPair> pairs = correlatedPairs(x, featureNames, players, options.correlationThreshold());
    return new PermutationImportanceResult(
        score.name(), score.higherIsBetter(), baseline, n, reps, options.seed(),
        options.correlationThreshold(), out, pairs);
  }

  private static void checkPermutation(int[] perm, int n, String name) {
    if (perm.length != n) {
      throw new IllegalArgumentException(
          "permutation for " + name + " has " + perm.length + " entries, expected " + n);
    }
    boolean[] seen = new boolean[n];
    for (int v : perm) {
      if (v < 0 || v >= n || seen[v]) {
        throw new IllegalArgumentException("the row order given for " + name + " is not a permutation");
      }
      seen[v] = true;
    }
  }

  /**
   * Pairs of columns from different groups with {@code |ρ| ≥ threshold} (Pearson, over rows where
   * both are present), by decreasing {@code |ρ|}.
   */
  public static List<CorrelatedPair> correlatedPairs(
      double[][] x, List<String> featureNames, Map<String, String> groups, double threshold) {
    return correlatedPairs(x, featureNames, Players.of(featureNames, groups), threshold);
  }

  private static List<CorrelatedPair> correlatedPairs(
      double[][] x, List<String> names, Players players, double threshold) {
    List<CorrelatedPair> out = new ArrayList<>();
    if (threshold > 1) {
      return out;
    }
    int f = names.size();
    int[] groupOf = new int[f];
    for (int p = 0; p < players.size(); p++) {
      for (int c : players.columns[p]) {
        groupOf[c] = p;
      }
    }
    double[][] cols = new double[f][];
    for (int j = 0; j < f; j++) {
      cols[j] = Matrices.column(x, j);
    }
    for (int a = 0; a < f; a++) {
      for (int b = a + 1; b < f; b++) {
        if (groupOf[a] == groupOf[b]) {
          continue;
        }
        double r = Stats.pearson(cols[a], cols[b]);
        if (!Double.isNaN(r) && Math.abs(r) >= threshold) {
          out.add(new CorrelatedPair(names.get(a), names.get(b), r));
        }
      }
    }
    out.sort(Comparator.comparingDouble((CorrelatedPair c) -> -Math.abs(c.correlation())));
    return out;
  }

  /**
   * Importance of one feature or group.
   *
   * @param name the feature or group name
   * @param columns the columns permuted together
   * @param mean mean importance over repeats (score units)
   * @param std standard deviation over repeats, {@code ddof = 0}
   * @param ciLow lower end of the 95% t-interval of the mean (NaN for one repeat)
   * @param ciHigh upper end
   * @param values the importance of each repeat, {@code [nRepeats]}
   */
  public record FeatureImportance(
      String name, List<String> columns, double mean, double std, double ciLow, double ciHigh, double[] values) {
    public FeatureImportance {
      columns = List.copyOf(columns);
    }
  }

  /**
   * Two correlated columns.
   *
   * @param featureA first column
   * @param featureB second column
   * @param correlation Pearson's ρ over rows where both are present
   */
  public record CorrelatedPair(String featureA, String featureB, double correlation) {}

  /**
   * The result of {@link PermutationImportance#compute}.
   *
   * @param metric the score's name
   * @param higherIsBetter the score's direction
   * @param baselineScore the score on unpermuted data
   * @param nRows rows scored
   * @param nRepeats permutations per feature
   * @param seed the permutation seed
   * @param correlationThreshold the |ρ| above which pairs are listed
   * @param features importances by decreasing mean
   * @param correlatedPairs column pairs with {@code |ρ| ≥ correlationThreshold}
   */
  public record PermutationImportanceResult(
      String metric,
      boolean higherIsBetter,
      double baselineScore,
      int nRows,
      int nRepeats,
      long seed,
      double correlationThreshold,
      List<FeatureImportance> features,
      List<CorrelatedPair> correlatedPairs) {
    public PermutationImportanceResult {
      features = List.copyOf(features);
      correlatedPairs = List.copyOf(correlatedPairs);
    }

    /** The importance of a feature or group by name. */
    public FeatureImportance get(String name) {
      for (FeatureImportance f : features) {
        if (f.name().equals(name)) {
          return f;
        }
      }
      throw new IllegalArgumentException("no feature named " + name);
    }
  }
}
