package dev.hone.eval.slices;

import dev.hone.core.error.InvalidParameterException;
import java.util.Arrays;

/**
 * Quantile bins that partition a numeric column: every non-missing value falls in exactly one bin,
 * the maximum included, and equal values are never split across bins. Missing values ({@code NaN})
 * belong to no bin; callers give them a slice of their own.
 *
 * <p><b>Bins.</b> The bins are defined by strictly increasing cut points {@code c[0] < ... <
 * c[k-2]}, each a value of the column: bin 0 is {@code x <= c[0]}, bin {@code j} is {@code c[j-1] <
 * x <= c[j]}, the last bin is {@code x > c[k-2]}. Because every bin is closed on the right at a
 * data value and all copies of a value satisfy the same comparisons, ties stay together and the
 * maximum is always in the last bin. {@code -Infinity} and {@code +Infinity} are ordinary values.
 *
 * <p><b>Fitting.</b> With the {@code m} non-missing values sorted as {@code x[0] <= ... <=
 * x[m-1]} and {@code B} requested bins, the candidate cut for {@code j = 1 .. B-1} is {@code
 * x[ceil(j·m/B) − 1]}, the largest value among the first {@code j/B} of the rows. A candidate
 * equal to an earlier cut or to the maximum is dropped, so a column with many ties gets fewer,
 * unequal bins rather than bins that split a value; a constant column gets a single bin and a
 * column without values gets none. Bins are therefore never empty on the data they were fitted
 * on.
 *
 * <p>Immutable and thread-safe.
 */
public final class QuantileBinning {
  /** Bins per numeric column when the caller asks for none in particular: quintiles. */
  public static final int DEFAULT_BINS = 5;

  private final double[] cuts;
  private final boolean empty;

  private QuantileBinning(double[] cuts, boolean empty) {
    this.cuts = cuts;
    this.empty = empty;
  }

  /**
   * Fits bins to a column's values.
   *
   * @param values the column, shape {@code [n]}; {@code NaN} marks a missing value
   * @param bins the number of bins wanted, {@code >= 1}; fewer result when ties or few distinct
   *     values leave no room for more
   * @return the binning
   * @throws InvalidParameterException if {@code bins < 1}
   */
  public static QuantileBinning fit(double[] values, int bins) {
    if (bins < 1) {
      throw new InvalidParameterException("bins was " + bins + " but must be >= 1");
    }
    double[] x = new double[values.length];
    int m = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        x[m++] = v;
      }
    }
    if (m == 0) {
      return new QuantileBinning(new double[0], true);
    }
    Arrays.sort(x, 0, m);
    double max = x[m - 1];
    double[] cuts = new double[bins];
    int k = 0;
    for (int j = 1; j < bins; j++) {
      long t = ((long) j * m + bins - 1) / bins; // ceil(j·m/B)
      if (t < 1) {
        continue;
      }
      double c = x[(int) t - 1];
      if (c >= max || (k > 0 && c <= cuts[k - 1])) {
        continue;
      }
      cuts[k++] = c;
    }
    return new QuantileBinning(Arrays.copyOf(cuts, k), false);
  }

  /** Bins with the given cut points, e.g. to apply bins fitted elsewhere. */
  static QuantileBinning ofCuts(double[] cuts) {
    for (int i = 1; i < cuts.length; i++) {
      if (!(cuts[i] > cuts[i - 1])) {
        throw new IllegalArgumentException("cuts must increase strictly: " + Arrays.toString(cuts));
      }
    }
    return new QuantileBinning(cuts.clone(), false);
  }

  /** Number of bins: {@code cuts().length + 1}, or 0 when the column had no value. */
  public int binCount() {
    return empty ? 0 : cuts.length + 1;
  }

  /** The cut points, strictly increasing (a copy). */
  public double[] cuts() {
    return cuts.clone();
  }

  /**
   * The bin of a value.
   *
   * @param v a value
   * @return the bin index in {@code [0, binCount())}, or {@code -1} when {@code v} is missing
   *     ({@code NaN}) or the binning has no bins
   */
  public int bin(double v) {
    if (Double.isNaN(v) || empty) {
      return -1;
    }
    int lo = 0;
    int hi = cuts.length; // first cut >= v, or cuts.length
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cuts[mid] >= v) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /**
   * The bin as a slice definition in the predicate language of {@link SlicePredicate}, e.g.
   * {@code age<=28}, {@code age>28 & age<=37} or {@code age>52}; a single bin is {@code age!=?}
   * (every non-missing value).
   *
   * @param column the column name
   * @param bin a bin index in {@code [0, binCount())}
   */
  public String definition(String column, int bin) {
    checkBin(bin);
    String name = SlicePredicate.quote(column);
    if (cuts.length == 0) {
      return name + "!=?";
    }
    if (bin == 0) {
      return name + "<=" + format(cuts[0]);
    }
    if (bin == cuts.length) {
      return name + ">" + format(cuts[bin - 1]);
    }
    return name + ">" + format(cuts[bin - 1]) + " & " + name + "<=" + format(cuts[bin]);
  }

  /** A short interval label of the bin, e.g. {@code <= 28}, {@code (28, 37]}, {@code > 52}. */
  public String label(int bin) {
    checkBin(bin);
    if (cuts.length == 0) {
      return "all values";
    }
    if (bin == 0) {
      return "<= " + format(cuts[0]);
    }
    if (bin == cuts.length) {
      return "> " + format(cuts[bin - 1]);
    }
    return "(" + format(cuts[bin - 1]) + ", " + format(cuts[bin]) + "]";
  }

  private void checkBin(int bin) {
    if (bin < 0 || bin >= binCount()) {
      throw new IllegalArgumentException("bin " + bin + " is not in [0, " + binCount() + ")");
    }
  }

  /** Shortest text that parses back to exactly {@code v} (integers without a fraction). */
  static String format(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  @Override
  public String toString() {
    return "QuantileBinning" + Arrays.toString(cuts);
  }
}
