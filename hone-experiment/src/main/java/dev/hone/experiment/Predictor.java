package dev.hone.experiment;

import de.siegmar.fastcsv.writer.CsvWriter;
import dev.hone.core.data.Table;
import dev.hone.core.error.DataValidationException;
import dev.hone.core.error.InvalidParameterException;
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
 * naming the file and columns. The file is read with {@link CsvSettings} ({@code hone predict
 * --delimiter --header/--no-header --na --skip-lines}); what is not given is detected as for {@code
 * hone train}. A file without a header (given by {@code --no-header} or detected) is mapped by
 * position onto the training file's columns ({@link ModelSchema#rawColumns()}): it must hold all
 * of them in training order, or all but the target column; any other column count is a {@link
 * dev.hone.core.error.DataValidationException} naming the file, both counts and the expected
 * columns. A target column, if present, is ignored. Output columns: classification {@code
 * prob_<label>} per class in class order and {@code predicted} (the most probable label);
 * regression {@code predicted}. Rows keep the input order.
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
   * Predicts with the model in {@code modelDir}, detecting the CSV layout; an image model ({@link
   * ImagePredictor#isImageModel}) is handed to {@link ImagePredictor}.
   *
   * @return the number of rows (or images) predicted
   */
  public static int predict(Path modelDir, Path data, Path out) {
    return predict(modelDir, data, out, CsvSettings.DETECT);
  }

  /**
   * Predicts with the model in {@code modelDir}, reading the table {@code data} with {@code csv}
   * (see the class documentation); an image model ({@link ImagePredictor#isImageModel}) is handed
   * to {@link ImagePredictor} and accepts only {@link CsvSettings#DETECT}.
   *
   * @param csv how to read {@code data}; {@link CsvSettings#DETECT} to detect everything
   * @return the number of rows (or images) predicted
   * @throws dev.hone.core.error.InvalidParameterException when {@code csv} is not {@link
   *     CsvSettings#DETECT} for an image model
   * @throws dev.hone.core.error.DataValidationException when the table does not fit the model
   */
  public static int predict(Path modelDir, Path data, Path out, CsvSettings csv) {
    if (ImagePredictor.isImageModel(modelDir)) {
      if (!CsvSettings.DETECT.equals(csv)) {
        throw new InvalidParameterException(
            "CSV options do not apply to the image model " + modelDir + "; drop them");
      }
      return ImagePredictor.predict(modelDir, data, out).images();
    }
    try (ModelBundle bundle = ModelBundle.load(modelDir)) {
      Table t = read(data, bundle.schema(), csv, modelDir);
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

  /**
   * Reads a new table for the model whose schema is {@code schema} (in {@code modelDir}, named in
   * errors): with a header (given or detected) as it is; without one, its columns named by
   * position after the training file's columns.
   *
   * @throws dev.hone.core.error.DataValidationException when a header-less file's column count is
   *     neither that of the training file nor that count less the target, or the schema does not
   *     record the training column order
   */
  static Table read(Path data, ModelSchema schema, CsvSettings csv, Path modelDir) {
    CsvOptions opts = csv.apply(CsvOptions.defaults());
    CsvTableReader.Result r = CsvTableReader.readWithDetails(data, opts);
    if (r.headerPresent()) {
      return r.table();
    }
    List<String> names =
        headerlessNames(data, schema, r.table().columnCount(), csv, modelDir);
    return CsvTableReader.read(
        data, opts.withHeader(false).withDelimiter(r.delimiter()).withColumnNames(names));
  }

  /** The names of a header-less file's {@code n} columns, by position in the training file. */
  private static List<String> headerlessNames(
      Path data, ModelSchema schema, int n, CsvSettings csv, Path modelDir) {
    boolean headerGiven = csv.header() != null;
    String noHeader = headerGiven ? "has no header row (--no-header)"
        : "has no header row (none was detected in its first row)";
    List<String> raw = schema.rawColumns();
    if (raw == null || raw.isEmpty()) {
      throw new DataValidationException(
          data + " " + noHeader + ", but " + modelDir.resolve("schema.json") + " does not record"
              + " the training file's column order, so its columns cannot be named by position."
              + " Add a header row naming the columns " + schema.input().names()
              + " and pass --header");
    }
    if (n == raw.size()) {
      return raw;
    }
    boolean targetInFile = raw.contains(schema.target());
    if (n == raw.size() - 1 && targetInFile) {
      List<String> names = new ArrayList<>(raw);
      names.remove(schema.target());
      return names;
    }
    String counts = targetInFile
        ? raw.size() + " columns (or " + (raw.size() - 1) + " without the target '"
            + schema.target() + "')"
        : raw.size() + " columns";
    throw new DataValidationException(
        data + " " + noHeader + " and " + n + " column(s) per row, but the model was trained on "
            + counts + " in this order: " + String.join(", ", raw) + ". A file without a header"
            + " must hold exactly those columns in that order. Fix the file's columns, or add a"
            + " header row naming them" + (headerGiven ? " and drop --no-header" : " and pass"
            + " --header") + (csv.skipLines() > 0 ? ""
            : "; if lines before the data are not data (a title or banner line), skip them with"
                + " --skip-lines N"));
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
