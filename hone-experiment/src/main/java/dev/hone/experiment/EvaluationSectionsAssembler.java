package dev.hone.experiment;

import dev.hone.eval.leakage.LeakageFinding;
import dev.hone.eval.leakage.LeakageReport;
import dev.hone.eval.slices.FoundSlice;
import dev.hone.eval.slices.SliceLineResult;
import dev.hone.eval.slices.SliceMetric;
import dev.hone.eval.slices.SliceReport;
import dev.hone.eval.slices.SliceResult;
import dev.hone.report.EvaluationSections;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Maps leakage and slice results (hone-eval) onto the report's view records (hone-report).
 * Computes nothing new.
 */
final class EvaluationSectionsAssembler {
  /** Slices listed in the report: the worst ones, then the other significant ones. */
  static final int WORST_SLICES = 10;

  private EvaluationSectionsAssembler() {}

  /** The leakage section from one or more reports (e.g. train vs validation, train vs test). */
  static EvaluationSections.LeakageView leakage(String checked, LeakageReport report) {
    List<EvaluationSections.Finding> rows = new ArrayList<>();
    for (LeakageFinding f : report.findings()) {
      rows.add(new EvaluationSections.Finding(
          f.severity().name(), f.kind(), f.column(), f.message(), f.count(), f.examples()));
    }
    return new EvaluationSections.LeakageView(checked, rows);
  }

  /**
   * The slice section: the {@value #WORST_SLICES} worst slices with a defined metric, then the
   * remaining significant ones, then the undefined ones (so the reader sees where the metric could
   * not be computed); and the discovered slices when given.
   *
   * @param split the evaluated split's name
   * @param report the per-slice metrics
   * @param found slices found by SliceLine, or {@code null}
   * @param errorName the row error SliceLine searched, e.g. {@code "0/1 error"}
   */
  static EvaluationSections.SliceView slices(
      String split, SliceReport report, SliceLineResult found, String errorName) {
    Set<SliceResult> shown = new LinkedHashSet<>(report.worst(WORST_SLICES));
    shown.addAll(report.significant());
    for (SliceResult s : report.slices()) {
      if (!s.metric().isDefined()) {
        shown.add(s);
      }
    }
    List<EvaluationSections.SliceRow> rows = new ArrayList<>();
    for (SliceResult s : shown) {
      if (s.metric() instanceof SliceMetric.Defined d) {
        rows.add(new EvaluationSections.SliceRow(
            s.family(), s.definition(), s.n(), d.value(), d.ciLower(), d.ciUpper(),
            d.difference(), d.pAdjusted(), d.significant(), null));
      } else {
        SliceMetric.Undefined u = (SliceMetric.Undefined) s.metric();
        rows.add(new EvaluationSections.SliceRow(
            s.family(), s.definition(), s.n(), Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, false, u.reason()));
      }
    }
    double overall = Double.NaN;
    double lower = Double.NaN;
    double upper = Double.NaN;
    if (report.overall() instanceof SliceMetric.Defined d) {
      overall = d.value();
      lower = d.ciLower();
      upper = d.ciUpper();
    }
    List<EvaluationSections.FoundRow> discovered = new ArrayList<>();
    String note = null;
    if (found != null) {
      for (FoundSlice f : found.slices()) {
        discovered.add(new EvaluationSections.FoundRow(
            f.definition(), f.size(), f.averageError(), f.score()));
      }
      note = String.format(
          Locale.ROOT,
          "SliceLine (Sagadeeva & Boehm, SIGMOD 2021): %s per row, mean %.4f; score α·(slice"
              + " error / mean − 1) − (1 − α)·(n / size − 1) with α = %s, at least %d rows, up to"
              + " %d predicates; exact top %d.",
          errorName, found.averageError(), found.alpha(), found.minSupport(), found.maxLevel(),
          found.k());
    }
    return new EvaluationSections.SliceView(
        report.metric(), report.higherIsBetter(), split, overall, lower, upper, report.test(),
        report.fdr(), rows, discovered, note);
  }
}
