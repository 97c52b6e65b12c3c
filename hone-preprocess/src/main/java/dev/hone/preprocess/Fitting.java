package dev.hone.preprocess;

import dev.hone.core.data.CategoricalColumn;
import dev.hone.core.data.Column;
import dev.hone.core.data.ColumnSpec;
import dev.hone.core.data.ColumnType;
import dev.hone.core.data.NumericColumn;
import dev.hone.core.data.Schema;
import dev.hone.core.data.Table;
import dev.hone.core.data.TaskType;
import dev.hone.core.error.DataValidationException;
import dev.hone.core.error.InvalidParameterException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The fitting algorithm of {@link Preprocessor#fit}; looks at training rows only. */
final class Fitting {
  private static final Logger LOG = LoggerFactory.getLogger(Fitting.class);
  private static final String SOURCE = "the training table";

  private Fitting() {}

  static FittedPreprocessor fit(Preprocessor opts, Table train) {
    String target = train.target();
    if (target == null) {
      throw new DataValidationException(
          "the training table has no target column marked: mark the label column and the task"
              + " before fitting the preprocessing");
    }
    TaskType task = train.task();
    if (task == null) {
      throw new DataValidationException(
          "the training table has no task marked: set it to binary, multiclass or regression"
              + " before fitting the preprocessing");
    }
    if (train.rowCount() == 0) {
      throw new DataValidationException(
          "the training split has no rows, so there is nothing to fit: check the data file and"
              + " the split settings");
    }
    List<String> featureNames = new ArrayList<>();
    for (String n : train.columnNames()) {
      if (!n.equals(target)) {
        featureNames.add(n);
      }
    }
    for (String e : opts.excludeColumns()) {
      if (!featureNames.contains(e)) {
        throw new InvalidParameterException(
            "excludeColumns names '"
                + e
                + "', which is not a feature column of the training table"
                + (e.equals(target) ? " (it is the target)" : "")
                + "; feature columns are "
                + featureNames);
      }
    }

    List<EncodedColumn> encodings = new ArrayList<>();
    List<ColumnSpec> specs = new ArrayList<>();
    for (Column c : train.columns()) {
      if (c.name().equals(target) || opts.excludeColumns().contains(c.name())) {
        continue;
      }
      if (c instanceof CategoricalColumn cc) {
        fitCategorical(cc, opts, encodings, specs);
      } else {
        encodings.add(EncodedColumn.numeric(c.name()));
        specs.add(ColumnSpec.numeric(c.name()));
      }
    }
    checkUniqueNames(encodings);

    List<String> sensitive =
        train.sensitive().stream().filter(s -> specs.stream().anyMatch(x -> x.name().equals(s)))
            .toList();
    Schema inputSchema = new Schema(specs, null, sensitive, task);
    List<String> classLabels =
        task.isClassification() ? fitClasses(train.column(target), task) : List.of();
    if (!task.isClassification()) {
      checkRegressionTarget(train.column(target));
    }
    FittedPreprocessor fitted =
        new FittedPreprocessor(
            opts, target, task, classLabels, inputSchema, encodings, train.rowCount());
    LOG.info(
        "fitted preprocessing on {} training rows: {} input columns -> {} features{}",
        train.rowCount(),
        specs.size(),
        fitted.featureNames().size(),
        task.isClassification() ? ", classes " + classLabels : "");
    return fitted;
  }

  private static void fitCategorical(
      CategoricalColumn c, Preprocessor opts, List<EncodedColumn> encodings, List<ColumnSpec> specs) {
    List<String> levels = c.levels();
    int[] counts = new int[levels.size()];
    for (int r = 0; r < c.size(); r++) {
      int code = c.code(r);
      if (code >= 0) {
        counts[code]++;
      }
    }
    List<Integer> seen = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        seen.add(i);
      }
    }
    List<Integer> eligible = new ArrayList<>();
    for (int i : seen) {
      if (counts[i] >= opts.minLevelCount()) {
        eligible.add(i);
      }
    }
    eligible.sort(
        Comparator.<Integer>comparingInt(i -> -counts[i]).thenComparing(levels::get));
    List<String> kept = new ArrayList<>();
    for (int k = 0; k < Math.min(opts.maxOneHotLevels(), eligible.size()); k++) {
      kept.add(levels.get(eligible.get(k)));
    }
    TreeSet<String> other = new TreeSet<>();
    List<String> seenLevels = new ArrayList<>();
    for (int i : seen) {
      seenLevels.add(levels.get(i));
      if (!kept.contains(levels.get(i))) {
        other.add(levels.get(i));
      }
    }
    if (seen.isEmpty()) {
      LOG.warn(
          "categorical column '{}' has no values in the training split; it gives no features",
          c.name());
    } else if (!other.isEmpty()) {
      LOG.info(
          "categorical column '{}': {} of {} training levels get their own column, {} go to {}",
          c.name(),
          kept.size(),
          seen.size(),
          other.size(),
          EncodedColumn.featureName(c.name(), EncodedColumn.OTHER));
    }
    encodings.add(
        new EncodedColumn(c.name(), ColumnType.CATEGORICAL, kept, new ArrayList<>(other)));
    specs.add(new ColumnSpec(c.name(), ColumnType.CATEGORICAL, seenLevels));
  }

  private static void checkUniqueNames(List<EncodedColumn> encodings) {
    Map<String, String> owner = new HashMap<>();
    for (EncodedColumn e : encodings) {
      for (String f : e.outputNames()) {
        String prev = owner.putIfAbsent(f, e.input());
        if (prev != null) {
          throw new DataValidationException(
              "feature name '"
                  + f
                  + "' would be produced twice (from column '"
                  + prev
                  + "' and from column '"
                  + e.input()
                  + "'): rename a column or a level so that column=level names are unique");
        }
      }
    }
  }

  private static List<String> fitClasses(Column y, TaskType task) {
    int missing = y.missingCount();
    if (missing > 0) {
      throw missingLabels(y, missing);
    }
    List<String> classes = new ArrayList<>();
    if (y instanceof CategoricalColumn cc) {
      boolean[] present = new boolean[cc.levels().size()];
      for (int r = 0; r < cc.size(); r++) {
        present[cc.code(r)] = true;
      }
      for (int i = 0; i < present.length; i++) {
        if (present[i]) {
          classes.add(cc.levels().get(i));
        }
      }
    } else {
      NumericColumn n = (NumericColumn) y;
      TreeSet<Double> distinct = new TreeSet<>();
      for (int r = 0; r < n.size(); r++) {
        distinct.add(n.get(r));
      }
      for (double d : distinct) {
        classes.add(new NumericColumn("", new double[] {d}).format(0));
      }
    }
    if (task == TaskType.BINARY && classes.size() != 2) {
      throw new DataValidationException(
          "the task is binary but the target column '"
              + y.name()
              + "' has "
              + classes.size()
              + " distinct label(s) in the training split "
              + preview(classes)
              + ": a binary task needs exactly two; use multiclass for more, or check the target"
              + " column and the split");
    }
    if (classes.size() < 2) {
      throw new DataValidationException(
          "the target column '"
              + y.name()
              + "' has only "
              + classes.size()
              + " distinct label(s) in the training split "
              + preview(classes)
              + ": classification needs at least two; check the target column and the split");
    }
    return classes;
  }

  private static void checkRegressionTarget(Column y) {
    NumericColumn n;
    if (y instanceof CategoricalColumn) {
      int bad = SchemaCoercion.firstNonNumericRow(y);
      if (bad >= 0) {
        throw new DataValidationException(
            "the task is regression but the target column '"
                + y.name()
                + "' holds the non-numeric value '"
                + y.format(bad)
                + "' (training data row "
                + (bad + 1)
                + "): fix the values or choose a classification task");
      }
      n = SchemaCoercion.toNumeric(y, SOURCE);
    } else {
      n = (NumericColumn) y;
    }
    int missing = 0;
    for (int r = 0; r < n.size(); r++) {
      if (!Double.isFinite(n.get(r))) {
        missing++;
      }
    }
    if (missing > 0) {
      throw missingLabels(n, missing);
    }
  }

  private static DataValidationException missingLabels(Column y, int missing) {
    int first = -1;
    for (int r = 0; r < y.size() && first < 0; r++) {
      if (y.isMissing(r) || (y instanceof NumericColumn n && !Double.isFinite(n.get(r)))) {
        first = r;
      }
    }
    return new DataValidationException(
        "the target column '"
            + y.name()
            + "' has "
            + missing
            + " missing or non-finite value(s) in the training split (first in data row "
            + (first + 1)
            + "): drop rows without a label or fill them in");
  }

  private static String preview(List<String> values) {
    return values.size() <= 10 ? values.toString() : values.subList(0, 10) + "...";
  }
}
