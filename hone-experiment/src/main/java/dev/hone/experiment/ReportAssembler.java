package dev.hone.experiment;

import dev.hone.core.data.TaskType;
import dev.hone.core.provenance.ModelProvenance;
import dev.hone.eval.EvaluationResult;
import dev.hone.eval.Metric;
import dev.hone.eval.MetricValue;
import dev.hone.report.ReportModel;
import dev.hone.search.study.Direction;
import dev.hone.search.study.TrialRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Maps the run's result records onto the report's view model. Computes nothing new. */
final class ReportAssembler {
  private ReportAssembler() {}

  static ReportModel assemble(
      TrainConfig cfg,
      LoadedData data,
      Splits splits,
      TaskType task,
      Metric objective,
      Direction direction,
      List<String> paramNames,
      List<TrialRecord> trials,
      TrialRecord best,
      EvaluationResult eval,
      List<String> classLabels,
      ModelProvenance prov,
      List<String> warnings) {
    List<ReportModel.Fact> overview = new ArrayList<>();
    overview.add(new ReportModel.Fact("data", prov.data().source()));
    if (prov.testData() != null) {
      overview.add(new ReportModel.Fact("test data", prov.testData().source()));
    }
    overview.add(new ReportModel.Fact("target", prov.target()));
    overview.add(new ReportModel.Fact("task", task.name().toLowerCase(Locale.ROOT)));
    overview.add(new ReportModel.Fact(
        "sensitive columns",
        data.train().sensitive().isEmpty() ? "none" : String.join(", ", data.train().sensitive())));
    overview.add(new ReportModel.Fact("learner", prov.learner()));
    overview.add(new ReportModel.Fact("study", prov.study() + " (" + prov.storage() + ")"));
    overview.add(new ReportModel.Fact("sampler", cfg.sampler()));
    overview.add(new ReportModel.Fact("seed", Long.toString(prov.seed())));
    overview.add(new ReportModel.Fact(
        "best trial", best.number() + " (validation " + objective.metricName() + " "
            + String.format(Locale.ROOT, "%.5f", best.value()) + ")"));
    overview.add(new ReportModel.Fact("started", prov.startedAt()));
    overview.add(new ReportModel.Fact("finished", prov.finishedAt()));

    List<ReportModel.SplitRow> splitRows =
        List.of(
            new ReportModel.SplitRow("train", splits.train().rowCount(),
                DataSummaries.targetDetail(splits.train())),
            new ReportModel.SplitRow("validation", splits.validation().rowCount(),
                DataSummaries.targetDetail(splits.validation())),
            new ReportModel.SplitRow("test", splits.test().rowCount(),
                DataSummaries.targetDetail(splits.test()) + " (" + splits.method() + ")"));

    List<ReportModel.TrialRow> rows = new ArrayList<>();
    for (TrialRecord t : trials) {
      List<String> ps = new ArrayList<>();
      for (String p : paramNames) {
        Object v = t.params().get(p);
        ps.add(v == null ? "" : v instanceof Double d ? String.format(Locale.ROOT, "%.4g", d) : v.toString());
      }
      boolean pruned = t.state() == dev.hone.search.study.TrialState.PRUNED;
      rows.add(new ReportModel.TrialRow(
          t.number(), t.state().name(), t.value() == null || pruned ? Double.NaN : t.value(),
          TrialsCsv.seconds(t), ps,
          pruned ? prunedNote(t) : ""));
    }

    List<ReportModel.MetricRow> metrics = new ArrayList<>();
    for (MetricValue mv : eval.metrics()) {
      metrics.add(new ReportModel.MetricRow(mv.name(), mv.value(), mv.ciLower(), mv.ciUpper()));
    }
    ReportModel.Confusion confusion =
        eval.confusion() == null
            ? null
            : new ReportModel.Confusion(eval.confusion().labels(), eval.confusion().counts());
    List<ReportModel.Fact> residuals = new ArrayList<>();
    if (eval.residuals() != null) {
      var r = eval.residuals();
      residuals.add(fact("mean", r.mean()));
      residuals.add(fact("standard deviation", r.std()));
      residuals.add(fact("mean absolute", r.meanAbs()));
      residuals.add(fact("min", r.min()));
      residuals.add(fact("5th percentile", r.q05()));
      residuals.add(fact("25th percentile", r.q25()));
      residuals.add(fact("median", r.median()));
      residuals.add(fact("75th percentile", r.q75()));
      residuals.add(fact("95th percentile", r.q95()));
      residuals.add(fact("max", r.max()));
    }

    List<ReportModel.Fact> provenance = new ArrayList<>();
    provenance.add(new ReportModel.Fact("data sha256", prov.data().sha256()));
    if (prov.testData() != null) {
      provenance.add(new ReportModel.Fact("test data sha256", prov.testData().sha256()));
    }
    provenance.add(new ReportModel.Fact("split", prov.split().method() + ", seed " + prov.split().seed()));
    provenance.add(new ReportModel.Fact("hyperparameters", prov.hyperparameters().toString()));
    provenance.add(new ReportModel.Fact("final fit", prov.fitInfo().toString()));
    for (Map.Entry<String, String> e : prov.environment().libraries().entrySet()) {
      provenance.add(new ReportModel.Fact(e.getKey(), e.getValue()));
    }
    provenance.add(new ReportModel.Fact(
        "JVM", prov.environment().javaVersion() + " (" + prov.environment().javaVendor() + ")"));
    provenance.add(new ReportModel.Fact(
        "OS", prov.environment().os() + " " + prov.environment().arch() + ", "
            + prov.environment().processors() + " processors"));

    return new ReportModel(
        "hone train: " + data.name(),
        overview,
        warnings,
        DataSummaries.columns(data.train()),
        splitRows,
        objective.metricName(),
        direction == Direction.MAXIMIZE,
        paramNames,
        rows,
        20,
        best.number(),
        metrics,
        splits.test().rowCount(),
        confusion,
        residuals,
        provenance);
  }

  private static ReportModel.Fact fact(String name, double v) {
    return new ReportModel.Fact(name, String.format(Locale.ROOT, "%.5g", v));
  }

  /**
   * Where a PRUNED trial stopped: {@code pruned at step N (last intermediate value V)}, with the
   * step as reported (the 0-based boosting round under {@code --pruner}) and V in the learner's
   * validation metric.
   */
  static String prunedNote(TrialRecord t) {
    int step = dev.hone.search.pruner.Pruners.lastStep(t);
    if (step < 0) {
      return "pruned before its first report";
    }
    return "pruned at step " + step + " (last intermediate value "
        + String.format(Locale.ROOT, "%.5g", t.intermediateValues().get(step))
        + " of the learner's validation metric)";
  }
}
