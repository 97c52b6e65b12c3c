package dev.hone.data.split;

import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.random.Seeds;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded, stratified hold-out splits.
 *
 * <p><b>Allocation.</b> Rows are grouped into strata (one per class code; a single stratum when no
 * codes are given). For a stratum of {@code n_c} rows the exact share of split {@code k} is {@code
 * n_c * f_k}. Each split first gets {@code floor(n_c * f_k)} rows; the {@code r} rows left over go,
 * one each, to the {@code r} splits with a positive fraction whose running total over all strata so
 * far lags its exact share the most (ties: larger fractional part, then train before validation
 * before test). Every per-stratum count is therefore within one row of its exact share, and the
 * split totals stay close to {@code n * f_k} as well (largest-remainder apportionment, coordinated
 * across strata; the tests observe every total within one row over hundreds of random
 * labellings). Finally, a stratum with at least as many rows as there are splits with a positive
 * fraction (at most 3) is guaranteed a row in each of them: an empty one takes a row from the
 * currently largest, which moves that stratum's counts (and the totals) by at most one row per
 * split beyond the bounds above. Smaller strata simply follow the rounding.
 *
 * <p><b>Randomness.</b> Within each stratum the rows are shuffled (Fisher–Yates) with a generator
 * from {@link Seeds#rng(long, String, long) Seeds.rng(seed, "split.holdout", 0)}, strata processed
 * in increasing code order; the first rows of the shuffled stratum go to train, the next to
 * validation, the rest to test. The same inputs and seed give the same split on every JVM.
 *
 * <p><b>Regression.</b> With {@code classCodes == null} the rows form one stratum, i.e. a plain
 * seeded shuffle with exact-size splits. To stratify a regression target by its distribution,
 * pass {@link #quantileBins(double[], int)} of the target as the codes.
 *
 * <p>This is the stratified variant of the hold-out method; compare scikit-learn's {@code
 * train_test_split(stratify=y)}, which allocates with a similar largest-remainder rule.
 */
public final class Splitter {
  /** The {@link Seeds} stream name used by the splits. */
  public static final String SEED_STREAM = "split.holdout";

  private static final double EPS = 1e-9;

  private Splitter() {}

  /**
   * Three-way stratified hold-out split.
   *
   * @param classCodesOrNull class index per row (each {@code >= 0}), length {@code nRows}; or
   *     {@code null} for one stratum (regression)
   * @param nRows number of rows, at least 1
   * @param trainFrac fraction of rows for training, in {@code (0, 1]}
   * @param validFrac fraction for validation, in {@code [0, 1)}
   * @param testFrac fraction for testing, in {@code [0, 1)}
   * @param seed root seed
   * @return disjoint sorted index arrays covering {@code 0..nRows-1}
   * @throws InvalidParameterException if a fraction is out of range or they do not sum to 1
   *     (within 1e-9)
   * @throws IllegalArgumentException if the codes have the wrong length or a negative value
   */
  public static SplitIndices stratifiedHoldout(
      int[] classCodesOrNull, int nRows, double trainFrac, double validFrac, double testFrac,
      long seed) {
    double[] f = {trainFrac, validFrac, testFrac};
    checkFractions(f);
    if (nRows < 1) {
      throw new InvalidParameterException("cannot split " + nRows + " rows: need at least 1");
    }
    int[][] strata = strata(classCodesOrNull, nRows);
    SplittableRandom rng = Seeds.rng(seed, SEED_STREAM, 0);
    int positive = 0;
    for (double x : f) {
      if (x > 0) {
        positive++;
      }
    }
    int[][] out = new int[3][nRows];
    int[] filled = new int[3];
    double[] cumExact = new double[3];
    int[] assigned = new int[3];
    for (int[] stratum : strata) {
      int n = stratum.length;
      if (n == 0) {
        continue;
      }
      int[] rows = stratum.clone();
      Seeds.shuffle(rows, rng);
      int[] counts = allocate(n, f, cumExact, assigned);
      if (n >= positive) {
        ensurePresence(counts, f);
      }
      int pos = 0;
      for (int k = 0; k < 3; k++) {
        for (int i = 0; i < counts[k]; i++) {
          out[k][filled[k]++] = rows[pos++];
        }
        assigned[k] += counts[k];
        cumExact[k] += n * f[k];
      }
    }
    int[] train = Arrays.copyOf(out[0], filled[0]);
    int[] valid = Arrays.copyOf(out[1], filled[1]);
    int[] test = Arrays.copyOf(out[2], filled[2]);
    Arrays.sort(train);
    Arrays.sort(valid);
    Arrays.sort(test);
    return new SplitIndices(train, valid, test);
  }

  /**
   * Two-way stratified split into train and validation, for when a separate test file is given;
   * the returned {@link SplitIndices#test()} is empty. Same allocation and seeding as {@link
   * #stratifiedHoldout}.
   *
   * @param classCodesOrNull class index per row, or {@code null} for one stratum
   * @param nRows number of rows, at least 1
   * @param validFrac fraction for validation, in {@code [0, 1)}
   * @param seed root seed
   * @throws InvalidParameterException if {@code validFrac} is out of range
   */
  public static SplitIndices stratifiedTrainValidation(
      int[] classCodesOrNull, int nRows, double validFrac, long seed) {
    return stratifiedHoldout(classCodesOrNull, nRows, 1.0 - validFrac, validFrac, 0.0, seed);
  }

  /**
   * Quantile-bin codes for stratifying a regression target: rows are ranked by value (ties by row
   * index) and row of rank {@code r} gets bin {@code floor(r * bins / n)}, so the bins hold equal
   * numbers of rows (within one) whatever the ties.
   *
   * @param target values, none {@code NaN}
   * @param bins number of bins, at least 1 (e.g. 10)
   * @return bin code per row in {@code [0, bins)}
   * @throws IllegalArgumentException on {@code NaN} values or {@code bins < 1}
   */
  public static int[] quantileBins(double[] target, int bins) {
    if (bins < 1) {
      throw new IllegalArgumentException("bins must be at least 1, was " + bins);
    }
    int n = target.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      if (Double.isNaN(target[i])) {
        throw new IllegalArgumentException("target row " + i + " is missing (NaN)");
      }
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> {
      int c = Double.compare(target[a], target[b]);
      return c != 0 ? c : Integer.compare(a, b);
    });
    int[] codes = new int[n];
    for (int r = 0; r < n; r++) {
      codes[order[r]] = (int) ((long) r * bins / n);
    }
    return codes;
  }

  // ---------------------------------------------------------------------------------------------

  static int[] allocate(int n, double[] f, double[] cumExact, int[] assigned) {
    int[] counts = new int[3];
    double[] frac = new double[3];
    int rest = n;
    for (int k = 0; k < 3; k++) {
      double exact = n * f[k];
      counts[k] = (int) Math.floor(exact + EPS);
      frac[k] = exact - counts[k];
      rest -= counts[k];
    }
    while (rest > 0) {
      int best = -1;
      double bestLag = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < 3; k++) {
        if (f[k] <= 0 || counts[k] > Math.floor(n * f[k] + EPS)) {
          continue; // zero share, or already rounded up
        }
        double lag = cumExact[k] + n * f[k] - assigned[k] - counts[k];
        if (best < 0
            || lag > bestLag + EPS
            || (Math.abs(lag - bestLag) <= EPS && frac[k] > frac[best] + EPS)) {
          best = k;
          bestLag = lag;
        }
      }
      if (best < 0) { // only reachable through floating-point slack
        best = argMax(f);
      }
      counts[best]++;
      rest--;
    }
    while (rest < 0) { // only reachable through floating-point slack
      int k = argMax(counts);
      counts[k]--;
      rest++;
    }
    return counts;
  }

  private static void ensurePresence(int[] counts, double[] f) {
    for (int k = 0; k < 3; k++) {
      if (f[k] > 0 && counts[k] == 0) {
        int donor = argMax(counts);
        counts[donor]--;
        counts[k]++;
      }
    }
  }

  private static int argMax(double[] a) {
    int best = 0;
    for (int k = 1; k < a.length; k++) {
      if (a[k] > a[best]) {
        best = k;
      }
    }
    return best;
  }

  private static int argMax(int[] a) {
    int best = 0;
    for (int k = 1; k < a.length; k++) {
      if (a[k] > a[best]) {
        best = k;
      }
    }
    return best;
  }

  private static int[][] strata(int[] codes, int nRows) {
    if (codes == null) {
      int[] all = new int[nRows];
      for (int i = 0; i < nRows; i++) {
        all[i] = i;
      }
      return new int[][] {all};
    }
    if (codes.length != nRows) {
      throw new IllegalArgumentException(
          "class codes have length " + codes.length + " but nRows is " + nRows);
    }
    int max = -1;
    for (int i = 0; i < nRows; i++) {
      if (codes[i] < 0) {
        throw new IllegalArgumentException(
            "class code of row " + i + " is " + codes[i] + "; codes must be >= 0 (no missing)");
      }
      max = Math.max(max, codes[i]);
    }
    int[] sizes = new int[max + 1];
    for (int c : codes) {
      sizes[c]++;
    }
    int[][] strata = new int[max + 1][];
    for (int c = 0; c <= max; c++) {
      strata[c] = new int[sizes[c]];
    }
    int[] fill = new int[max + 1];
    for (int i = 0; i < nRows; i++) {
      strata[codes[i]][fill[codes[i]]++] = i;
    }
    return strata;
  }

  private static void checkFractions(double[] f) {
    String[] names = {"train fraction", "validation fraction", "test fraction"};
    double sum = 0;
    for (int k = 0; k < 3; k++) {
      if (!(f[k] >= 0 && f[k] <= 1)) {
        throw new InvalidParameterException(
            names[k] + " was " + f[k] + " but must be in [0, 1]");
      }
      sum += f[k];
    }
    if (!(f[0] > 0)) {
      throw new InvalidParameterException("train fraction was " + f[0] + " but must be > 0");
    }
    if (Math.abs(sum - 1.0) > EPS) {
      throw new InvalidParameterException(
          "train, validation and test fractions were " + f[0] + ", " + f[1] + ", " + f[2]
              + " (sum " + sum + ") but must sum to 1");
    }
  }
}
