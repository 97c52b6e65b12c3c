package dev.hone.data;

import dev.hone.core.data.CategoricalColumn;
import dev.hone.core.data.Column;
import dev.hone.core.data.NumericColumn;
import dev.hone.core.data.TaskType;
import dev.hone.core.data.Table;
import dev.hone.core.error.DataValidationException;
import dev.hone.core.error.UserInputException;
import dev.hone.data.csv.DecimalSyntax;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns a raw table into a {@link PreparedTable}: marks the target and sensitive columns, drops
 * rows with a missing target, infers (or applies) the task and orders the classes.
 *
 * <p><b>Target labels.</b> For a categorical target every label is normalised by removing
 * <em>one</em> trailing {@code '.'} (values are already trimmed by the reader), so that UCI
 * Adult's test labels {@code >50K.} equal the training labels {@code >50K}. A label that would
 * become empty is kept as it is.
 *
 * <p><b>Task inference</b> (when no task is given), on the non-missing target values:
 *
 * <ol>
 *   <li>one distinct value: error, there is nothing to learn;
 *   <li>two distinct values (numeric or not): {@link TaskType#BINARY};
 *   <li>categorical with 3 to {@value #MAX_CLASSES} levels: {@link TaskType#MULTICLASS};
 *       categorical with more levels: error suggesting an explicit task;
 *   <li>numeric, integer-valued, with 3 to {@value #MAX_INTEGER_CLASSES} distinct values that are
 *       the consecutive integers starting at 0 or 1 (class codes such as iris {@code 0,1,2} or
 *       digits {@code 0..9}): {@link TaskType#MULTICLASS}, with a warning;
 *   <li>any other numeric target: {@link TaskType#REGRESSION}; when it is integer-valued with at
 *       most {@value #MAX_INTEGER_CLASSES} distinct values (an ordinal score such as wine quality
 *       {@code 3..9}) a warning says how to ask for classification instead.
 * </ol>
 *
 * <p>An explicit task overrides inference: {@code BINARY} needs exactly two classes, {@code
 * MULTICLASS} at least three, {@code REGRESSION} needs every target value to be a number.
 *
 * <p><b>Class order.</b> Classes are sorted: by numeric value when every label is a number,
 * otherwise by {@link String#compareTo} (UTF-16 code units). Class index 1 of a binary task is
 * therefore the "larger" label, e.g. {@code >50K} for Adult and {@code 1} for a 0/1 target, and
 * the order never depends on row order.
 *
 * <p><b>Columns.</b> Feature columns whose every value is missing (after dropping rows without a
 * target) are dropped with a warning; a sensitive column in that state is an error.
 */
public final class LabelledTableBuilder {
  /** Most levels a categorical target may have for multiclass to be inferred without asking. */
  public static final int MAX_CLASSES = 50;

  /** Most distinct integer values a numeric target may have to be inferred multiclass. */
  public static final int MAX_INTEGER_CLASSES = 20;

  private LabelledTableBuilder() {}

  /**
   * Prepares a training table.
   *
   * @param raw the table as read, unmarked
   * @param target name of the label column
   * @param taskOverrideOrNull the task to use, or {@code null} to infer it (rules above)
   * @param sensitive names of sensitive columns (protected attributes), possibly empty or {@code
   *     null}; they stay features and are marked in the schema
   * @param sourceName the data's name for messages, e.g. a file name or {@code dataset:adult}
   * @return the marked table, its task and classes, and warnings
   * @throws UserInputException if the target or a sensitive column is not a column, or a
   *     sensitive column is the target
   * @throws DataValidationException if the target has no values or a single value, has too many
   *     levels for inferred classification, does not fit the requested task, or a sensitive column
   *     has no values
   */
  public static PreparedTable prepare(
      Table raw, String target, TaskType taskOverrideOrNull, List<String> sensitive,
      String sourceName) {
    List<String> warnings = new ArrayList<>();
    List<String> sens = sensitive == null ? List.of() : List.copyOf(new LinkedHashSet<>(sensitive));
    checkColumns(raw, target, sens, sourceName);

    // 1. normalise the target and drop rows where it is missing
    Column rawTarget = raw.column(target);
    Column normTarget = normaliseLabels(rawTarget);
    int[] kept = presentRows(normTarget);
    if (kept.length == 0) {
      throw new DataValidationException(
          "target column '" + target + "' in " + sourceName + " has no values: all "
              + raw.rowCount() + " rows are missing. Choose another target column or fix the data");
    }
    int dropped = raw.rowCount() - kept.length;
    Table table = raw;
    if (dropped > 0) {
      table = raw.select(kept);
      normTarget = normTarget.select(kept);
      warnings.add(
          "dropped " + dropped + " of " + raw.rowCount() + " rows of " + sourceName
              + " because their target '" + target + "' is missing");
    }

    // 2. task and the final target column
    TargetDecision d = decide(normTarget, taskOverrideOrNull, sourceName, warnings);
    table = table.with(d.column());

    // 3. entirely missing columns
    List<String> droppedColumns = new ArrayList<>();
    for (Column c : table.columns()) {
      if (!c.name().equals(target) && c.missingCount() == c.size()) {
        if (sens.contains(c.name())) {
          throw new DataValidationException(
              "sensitive column '" + c.name() + "' in " + sourceName + " has no values (all "
                  + c.size() + " rows missing). Choose another sensitive column or fix the data");
        }
        droppedColumns.add(c.name());
      }
    }
    if (!droppedColumns.isEmpty()) {
      table = table.drop(droppedColumns);
      warnings.add(
          "dropped column(s) " + droppedColumns + " of " + sourceName
              + " because every value is missing");
    }
    table = table.withMarks(target, sens, d.task());
    return new PreparedTable(
        table, d.task(), d.classLabels(), warnings, dropped, droppedColumns, sourceName);
  }

  /**
   * Prepares a second table (a separate test file) exactly like a prepared training table: same
   * columns in the same order, same column types, same target classes in the same order, same
   * marks and task. Rows with a missing target are dropped with a warning; columns the reference
   * dropped and columns it does not have are dropped (the latter with a warning). A numeric
   * reference column that reads as categorical here is converted when all its values are numbers;
   * a categorical reference column that reads as numeric here becomes categorical with the
   * numbers' canonical text ({@code 3}, {@code 2.5}).
   *
   * @param raw the second table as read
   * @param reference the prepared training table
   * @param sourceName the second table's name for messages
   * @return the aligned table; its class labels and task equal the reference's
   * @throws DataValidationException if a reference column is absent, a target label was never
   *     seen in the reference, the target has no values, or a numeric column holds text
   */
  public static PreparedTable prepareLike(Table raw, PreparedTable reference, String sourceName) {
    Table ref = reference.table();
    String target = ref.target();
    List<String> warnings = new ArrayList<>();
    List<String> absent =
        ref.columnNames().stream().filter(n -> !raw.hasColumn(n)).toList();
    if (!absent.isEmpty()) {
      throw new DataValidationException(
          sourceName + " lacks column(s) " + absent + " that " + reference.sourceName()
              + " has; its columns are " + raw.columnNames()
              + ". Give a file with the same columns as the training data");
    }
    List<String> extra =
        raw.columnNames().stream()
            .filter(n -> !ref.hasColumn(n) && !reference.droppedColumns().contains(n))
            .toList();
    if (!extra.isEmpty()) {
      warnings.add(
          "ignored column(s) " + extra + " of " + sourceName + " that "
              + reference.sourceName() + " does not have");
    }

    Column normTarget = normaliseLabels(raw.column(target));
    int[] kept = presentRows(normTarget);
    if (kept.length == 0) {
      throw new DataValidationException(
          "target column '" + target + "' in " + sourceName + " has no values: all "
              + raw.rowCount() + " rows are missing");
    }
    int dropped = raw.rowCount() - kept.length;
    if (dropped > 0) {
      warnings.add(
          "dropped " + dropped + " of " + raw.rowCount() + " rows of " + sourceName
              + " because their target '" + target + "' is missing");
    }
    Table rows = dropped > 0 ? raw.select(kept) : raw;
    normTarget = normTarget.select(kept);

    List<Column> out = new ArrayList<>();
    for (Column refCol : ref.columns()) {
      if (refCol.name().equals(target)) {
        out.add(alignTarget(normTarget, reference, sourceName));
      } else {
        out.add(alignFeature(rows.column(refCol.name()), refCol, sourceName));
      }
    }
    Table table = new Table(out, target, ref.sensitive(), reference.task());
    return new PreparedTable(
        table, reference.task(), reference.classLabels(), warnings, dropped,
        reference.droppedColumns(), sourceName);
  }

  /**
   * Sorts class labels: numerically when every label is a decimal number (ties broken by the
   * text), otherwise by {@link String#compareTo}.
   *
   * @param labels distinct labels
   * @return a new sorted list
   */
  public static List<String> sortLabels(Collection<String> labels) {
    List<String> out = new ArrayList<>(labels);
    boolean allNumeric = out.stream().allMatch(DecimalSyntax::isFiniteDecimal);
    if (allNumeric) {
      out.sort(
          Comparator.comparingDouble(DecimalSyntax::parseOrNaN)
              .thenComparing(Comparator.naturalOrder()));
    } else {
      out.sort(Comparator.naturalOrder());
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------

  private record TargetDecision(Column column, TaskType task, List<String> classLabels) {}

  private static TargetDecision decide(
      Column t, TaskType override, String source, List<String> warnings) {
    String name = t.name();
    if (t instanceof NumericColumn num) {
      double[] v = num.values();
      TreeSet<Double> distinct = new TreeSet<>();
      for (double x : v) {
        distinct.add(x == 0.0 ? 0.0 : x);
      }
      int d = distinct.size();
      if (d == 1) {
        throw singleValue(name, source, num.format(0), v.length);
      }
      TaskType task = override;
      if (task == null) {
        boolean integers = distinct.stream().allMatch(x -> x == Math.rint(x));
        double min = distinct.first();
        double max = distinct.last();
        boolean codes =
            integers && d >= 3 && d <= MAX_INTEGER_CLASSES && (min == 0 || min == 1)
                && max - min + 1 == d;
        if (d == 2) {
          task = TaskType.BINARY;
        } else if (codes) {
          task = TaskType.MULTICLASS;
          warnings.add(
              "target '" + name + "' holds the " + d + " consecutive integers "
                  + fmt(min) + ".." + fmt(max) + ", so it is treated as multiclass"
                  + " classification; pass --task regression to predict it as a number");
        } else {
          task = TaskType.REGRESSION;
          if (integers && d <= MAX_INTEGER_CLASSES) {
            warnings.add(
                "target '" + name + "' holds only " + d + " distinct integers ("
                    + fmt(min) + ".." + fmt(max) + "); it is treated as regression. Pass --task"
                    + " multiclass to treat them as classes");
          }
        }
      }
      if (task == TaskType.REGRESSION) {
        return new TargetDecision(num, task, List.of());
      }
      String[] labels = new String[v.length];
      for (int i = 0; i < v.length; i++) {
        labels[i] = num.format(i);
      }
      return classification(name, labels, task, source, warnings);
    }
    CategoricalColumn cat = (CategoricalColumn) t;
    String[] labels = new String[cat.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = cat.get(i);
    }
    Set<String> distinct = new TreeSet<>(Arrays.asList(labels));
    int d = distinct.size();
    if (d == 1) {
      throw singleValue(name, source, labels[0], labels.length);
    }
    if (override == TaskType.REGRESSION) {
      double[] v = new double[labels.length];
      List<String> bad = new ArrayList<>();
      for (int i = 0; i < labels.length; i++) {
        v[i] = DecimalSyntax.parseOrNaN(labels[i]);
        if (Double.isNaN(v[i]) && bad.size() < 5 && !bad.contains(labels[i])) {
          bad.add(labels[i]);
        }
      }
      if (!bad.isEmpty()) {
        throw new DataValidationException(
            "target '" + name + "' in " + source + " is not numeric (values such as " + bad
                + "), so it cannot be used for regression. Use --task binary or multiclass, or"
                + " choose a numeric target");
      }
      return new TargetDecision(new NumericColumn(name, v), TaskType.REGRESSION, List.of());
    }
    TaskType task = override;
    if (task == null) {
      if (d == 2) {
        task = TaskType.BINARY;
      } else if (d <= MAX_CLASSES) {
        task = TaskType.MULTICLASS;
      } else {
        boolean numeric = distinct.stream().allMatch(DecimalSyntax::isFiniteDecimal);
        throw new DataValidationException(
            "target '" + name + "' in " + source + " has " + d + " distinct values, more than the"
                + " " + MAX_CLASSES + " classes inferred automatically. "
                + (numeric
                    ? "Pass --task regression to predict it as a number, or --task multiclass"
                    : "Pass --task multiclass to train a classifier anyway")
                + ", or choose another target");
      }
    }
    return classification(name, labels, task, source, warnings);
  }

  private static TargetDecision classification(
      String name, String[] labels, TaskType task, String source, List<String> warnings) {
    List<String> classes = sortLabels(new LinkedHashSet<>(Arrays.asList(labels)));
    int d = classes.size();
    if (task == TaskType.BINARY && d != 2) {
      throw new DataValidationException(
          "target '" + name + "' in " + source + " has " + d + " classes " + preview(classes)
              + " but the task is binary, which needs exactly 2. Use --task multiclass, or"
              + " recode the target");
    }
    if (task == TaskType.MULTICLASS && d < 3) {
      throw new DataValidationException(
          "target '" + name + "' in " + source + " has only " + d + " classes " + classes
              + " but the task is multiclass, which needs at least 3. Use --task binary");
    }
    if (task == TaskType.MULTICLASS && d > MAX_CLASSES) {
      warnings.add("target '" + name + "' has " + d + " classes");
    }
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < d; i++) {
      index.put(classes.get(i), i);
    }
    int[] codes = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      codes[i] = index.get(labels[i]);
    }
    return new TargetDecision(new CategoricalColumn(name, classes, codes), task, classes);
  }

  private static Column alignTarget(Column t, PreparedTable reference, String source) {
    String name = t.name();
    if (!reference.task().isClassification()) {
      if (t instanceof NumericColumn) {
        return t;
      }
      return toNumeric(t, source, "target");
    }
    Map<String, Integer> index = new HashMap<>();
    List<String> classes = reference.classLabels();
    for (int i = 0; i < classes.size(); i++) {
      index.put(classes.get(i), i);
    }
    int[] codes = new int[t.size()];
    TreeMap<String, Integer> unseen = new TreeMap<>();
    for (int i = 0; i < codes.length; i++) {
      String label = t.format(i);
      Integer c = index.get(label);
      if (c == null) {
        unseen.merge(label, 1, Integer::sum);
      } else {
        codes[i] = c;
      }
    }
    if (!unseen.isEmpty()) {
      throw new DataValidationException(
          "target '" + name + "' in " + source + " has label(s) never seen in "
              + reference.sourceName() + " (label=rows): " + unseen + "; the known classes are "
              + classes + ". Fix the labels or train on data that contains them");
    }
    return new CategoricalColumn(name, classes, codes);
  }

  private static Column alignFeature(Column c, Column refCol, String source) {
    if (c.type() == refCol.type()) {
      return c;
    }
    if (refCol instanceof NumericColumn) {
      return toNumeric(c, source, "column");
    }
    String[] text = new String[c.size()];
    for (int i = 0; i < text.length; i++) {
      text[i] = c.format(i);
    }
    return CategoricalColumn.of(c.name(), text);
  }

  private static NumericColumn toNumeric(Column c, String source, String what) {
    double[] v = new double[c.size()];
    for (int i = 0; i < v.length; i++) {
      String s = c.format(i);
      v[i] = s == null ? Double.NaN : DecimalSyntax.parseOrNaN(s);
      if (s != null && Double.isNaN(v[i])) {
        throw new DataValidationException(
            what + " '" + c.name() + "' in " + source + " holds the text '" + s + "' (row "
                + (i + 1) + ") but is numeric in the training data. Fix the value or mark it"
                + " missing");
      }
    }
    return new NumericColumn(c.name(), v);
  }

  private static void checkColumns(
      Table raw, String target, List<String> sens, String source) {
    if (target == null || target.isBlank()) {
      throw new UserInputException(
          "no target column given for " + source + ". Pass --target with one of "
              + raw.columnNames());
    }
    if (!raw.hasColumn(target)) {
      throw new UserInputException(
          "target column '" + target + "' is not a column of " + source + suggestion(raw, target)
              + "; its columns are " + raw.columnNames() + ". Pass one of them as --target");
    }
    for (String s : sens) {
      if (!raw.hasColumn(s)) {
        throw new UserInputException(
            "sensitive column '" + s + "' is not a column of " + source + suggestion(raw, s)
                + "; its columns are " + raw.columnNames()
                + ". Pass existing columns as --sensitive");
      }
      if (s.equals(target)) {
        throw new UserInputException(
            "column '" + s + "' of " + source + " is both the target and a sensitive column."
                + " Choose a sensitive attribute other than the target");
      }
    }
  }

  private static String suggestion(Table raw, String name) {
    for (String n : raw.columnNames()) {
      if (n.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        return " (did you mean '" + n + "'?)";
      }
    }
    return "";
  }

  /** Strips one trailing '.' from each categorical label; numeric columns pass through. */
  private static Column normaliseLabels(Column c) {
    if (!(c instanceof CategoricalColumn cat)) {
      return c;
    }
    String[] out = new String[cat.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = normaliseLabel(cat.get(i));
    }
    return CategoricalColumn.of(cat.name(), out);
  }

  /**
   * The label with one trailing {@code '.'} removed (when something remains), or {@code null} for
   * {@code null}.
   */
  public static String normaliseLabel(String label) {
    if (label == null) {
      return null;
    }
    String s = label.trim();
    if (s.length() > 1 && s.endsWith(".")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  private static int[] presentRows(Column c) {
    int[] idx = new int[c.size()];
    int n = 0;
    for (int i = 0; i < c.size(); i++) {
      if (!c.isMissing(i)) {
        idx[n++] = i;
      }
    }
    return Arrays.copyOf(idx, n);
  }

  private static DataValidationException singleValue(
      String name, String source, String value, int rows) {
    return new DataValidationException(
        "target '" + name + "' in " + source + " has the single value '" + value + "' in all "
            + rows + " rows with a target: there is nothing to learn. Check the target column"
            + " and the file");
  }

  private static String preview(List<String> classes) {
    return classes.size() <= 10 ? classes.toString() : classes.subList(0, 10) + "...";
  }

  private static String fmt(double x) {
    return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
  }
}
