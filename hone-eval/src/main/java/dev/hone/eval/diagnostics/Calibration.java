package dev.hone.eval.diagnostics;

import dev.hone.core.data.TaskType;
import dev.hone.core.error.DataValidationException;
import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.model.Predictions;
import dev.hone.core.random.Seeds;
import dev.hone.eval.Percentiles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Calibration of a classifier's probabilities: do events predicted with probability {@code p}
 * happen a fraction {@code p} of the time?
 *
 * <h2>What is calibrated</h2>
 *
 * <ul>
 *   <li>Binary: the probability of class 1 ({@code probabilities[i][1]}) against {@code y = 1}
 *       (kind {@code positive_class}), as scikit-learn's {@code calibration_curve}.
 *   <li>Multiclass: top-label (confidence) calibration, kind {@code top_label}: the largest
 *       probability of each row against whether its arg-max class (first on ties, as {@link
 *       Predictions#predictedClasses()}) is the true one (Guo et al. 2017). This says whether the
 *       model's confidence in its own decisions is right; it does not check the probabilities of
 *       the other classes (class-wise calibration).
 * </ul>
 *
 * <h2>Bins</h2>
 *
 * <p>{@link BinStrategy#UNIFORM} (default): {@code B} (default {@value Options#DEFAULT_BINS})
 * equal-width bins with edges {@code numpy.linspace(0, 1, B + 1)}. {@link BinStrategy#QUANTILE}:
 * edges at the {@code 0, 1/B, ..., 1} quantiles of the predicted probabilities ({@code
 * numpy.percentile}, linear), so bins hold about equally many rows; tied probabilities can give
 * duplicate edges and empty bins. A probability {@code p} goes to bin {@code j} = the number of
 * inner edges strictly below {@code p} ({@code numpy.searchsorted(edges[1:-1], p)}), i.e. bins are
 * {@code (e_j, e_{j+1}]} and the first includes its lower edge — exactly as {@code
 * sklearn.calibration.calibration_curve}, whose {@code prob_true}/{@code prob_pred} are this
 * report's {@code observed}/{@code meanPredicted} of the non-empty bins. Each bin's observed
 * frequency has a Wilson score 95% interval (Wilson 1927; as {@code
 * statsmodels.stats.proportion.proportion_confint(method='wilson')}).
 *
 * <h2>Calibration errors</h2>
 *
 * <p>ECE (Naeini, Cooper and Hauskrecht 2015) = {@code Σ_b (n_b / n)·|o_b − e_b|} over the bins
 * above, where {@code o_b} is the observed frequency and {@code e_b} the mean predicted
 * probability; MCE = {@code max_b |o_b − e_b|} over non-empty bins. Both depend on the binning
 * (ECE is biased upwards for small bins; with few rows per bin it overstates miscalibration), so
 * the binning is recorded in the report. The ECE interval is a 95% percentile bootstrap: {@code
 * bootstrapRounds} resamples of the rows with replacement, the bin edges held fixed at those of the
 * full sample, drawn from {@code Seeds.rng(seed, }{@value #BOOTSTRAP_STREAM}{@code , 0)}.
 *
 * <h2>References</h2>
 *
 * <ul>
 *   <li>M. P. Naeini, G. F. Cooper, M. Hauskrecht, "Obtaining Well Calibrated Probabilities Using
 *       Bayesian Binning", AAAI 2015.
 *   <li>C. Guo, G. Pleiss, Y. Sun, K. Q. Weinberger, "On Calibration of Modern Neural Networks",
 *       ICML 2017.
 *   <li>E. B. Wilson, "Probable Inference, the Law of Succession, and Statistical Inference", JASA
 *       22(158), 1927.
 * </ul>
 *
 * <p>Thread safety: stateless.
 */
public final class Calibration {
  /** Stream name of the bootstrap generator. */
  public static final String BOOTSTRAP_STREAM = "eval.calibration.bootstrap";

  /** {@code Φ⁻¹(0.975)}, the normal quantile of a two-sided 95% interval. */
  static final double Z_975 = 1.959963984540054;

  private Calibration() {}

  /** How the probability axis is cut into bins. */
  public enum BinStrategy {
    /** Equal-width bins on [0, 1]. */
    UNIFORM,
    /** Equal-count bins at the quantiles of the predicted probabilities. */
    QUANTILE;

    String lower() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Settings.
   *
   * @param bins number of bins {@code B}, {@code >= 1}, default {@value #DEFAULT_BINS}
   * @param strategy binning, default {@link BinStrategy#UNIFORM}
   * @param bootstrapRounds resamples for the ECE interval, {@code >= 0} (0 turns it off), default
   *     {@value #DEFAULT_BOOTSTRAP_ROUNDS}
   * @param seed root seed of the bootstrap
   */
  public record Options(int bins, BinStrategy strategy, int bootstrapRounds, long seed) {
    public static final int DEFAULT_BINS = 10;
    public static final int DEFAULT_BOOTSTRAP_ROUNDS = 1000;

    /**
     * Checks the ranges.
     *
     * @throws InvalidParameterException naming the setting out of range
     */
    public Options {
      if (bins < 1) {
        throw new InvalidParameterException("calibration bins was " + bins + " but must be >= 1");
      }
      if (strategy == null) {
        throw new InvalidParameterException("calibration bin strategy must be uniform or quantile");
      }
      if (bootstrapRounds < 0) {
        throw new InvalidParameterException(
            "calibration bootstrap rounds was " + bootstrapRounds + " but must be >= 0");
      }
    }

    /** Uniform bins, defaults, the given seed. */
    public static Options defaults(long seed) {
      return new Options(DEFAULT_BINS, BinStrategy.UNIFORM, DEFAULT_BOOTSTRAP_ROUNDS, seed);
    }
  }

  /**
   * Calibration of classification predictions: positive-class for binary, top-label for
   * multiclass.
   *
   * @param labels class indices {@code 0.0 .. k-1}, shape {@code [n]}, {@code n >= 1}
   * @param preds classification predictions for the same rows
   * @param options settings
   * @return the report
   * @throws IllegalArgumentException if {@code preds} is a regression prediction or shapes differ
   * @throws DataValidationException if there are no rows, a label is not a class index or a
   *     probability is outside [0, 1]
   */
  public static CalibrationReport of(double[] labels, Predictions preds, Options options) {
    if (preds.task() == TaskType.BINARY) {
      return binary(labels, preds.positiveScores(), options);
    }
    if (preds.task() == TaskType.MULTICLASS) {
      return topLabel(labels, preds.probabilities(), options);
    }
    throw new IllegalArgumentException("calibration needs class probabilities, got a regression");
  }

  /**
   * Positive-class calibration of binary scores.
   *
   * @param labels 0 or 1, shape {@code [n]}
   * @param scores predicted probability of class 1, in [0, 1], shape {@code [n]}
   * @param options settings
   * @return the report, kind {@code positive_class}
   */
  public static CalibrationReport binary(double[] labels, double[] scores, Options options) {
    int n = checkRows(labels.length, scores.length);
    boolean[] event = new boolean[n];
    for (int i = 0; i < n; i++) {
      event[i] = classIndex(labels[i], 2, i) == 1;
      checkProbability(scores[i], i);
    }
    return analyze("positive_class", scores, event, options);
  }

  /**
   * Top-label (confidence) calibration.
   *
   * @param labels class indices {@code 0.0 .. k-1}, shape {@code [n]}
   * @param probabilities {@code [n][k]} class probabilities
   * @param options settings
   * @return the report, kind {@code top_label}
   */
  public static CalibrationReport topLabel(
      double[] labels, double[][] probabilities, Options options) {
    int n = checkRows(labels.length, probabilities.length);
    double[] confidence = new double[n];
    boolean[] correct = new boolean[n];
    for (int i = 0; i < n; i++) {
      double[] p = probabilities[i];
      int best = 0;
      for (int k = 0; k < p.length; k++) {
        checkProbability(p[k], i);
        if (p[k] > p[best]) {
          best = k;
        }
      }
      confidence[i] = p[best];
      correct[i] = classIndex(labels[i], p.length, i) == best;
    }
    return analyze("top_label", confidence, correct, options);
  }

  /**
   * The Wilson score interval for a binomial proportion at 95%.
   *
   * @param successes events, {@code 0 <= successes <= n}
   * @param n trials, {@code >= 1}
   * @return {@code {lower, upper}}; {@code {NaN, NaN}} when {@code n == 0}
   */
  public static double[] wilson(long successes, long n) {
    if (n == 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double q = (double) successes / n;
    double z2 = Z_975 * Z_975;
    double denom = 1 + z2 / n;
    double center = (q + z2 / (2.0 * n)) / denom;
    double dist = Z_975 * Math.sqrt(q * (1.0 - q) / n + z2 / (4.0 * n * (double) n)) / denom;
    return new double[] {center - dist, center + dist};
  }

  // ------------------------------------------------------------------ core

  private static CalibrationReport analyze(
      String kind, double[] p, boolean[] event, Options options) {
    int n = p.length;
    double[] edges = edges(p, options);
    int nb = edges.length - 1;
    int[] binOf = new int[n];
    for (int i = 0; i < n; i++) {
      binOf[i] = bin(p[i], edges);
    }
    long[] count = new long[nb];
    double[] sumP = new double[nb];
    long[] hits = new long[nb];
    double totalP = 0.0;
    long totalHits = 0;
    for (int i = 0; i < n; i++) {
      int b = binOf[i];
      count[b]++;
      sumP[b] += p[i];
      totalP += p[i];
      if (event[i]) {
        hits[b]++;
        totalHits++;
      }
    }
    List<CalibrationReport.ReliabilityBin> bins = new ArrayList<>(nb);
    for (int b = 0; b < nb; b++) {
      long c = count[b];
      double[] ci = wilson(hits[b], c);
      bins.add(
          new CalibrationReport.ReliabilityBin(
              edges[b],
              edges[b + 1],
              (int) c,
              c == 0 ? Double.NaN : sumP[b] / c,
              c == 0 ? Double.NaN : (double) hits[b] / c,
              ci[0],
              ci[1]));
    }
    double ece = ece(count, sumP, hits, n);
    double mce = 0.0;
    for (int b = 0; b < nb; b++) {
      if (count[b] > 0) {
        mce = Math.max(mce, Math.abs((double) hits[b] / count[b] - sumP[b] / count[b]));
      }
    }
    double lower = Double.NaN;
    double upper = Double.NaN;
    int rounds = options.bootstrapRounds();
    if (rounds > 0) {
      double[] rep = eceReplicates(binOf, p, event, nb, rounds, options.seed());
      Arrays.sort(rep);
      lower = Percentiles.linear(rep, rounds, 2.5);
      upper = Percentiles.linear(rep, rounds, 97.5);
    }
    return new CalibrationReport(
        kind, options.strategy().lower(), n, bins, ece, lower, upper, rounds, mce, totalP / n,
        (double) totalHits / n);
  }

  /** Bin edges, {@code B + 1} ascending values (possibly repeated for quantile bins). */
  static double[] edges(double[] p, Options options) {
    int b = options.bins();
    double[] edges = new double[b + 1];
    double step = 1.0 / b; // numpy.linspace(0, 1, b + 1) = i * step, last exactly 1
    if (options.strategy() == BinStrategy.UNIFORM) {
      for (int i = 0; i < b; i++) {
        edges[i] = i * step;
      }
      edges[b] = 1.0;
    } else {
      double[] sorted = p.clone();
      Arrays.sort(sorted);
      for (int i = 0; i <= b; i++) {
        double q = i == b ? 1.0 : i * step;
        edges[i] = Percentiles.linear(sorted, sorted.length, q * 100);
      }
    }
    return edges;
  }

  /** The number of inner edges strictly below {@code v}. */
  static int bin(double v, double[] edges) {
    int lo = 1;
    int hi = edges.length - 1; // inner edges are edges[1 .. length-2]
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (edges[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo - 1;
  }

  private static double ece(long[] count, double[] sumP, long[] hits, long n) {
    double ece = 0.0;
    for (int b = 0; b < count.length; b++) {
      if (count[b] > 0) {
        ece += Math.abs(hits[b] - sumP[b]) / n; // (n_b/n)·|hits_b/n_b − sumP_b/n_b|
      }
    }
    return ece;
  }

  /** Bootstrap replicates of the ECE with the bins of every row held fixed. */
  static double[] eceReplicates(
      int[] binOf, double[] p, boolean[] event, int nb, int rounds, long seed) {
    SplittableRandom rng = Seeds.rng(seed, BOOTSTRAP_STREAM, 0);
    int n = p.length;
    int[][] draws = new int[1][n];
    double[] out = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < n; i++) {
        draws[0][i] = rng.nextInt(n);
      }
      out[r] = eceForResamples(binOf, p, event, nb, draws)[0];
    }
    return out;
  }

  /** ECE of each explicit resample {@code draws[round][k]} (row indices), bins held fixed. */
  static double[] eceForResamples(
      int[] binOf, double[] p, boolean[] event, int nb, int[][] draws) {
    double[] out = new double[draws.length];
    long[] count = new long[nb];
    double[] sumP = new double[nb];
    long[] hits = new long[nb];
    for (int r = 0; r < draws.length; r++) {
      Arrays.fill(count, 0);
      Arrays.fill(sumP, 0.0);
      Arrays.fill(hits, 0);
      for (int i : draws[r]) {
        int b = binOf[i];
        count[b]++;
        sumP[b] += p[i];
        if (event[i]) {
          hits[b]++;
        }
      }
      out[r] = ece(count, sumP, hits, draws[r].length);
    }
    return out;
  }

  /** ECE for explicit resamples of labelled binary scores (for checks against an oracle). */
  static double[] eceForResamples(
      double[] labels, double[] scores, Options options, int[][] draws) {
    double[] edges = edges(scores, options);
    int[] binOf = new int[scores.length];
    boolean[] event = new boolean[scores.length];
    for (int i = 0; i < scores.length; i++) {
      binOf[i] = bin(scores[i], edges);
      event[i] = labels[i] == 1.0;
    }
    return eceForResamples(binOf, scores, event, edges.length - 1, draws);
  }

  // ------------------------------------------------------------------ validation

  static int checkRows(int labels, int preds) {
    if (labels == 0) {
      throw new DataValidationException(
          "calibration got 0 rows: the evaluated split needs at least one row");
    }
    if (labels != preds) {
      throw new IllegalArgumentException(
          "labels have " + labels + " rows but predictions have " + preds);
    }
    return labels;
  }

  static int classIndex(double label, int k, int row) {
    if (!(label >= 0 && label < k) || label != Math.rint(label)) {
      throw new DataValidationException(
          "label at row " + row + " is " + label + " but must be a class index 0.." + (k - 1));
    }
    return (int) label;
  }

  static void checkProbability(double p, int row) {
    if (!(p >= 0.0 && p <= 1.0)) {
      throw new DataValidationException(
          "predicted probability at row " + row + " is " + p + " but must be in [0, 1]");
    }
  }
}
