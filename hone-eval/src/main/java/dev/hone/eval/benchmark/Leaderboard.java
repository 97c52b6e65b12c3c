package dev.hone.eval.benchmark;

import java.util.List;

/**
 * A benchmark's leaderboard over several datasets, learners and seeds; see {@link Leaderboards}
 * for how each part is computed. Immutable and JSON-serialisable.
 *
 * @param metric the metric's name
 * @param higherIsBetter the metric's direction
 * @param pairing {@code "dataset_means"} or {@code "dataset_seed"}: the units paired by the
 *     Wilcoxon tests
 * @param datasets dataset names, sorted
 * @param learners learner names, best average rank first (ties by name)
 * @param cells one entry per (dataset, learner), datasets in {@code datasets} order, learners in
 *     {@code learners} order within each
 * @param ranks average rank per learner, in {@code learners} order
 * @param tests one paired test per pair of learners {@code (a, b)} with {@code a} before {@code b}
 *     in {@code learners}
 * @param baseline how the baseline learner (listed as {@value Baseline#LEARNER_NAME} when the
 *     experiment layer ran it) is defined
 */
public record Leaderboard(
    String metric,
    boolean higherIsBetter,
    String pairing,
    List<String> datasets,
    List<String> learners,
    List<Cell> cells,
    List<Rank> ranks,
    List<PairedTest> tests,
    String baseline) {

  /** Copies the lists. */
  public Leaderboard {
    datasets = List.copyOf(datasets);
    learners = List.copyOf(learners);
    cells = List.copyOf(cells);
    ranks = List.copyOf(ranks);
    tests = List.copyOf(tests);
  }

  /**
   * A learner's scores on one dataset across seeds.
   *
   * @param dataset dataset name
   * @param learner learner name
   * @param n seeds
   * @param mean mean score
   * @param std sample standard deviation ({@code ddof=1}); NaN when {@code n = 1}
   * @param lower lower end of the 95% Student-t interval of the mean; NaN when {@code n = 1}
   * @param upper upper end
   */
  public record Cell(
      String dataset, String learner, int n, double mean, double std, double lower,
      double upper) {}

  /**
   * A learner's average rank.
   *
   * @param learner learner name
   * @param averageRank mean over datasets of its rank by mean score (1 = best; ties share the
   *     average of the ranks they span)
   * @param datasets datasets ranked
   */
  public record Rank(String learner, double averageRank, int datasets) {}

  /**
   * A paired comparison of two learners.
   *
   * @param learnerA first learner
   * @param learnerB second learner
   * @param pairs paired units (datasets, or dataset-seed pairs)
   * @param meanDifference mean of {@code a − b} over the pairs, in metric units
   * @param wins pairs where {@code a} is better (by the metric's direction)
   * @param losses pairs where {@code b} is better
   * @param ties pairs with equal scores (dropped by the test)
   * @param statistic Wilcoxon {@code T = min(R+, R−)}
   * @param pValue two-sided p-value (NaN when every pair ties)
   * @param pValueHolm Holm's step-down adjustment of {@code pValue} over all the leaderboard's
   *     tests (family-wise error control)
   * @param method {@code "exact"}, {@code "normal"} or {@code "none"} (see {@link Wilcoxon})
   */
  public record PairedTest(
      String learnerA,
      String learnerB,
      int pairs,
      double meanDifference,
      int wins,
      int losses,
      int ties,
      double statistic,
      double pValue,
      double pValueHolm,
      String method) {}
}
