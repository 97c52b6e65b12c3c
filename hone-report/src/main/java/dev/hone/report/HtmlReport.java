package dev.hone.report;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import dev.hone.core.error.HoneException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link ReportModel} as one self-contained HTML file: inline CSS, inline SVG charts, no
 * scripts and no network references, so it opens offline and can be archived as a model card.
 *
 * <p>Values are HTML-escaped by the template engine (JMustache); only the SVG produced by {@link
 * Charts} is inserted unescaped. Thread-safe.
 */
public final class HtmlReport {
  private static final Template TEMPLATE = loadTemplate();

  private HtmlReport() {}

  private static Template loadTemplate() {
    try (InputStream in = HtmlReport.class.getResourceAsStream("report.html.mustache");
        Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return Mustache.compiler().defaultValue("").compile(r);
    } catch (IOException | NullPointerException e) {
      throw new HoneException("report template missing from the hone-report jar", e);
    }
  }

  /** Renders the page. */
  public static String render(ReportModel m) {
    return render(m, null, null, EvaluationSections.NONE);
  }

  /** Renders the page with the diagnostics sections ({@code null}: none). */
  public static String render(ReportModel m, DiagnosticsView diagnostics) {
    return render(m, diagnostics, null, EvaluationSections.NONE);
  }

  /** Renders the page with the explanations section ({@code null}: none). */
  public static String render(ReportModel m, ExplainabilityView explain) {
    return render(m, null, explain, EvaluationSections.NONE);
  }

  /** Renders the page with the optional evaluation sections (leakage, slices). */
  public static String render(ReportModel m, EvaluationSections sections) {
    return render(m, null, null, sections);
  }

  /**
   * Renders the page with the optional sections placed just before the provenance: leakage and
   * slices, diagnostics (calibration, residuals, sensitivity) and explanations; a {@code null} view
   * or part leaves its section out.
   */
  public static String render(
      ReportModel m, DiagnosticsView diagnostics, ExplainabilityView explain,
      EvaluationSections sections) {
    return render(m, diagnostics, explain, sections, null, null);
  }

  /**
   * Renders the page with the optional sections, and the low-fidelity search section after the
   * study ({@code null}: none).
   */
  public static String render(
      ReportModel m, DiagnosticsView diagnostics, ExplainabilityView explain,
      EvaluationSections sections, FidelityView fidelity) {
    return render(m, diagnostics, explain, sections, fidelity, null);
  }

  /**
   * Renders the page with the optional sections, and the adversarial-robustness section after
   * the explanations ({@code null}: none).
   */
  public static String render(
      ReportModel m, DiagnosticsView diagnostics, ExplainabilityView explain,
      EvaluationSections sections, RobustnessView robustness) {
    return render(m, diagnostics, explain, sections, null, robustness);
  }

  /**
   * Renders the page with every optional section; a {@code null} view leaves its section out.
   */
  public static String render(
      ReportModel m, DiagnosticsView diagnostics, ExplainabilityView explain,
      EvaluationSections sections, FidelityView fidelity, RobustnessView robustness) {
    Map<String, Object> ctx = new HashMap<>();
    if (fidelity != null) {
      ctx.put("fidelity", fidelity);
      ctx.put("fidelityHasRows", !fidelity.rows().isEmpty());
      ctx.put("fidelityHasRungs", !fidelity.rungs().isEmpty());
    }
    if (robustness != null) {
      ctx.put("robustness", RobustnessSection.context(robustness));
    }
    EvaluationSectionsContext.put(ctx, sections == null ? EvaluationSections.NONE : sections);
    DiagnosticsSections.put(ctx, diagnostics);
    if (explain != null) {
      ctx.put("explain", ExplainSection.context(explain));
    }
    ctx.put("title", m.title());
    ctx.put("overview", m.overview());
    ctx.put("warnings", m.warnings());
    ctx.put("hasWarnings", !m.warnings().isEmpty());
    ctx.put("columns", m.columns());
    ctx.put("splits", m.splits());
    ctx.put("hasSplits", !m.splits().isEmpty());
    ctx.put("objective", m.objective());
    ctx.put("direction", m.maximize() ? "maximised" : "minimised");
    ctx.put("paramNames", m.paramNames());
    ctx.put("leaderboard", leaderboard(m));
    ctx.put("trialCount", m.trials().size());
    ctx.put("hasStudy", !m.trials().isEmpty());
    ctx.put("paramImportance", m.paramImportance());
    ctx.put("hasImportance", !m.paramImportance().isEmpty());
    long complete = m.trials().stream().filter(t -> "COMPLETE".equals(t.state())).count();
    ctx.put(
        "leaderboardNote",
        complete > m.leaderboardSize()
            ? "The best " + m.leaderboardSize() + " of " + complete + " complete trials; every"
                + " trial is in trials.csv."
            : "All " + complete + " complete trials, best first.");
    ctx.put(
        "testNote",
        m.trials().isEmpty()
            ? "Model evaluated on the given labelled table"
            : "Final model evaluated once on the untouched test split");
    ctx.put("stateCounts", stateCounts(m.trials()));
    List<Map<String, Object>> pruned = new ArrayList<>();
    for (ReportModel.TrialRow t : m.trials()) {
      if ("PRUNED".equals(t.state())) {
        pruned.add(Map.of("number", t.number(), "note", t.note().isEmpty() ? "pruned" : t.note()));
      }
    }
    ctx.put("pruned", pruned);
    ctx.put("hasPruned", !pruned.isEmpty());
    ctx.put(
        "historySvg", Charts.optimizationHistory(m.trials(), m.objective(), m.maximize()));
    List<Map<String, Object>> metrics = new ArrayList<>();
    for (ReportModel.MetricRow r : m.testMetrics()) {
      metrics.add(
          Map.of("name", r.name(), "value", fmt(r.value()), "lower", fmt(r.lower()),
              "upper", fmt(r.upper())));
    }
    ctx.put("metrics", metrics);
    ctx.put("hasMetrics", !metrics.isEmpty());
    ctx.put("testRows", m.testRows());
    if (m.confusion() != null) {
      ctx.put("confusion", confusion(m.confusion()));
    }
    ctx.put("residuals", m.residuals());
    ctx.put("hasResiduals", !m.residuals().isEmpty());
    if (m.fairness() != null) {
      ctx.put("fairness", fairness(m.fairness()));
    }
    if (m.families() != null) {
      ctx.put("families", FamiliesSection.context(m.families()));
    }
    ctx.put("provenance", m.provenance());
    return TEMPLATE.execute(ctx);
  }

  /** Renders to {@code file} atomically (temporary sibling, then rename). */
  public static void write(ReportModel m, Path file) {
    write(m, null, null, EvaluationSections.NONE, file);
  }

  /** Renders with the optional sections to {@code file} atomically (temporary sibling, rename). */
  public static void write(
      ReportModel m, DiagnosticsView diagnostics, ExplainabilityView explain,
      EvaluationSections sections, Path file) {
    write(m, diagnostics, explain, sections, null, null, file);
  }

  /** As {@link #write(ReportModel, DiagnosticsView, ExplainabilityView, EvaluationSections,
   * Path)}, with the low-fidelity search section ({@code null}: none). */
  public static void write(
      ReportModel m, DiagnosticsView diagnostics, ExplainabilityView explain,
      EvaluationSections sections, FidelityView fidelity, Path file) {
    write(m, diagnostics, explain, sections, fidelity, null, file);
  }

  /** As {@link #write(ReportModel, DiagnosticsView, ExplainabilityView, EvaluationSections,
   * Path)}, with the robustness section ({@code null}: none). */
  public static void write(
      ReportModel m, DiagnosticsView diagnostics, ExplainabilityView explain,
      EvaluationSections sections, RobustnessView robustness, Path file) {
    write(m, diagnostics, explain, sections, null, robustness, file);
  }

  /** Renders every optional section to {@code file} atomically ({@code null} view: left out). */
  public static void write(
      ReportModel m, DiagnosticsView diagnostics, ExplainabilityView explain,
      EvaluationSections sections, FidelityView fidelity, RobustnessView robustness, Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path tmp = parent.resolve("." + file.getFileName() + "." + System.nanoTime() + ".tmp");
      Files.writeString(
          tmp, render(m, diagnostics, explain, sections, fidelity, robustness),
          StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new HoneException("cannot write report " + file + ": " + e.getMessage(), e);
    }
  }

  private static List<Map<String, Object>> leaderboard(ReportModel m) {
    Comparator<ReportModel.TrialRow> byValue = Comparator.comparingDouble(ReportModel.TrialRow::value);
    if (m.maximize()) {
      byValue = byValue.reversed();
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    int rank = 0;
    for (ReportModel.TrialRow t :
        m.trials().stream()
            .filter(t -> "COMPLETE".equals(t.state()) && Double.isFinite(t.value()))
            .sorted(byValue.thenComparingInt(ReportModel.TrialRow::number))
            .limit(m.leaderboardSize())
            .toList()) {
      Map<String, Object> row = new HashMap<>();
      row.put("rank", ++rank);
      row.put("number", t.number());
      row.put("value", fmt(t.value()));
      row.put("duration", String.format(Locale.ROOT, "%.1f", t.durationSeconds()));
      row.put("params", t.params());
      row.put("best", t.number() == m.bestTrial());
      rows.add(row);
    }
    return rows;
  }

  private static String stateCounts(List<ReportModel.TrialRow> trials) {
    Map<String, Integer> counts = new java.util.TreeMap<>();
    for (ReportModel.TrialRow t : trials) {
      counts.merge(t.state(), 1, Integer::sum);
    }
    List<String> parts = new ArrayList<>();
    counts.forEach((k, v) -> parts.add(v + " " + k));
    return String.join(", ", parts);
  }

  private static Map<String, Object> confusion(ReportModel.Confusion c) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < c.labels().size(); i++) {
      List<String> cells = new ArrayList<>();
      for (long v : c.counts()[i]) {
        cells.add(Long.toString(v));
      }
      rows.add(Map.of("label", c.labels().get(i), "cells", cells));
    }
    return Map.of("labels", c.labels(), "rows", rows);
  }

  private static Map<String, Object> fairness(FairnessView f) {
    List<Map<String, Object>> attrs = new ArrayList<>();
    for (FairnessView.Attribute a : f.attributes()) {
      Map<String, Object> am = new HashMap<>();
      am.put("name", a.name());
      am.put("reference", a.referenceGroup());
      am.put("chartSvg", Charts.fairnessBars(a));
      List<Map<String, Object>> groups = new ArrayList<>();
      for (FairnessView.GroupRow g : a.groups()) {
        Map<String, Object> row = new HashMap<>();
        row.put("group", g.group());
        row.put("n", g.n());
        row.put("selection", fmt(g.selectionRate()));
        row.put("selectionCi", interval(g.selectionLower(), g.selectionUpper()));
        row.put("tpr", fmt(g.truePositiveRate()));
        row.put("fpr", fmt(g.falsePositiveRate()));
        row.put("precision", fmt(g.precision()));
        row.put("accuracy", fmt(g.accuracy()));
        row.put("auc", fmt(g.rocAuc()));
        row.put("meanScore", fmt(g.meanScore()));
        row.put("baseRate", fmt(g.baseRate()));
        row.put("brier", fmt(g.brierScore()));
        row.put("di", fmt(g.disparateImpact()));
        row.put("flagged", g.flagged());
        row.put("note", g.note());
        groups.add(row);
      }
      am.put("groups", groups);
      List<Map<String, Object>> sums = new ArrayList<>();
      for (FairnessView.SummaryRow r : a.summaries()) {
        sums.add(
            Map.of("name", r.name(), "value", fmt(r.value()), "ci", interval(r.lower(), r.upper()),
                "flagged", r.flagged(), "detail", r.detail()));
      }
      am.put("summaries", sums);
      List<Map<String, Object>> rep = new ArrayList<>();
      for (FairnessView.RepresentationRow r : a.representation()) {
        Map<String, Object> row = new HashMap<>();
        row.put("group", r.group());
        row.put("trainCount", r.trainCount());
        row.put("trainShare", pct(r.trainShare()));
        row.put("testCount", r.testCount());
        row.put("testShare", pct(r.testShare()));
        row.put("trainRate", fmt(r.trainLabelRate()));
        row.put("testRate", fmt(r.testLabelRate()));
        row.put("flagged", r.flagged());
        row.put("note", r.note());
        rep.add(row);
      }
      am.put("representation", rep);
      am.put("hasRepresentation", !rep.isEmpty());
      attrs.add(am);
    }
    Map<String, Object> out = new HashMap<>();
    out.put("note", f.note());
    out.put("attributes", attrs);
    if (f.mitigation() != null) {
      out.put("mitigation", mitigation(f.mitigation()));
    }
    if (f.tradeoff() != null) {
      out.put("tradeoff", tradeoff(f.tradeoff()));
    }
    return out;
  }

  private static Map<String, Object> mitigation(FairnessMitigationView m) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (FairnessMitigationView.Row r : m.rows()) {
      rows.add(Map.of("metric", r.metric(), "before", fmt(r.before()),
          "beforeCi", interval(r.beforeLower(), r.beforeUpper()), "after", fmt(r.after()),
          "afterCi", interval(r.afterLower(), r.afterUpper())));
    }
    return Map.of("method", m.method(), "attribute", m.attribute(), "note", m.note(),
        "rows", rows, "details", m.details(), "hasDetails", !m.details().isEmpty());
  }

  private static Map<String, Object> tradeoff(FairnessTradeoffView t) {
    List<Map<String, Object>> rows = new ArrayList<>();
    t.points().stream()
        .sorted(java.util.Comparator.comparing((FairnessTradeoffView.Point p) -> !p.pareto())
            .thenComparingDouble(p -> Double.isNaN(p.fairness()) ? Double.MAX_VALUE : p.fairness())
            .thenComparingInt(FairnessTradeoffView.Point::trial))
        .forEach(p -> {
          Map<String, Object> row = new HashMap<>();
          row.put("trial", p.trial());
          row.put("objective", fmt(p.objective()));
          row.put("fairness", fmt(p.fairness()));
          row.put("feasible", p.feasible() ? "yes" : "no");
          row.put("pareto", p.pareto() ? "yes" : "");
          row.put("chosen", p.chosen());
          rows.add(row);
        });
    Map<String, Object> m = new HashMap<>();
    m.put("objective", t.objective());
    m.put("metric", t.metric());
    m.put("note", t.note());
    m.put("infeasible", t.infeasible());
    m.put("svg", FairnessCharts.tradeoff(t));
    m.put("rows", rows);
    return m;
  }

  private static String interval(double lo, double hi) {
    return Double.isFinite(lo) && Double.isFinite(hi) ? "[" + fmt(lo) + ", " + fmt(hi) + "]" : "";
  }

  private static String pct(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f%%", 100 * v) : "n/a";
  }

  /** Four significant decimals, {@code n/a} for non-finite values. */
  static String fmt(double v) {
    if (!Double.isFinite(v)) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
