package dev.hone.experiment;

import de.siegmar.fastcsv.writer.CsvWriter;
import dev.hone.core.data.Table;
import dev.hone.core.data.TaskType;
import dev.hone.core.error.DataValidationException;
import dev.hone.core.error.UserInputException;
import dev.hone.core.json.Json;
import dev.hone.core.model.FeatureMatrix;
import dev.hone.explain.Explanation;
import dev.hone.explain.Matrices;
import dev.hone.explain.tree.TreeShap;
import dev.hone.explain.tree.XGBoostJson;
import dev.hone.preprocess.FittedPreprocessor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code hone explain}: Shapley values (TreeSHAP, path-dependent, in the model's margin space:
 * log-odds for classification, the value for regression) for chosen rows of any table, summed
 * back to the input columns (one-hot columns of a categorical input add up to that input).
 *
 * <p>Writes {@code explanations.csv} (one row per explained row and output: {@code row, output,
 * base_value, prediction} and one column per input), {@code explanations.json} (the same plus the
 * ungrouped values) and {@code explanations.html} (importance, summary, waterfalls) into {@code
 * out}. Rows are 0-based data rows of the file.
 */
public final class ExplainWorkflow {
  private ExplainWorkflow() {}

  /**
   * @param rows rows to explain, or {@code null} for all
   * @return number of rows explained
   * @throws UserInputException for a row outside the file or a non-tree model
   */
  public static int run(Path modelDir, Path data, List<Integer> rows, Path out) {
    return run(modelDir, data, rows, out, CsvSettings.DETECT);
  }

  /**
   * As {@link #run(Path, Path, List, Path)}, reading {@code data} with {@code csv}; a file without
   * a header is mapped by position onto the training columns as in {@link Predictor}. Rows are
   * counted after the skipped lines and the header.
   *
   * @param csv how to read {@code data}; {@link CsvSettings#DETECT} to detect everything
   */
  public static int run(
      Path modelDir, Path data, List<Integer> rows, Path out, CsvSettings csv) {
    AtomicFiles.checkWritableDirectory(out, "--out");
    try (ModelBundle bundle = ModelBundle.load(modelDir)) {
      ModelSchema schema = bundle.schema();
      if (!schema.learner().equals(TrainWorkflow.LEARNER)) {
        throw new UserInputException(
            "hone explain needs a tree model; " + modelDir + " holds a '" + schema.learner()
                + "' model");
      }
      Table t = Predictor.read(data, schema, csv, modelDir);
      if (t.hasColumn(schema.target())) {
        t = t.drop(List.of(schema.target()));
      }
      FittedPreprocessor prep = bundle.preprocessor();
      prep.checkCompatible(t, data.toString());
      ValueRange.check(t, data.toString());
      FeatureMatrix x = prep.transform(prep.coerce(t, data.toString()), data.toString());
      int[] idx = selectRows(rows, x.nRows(), data);
      Object rounds = bundle.model().fitInfo().get("rounds_trained");
      TreeShap shap =
          new TreeShap(
              XGBoostJson.parse(
                  modelDir.resolve("model.json"),
                  rounds == null ? 0 : ((Number) rounds).intValue()));
      List<Explanation> raw =
          Explanations.withNames(shap.explain(Matrices.toRows(x), idx), prep.featureNames());
      Map<String, String> groups = prep.featureToInput();
      List<Explanation> grouped = new ArrayList<>();
      for (Explanation e : raw) {
        grouped.add(e.groupBy(groups));
      }
      writeCsv(out.resolve("explanations.csv"), grouped, bundle.task());
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("model", modelDir.toAbsolutePath().normalize().toString());
      json.put("data", data.toAbsolutePath().normalize().toString());
      json.put("method", raw.get(0).method());
      json.put("output_space", raw.get(0).outputSpace());
      json.put("by_input", grouped);
      json.put("by_feature", raw);
      AtomicFiles.writeFile(out.resolve("explanations.json"), tmp -> Json.write(tmp, json));
      dev.hone.report.HtmlReport.write(
          reportModel(modelDir, data, t, idx.length), null, view(raw.get(0), grouped.get(0)), null,
          out.resolve("explanations.html"));
      return idx.length;
    }
  }

  private static dev.hone.report.ReportModel reportModel(
      Path modelDir, Path data, Table t, int rows) {
    return new dev.hone.report.ReportModel(
        "hone explain: " + data.getFileName(),
        List.of(
            new dev.hone.report.ReportModel.Fact("model", modelDir.toString()),
            new dev.hone.report.ReportModel.Fact("data", data.toString()),
            new dev.hone.report.ReportModel.Fact("rows explained", Integer.toString(rows))),
        List.of(), DataSummaries.columns(t), List.of(), "", true, List.of(), List.of(), 0, -1,
        List.of(), rows, null, List.of(), List.of());
  }

  /** Importance, summary and up to ten waterfalls of the explained rows (first output). */
  private static dev.hone.report.ExplainabilityView view(Explanation raw, Explanation grouped) {
    dev.hone.explain.ExplanationSummaries.GlobalImportance g =
        dev.hone.explain.ExplanationSummaries.globalImportance(grouped);
    List<dev.hone.report.ExplainabilityView.Bar> bars = new ArrayList<>();
    for (int j = 0; j < Math.min(20, g.features().size()); j++) {
      bars.add(new dev.hone.report.ExplainabilityView.Bar(g.features().get(j), g.meanAbs()[j]));
    }
    dev.hone.report.ExplainabilityView.Summary summary = null;
    if (raw.rows().length >= 2) {
      dev.hone.explain.ExplanationSummaries.SummaryPlot sp =
          dev.hone.explain.ExplanationSummaries.summaryPlot(raw, 10);
      summary = new dev.hone.report.ExplainabilityView.Summary(sp.features(), sp.values(), sp.colour());
    }
    List<dev.hone.report.ExplainabilityView.Waterfall> falls = new ArrayList<>();
    for (int r = 0; r < Math.min(10, grouped.rows().length); r++) {
      dev.hone.explain.ExplanationSummaries.Waterfall w =
          dev.hone.explain.ExplanationSummaries.waterfall(grouped, r, 10);
      falls.add(new dev.hone.report.ExplainabilityView.Waterfall(
          "row " + grouped.rows()[r], w.baseValue(), w.prediction(), w.labels(),
          w.contributions()));
    }
    return new dev.hone.report.ExplainabilityView(
        "TreeSHAP (path-dependent)", "margin (log-odds for classification)",
        "Values summed back to the input columns; base value + contributions = margin.",
        bars, summary, List.of(), falls, List.of(), "", List.of(), List.of(), List.of());
  }

  private static int[] selectRows(List<Integer> rows, int n, Path data) {
    if (rows == null || rows.isEmpty()) {
      int[] all = new int[n];
      for (int i = 0; i < n; i++) {
        all[i] = i;
      }
      return all;
    }
    int[] idx = new int[rows.size()];
    for (int i = 0; i < idx.length; i++) {
      int r = rows.get(i);
      if (r < 0 || r >= n) {
        throw new DataValidationException(
            "--rows names row " + r + " but " + data + " has data rows 0 to " + (n - 1));
      }
      idx[i] = r;
    }
    return idx;
  }

  private static void writeCsv(Path file, List<Explanation> grouped, TaskType task) {
    AtomicFiles.writeFile(
        file,
        tmp -> {
          try (CsvWriter w = CsvWriter.builder().build(tmp)) {
            List<String> header =
                new ArrayList<>(List.of("row", "output", "base_value", "prediction"));
            header.addAll(grouped.get(0).featureNames());
            w.writeRecord(header);
            for (Explanation e : grouped) {
              for (int r = 0; r < e.rows().length; r++) {
                List<String> line = new ArrayList<>();
                line.add(Integer.toString(e.rows()[r]));
                line.add(task == TaskType.MULTICLASS ? e.outputName() : "margin");
                line.add(fmt(e.baseValues()[r]));
                line.add(fmt(e.predictions()[r]));
                for (double v : e.values()[r]) {
                  line.add(fmt(v));
                }
                w.writeRecord(line);
              }
            }
          }
        });
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.9g", v);
  }
}
