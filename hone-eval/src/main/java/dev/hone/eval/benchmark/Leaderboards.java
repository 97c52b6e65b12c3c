package dev.hone.eval.benchmark;

import dev.hone.core.error.DataValidationException;
import dev.hone.core.error.InvalidParameterException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hipparchus.distribution.continuous.TDistribution;

/**
 * Builds a {@link Leaderboard} from benchmark scores: pure, scores in and a record out.
 *
 * <ul>
 *   <li>Per (dataset, learner): mean over seeds with a 95% Student-t interval {@code mean ±
 *       t_{0.975, n−1}·s/√n} ({@code scipy.stats.t.interval(0.95, n − 1, mean, s/√n)}), {@code s}
 *       the sample standard deviation. Seeds vary the split and the learner's randomness, so the
 *       interval is about that variation, not about the data-generating distribution.
 *   <li>Average rank per learner (Demšar 2006): on each dataset learners are ranked by their mean
 *       score, 1 for the best, tied means sharing the average of their ranks ({@code
 *       scipy.stats.rankdata(method='average')}); the ranks are averaged over datasets.
 *   <li>Paired two-sided Wilcoxon signed-rank tests between every two learners ({@link Wilcoxon}),
 *       pairing per-dataset mean scores ({@link Pairing#DATASET_MEANS}, the default, as Demšar
 *       recommends: datasets are the independent units) or individual (dataset, seed) runs ({@link
 *       Pairing#DATASET_SEED}: more pairs, but runs on one dataset are not independent, so p-values
 *       are optimistic). Holm-adjusted p-values are included for the whole family of tests.
 * </ul>
 *
 * <p>Every learner must have a score on every dataset (and, for {@code DATASET_SEED}, for the same
 * seeds); a missing or duplicate score, or a non-finite one, is an error that names it.
 */
public final class Leaderboards {
  private Leaderboards() {}

  /** The units the Wilcoxon tests pair. */
  public enum Pairing {
    /** Per-dataset mean scores (one pair per dataset). */
    DATASET_MEANS,
    /** Individual runs (one pair per dataset and seed). */
    DATASET_SEED
  }

  /**
   * Settings.
   *
   * @param metric the metric's name, for the record
   * @param higherIsBetter the metric's direction (ranks and wins follow it)
   * @param pairing default {@link Pairing#DATASET_MEANS}
   */
  public record Options(String metric, boolean higherIsBetter, Pairing pairing) {
    /**
     * Checks the arguments.
     *
     * @throws InvalidParameterException if the metric name is blank or the pairing missing
     */
    public Options {
      if (metric == null || metric.isBlank()) {
        throw new InvalidParameterException("benchmark metric name must not be blank");
      }
      if (pairing == null) {
        throw new InvalidParameterException("benchmark pairing must be dataset_means or dataset_seed");
      }
    }
  }

  /**
   * Builds the leaderboard.
   *
   * @param scores every run's score; at least one learner and one dataset
   * @param options settings
   * @param baseline the baseline definition recorded in the leaderboard, or {@code null}
   * @return the leaderboard
   * @throws DataValidationException if there are no scores, a score is not finite, a (dataset,
   *     learner, seed) appears twice, or a learner lacks a dataset (or, for {@code DATASET_SEED},
   *     a seed) another learner has
   */
  public static Leaderboard build(List<Score> scores, Options options, Baseline baseline) {
    if (scores.isEmpty()) {
      throw new DataValidationException("no benchmark scores: run at least one learner on one dataset");
    }
    // dataset -> learner -> seed -> value
    Map<String, Map<String, TreeMap<Long, Double>>> table = new TreeMap<>();
    TreeSet<String> learnerSet = new TreeSet<>();
    for (Score s : scores) {
      if (!Double.isFinite(s.value())) {
        throw new DataValidationException(
            "score of " + s.learner() + " on " + s.dataset() + " (seed " + s.seed() + ") is "
                + s.value() + ": give failed runs a finite worst value or leave them out of every"
                + " learner");
      }
      learnerSet.add(s.learner());
      Double previous =
          table.computeIfAbsent(s.dataset(), k -> new TreeMap<>())
              .computeIfAbsent(s.learner(), k -> new TreeMap<>())
              .put(s.seed(), s.value());
      if (previous != null) {
        throw new DataValidationException(
            "two scores for " + s.learner() + " on " + s.dataset() + " with seed " + s.seed());
      }
    }
    List<String> datasets = new ArrayList<>(table.keySet());
    for (String ds : datasets) {
      for (String l : learnerSet) {
        if (!table.get(ds).containsKey(l)) {
          throw new DataValidationException(
              "learner " + l + " has no score on dataset " + ds
                  + ": every learner must run on every dataset");
        }
      }
    }
    int nd = datasets.size();
    List<String> alpha = new ArrayList<>(learnerSet);
    int nl = alpha.size();
    double[][] means = new double[nd][nl];
    for (int i = 0; i < nd; i++) {
      for (int j = 0; j < nl; j++) {
        means[i][j] = mean(values(table.get(datasets.get(i)).get(alpha.get(j))));
      }
    }
    // average ranks
    double[] rankSum = new double[nl];
    for (int i = 0; i < nd; i++) {
      double[] key = new double[nl];
      for (int j = 0; j < nl; j++) {
        key[j] = options.higherIsBetter() ? -means[i][j] : means[i][j];
      }
      double[] r = averageRanks(key);
      for (int j = 0; j < nl; j++) {
        rankSum[j] += r[j];
      }
    }
    Integer[] order = new Integer[nl];
    for (int j = 0; j < nl; j++) {
      order[j] = j;
    }
    Arrays.sort(order, Comparator.<Integer>comparingDouble(j -> rankSum[j]).thenComparing(alpha::get));
    List<String> learners = new ArrayList<>();
    List<Leaderboard.Rank> ranks = new ArrayList<>();
    for (int j : order) {
      learners.add(alpha.get(j));
      ranks.add(new Leaderboard.Rank(alpha.get(j), rankSum[j] / nd, nd));
    }
    List<Leaderboard.Cell> cells = new ArrayList<>();
    for (String ds : datasets) {
      for (String l : learners) {
        cells.add(cell(ds, l, values(table.get(ds).get(l))));
      }
    }
    List<Leaderboard.PairedTest> tests = new ArrayList<>();
    for (int a = 0; a < nl; a++) {
      for (int b = a + 1; b < nl; b++) {
        tests.add(pairedTest(table, datasets, learners.get(a), learners.get(b), options));
      }
    }
    tests = holm(tests);
    return new Leaderboard(
        options.metric(),
        options.higherIsBetter(),
        options.pairing().name().toLowerCase(Locale.ROOT),
        datasets,
        learners,
        cells,
        ranks,
        tests,
        baseline == null ? "" : baseline.description());
  }

  private static double[] values(TreeMap<Long, Double> bySeed) {
    return bySeed.values().stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  static Leaderboard.Cell cell(String dataset, String learner, double[] v) {
    int n = v.length;
    double mean = mean(v);
    if (n < 2) {
      return new Leaderboard.Cell(dataset, learner, n, mean, Double.NaN, Double.NaN, Double.NaN);
    }
    double ss = 0;
    for (double x : v) {
      ss += (x - mean) * (x - mean);
    }
    double std = Math.sqrt(ss / (n - 1));
    double half = new TDistribution(n - 1).inverseCumulativeProbability(0.975) * std / Math.sqrt(n);
    return new Leaderboard.Cell(dataset, learner, n, mean, std, mean - half, mean + half);
  }

  /** Ranks 1..n of ascending {@code key}, ties sharing their average rank. */
  static double[] averageRanks(double[] key) {
    int n = key.length;
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, Comparator.comparingDouble(i -> key[i]));
    double[] rank = new double[n];
    int i = 0;
    while (i < n) {
      int j = i + 1;
      while (j < n && key[idx[j]] == key[idx[i]]) {
        j++;
      }
      double avg = (i + 1 + j) / 2.0;
      for (int k = i; k < j; k++) {
        rank[idx[k]] = avg;
      }
      i = j;
    }
    return rank;
  }

  private static Leaderboard.PairedTest pairedTest(
      Map<String, Map<String, TreeMap<Long, Double>>> table,
      List<String> datasets,
      String la,
      String lb,
      Options options) {
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (String ds : datasets) {
      TreeMap<Long, Double> a = table.get(ds).get(la);
      TreeMap<Long, Double> b = table.get(ds).get(lb);
      if (options.pairing() == Pairing.DATASET_MEANS) {
        xs.add(mean(values(a)));
        ys.add(mean(values(b)));
      } else {
        if (!a.keySet().equals(b.keySet())) {
          throw new DataValidationException(
              "on dataset " + ds + " learner " + la + " has seeds " + a.keySet() + " but " + lb
                  + " has " + b.keySet() + ": pairing by seed needs the same seeds");
        }
        for (Map.Entry<Long, Double> e : a.entrySet()) {
          xs.add(e.getValue());
          ys.add(b.get(e.getKey()));
        }
      }
    }
    double[] x = xs.stream().mapToDouble(Double::doubleValue).toArray();
    double[] y = ys.stream().mapToDouble(Double::doubleValue).toArray();
    int wins = 0;
    int losses = 0;
    int ties = 0;
    double diff = 0;
    for (int i = 0; i < x.length; i++) {
      diff += x[i] - y[i];
      int c = Double.compare(x[i], y[i]);
      if (x[i] == y[i]) {
        ties++;
      } else if ((c > 0) == options.higherIsBetter()) {
        wins++;
      } else {
        losses++;
      }
    }
    Wilcoxon.Result w = Wilcoxon.signedRank(x, y);
    return new Leaderboard.PairedTest(
        la, lb, x.length, diff / x.length, wins, losses, ties, w.statistic(), w.pValue(),
        Double.NaN, w.method());
  }

  /**
   * Holm's step-down adjustment (Holm 1979): with the {@code m} defined p-values sorted ascending,
   * {@code p_(i)·(m − i + 1)} made non-decreasing and capped at 1; NaN stays NaN.
   */
  static List<Leaderboard.PairedTest> holm(List<Leaderboard.PairedTest> tests) {
    int m = 0;
    for (Leaderboard.PairedTest t : tests) {
      if (!Double.isNaN(t.pValue())) {
        m++;
      }
    }
    Integer[] idx = new Integer[tests.size()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, Comparator.comparingDouble(i -> Double.isNaN(tests.get(i).pValue())
        ? Double.POSITIVE_INFINITY : tests.get(i).pValue()));
    double[] adjusted = new double[tests.size()];
    Arrays.fill(adjusted, Double.NaN);
    double running = 0;
    for (int k = 0; k < m; k++) {
      double v = Math.min(1.0, (m - k) * tests.get(idx[k]).pValue());
      running = Math.max(running, v);
      adjusted[idx[k]] = running;
    }
    List<Leaderboard.PairedTest> out = new ArrayList<>(tests.size());
    for (int i = 0; i < tests.size(); i++) {
      Leaderboard.PairedTest t = tests.get(i);
      out.add(
          new Leaderboard.PairedTest(
              t.learnerA(), t.learnerB(), t.pairs(), t.meanDifference(), t.wins(), t.losses(),
              t.ties(), t.statistic(), t.pValue(), adjusted[i], t.method()));
    }
    return out;
  }
}
