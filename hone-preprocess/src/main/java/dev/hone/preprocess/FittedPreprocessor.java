package dev.hone.preprocess;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.core.data.CategoricalColumn;
import dev.hone.core.data.Column;
import dev.hone.core.data.ColumnSpec;
import dev.hone.core.data.ColumnType;
import dev.hone.core.data.NumericColumn;
import dev.hone.core.data.Schema;
import dev.hone.core.data.Table;
import dev.hone.core.data.TaskType;
import dev.hone.core.error.DataValidationException;
import dev.hone.core.json.Json;
import dev.hone.core.model.CategoricalBlock;
import dev.hone.core.model.FeatureMatrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Preprocessing fitted on a training split: maps any table with the same input columns to a {@link
 * FeatureMatrix} {@code [nRows][featureNames().size()]} and its target to labels. Created by {@link
 * Preprocessor#fit(Table)} or {@link #load(Path)}; saved next to the model with {@link
 * #save(Path)} and applied unchanged at prediction time.
 *
 * <h2>Output columns</h2>
 *
 * <p>Input columns (the training table's columns except the target and {@link
 * Preprocessor#excludeColumns()}, in table order) map to output columns in the same order, as
 * described by {@link #encodings()}:
 *
 * <ul>
 *   <li>Numeric column {@code x}: one column {@code x}; the value as {@code float}; {@code NaN}
 *       (missing) stays {@code NaN}.
 *   <li>Categorical column {@code c}: one column {@code c=level} per kept training level, then
 *       {@code c=__other__} if some training levels were cut. A row with a kept level has 1 in that
 *       level's column and 0 elsewhere; a cut level gives 1 in {@code c=__other__}. A row whose
 *       level was never seen in training has 0 in every level column and 1 in {@code c=__other__}
 *       if it exists (all 0 otherwise); such rows are counted in {@link
 *       #transformWithReport(Table, String)} and logged as a warning by {@link #transform}.
 *   <li><b>Missing categorical value:</b> {@code NaN} in <em>all</em> of the column's output
 *       columns, not an all-zero row. A tree learner with sparsity-aware split finding (XGBoost: Chen
 *       and Guestrin, "XGBoost: A Scalable Tree Boosting System", KDD 2016, Alg. 3) then routes the
 *       row along each split's learned default direction, so "missing" is kept apart from "some
 *       other level". Learners that cannot take {@code NaN} must impute first.
 * </ul>
 *
 * <p>A categorical input column that arrives as numeric (codes {@code 1/2/3}) is matched by the
 * text form of its values; a numeric input column that arrives as categorical is parsed (see {@link
 * SchemaCoercion}).
 *
 * <h2>Labels</h2>
 *
 * <p>Classification: {@link #labels(Table)} gives each row's class index into {@link
 * #classLabels()} (class 1 is the positive class of a binary task). Regression: the target values.
 *
 * <p>Immutable and thread-safe.
 */
public final class FittedPreprocessor {
  private static final Logger LOG = LoggerFactory.getLogger(FittedPreprocessor.class);

  /** File name written by {@link #save(Path)} inside the model directory. */
  public static final String FILE_NAME = "preprocessor.json";

  /** Format version written by this version; {@link #load(Path)} reads 1 up to this value. */
  public static final int FORMAT_VERSION = 1;

  /** Value of the {@code kind} field that marks a preprocessor file. */
  public static final String KIND = "hone-preprocessor";

  /** Source name used by the overloads that take none. */
  public static final String DEFAULT_SOURCE = "the input table";

  /** Schema-check problem: missing feature columns (argument: their names). */
  public static final String MISSING_COLUMNS =
      "missing feature column(s) %s that the model was trained on: add them, with the same names"
          + " as in the training data, or retrain without them";

  /** Schema-check problem: unknown columns (argument: their names). */
  public static final String EXTRA_COLUMNS =
      "column(s) %s that the model was not trained on: drop these columns from the file, or"
          + " retrain with them";

  /** Schema-check message: source name, then the list of problems. */
  public static final String SCHEMA_MISMATCH = "%s does not match the model's input schema:%s";

  /** Label error: source, label, column, 1-based data row, known classes, count of such rows. */
  public static final String UNSEEN_LABEL =
      "%s: label '%s' in target column '%s' (data row %d) was not seen in the training data;"
          + " known classes are %s (%d row(s) have unseen labels). Fix the label (for example a"
          + " spelling variant) or retrain with data that contains it";

  /** Label error: source, column, 1-based data row. */
  public static final String MISSING_LABEL =
      "%s: target column '%s' has a missing or non-finite value in data row %d: drop rows without"
          + " a label or fill them in";

  /** Label error: source, target column. */
  public static final String NO_TARGET =
      "%s has no target column '%s', which is needed for labels: add the column";

  private static final int SLOT_OTHER = -2;
  private static final int SLOT_UNSEEN = -3;

  private final Preprocessor options;
  private final String target;
  private final TaskType task;
  private final List<String> classLabels;
  private final Schema inputSchema;
  private final List<EncodedColumn> encodings;
  private final int trainRows;

  private final List<String> featureNames;
  private final Map<String, String> featureToInput;
  private final int[] offsets;
  private final List<Map<String, Integer>> slots;
  private final Map<String, Integer> classIndex;

  /**
   * @throws IllegalArgumentException if the parts are inconsistent (encodings not matching the
   *     input schema, classes where there should be none, repeated feature names)
   */
  FittedPreprocessor(
      Preprocessor options,
      String target,
      TaskType task,
      List<String> classLabels,
      Schema inputSchema,
      List<EncodedColumn> encodings,
      int trainRows) {
    this.options = Objects.requireNonNull(options, "options");
    this.target = Objects.requireNonNull(target, "target");
    this.task = Objects.requireNonNull(task, "task");
    this.classLabels = List.copyOf(classLabels == null ? List.of() : classLabels);
    this.inputSchema = Objects.requireNonNull(inputSchema, "inputSchema");
    this.encodings = List.copyOf(Objects.requireNonNull(encodings, "encodings"));
    this.trainRows = trainRows;
    if (task.isClassification() == this.classLabels.isEmpty()) {
      throw new IllegalArgumentException("class labels do not match task " + task);
    }
    if (new HashSet<>(this.classLabels).size() != this.classLabels.size()) {
      throw new IllegalArgumentException("class labels repeat: " + this.classLabels);
    }
    List<ColumnSpec> specs = inputSchema.columns();
    if (specs.size() != this.encodings.size()) {
      throw new IllegalArgumentException("encodings do not match the input schema");
    }
    List<String> names = new ArrayList<>();
    Map<String, String> toInput = new LinkedHashMap<>();
    offsets = new int[this.encodings.size()];
    List<Map<String, Integer>> slotList = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      EncodedColumn e = this.encodings.get(i);
      if (!e.input().equals(specs.get(i).name()) || e.type() != specs.get(i).type()) {
        throw new IllegalArgumentException(
            "encoding of '" + e.input() + "' does not match input column " + specs.get(i));
      }
      if (e.input().equals(target) || options.excludeColumns().contains(e.input())) {
        throw new IllegalArgumentException("'" + e.input() + "' cannot be an input column");
      }
      offsets[i] = names.size();
      for (String f : e.outputNames()) {
        if (toInput.put(f, e.input()) != null) {
          throw new IllegalArgumentException("feature name '" + f + "' repeats");
        }
        names.add(f);
      }
      Map<String, Integer> s = new HashMap<>();
      for (int k = 0; k < e.levels().size(); k++) {
        s.put(e.levels().get(k), k);
      }
      for (String o : e.otherLevels()) {
        s.put(o, SLOT_OTHER);
      }
      slotList.add(Collections.unmodifiableMap(s));
    }
    this.featureNames = List.copyOf(names);
    this.featureToInput = Collections.unmodifiableMap(toInput);
    this.slots = List.copyOf(slotList);
    Map<String, Integer> ci = new HashMap<>();
    for (int k = 0; k < this.classLabels.size(); k++) {
      ci.put(this.classLabels.get(k), k);
    }
    this.classIndex = Collections.unmodifiableMap(ci);
  }

  // ---------------------------------------------------------------- accessors

  /** The options this was fitted with. */
  public Preprocessor options() {
    return options;
  }

  /** Name of the target column. */
  public String target() {
    return target;
  }

  /** The learning task of the training table. */
  public TaskType task() {
    return task;
  }

  /**
   * The class labels, index = class index (1 = positive class of a binary task); empty for
   * regression.
   */
  public List<String> classLabels() {
    return classLabels;
  }

  /** Number of classes; 0 for regression (the convention of {@code FitRequest.nClasses}). */
  public int nClasses() {
    return classLabels.size();
  }

  /**
   * The input schema: the training table's feature columns (all but the target and the excluded
   * columns) in order, with types; for categorical columns the levels seen in the training rows.
   * Its target is {@code null}; sensitive columns that are inputs stay marked.
   */
  public Schema inputSchema() {
    return inputSchema;
  }

  /** Columns the model does not see but that prediction tables may carry without error. */
  public List<String> excludedColumns() {
    return options.excludeColumns();
  }

  /** The output feature names, {@code nCols} of them, in matrix column order. */
  public List<String> featureNames() {
    return featureNames;
  }

  /**
   * Maps each output feature name to the input column it came from, in output order: {@code
   * "age" -> "age"}, {@code "sex=Male" -> "sex"}, {@code "sex=__other__" -> "sex"}.
   */
  public Map<String, String> featureToInput() {
    return featureToInput;
  }

  /** One encoding per input column, in input order; output columns are their concatenation. */
  public List<EncodedColumn> encodings() {
    return encodings;
  }

  /**
   * The one-hot block of every categorical input column in the output matrix, in column order:
   * block {@code c} covers the columns {@code c=level...} and {@code c=__other__} of {@link
   * #encodings()}. A categorical column with no output column (no kept level and no other level)
   * has no block. Pass them to learners through {@code FitRequest.categoricalBlocks}.
   */
  public List<CategoricalBlock> categoricalBlocks() {
    List<CategoricalBlock> out = new java.util.ArrayList<>();
    int col = 0;
    for (EncodedColumn e : encodings) {
      int w = e.width();
      if (e.type() != ColumnType.NUMERIC && w > 0) {
        out.add(new CategoricalBlock(e.input(), col, w));
      }
      col += w;
    }
    return List.copyOf(out);
  }

  /**
   * The output feature names that come from input column {@code input}.
   *
   * @throws IllegalArgumentException if {@code input} is not an input column
   */
  public List<String> featuresOf(String input) {
    for (EncodedColumn e : encodings) {
      if (e.input().equals(input)) {
        return e.outputNames();
      }
    }
    throw new IllegalArgumentException(
        "'" + input + "' is not an input column; input columns are " + inputSchema.names());
  }

  /** Number of rows of the training split this was fitted on. */
  public int trainRows() {
    return trainRows;
  }

  // ---------------------------------------------------------------- schema checks

  /**
   * Checks that a table can be fed to this preprocessor, and reports every problem at once.
   *
   * <ul>
   *   <li>every input column must be present (extra order does not matter);
   *   <li>the target may be present or absent; excluded columns are allowed;
   *   <li>any other column is an error, unless {@link Preprocessor#allowExtraColumns()} is set, in
   *       which case it is logged as a warning and ignored;
   *   <li>an input column that was numeric in training must hold only numbers (a categorical
   *       column whose values all parse as numbers is fine); a categorical input column may arrive
   *       as numeric, its values are then matched as text.
   * </ul>
   *
   * @param t the table as read
   * @param sourceName where it came from (file name), named in the message
   * @throws DataValidationException naming {@code sourceName}, the column(s), what is wrong and
   *     what to do; see {@link #SCHEMA_MISMATCH}, {@link #MISSING_COLUMNS}, {@link #EXTRA_COLUMNS},
   *     {@link SchemaCoercion#NOT_NUMERIC_PROBLEM}
   */
  public void checkCompatible(Table t, String sourceName) {
    Objects.requireNonNull(t, "t");
    List<String> problems = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String n : inputSchema.names()) {
      if (!t.hasColumn(n)) {
        missing.add(n);
      }
    }
    if (!missing.isEmpty()) {
      problems.add(String.format(Locale.ROOT, MISSING_COLUMNS, missing));
    }
    Set<String> known = new HashSet<>(inputSchema.names());
    known.add(target);
    known.addAll(options.excludeColumns());
    List<String> extra = new ArrayList<>();
    for (String n : t.columnNames()) {
      if (!known.contains(n)) {
        extra.add(n);
      }
    }
    if (!extra.isEmpty()) {
      if (options.allowExtraColumns()) {
        LOG.warn("{}: ignoring column(s) {} that the model was not trained on", sourceName, extra);
      } else {
        problems.add(String.format(Locale.ROOT, EXTRA_COLUMNS, extra));
      }
    }
    for (ColumnSpec spec : inputSchema.columns()) {
      if (spec.type() == ColumnType.NUMERIC && t.hasColumn(spec.name())) {
        Column c = t.column(spec.name());
        int bad = SchemaCoercion.firstNonNumericRow(c);
        if (bad >= 0) {
          problems.add(
              String.format(
                  Locale.ROOT,
                  SchemaCoercion.NOT_NUMERIC_PROBLEM,
                  spec.name(),
                  c.format(bad),
                  bad + 1));
        }
      }
    }
    if (!problems.isEmpty()) {
      StringBuilder list = new StringBuilder();
      for (String p : problems) {
        list.append("\n  - ").append(p);
      }
      throw new DataValidationException(
          String.format(Locale.ROOT, SCHEMA_MISMATCH, sourceName, list));
    }
  }

  /**
   * Converts the input columns of {@code t} (and the target, when present) to the types this
   * preprocessor was fitted on: see {@link SchemaCoercion#coerce}. The target becomes categorical
   * for classification and numeric for regression.
   *
   * @throws DataValidationException if a column that must be numeric holds a non-numeric value
   */
  public Table coerce(Table t, String sourceName) {
    Table out = SchemaCoercion.coerce(t, inputSchema, sourceName);
    if (out.hasColumn(target)) {
      ColumnType want = task.isClassification() ? ColumnType.CATEGORICAL : ColumnType.NUMERIC;
      Column y = out.column(target);
      if (y.type() != want) {
        out = out.with(SchemaCoercion.coerceColumn(y, want, sourceName));
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- transform

  /**
   * The feature matrix of {@code t}; unseen categorical levels are logged as a warning.
   *
   * @see #transformWithReport(Table, String)
   */
  public FeatureMatrix transform(Table t) {
    return transform(t, DEFAULT_SOURCE);
  }

  /**
   * The feature matrix of {@code t}; unseen categorical levels are logged as a warning naming
   * {@code sourceName}.
   *
   * @see #transformWithReport(Table, String)
   */
  public FeatureMatrix transform(Table t, String sourceName) {
    TransformResult r = transformWithReport(t, sourceName);
    for (UnseenLevels u : r.unseen()) {
      LOG.warn(
          "{}: column '{}' has {} row(s) with levels not seen in training (e.g. {}); they are"
              + " encoded as {}",
          sourceName,
          u.column(),
          u.rows(),
          u.examples(),
          encodings.stream()
                  .filter(e -> e.input().equals(u.column()))
                  .anyMatch(EncodedColumn::hasOther)
              ? EncodedColumn.featureName(u.column(), EncodedColumn.OTHER)
              : "all zeros");
    }
    return r.matrix();
  }

  /**
   * Applies the fitted encoding to {@code t} (see the class description) and reports unseen
   * levels. Columns of {@code t} other than the input columns are ignored; input columns of the
   * wrong type are converted as in {@link SchemaCoercion}.
   *
   * @param t a table holding every input column, any number of rows
   * @param sourceName where {@code t} came from, named in error messages
   * @return the matrix {@code [t.rowCount()][featureNames().size()]} and the unseen-level counts
   * @throws DataValidationException if an input column is missing, a numeric input column holds a
   *     non-numeric value, or the matrix would exceed {@code Integer.MAX_VALUE} cells
   */
  public TransformResult transformWithReport(Table t, String sourceName) {
    Objects.requireNonNull(t, "t");
    List<String> missing = new ArrayList<>();
    for (String n : inputSchema.names()) {
      if (!t.hasColumn(n)) {
        missing.add(n);
      }
    }
    if (!missing.isEmpty()) {
      throw new DataValidationException(
          sourceName + ": " + String.format(Locale.ROOT, MISSING_COLUMNS, missing));
    }
    int nRows = t.rowCount();
    int nCols = featureNames.size();
    long cells = (long) nRows * nCols;
    if (cells > Integer.MAX_VALUE - 8) {
      throw new DataValidationException(
          sourceName
              + ": "
              + nRows
              + " rows x "
              + nCols
              + " features is too large for one feature matrix: lower maxOneHotLevels or predict"
              + " in smaller files");
    }
    float[] data = new float[(int) cells];
    List<UnseenLevels> unseen = new ArrayList<>();
    for (int i = 0; i < encodings.size(); i++) {
      EncodedColumn e = encodings.get(i);
      Column c = t.column(e.input());
      if (e.type() == ColumnType.NUMERIC) {
        NumericColumn n = SchemaCoercion.toNumeric(c, sourceName);
        for (int r = 0; r < nRows; r++) {
          data[r * nCols + offsets[i]] = (float) n.get(r);
        }
      } else {
        UnseenLevels u =
            encodeCategorical(e, slots.get(i), SchemaCoercion.toCategorical(c), data, nCols,
                offsets[i]);
        if (u != null) {
          unseen.add(u);
        }
      }
    }
    return new TransformResult(new FeatureMatrix(data, nRows, featureNames), unseen);
  }

  private static UnseenLevels encodeCategorical(
      EncodedColumn e,
      Map<String, Integer> slotOf,
      CategoricalColumn c,
      float[] data,
      int nCols,
      int offset) {
    List<String> levels = c.levels();
    int[] slotByCode = new int[levels.size()];
    for (int k = 0; k < slotByCode.length; k++) {
      slotByCode[k] = slotOf.getOrDefault(levels.get(k), SLOT_UNSEEN);
    }
    int width = e.width();
    int otherCol = e.hasOther() ? offset + e.levels().size() : -1;
    int unseenRows = 0;
    LinkedHashSet<String> examples = new LinkedHashSet<>();
    for (int r = 0; r < c.size(); r++) {
      int base = r * nCols;
      int code = c.code(r);
      if (code < 0) {
        Arrays.fill(data, base + offset, base + offset + width, Float.NaN);
        continue;
      }
      int slot = slotByCode[code];
      if (slot >= 0) {
        data[base + offset + slot] = 1f;
        continue;
      }
      if (slot == SLOT_UNSEEN) {
        unseenRows++;
        if (examples.size() < UnseenLevels.MAX_EXAMPLES) {
          examples.add(levels.get(code));
        }
      }
      if (otherCol >= 0) {
        data[base + otherCol] = 1f;
      }
    }
    return unseenRows == 0 ? null : new UnseenLevels(e.input(), unseenRows, List.copyOf(examples));
  }

  // ---------------------------------------------------------------- labels

  /** {@link #labels(Table, String)} with the source named {@value #DEFAULT_SOURCE}. */
  public double[] labels(Table t) {
    return labels(t, DEFAULT_SOURCE);
  }

  /**
   * The label of every row of {@code t}.
   *
   * @param t a table holding the target column
   * @param sourceName where {@code t} came from, named in error messages
   * @return {@code [t.rowCount()]}: the class index in {@code [0, nClasses())} for classification
   *     (levels matched by text, so a numeric target column {@code 0/1} works too); the target value
   *     for regression
   * @throws DataValidationException if the target column is absent ({@link #NO_TARGET}), a label is
   *     missing or not finite ({@link #MISSING_LABEL}), a classification label was not seen in
   *     training ({@link #UNSEEN_LABEL}), or a regression target is not numeric
   */
  public double[] labels(Table t, String sourceName) {
    Objects.requireNonNull(t, "t");
    if (!t.hasColumn(target)) {
      throw new DataValidationException(String.format(Locale.ROOT, NO_TARGET, sourceName, target));
    }
    Column y = t.column(target);
    double[] out = new double[t.rowCount()];
    if (!task.isClassification()) {
      NumericColumn n = SchemaCoercion.toNumeric(y, sourceName);
      for (int r = 0; r < out.length; r++) {
        double v = n.get(r);
        if (!Double.isFinite(v)) {
          throw new DataValidationException(
              String.format(Locale.ROOT, MISSING_LABEL, sourceName, target, r + 1));
        }
        out[r] = v;
      }
      return out;
    }
    CategoricalColumn cc = SchemaCoercion.toCategorical(y);
    int[] classByCode = new int[cc.levels().size()];
    for (int k = 0; k < classByCode.length; k++) {
      classByCode[k] = classIndex.getOrDefault(cc.levels().get(k), -1);
    }
    int firstUnseen = -1;
    int unseen = 0;
    for (int r = 0; r < out.length; r++) {
      int code = cc.code(r);
      if (code < 0) {
        throw new DataValidationException(
            String.format(Locale.ROOT, MISSING_LABEL, sourceName, target, r + 1));
      }
      int k = classByCode[code];
      if (k < 0) {
        unseen++;
        if (firstUnseen < 0) {
          firstUnseen = r;
        }
      }
      out[r] = k;
    }
    if (unseen > 0) {
      throw new DataValidationException(
          String.format(
              Locale.ROOT,
              UNSEEN_LABEL,
              sourceName,
              cc.get(firstUnseen),
              target,
              firstUnseen + 1,
              classLabels,
              unseen));
    }
    return out;
  }

  // ---------------------------------------------------------------- persistence

  /**
   * Writes {@value #FILE_NAME} into {@code dir} (created if needed), atomically, as JSON with
   * {@code "kind": "hone-preprocessor"} and {@code "formatVersion": FORMAT_VERSION}.
   *
   * @throws dev.hone.core.error.HoneException if the file cannot be written
   */
  public void save(Path dir) {
    Json.write(
        dir.resolve(FILE_NAME),
        new PreprocessorFile(
            KIND,
            FORMAT_VERSION,
            options,
            target,
            task,
            classLabels,
            inputSchema,
            encodings,
            trainRows));
  }

  /**
   * Reads {@value #FILE_NAME} from {@code dir}. The result transforms every table exactly as the
   * saved preprocessor did.
   *
   * @param dir the model directory
   * @return the fitted preprocessor
   * @throws DataValidationException if the file is absent, is not JSON, is not a preprocessor file,
   *     has a format version newer than {@link #FORMAT_VERSION} or below 1, or is inconsistent
   */
  public static FittedPreprocessor load(Path dir) {
    Path file = dir.resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      throw new DataValidationException(
          file
              + " does not exist: "
              + dir
              + " is not a saved model directory or is incomplete; point to the directory the"
              + " model was saved in, or retrain");
    }
    JsonNode root;
    try {
      root = Json.mapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new DataValidationException(
          file + " is not valid JSON (" + e.getMessage() + "): restore the file or retrain", e);
    }
    if (root == null || !root.isObject() || !KIND.equals(root.path("kind").asText(null))) {
      throw new DataValidationException(
          file
              + " is not a preprocessor file (it lacks \"kind\": \""
              + KIND
              + "\"): point to the directory the model was saved in, or retrain");
    }
    JsonNode v = root.get("formatVersion");
    if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new DataValidationException(
          file + " has no valid integer \"formatVersion\": the file is damaged; restore it or"
              + " retrain");
    }
    int version = v.intValue();
    if (version > FORMAT_VERSION) {
      throw new DataValidationException(
          file
              + " has format version "
              + version
              + ", newer than this version of Hone can read (1 to "
              + FORMAT_VERSION
              + "): upgrade Hone to load this model, or retrain it with this version");
    }
    if (version < 1) {
      throw new DataValidationException(
          file
              + " has unknown format version "
              + version
              + " (this version of Hone reads 1 to "
              + FORMAT_VERSION
              + "): the file is damaged or was not written by Hone; restore it or retrain");
    }
    try {
      PreprocessorFile f = Json.mapper().treeToValue(root, PreprocessorFile.class);
      return new FittedPreprocessor(
          f.options(),
          f.target(),
          f.task(),
          f.classLabels(),
          f.inputSchema(),
          f.encodings(),
          f.trainRows());
    } catch (IOException | RuntimeException e) {
      throw new DataValidationException(
          file + " is damaged (" + e.getMessage() + "): restore it or retrain", e);
    }
  }

  // ---------------------------------------------------------------- object

  @Override
  public boolean equals(Object o) {
    return o instanceof FittedPreprocessor p
        && p.options.equals(options)
        && p.target.equals(target)
        && p.task == task
        && p.classLabels.equals(classLabels)
        && p.inputSchema.equals(inputSchema)
        && p.encodings.equals(encodings)
        && p.trainRows == trainRows;
  }

  @Override
  public int hashCode() {
    return Objects.hash(options, target, task, classLabels, inputSchema, encodings, trainRows);
  }

  @Override
  public String toString() {
    return "FittedPreprocessor[target="
        + target
        + ", task="
        + task
        + ", inputs="
        + inputSchema.names().size()
        + ", features="
        + featureNames.size()
        + ", classes="
        + classLabels
        + "]";
  }
}
