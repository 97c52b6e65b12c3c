/**
 * Disaggregated evaluation: a metric on every slice of the evaluated rows (levels, quantile bins,
 * user-defined predicates, crosses of columns) with bootstrap intervals and multiple-testing
 * corrected tests against the rest of the rows ({@link dev.hone.eval.slices.SliceAnalysis}), and
 * automatic discovery of the slices with the highest error ({@link
 * dev.hone.eval.slices.SliceLine}, after Sagadeeva and Boehm, SIGMOD 2021). Results are immutable
 * records ({@link dev.hone.eval.slices.SliceReport}, {@link
 * dev.hone.eval.slices.SliceLineResult}).
 */
package dev.hone.eval.slices;
