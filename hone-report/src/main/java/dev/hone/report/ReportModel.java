package dev.hone.report;

import java.util.List;

/**
 * Everything {@code report.html} shows, already computed. The report module only renders this
 * record; every number in it comes from an analysis record (evaluation, study, data summary)
 * assembled by the workflow. Immutable.
 *
 * @param title page title, e.g. {@code "hone train: adult"}
 * @param overview run facts shown first (dataset, target, task, learner, seed, study, timings)
 * @param warnings data and run warnings, shown prominently; empty when none
 * @param columns one row per input column of the training table
 * @param splits split sizes (and class balance) per split
 * @param objective name of the optimised metric, e.g. {@code roc_auc}
 * @param maximize whether the objective is maximised
 * @param paramNames hyperparameter names, the leaderboard's columns
 * @param trials every trial, ordered by number
 * @param leaderboardSize how many of the best trials the leaderboard lists
 * @param bestTrial number of the best trial, or -1 when none completed
 * @param testMetrics test-split metrics with 95% bootstrap intervals
 * @param testRows rows in the test split
 * @param confusion confusion matrix (classification) or {@code null}
 * @param residuals residual summary rows (regression) or empty
 * @param provenance model provenance facts
 * @param fairness the fairness section, or {@code null} when no sensitive column was audited
 * @param paramImportance hyperparameter importances, most important first; may be empty
 * @param families the model-families section (leaderboard per family, Pareto front), or {@code
 *     null} when the run searched one family without deployment limits
 */
public record ReportModel(
    String title,
    List<Fact> overview,
    List<String> warnings,
    List<ColumnSummary> columns,
    List<SplitRow> splits,
    String objective,
    boolean maximize,
    List<String> paramNames,
    List<TrialRow> trials,
    int leaderboardSize,
    int bestTrial,
    List<MetricRow> testMetrics,
    int testRows,
    Confusion confusion,
    List<Fact> residuals,
    List<Fact> provenance,
    FairnessView fairness,
    List<Fact> paramImportance,
    FamiliesView families) {

  /** A report without a model-families section. */
  public ReportModel(
      String title,
      List<Fact> overview,
      List<String> warnings,
      List<ColumnSummary> columns,
      List<SplitRow> splits,
      String objective,
      boolean maximize,
      List<String> paramNames,
      List<TrialRow> trials,
      int leaderboardSize,
      int bestTrial,
      List<MetricRow> testMetrics,
      int testRows,
      Confusion confusion,
      List<Fact> residuals,
      List<Fact> provenance,
      FairnessView fairness,
      List<Fact> paramImportance) {
    this(
        title, overview, warnings, columns, splits, objective, maximize, paramNames, trials,
        leaderboardSize, bestTrial, testMetrics, testRows, confusion, residuals, provenance,
        fairness, paramImportance, null);
  }

  /** This report with a model-families section. */
  public ReportModel withFamilies(FamiliesView view) {
    return new ReportModel(
        title, overview, warnings, columns, splits, objective, maximize, paramNames, trials,
        leaderboardSize, bestTrial, testMetrics, testRows, confusion, residuals, provenance,
        fairness, paramImportance, view);
  }

  /** A report with the given fairness section and no hyperparameter importance. */
  public ReportModel(
      String title,
      List<Fact> overview,
      List<String> warnings,
      List<ColumnSummary> columns,
      List<SplitRow> splits,
      String objective,
      boolean maximize,
      List<String> paramNames,
      List<TrialRow> trials,
      int leaderboardSize,
      int bestTrial,
      List<MetricRow> testMetrics,
      int testRows,
      Confusion confusion,
      List<Fact> residuals,
      List<Fact> provenance,
      FairnessView fairness) {
    this(
        title, overview, warnings, columns, splits, objective, maximize, paramNames, trials,
        leaderboardSize, bestTrial, testMetrics, testRows, confusion, residuals, provenance,
        fairness, List.of());
  }

  /** A report without a fairness section. */
  public ReportModel(
      String title,
      List<Fact> overview,
      List<String> warnings,
      List<ColumnSummary> columns,
      List<SplitRow> splits,
      String objective,
      boolean maximize,
      List<String> paramNames,
      List<TrialRow> trials,
      int leaderboardSize,
      int bestTrial,
      List<MetricRow> testMetrics,
      int testRows,
      Confusion confusion,
      List<Fact> residuals,
      List<Fact> provenance) {
    this(
        title, overview, warnings, columns, splits, objective, maximize, paramNames, trials,
        leaderboardSize, bestTrial, testMetrics, testRows, confusion, residuals, provenance, null);
  }

  /** This report with a fairness section. */
  public ReportModel withFairness(FairnessView view) {
    return new ReportModel(
        title, overview, warnings, columns, splits, objective, maximize, paramNames, trials,
        leaderboardSize, bestTrial, testMetrics, testRows, confusion, residuals, provenance, view,
        paramImportance, families);
  }

  /**
   * This report with hyperparameter importances (name, importance as text), shown in the study
   * section.
   */
  public ReportModel withParamImportance(List<Fact> importance) {
    return new ReportModel(
        title, overview, warnings, columns, splits, objective, maximize, paramNames, trials,
        leaderboardSize, bestTrial, testMetrics, testRows, confusion, residuals, provenance,
        fairness, importance, families);
  }

  public ReportModel {
    paramImportance = paramImportance == null ? List.of() : List.copyOf(paramImportance);
    overview = List.copyOf(overview);
    warnings = List.copyOf(warnings);
    columns = List.copyOf(columns);
    splits = List.copyOf(splits);
    paramNames = List.copyOf(paramNames);
    trials = List.copyOf(trials);
    testMetrics = List.copyOf(testMetrics);
    residuals = residuals == null ? List.of() : List.copyOf(residuals);
    provenance = List.copyOf(provenance);
  }

  /** A labelled fact. */
  public record Fact(String name, String value) {}

  /**
   * One input column.
   *
   * @param name column name
   * @param type {@code numeric} or {@code categorical}
   * @param role {@code target}, {@code sensitive} or {@code feature}
   * @param missing missing cells in the training table
   * @param distinct distinct non-missing values (levels for categorical)
   * @param summary min/mean/max for numeric, the most frequent levels for categorical
   */
  public record ColumnSummary(
      String name, String type, String role, int missing, int distinct, String summary) {}

  /**
   * One split.
   *
   * @param name train, validation or test
   * @param rows row count
   * @param detail class balance or target range
   */
  public record SplitRow(String name, int rows, String detail) {}

  /**
   * One trial.
   *
   * @param number trial number
   * @param state RUNNING, COMPLETE, PRUNED or FAIL
   * @param value objective value, {@code NaN} when none
   * @param durationSeconds wall-clock seconds, {@code NaN} while running
   * @param params parameter values in {@link ReportModel#paramNames()} order, as text
   * @param note for a PRUNED trial, where it stopped, e.g. {@code pruned at step 12 (last
   *     validation loss 0.4312)}; empty otherwise. A pruned trial's {@code value} is {@code NaN}:
   *     it never computed the objective
   */
  public record TrialRow(
      int number, String state, double value, double durationSeconds, List<String> params,
      String note) {
    public TrialRow {
      params = List.copyOf(params);
      note = note == null ? "" : note;
    }

    /** A trial row without a note. */
    public TrialRow(
        int number, String state, double value, double durationSeconds, List<String> params) {
      this(number, state, value, durationSeconds, params, "");
    }
  }

  /**
   * One metric with its interval.
   *
   * @param name metric name
   * @param value point estimate on the whole test split
   * @param lower 2.5th bootstrap percentile
   * @param upper 97.5th bootstrap percentile
   */
  public record MetricRow(String name, double value, double lower, double upper) {}

  /**
   * A confusion matrix.
   *
   * @param labels class labels in index order
   * @param counts {@code [true][predicted]}
   */
  public record Confusion(List<String> labels, long[][] counts) {
    public Confusion {
      labels = List.copyOf(labels);
      counts = counts.clone();
    }
  }
}
