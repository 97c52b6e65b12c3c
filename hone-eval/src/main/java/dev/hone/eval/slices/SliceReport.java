package dev.hone.eval.slices;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Per-slice metrics of one evaluated split. Immutable and serialisable with {@link
 * dev.hone.core.json.Json}.
 *
 * @param metric the metric's name, e.g. {@code "roc_auc"}
 * @param task {@code "binary"}, {@code "multiclass"} or {@code "regression"}
 * @param higherIsBetter the metric's direction
 * @param n rows evaluated
 * @param overall the metric on all rows, with its bootstrap interval (difference 0, no test)
 * @param test the test behind every p-value, with its reference, e.g. {@code "DeLong test ..."}
 * @param fdr the false discovery rate of the Benjamini–Hochberg correction
 * @param tested how many slices were tested (the size of the multiple-testing family)
 * @param bootstrapRounds resamples per slice interval
 * @param seed root seed of the resampling and permutation draws
 * @param slices every slice, in order: columns (levels or bins, then missing), user slices, crosses
 */
public record SliceReport(
    String metric,
    String task,
    boolean higherIsBetter,
    long n,
    SliceMetric overall,
    String test,
    double fdr,
    int tested,
    int bootstrapRounds,
    long seed,
    List<SliceResult> slices) {
  public SliceReport {
    slices = List.copyOf(slices);
  }

  /**
   * The {@code k} worst slices with a defined metric, worst first (lowest value for a metric where
   * higher is better, highest otherwise; ties: larger slice first, then definition). Slices whose
   * metric is {@link SliceMetric.Undefined} are never ranked.
   */
  public List<SliceResult> worst(int k) {
    List<SliceResult> defined = new ArrayList<>();
    for (SliceResult s : slices) {
      if (s.metric() instanceof SliceMetric.Defined) {
        defined.add(s);
      }
    }
    Comparator<SliceResult> byValue =
        Comparator.comparingDouble(s -> ((SliceMetric.Defined) s.metric()).value());
    if (higherIsBetter) {
      defined.sort(
          byValue
              .thenComparing(Comparator.comparingLong(SliceResult::n).reversed())
              .thenComparing(SliceResult::definition));
    } else {
      defined.sort(
          byValue
              .reversed()
              .thenComparing(Comparator.comparingLong(SliceResult::n).reversed())
              .thenComparing(SliceResult::definition));
    }
    return List.copyOf(defined.subList(0, Math.min(k, defined.size())));
  }

  /** Slices whose difference from the rest is significant after the correction, in order. */
  public List<SliceResult> significant() {
    return slices.stream()
        .filter(s -> s.metric() instanceof SliceMetric.Defined d && d.significant())
        .toList();
  }
}
