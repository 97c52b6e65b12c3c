package dev.hone.eval.slices;

import java.util.List;

/**
 * The result of {@link SliceLine#find}. Immutable and serialisable with {@link
 * dev.hone.core.json.Json}.
 *
 * @param slices the top-K slices, best first (score descending; ties: larger slice, fewer
 *     predicates, then predicates in column and value order); fewer than K when fewer slices have a
 *     positive score and the minimum support
 * @param n rows searched
 * @param averageError the mean row error {@code ē} over all rows
 * @param alpha the weight of the error term, in (0, 1]
 * @param minSupport the minimum slice size {@code σ}
 * @param maxLevel the most predicates per slice
 * @param k how many slices were asked for
 * @param bins quantile bins per numeric column
 * @param columns the columns searched, in order
 * @param levels per lattice level: candidates and evaluated slices
 */
public record SliceLineResult(
    List<FoundSlice> slices,
    long n,
    double averageError,
    double alpha,
    long minSupport,
    int maxLevel,
    int k,
    int bins,
    List<String> columns,
    List<Level> levels) {
  public SliceLineResult {
    slices = List.copyOf(slices);
    columns = List.copyOf(columns);
    levels = List.copyOf(levels);
  }

  /**
   * Work at one lattice level.
   *
   * @param level number of predicates
   * @param candidates slices generated from surviving parents before upper-bound pruning (level 1:
   *     every column value)
   * @param evaluated slices whose size and error were computed
   * @param valid evaluated slices with at least {@code minSupport} rows and a positive error
   */
  public record Level(int level, long candidates, long evaluated, long valid) {}
}
