package dev.hone.report;

import java.util.List;
import java.util.Objects;

/**
 * Optional report sections about how far the evaluation can be trusted: leakage findings and
 * per-slice metrics. Rendered by {@link HtmlReport#render(ReportModel, EvaluationSections)} after
 * the test metrics and before the provenance. View records only: every value is computed by the
 * analyses (hone-eval) and copied here by the workflow. Immutable.
 *
 * @param leakage the leakage findings, or {@code null} when the checks did not run
 * @param slices the per-slice metrics and discovered slices, or {@code null}
 */
public record EvaluationSections(LeakageView leakage, SliceView slices) {
  /** No sections. */
  public static final EvaluationSections NONE = new EvaluationSections(null, null);

  /**
   * Leakage findings, most severe first.
   *
   * @param checked what was checked, e.g. {@code "train vs validation, train + validation vs test"}
   * @param findings the findings; empty when none
   */
  public record LeakageView(String checked, List<Finding> findings) {
    public LeakageView {
      Objects.requireNonNull(checked, "checked");
      findings = List.copyOf(findings);
    }
  }

  /**
   * One leakage finding.
   *
   * @param severity {@code HIGH}, {@code MEDIUM} or {@code LOW}
   * @param kind e.g. {@code exact_duplicates}
   * @param column the column, or {@code null}
   * @param message what was found and what to do
   * @param count rows concerned
   * @param examples a few concrete cases
   */
  public record Finding(
      String severity, String kind, String column, String message, long count,
      List<String> examples) {
    public Finding {
      examples = examples == null ? List.of() : List.copyOf(examples);
    }
  }

  /**
   * Per-slice metrics of one split.
   *
   * @param metric the metric's name, e.g. {@code roc_auc}
   * @param higherIsBetter its direction
   * @param split the evaluated split, e.g. {@code test}
   * @param overall the metric on all rows
   * @param overallLower 2.5th bootstrap percentile of the overall value
   * @param overallUpper 97.5th bootstrap percentile
   * @param test the test behind the p-values, with its reference
   * @param fdr the false discovery rate of the Benjamini–Hochberg correction
   * @param slices the slices to show (e.g. the worst ones, then the significant ones)
   * @param discovered slices found automatically (SliceLine), best first; empty when not run
   * @param discoveryNote how the discovered slices were found (error, α, minimum support)
   */
  public record SliceView(
      String metric,
      boolean higherIsBetter,
      String split,
      double overall,
      double overallLower,
      double overallUpper,
      String test,
      double fdr,
      List<SliceRow> slices,
      List<FoundRow> discovered,
      String discoveryNote) {
    public SliceView {
      slices = List.copyOf(slices);
      discovered = discovered == null ? List.of() : List.copyOf(discovered);
    }
  }

  /**
   * One slice. When {@code undefinedReason} is not null the metric has no value on the slice and
   * the numbers are not shown.
   *
   * @param family the column, cross or {@code user}
   * @param definition the slice, e.g. {@code sex=Female & age<=28}
   * @param n rows
   * @param value the metric
   * @param lower 2.5th bootstrap percentile
   * @param upper 97.5th bootstrap percentile
   * @param difference value − overall
   * @param pAdjusted Benjamini–Hochberg adjusted p-value (NaN when not tested)
   * @param significant whether significant at the false discovery rate
   * @param undefinedReason why the metric is undefined, or {@code null}
   */
  public record SliceRow(
      String family, String definition, long n, double value, double lower, double upper,
      double difference, double pAdjusted, boolean significant, String undefinedReason) {}

  /**
   * A discovered slice.
   *
   * @param definition the slice
   * @param size rows
   * @param averageError mean row error in the slice
   * @param score the SliceLine score
   */
  public record FoundRow(String definition, long size, double averageError, double score) {}
}
