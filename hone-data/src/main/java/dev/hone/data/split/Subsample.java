package dev.hone.data.split;

import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.random.Seeds;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded subsamples for low-fidelity evaluations: a stratified fraction of the training rows, and a
 * fraction of the feature columns. A subsample depends only on its inputs and seed (not on the
 * trial), so every configuration evaluated at a fidelity sees the same data.
 */
public final class Subsample {
  /** {@link Seeds} stream of {@link #stratifiedRows}. */
  public static final String ROWS_STREAM = "fidelity.rows";

  /** {@link Seeds} stream of {@link #columns}. */
  public static final String COLUMNS_STREAM = "fidelity.columns";

  private Subsample() {}

  /**
   * A stratified subsample holding {@code fraction} of the rows: the training part of {@link
   * Splitter#stratifiedHoldout} with fractions {@code (fraction, 1 − fraction, 0)} and seed {@code
   * Seeds.derive(seed, "fidelity.rows", 0)}, so each class keeps its share within one row (largest
   * remainder), and every class with at least two rows keeps at least one.
   *
   * @param classCodesOrNull class index per row ({@code >= 0}) to stratify by, or {@code null} for
   *     a plain seeded sample (regression)
   * @param nRows number of rows, at least 1
   * @param fraction share of rows to keep, in {@code (0, 1]}; 1 keeps every row
   * @param seed root seed
   * @return sorted row indices, {@code ≈ fraction · nRows} of them
   * @throws InvalidParameterException if {@code fraction} is outside {@code (0, 1]}
   */
  public static int[] stratifiedRows(int[] classCodesOrNull, int nRows, double fraction, long seed) {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new InvalidParameterException(
          "row fraction was " + fraction + " but must be in (0, 1], e.g. 0.25");
    }
    if (fraction == 1.0) {
      int[] all = new int[nRows];
      for (int i = 0; i < nRows; i++) {
        all[i] = i;
      }
      return all;
    }
    return Splitter.stratifiedHoldout(
            classCodesOrNull, nRows, fraction, 1 - fraction, 0,
            Seeds.derive(seed, ROWS_STREAM, 0))
        .train();
  }

  /**
   * A seeded subset holding {@code max(1, round(fraction · nCols))} of the columns: a Fisher–Yates
   * shuffle from {@code Seeds.rng(seed, "fidelity.columns", 0)}, first columns kept.
   *
   * @param nCols number of columns, at least 1
   * @param fraction share to keep, in {@code (0, 1]}
   * @param seed root seed
   * @return sorted column indices
   * @throws InvalidParameterException if {@code fraction} is outside {@code (0, 1]} or {@code
   *     nCols < 1}
   */
  public static int[] columns(int nCols, double fraction, long seed) {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new InvalidParameterException(
          "feature fraction was " + fraction + " but must be in (0, 1], e.g. 0.5");
    }
    if (nCols < 1) {
      throw new InvalidParameterException("cannot subset " + nCols + " columns: need at least 1");
    }
    int k = (int) Math.max(1, Math.min(nCols, Math.round(fraction * nCols)));
    int[] all = new int[nCols];
    for (int i = 0; i < nCols; i++) {
      all[i] = i;
    }
    SplittableRandom rng = Seeds.rng(seed, COLUMNS_STREAM, 0);
    Seeds.shuffle(all, rng);
    int[] out = Arrays.copyOf(all, k);
    Arrays.sort(out);
    return out;
  }
}
