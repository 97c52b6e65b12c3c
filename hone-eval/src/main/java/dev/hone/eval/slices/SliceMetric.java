package dev.hone.eval.slices;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A metric on a slice: either {@link Defined} with its interval and test against the rest of the
 * rows, or {@link Undefined} with the reason (ROC AUC on a slice holding a single class, F1 with
 * no positive predicted or present, R² on a constant target...). An undefined metric is never
 * shown as 0 or NaN and never ranks as the worst slice. In JSON the variant is the field {@code
 * "status"}: {@code "defined"} or {@code "undefined"}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "status")
@JsonSubTypes({
  @JsonSubTypes.Type(value = SliceMetric.Defined.class, name = "defined"),
  @JsonSubTypes.Type(value = SliceMetric.Undefined.class, name = "undefined")
})
public sealed interface SliceMetric {
  /** Whether the metric has a value on the slice. */
  boolean isDefined();

  /**
   * A metric value on a slice.
   *
   * @param value the metric on the slice's rows
   * @param ciLower 2.5th percentile of the bootstrap replicates (NaN when the bootstrap was off or
   *     no resample was defined)
   * @param ciUpper 97.5th percentile of the bootstrap replicates
   * @param bootstrapValid resamples on which the metric was defined
   * @param difference {@code value − overall value} (0 for the overall entry)
   * @param pValue two-sided p-value of the test of slice against the rest of the rows (see {@link
   *     SliceReport#test()}); NaN when the test could not be run (then the slice is not part of
   *     the multiple-testing family)
   * @param pAdjusted Benjamini–Hochberg adjusted p-value over all tested slices; NaN when not
   *     tested
   * @param significant whether the difference is significant at the report's false discovery rate
   *     (rejected by Benjamini–Hochberg)
   */
  record Defined(
      double value,
      double ciLower,
      double ciUpper,
      int bootstrapValid,
      double difference,
      double pValue,
      double pAdjusted,
      boolean significant)
      implements SliceMetric {
    @Override
    public boolean isDefined() {
      return true;
    }
  }

  /**
   * A metric that has no value on a slice.
   *
   * @param reason why, e.g. {@code "only one class present (ROC AUC needs both)"}
   * @param n the slice's rows
   */
  record Undefined(String reason, long n) implements SliceMetric {
    @Override
    public boolean isDefined() {
      return false;
    }
  }
}
