package dev.hone.eval.slices;

import java.util.Objects;

/**
 * One slice of the evaluated rows with its metric.
 *
 * @param family what produced the slice: a column name (one slice per level or quantile bin), a
 *     cross such as {@code "sex × race"}, or {@code "user"} for a user-defined slice
 * @param definition the slice in the predicate language of {@link SlicePredicate}, e.g. {@code
 *     sex=Female & age<=28}; parsing it and evaluating it on the same table selects exactly the
 *     slice's rows
 * @param label a short human label, e.g. {@code "Female"}, {@code "(28, 37]"}, {@code "missing"}
 * @param n rows in the slice
 * @param metric the metric on the slice
 */
public record SliceResult(
    String family, String definition, String label, long n, SliceMetric metric) {
  public SliceResult {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(metric, "metric");
  }
}
