package dev.hone.experiment;

import de.siegmar.fastcsv.writer.CsvWriter;
import dev.hone.core.data.Table;
import dev.hone.core.model.Predictions;
import dev.hone.data.csv.CsvOptions;
import dev.hone.data.csv.CsvTableReader;
import dev.hone.preprocess.FittedPreprocessor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code hone predict}: applies a saved model to a new table.
 *
 * <p>The table is checked against the model's saved schema first (missing or extra columns, a
 * numeric column holding text): any mismatch is a {@link dev.hone.core.error.DataValidationException}
 * naming the file and columns. A file without a header whose column count equals that of the
 * training file is read with the training file's column names. A target column, if present, is
 * ignored. Output columns: classification {@code prob_<label>} per class in class order and {@code
 * predicted} (the most probable label); regression {@code predicted}. Rows keep the input order.
 *
 * <p>A model trained with {@code --mitigation threshold} carries per-group decision thresholds
 * ({@code fairness_thresholds.json}); then {@code predicted} is the thresholded (randomised,
 * seeded) decision for the row's group, the probabilities stay the model's, and a group not seen
 * when the thresholds were fitted is an error naming the group and the column.
 */
public final class Predictor {
  private static final Logger LOG = LoggerFactory.getLogger(Predictor.class);

  private Predictor() {}

  /**
   * Predicts with the model in {@code modelDir}; an image model ({@link
   * ImagePredictor#isImageModel}) is handed to {@link ImagePredictor}.
   *
   * @return the number of rows (or images) predicted
   */
  public static int predict(Path modelDir, Path data, Path out) {
    if (ImagePredictor.isImageModel(modelDir)) {
      return ImagePredictor.predict(modelDir, data, out).images();
    }
    try (ModelBundle bundle = ModelBundle.load(modelDir)) {
      Table t = read(data, bundle.schema());
      FittedPreprocessor prep = bundle.preprocessor();
      String source = data.toString();
      if (t.hasColumn(bundle.schema().target())) {
        t = t.drop(List.of(bundle.schema().target()));
      }
      prep.checkCompatible(t, source);
      ValueRange.check(t, source);
      Table coerced = prep.coerce(t, source);
      Predictions p = bundle.model().predict(prep.transform(coerced, source));
      dev.hone.fairness.FittedThresholds thresholds = FairnessPlan.loadThresholds(modelDir);
      int[] decisions = thresholds == null ? null
          : FairnessPlan.applyThresholds(thresholds, coerced, p.positiveScores(), source);
      write(out, p, bundle.schema().classLabels(), decisions);
      LOG.info("predicted {} rows of {} with {}", p.size(), data, modelDir);
      return p.size();
    }
  }

  static Table read(Path data, ModelSchema schema) {
    CsvTableReader.Result r = CsvTableReader.readWithDetails(data, CsvOptions.defaults());
    if (!r.headerPresent() && r.table().columnCount() == schema.rawColumns().size()) {
      return CsvTableReader.read(
          data,
          CsvOptions.defaults().withHeader(false).withDelimiter(r.delimiter())
              .withColumnNames(schema.rawColumns()));
    }
    if (!r.headerPresent()
        && r.table().columnCount() == schema.rawColumns().size() - 1
        && schema.rawColumns().contains(schema.target())) {
      List<String> names = new ArrayList<>(schema.rawColumns());
      names.remove(schema.target());
      return CsvTableReader.read(
          data,
          CsvOptions.defaults().withHeader(false).withDelimiter(r.delimiter())
              .withColumnNames(names));
    }
    return r.table();
  }

  private static void write(Path out, Predictions p, List<String> classes, int[] decisions) {
    AtomicFiles.writeFile(
        out,
        tmp -> {
          try (CsvWriter w = CsvWriter.builder().build(tmp)) {
            List<String> header = new ArrayList<>();
            if (p.task().isClassification()) {
              for (String c : classes) {
                header.add("prob_" + c);
              }
            }
            header.add("predicted");
            w.writeRecord(header);
            if (p.task().isClassification()) {
              int[] cls = decisions != null ? decisions : p.predictedClasses();
              for (int i = 0; i < p.size(); i++) {
                List<String> row = new ArrayList<>();
                for (double v : p.probabilities()[i]) {
                  row.add(String.format(Locale.ROOT, "%.6g", v));
                }
                row.add(classes.get(cls[i]));
                w.writeRecord(row);
              }
            } else {
              for (double v : p.values()) {
                w.writeRecord(String.format(Locale.ROOT, "%.8g", v));
              }
            }
          }
        });
  }
}
