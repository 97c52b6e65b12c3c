package dev.hone.eval.slices;

import dev.hone.core.error.InvalidParameterException;
import java.util.List;

/**
 * Settings of {@link SliceLine}. Immutable; validated on construction.
 *
 * @param k how many top slices to return, {@code >= 1}, default {@value #DEFAULT_K}
 * @param maxLevel the most predicates per slice, 1 to {@value #MAX_LEVEL}, default {@value
 *     #MAX_LEVEL}
 * @param alpha weight of the error term against the size term in the score, in (0, 1], default
 *     {@value #DEFAULT_ALPHA}; 1 ranks by average error alone (subject to the minimum support)
 * @param minSupport the minimum slice size {@code σ}, {@code >= 1}, or 0 for the default {@code
 *     max(32, ceil(n / 100))} (slices smaller than 1% of the rows, or than 32 rows, are too small
 *     for their average error to mean much)
 * @param bins quantile bins per numeric column ({@link QuantileBinning}), {@code >= 1}, default
 *     {@value QuantileBinning#DEFAULT_BINS}, the same bins as the per-slice metrics
 * @param columns the columns to search; empty for every column except the target
 */
public record SliceLineOptions(
    int k, int maxLevel, double alpha, int minSupport, int bins, List<String> columns) {
  /** Default number of slices returned. */
  public static final int DEFAULT_K = 10;

  /** Most predicates per slice supported. */
  public static final int MAX_LEVEL = 3;

  /** Default α. */
  public static final double DEFAULT_ALPHA = 0.95;

  /**
   * Validates.
   *
   * @throws InvalidParameterException on a value out of range
   */
  public SliceLineOptions {
    columns = columns == null ? List.of() : List.copyOf(columns);
    if (k < 1) {
      throw new InvalidParameterException("slice-finding k was " + k + " but must be >= 1");
    }
    if (maxLevel < 1 || maxLevel > MAX_LEVEL) {
      throw new InvalidParameterException(
          "slice-finding max level was " + maxLevel + " but must be in [1, " + MAX_LEVEL + "]");
    }
    if (!(alpha > 0 && alpha <= 1)) {
      throw new InvalidParameterException(
          "slice-finding alpha was " + alpha + " but must be in (0, 1]");
    }
    if (minSupport < 0) {
      throw new InvalidParameterException(
          "slice-finding minimum support was " + minSupport + " but must be >= 1, or 0 for the"
              + " default");
    }
    if (bins < 1) {
      throw new InvalidParameterException("slice-finding bins was " + bins + " but must be >= 1");
    }
  }

  /** The defaults: top 10, up to 3 predicates, α = 0.95, σ = max(32, ceil(n/100)), quintiles. */
  public static SliceLineOptions defaults() {
    return new SliceLineOptions(
        DEFAULT_K, MAX_LEVEL, DEFAULT_ALPHA, 0, QuantileBinning.DEFAULT_BINS, List.of());
  }

  public SliceLineOptions withK(int newK) {
    return new SliceLineOptions(newK, maxLevel, alpha, minSupport, bins, columns);
  }

  public SliceLineOptions withMaxLevel(int level) {
    return new SliceLineOptions(k, level, alpha, minSupport, bins, columns);
  }

  public SliceLineOptions withAlpha(double a) {
    return new SliceLineOptions(k, maxLevel, a, minSupport, bins, columns);
  }

  public SliceLineOptions withMinSupport(int sigma) {
    return new SliceLineOptions(k, maxLevel, alpha, sigma, bins, columns);
  }

  public SliceLineOptions withBins(int b) {
    return new SliceLineOptions(k, maxLevel, alpha, minSupport, b, columns);
  }

  public SliceLineOptions withColumns(List<String> c) {
    return new SliceLineOptions(k, maxLevel, alpha, minSupport, bins, c);
  }

  /** The minimum support for {@code n} rows: {@link #minSupport()} or the default. */
  public long effectiveMinSupport(long n) {
    return minSupport > 0 ? minSupport : Math.max(32, (n + 99) / 100);
  }
}
