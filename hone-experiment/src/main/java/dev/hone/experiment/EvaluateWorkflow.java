package dev.hone.experiment;

import dev.hone.core.data.Table;
import dev.hone.core.data.TaskType;
import dev.hone.core.json.Json;
import dev.hone.core.model.FeatureMatrix;
import dev.hone.core.model.Predictions;
import dev.hone.core.provenance.ModelProvenance;
import dev.hone.core.random.Seeds;
import dev.hone.data.FileHashes;
import dev.hone.data.LabelledTableBuilder;
import dev.hone.data.PreparedTable;
import dev.hone.eval.EvaluationResult;
import dev.hone.eval.Evaluator;
import dev.hone.eval.MetricValue;
import dev.hone.preprocess.FittedPreprocessor;
import dev.hone.report.HtmlReport;
import dev.hone.report.ReportModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code hone evaluate}: runs the evaluation analyses of {@code hone train} on any saved model and
 * labelled table — test metrics with bootstrap intervals, confusion matrix or residuals,
 * calibration or residual analysis, sensitivity, and the fairness audit when the model's schema
 * marks sensitive columns — and writes {@code metrics.json} and {@code report.html} into {@code
 * out}. A model trained with {@code --mitigation threshold} is also audited through its saved
 * per-group thresholds (model at 0.5 versus thresholded decisions, {@code fairness.mitigation}).
 *
 * <p>The table is checked against the model's saved schema first; labels unseen at training time
 * are an error naming the label. The model's own training data is needed only for the sensitivity
 * analysis's input distribution: the evaluated table stands in for it here (documented in the
 * report).
 */
public final class EvaluateWorkflow {
  private static final Logger LOG = LoggerFactory.getLogger(EvaluateWorkflow.class);

  private EvaluateWorkflow() {}

  /**
   * @param modelDir a {@code model/} folder written by {@code hone train}
   * @param data labelled CSV with the model's target column
   * @param out output folder
   * @param seed seed for bootstrap and sampling
   * @return test metric name to value
   */
  public static Map<String, Double> run(Path modelDir, Path data, Path out, long seed) {
    return run(modelDir, data, out, seed, CsvSettings.DETECT);
  }

  /**
   * As {@link #run(Path, Path, Path, long)}, reading {@code data} with {@code csv}; a file without
   * a header is mapped by position onto the training columns as in {@link Predictor}.
   *
   * @param csv how to read {@code data}; {@link CsvSettings#DETECT} to detect everything
   */
  public static Map<String, Double> run(
      Path modelDir, Path data, Path out, long seed, CsvSettings csv) {
    AtomicFiles.checkWritableDirectory(out, "--out");
    try (ModelBundle bundle = ModelBundle.load(modelDir)) {
      ModelSchema schema = bundle.schema();
      TaskType task = bundle.task();
      Table raw = Predictor.read(data, schema, csv, modelDir);
      if (!raw.hasColumn(schema.target())) {
        throw new dev.hone.core.error.DataValidationException(
            data + " has no target column '" + schema.target() + "'; 'hone evaluate' needs"
                + " labelled rows (use 'hone predict' for unlabelled ones)");
      }
      PreparedTable prepared =
          LabelledTableBuilder.prepare(
              raw, schema.target(), task, schema.input().sensitive(), data.toString());
      Table t = prepared.table();
      FittedPreprocessor prep = bundle.preprocessor();
      Table features = t.drop(List.of(schema.target()));
      prep.checkCompatible(features, data.toString());
      FeatureMatrix x = prep.transform(prep.coerce(features, data.toString()), data.toString());
      double[] y = prep.labels(t, data.toString());
      Predictions p = bundle.model().predict(x);
      EvaluationResult eval =
          Evaluator.evaluate(
              task, y, p, task.isClassification() ? prep.classLabels() : List.of(),
              TrainWorkflow.BOOTSTRAP_ROUNDS, Seeds.derive(seed, "bootstrap", 0));
      Diagnostics.Result diagnostics = Diagnostics.compute(task, y, p, x, x, bundle.model(), seed);
      FairnessAnalysis fairness =
          task == TaskType.BINARY && !t.sensitive().isEmpty()
              ? FairnessAnalysis.run(task, t, y, t, y, p.positiveScores(), seed)
              : null;
      dev.hone.fairness.FittedThresholds thresholds = FairnessPlan.loadThresholds(modelDir);
      FairnessPlan.MitigationResult mitigation =
          thresholds != null && fairness != null
              ? FairnessPlan.evaluateThresholds(
                  thresholds, t, y, p.positiveScores(), data.toString(), seed)
              : null;

      dev.hone.eval.slices.SliceReport slices =
          dev.hone.eval.slices.SliceAnalysis.analyse(
              t, y, p, dev.hone.eval.slices.SliceOptions.defaults(Seeds.derive(seed, "slices", 0)));
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("model", modelDir.toAbsolutePath().normalize().toString());
      json.put("data", data.toAbsolutePath().normalize().toString());
      json.put("data_sha256", FileHashes.sha256(data));
      json.put("warnings", prepared.warnings());
      json.put("test", eval);
      json.put("slices", slices);
      json.put("diagnostics", diagnostics);
      if (fairness != null) {
        Map<String, Object> fairnessJson = fairness.json();
        FairnessPlan.addJson(fairnessJson, mitigation, null);
        json.put("fairness", fairnessJson);
      }
      AtomicFiles.writeFile(out.resolve("metrics.json"), tmp -> Json.write(tmp, json));

      ReportModel model = reportModel(modelDir, data, t, eval, prepared.warnings());
      if (fairness != null) {
        model = model.withFairness(FairnessPlan.view(fairness.view(), mitigation, null));
      }
      HtmlReport.write(
          model, Diagnostics.view(diagnostics), null,
          new dev.hone.report.EvaluationSections(
              null, EvaluationSectionsAssembler.slices(data.getFileName().toString(), slices, null,
                  null)),
          out.resolve("report.html"));
      LOG.info("evaluated {} rows of {} with {}; wrote {}", p.size(), data, modelDir, out);
      Map<String, Double> values = new LinkedHashMap<>();
      for (MetricValue mv : eval.metrics()) {
        values.put(mv.name(), mv.value());
      }
      return values;
    }
  }

  private static ReportModel reportModel(
      Path modelDir, Path data, Table t, EvaluationResult eval, List<String> warnings) {
    List<ReportModel.Fact> overview = new ArrayList<>();
    overview.add(new ReportModel.Fact("model", modelDir.toString()));
    overview.add(new ReportModel.Fact("data", data.toString()));
    overview.add(new ReportModel.Fact("target", t.target()));
    overview.add(new ReportModel.Fact("task", t.task().name().toLowerCase(Locale.ROOT)));
    overview.add(new ReportModel.Fact(
        "sensitive columns", t.sensitive().isEmpty() ? "none" : String.join(", ", t.sensitive())));
    List<ReportModel.Fact> provenance = new ArrayList<>();
    Path provFile = modelDir.resolve("provenance.json");
    if (java.nio.file.Files.isRegularFile(provFile)) {
      ModelProvenance prov = Json.read(provFile, ModelProvenance.class);
      provenance.add(new ReportModel.Fact("trained on", prov.data().source() + " (sha256 "
          + prov.data().sha256() + ")"));
      provenance.add(new ReportModel.Fact("study / trial", prov.study() + " / " + prov.bestTrial()));
      provenance.add(new ReportModel.Fact("hyperparameters", prov.hyperparameters().toString()));
      provenance.add(new ReportModel.Fact("trained", prov.startedAt() + " to " + prov.finishedAt()));
    }
    List<ReportModel.MetricRow> metrics = new ArrayList<>();
    for (MetricValue mv : eval.metrics()) {
      metrics.add(new ReportModel.MetricRow(mv.name(), mv.value(), mv.ciLower(), mv.ciUpper()));
    }
    List<ReportModel.Fact> residuals = new ArrayList<>();
    if (eval.residuals() != null) {
      residuals.add(new ReportModel.Fact("mean", String.format(Locale.ROOT, "%.5g", eval.residuals().mean())));
      residuals.add(new ReportModel.Fact("median", String.format(Locale.ROOT, "%.5g", eval.residuals().median())));
      residuals.add(new ReportModel.Fact("mean absolute", String.format(Locale.ROOT, "%.5g", eval.residuals().meanAbs())));
    }
    return new ReportModel(
        "hone evaluate: " + data.getFileName(),
        overview,
        warnings,
        DataSummaries.columns(t),
        List.of(new ReportModel.SplitRow("evaluated", t.rowCount(), DataSummaries.targetDetail(t))),
        "",
        true,
        List.of(),
        List.of(),
        0,
        -1,
        metrics,
        t.rowCount(),
        eval.confusion() == null
            ? null
            : new ReportModel.Confusion(eval.confusion().labels(), eval.confusion().counts()),
        residuals,
        provenance);
  }
}
