package dev.hone.eval.slices;

import dev.hone.core.error.InvalidParameterException;
import dev.hone.eval.Evaluator;
import dev.hone.eval.Metric;
import java.util.List;

/**
 * Settings of {@link SliceAnalysis}. Immutable; validated on construction.
 *
 * @param metric the metric per slice, or {@code null} for the task's default objective ({@link
 *     Metric#defaultObjective}: ROC AUC for binary, log loss for multiclass, RMSE for regression)
 * @param columns columns to slice one at a time; empty for every column except the target
 * @param bins quantile bins per numeric column, {@code >= 1}, default {@value
 *     QuantileBinning#DEFAULT_BINS} ({@link QuantileBinning})
 * @param userSlices user-defined slices in the language of {@link SlicePredicate}
 * @param crosses crosses of columns, e.g. {@code [["sex", "race"]]}: one slice per non-empty
 *     combination of their levels/bins (missing included); each cross names at least two distinct
 *     columns
 * @param bootstrapRounds resamples per slice for the 95% interval, {@code >= 0}, default {@value
 *     Evaluator#DEFAULT_BOOTSTRAP_ROUNDS}
 * @param permutationRounds rounds of the permutation test used for metrics without a parametric
 *     test (PR AUC, F1, macro F1, R²), {@code >= 1}, default {@value #DEFAULT_PERMUTATION_ROUNDS}
 * @param fdr the false discovery rate of the Benjamini–Hochberg correction, in (0, 1), default
 *     {@value #DEFAULT_FDR}
 * @param seed root seed of the bootstrap and permutation draws
 */
public record SliceOptions(
    Metric metric,
    List<String> columns,
    int bins,
    List<String> userSlices,
    List<List<String>> crosses,
    int bootstrapRounds,
    int permutationRounds,
    double fdr,
    long seed) {
  /** Default false discovery rate. */
  public static final double DEFAULT_FDR = 0.05;

  /** Default permutation rounds. */
  public static final int DEFAULT_PERMUTATION_ROUNDS = 1000;

  /**
   * Validates and copies the lists.
   *
   * @throws InvalidParameterException on a value out of range or a cross with fewer than two
   *     distinct columns
   */
  public SliceOptions {
    columns = columns == null ? List.of() : List.copyOf(columns);
    userSlices = userSlices == null ? List.of() : List.copyOf(userSlices);
    crosses =
        crosses == null ? List.of() : crosses.stream().map(List::copyOf).toList();
    if (bins < 1) {
      throw new InvalidParameterException("slice bins was " + bins + " but must be >= 1");
    }
    if (bootstrapRounds < 0) {
      throw new InvalidParameterException(
          "slice bootstrap rounds was " + bootstrapRounds + " but must be >= 0");
    }
    if (permutationRounds < 1) {
      throw new InvalidParameterException(
          "slice permutation rounds was " + permutationRounds + " but must be >= 1");
    }
    if (!(fdr > 0 && fdr < 1)) {
      throw new InvalidParameterException(
          "false discovery rate was " + fdr + " but must be in (0, 1), e.g. 0.05");
    }
    for (List<String> cross : crosses) {
      if (cross.stream().distinct().count() < 2 || cross.size() != cross.stream().distinct().count()) {
        throw new InvalidParameterException(
            "slice cross " + cross + " must name at least two distinct columns, each once");
      }
    }
  }

  /** Defaults: the task's default metric, every column, quintiles, 1000 resamples, FDR 0.05. */
  public static SliceOptions defaults(long seed) {
    return new SliceOptions(
        null, List.of(), QuantileBinning.DEFAULT_BINS, List.of(), List.of(),
        Evaluator.DEFAULT_BOOTSTRAP_ROUNDS, DEFAULT_PERMUTATION_ROUNDS, DEFAULT_FDR, seed);
  }

  public SliceOptions withMetric(Metric m) {
    return new SliceOptions(
        m, columns, bins, userSlices, crosses, bootstrapRounds, permutationRounds, fdr, seed);
  }

  public SliceOptions withColumns(List<String> c) {
    return new SliceOptions(
        metric, c, bins, userSlices, crosses, bootstrapRounds, permutationRounds, fdr, seed);
  }

  public SliceOptions withBins(int b) {
    return new SliceOptions(
        metric, columns, b, userSlices, crosses, bootstrapRounds, permutationRounds, fdr, seed);
  }

  public SliceOptions withUserSlices(List<String> u) {
    return new SliceOptions(
        metric, columns, bins, u, crosses, bootstrapRounds, permutationRounds, fdr, seed);
  }

  public SliceOptions withCrosses(List<List<String>> x) {
    return new SliceOptions(
        metric, columns, bins, userSlices, x, bootstrapRounds, permutationRounds, fdr, seed);
  }

  public SliceOptions withBootstrapRounds(int r) {
    return new SliceOptions(
        metric, columns, bins, userSlices, crosses, r, permutationRounds, fdr, seed);
  }

  public SliceOptions withPermutationRounds(int r) {
    return new SliceOptions(
        metric, columns, bins, userSlices, crosses, bootstrapRounds, r, fdr, seed);
  }

  public SliceOptions withFdr(double q) {
    return new SliceOptions(
        metric, columns, bins, userSlices, crosses, bootstrapRounds, permutationRounds, q, seed);
  }
}
