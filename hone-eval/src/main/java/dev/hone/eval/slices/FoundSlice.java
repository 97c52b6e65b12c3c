package dev.hone.eval.slices;

import java.util.List;

/**
 * A slice found by {@link SliceLine}.
 *
 * @param definition the slice in the predicate language of {@link SlicePredicate}: its predicates
 *     joined by {@code " & "}
 * @param predicates one definition per predicate (one column each), in column order; a numeric
 *     bin may read {@code age>28 & age<=37}
 * @param size rows in the slice, {@code |S|}
 * @param errorSum the sum of the row errors in the slice
 * @param averageError {@code errorSum / size}
 * @param score the SliceLine score {@code α·(ē_S/ē − 1) − (1−α)·(n/|S| − 1)}
 */
public record FoundSlice(
    String definition,
    List<String> predicates,
    long size,
    double errorSum,
    double averageError,
    double score) {
  public FoundSlice {
    predicates = List.copyOf(predicates);
  }
}
