package dev.hone.eval.leakage;

import dev.hone.core.data.Column;
import dev.hone.core.data.Table;
import dev.hone.core.error.DataValidationException;
import dev.hone.core.error.UserInputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a training table and a holdout table (validation or test) for the leaks that make an
 * evaluation look better than the model will do: copies of rows, columns that encode the label,
 * identifiers, and groups or times that straddle the split. Runs before any training, on the
 * tables as split.
 *
 * <h2>Checks</h2>
 *
 * <dl>
 *   <dt>{@value LeakageFinding#KIND_EXACT_DUPLICATES}, {@value
 *       LeakageFinding#KIND_NEAR_DUPLICATES}
 *   <dd>Holdout rows equal to a training row in every column of the training table, target
 *       included (numbers by value, NaN equal to NaN, text exactly), and, counted separately,
 *       holdout rows that are not exact copies but match a training row within {@link
 *       LeakageOptions#nearTolerance()} training standard deviations in every numeric column with
 *       text equal after normalisation (see {@link RowMatcher}). Both use hashing and sorting, not
 *       pairwise comparison. <b>Severity</b>: HIGH when the share of holdout rows is at least
 *       {@link LeakageOptions#highShare()} (default 1%) <em>and</em> more than twice the share of
 *       training rows that have such a copy inside the training table; MEDIUM when below 1% but
 *       still more than twice that within-training share; LOW when no more common across the split
 *       than within the training data (natural duplicates, e.g. people who share every census
 *       attribute). Thus the 23 rows of UCI Adult's test file that repeat a row of its training
 *       file (0.14%, against 0.15% of training rows repeated within the training file) are LOW,
 *       while 5% of copied rows are HIGH.
 *   <dt>{@value LeakageFinding#KIND_TARGET_COPY}
 *   <dd>A column that, on the training rows where it and the target are present (at least 10), is
 *       identical to the target, is a strictly monotone transform of a numeric target (Spearman
 *       |ρ| = 1 within 1e-12), or whose values are in one-to-one correspondence with the target
 *       classes. Always HIGH.
 *   <dt>{@value LeakageFinding#KIND_SINGLE_FEATURE}
 *   <dd>The one-feature model: the column alone is turned into a prediction fitted on the
 *       training rows and scored on the holdout rows. A numeric column is cut into {@link
 *       LeakageOptions#oneFeatureBins()} quantile bins ({@link
 *       dev.hone.eval.slices.QuantileBinning}) plus a missing bin, a categorical column into its
 *       levels plus missing; each bin predicts the training class frequencies (classification) or
 *       mean target (regression) of its rows, an empty bin or unseen level the overall ones. The
 *       score is the holdout ROC AUC (binary; the one-vs-rest AUC averaged over classes for
 *       multiclass) or R² (regression). For a binary task and a numeric column without missing
 *       holdout values the raw value is also used as a score in both directions, {@code max(AUC,
 *       1 − AUC)}, and the larger AUC counts. HIGH at {@link LeakageOptions#highScore()} (0.99),
 *       MEDIUM at {@link LeakageOptions#mediumScore()} (0.95).
 *   <dt>{@value LeakageFinding#KIND_ID_COLUMN}
 *   <dd>A training column with a distinct value in every row (categorical or integer-valued;
 *       at most 1% missing, at least 20 rows), or a numeric column whose Spearman correlation with
 *       the row index is at least 0.99 in absolute value. MEDIUM (drop it: an identifier carries
 *       no signal that generalises), HIGH when its one-feature score reaches {@link
 *       LeakageOptions#idSignalAuc()} (0.6) or {@link LeakageOptions#idSignalR2()} (0.1): the
 *       identifiers were then assigned in an order related to the label. The declared group and
 *       time columns are exempt.
 *   <dt>{@value LeakageFinding#KIND_GROUP_OVERLAP}
 *   <dd>With a group column: holdout rows whose group (compared as text; missing groups are
 *       ignored) also occurs in the training table. HIGH at {@code highShare} of the holdout rows,
 *       else MEDIUM. {@link GroupSplit} makes a split without overlap.
 *   <dt>{@value LeakageFinding#KIND_TIME_OVERLAP}
 *   <dd>With a time column (numbers, or ISO-8601 text; see {@link TimeValues}): holdout rows
 *       strictly older than the newest training row. HIGH at {@code highShare}, else MEDIUM.
 *       {@link TimeSplit} makes a split by time.
 * </dl>
 *
 * <p>Preprocessing fitted on all rows rather than on the training rows cannot happen in Hone by
 * construction, so it is not checked here. Thread safety: stateless.
 */
public final class LeakageChecker {
  private static final Logger LOG = LoggerFactory.getLogger(LeakageChecker.class);

  private LeakageChecker() {}

  /**
   * The checks for a three-way split, as a training workflow needs them: training rows against
   * the validation rows (which tune the model), then training and validation rows together (which
   * the final model is refitted on) against the test rows. The findings of both are merged; the
   * messages name the split.
   *
   * @param train the training table, target marked
   * @param validation the validation table
   * @param test the test table
   * @param opts settings
   * @return the merged findings
   * @throws UserInputException as {@link #check(Table, Table, String, LeakageOptions)}
   */
  public static LeakageReport checkSplits(
      Table train, Table validation, Table test, LeakageOptions opts) {
    LeakageReport a = check(train, validation, "validation", opts);
    LeakageReport b = check(concatRows(train, validation), "train+validation", test, "test", opts);
    return a.merge(b);
  }

  /**
   * The rows of {@code first} followed by those of {@code second}, with {@code first}'s columns
   * and marks; categorical columns are joined by level text, a column numeric in one table and
   * categorical in the other becomes categorical.
   */
  static Table concatRows(Table first, Table second) {
    List<Column> cols = new ArrayList<>();
    int n1 = first.rowCount();
    int n2 = second.rowCount();
    for (Column a : first.columns()) {
      Column b = second.column(a.name());
      if (a instanceof dev.hone.core.data.NumericColumn na
          && b instanceof dev.hone.core.data.NumericColumn nb) {
        double[] v = new double[n1 + n2];
        System.arraycopy(na.values(), 0, v, 0, n1);
        System.arraycopy(nb.values(), 0, v, n1, n2);
        cols.add(new dev.hone.core.data.NumericColumn(a.name(), v));
      } else {
        String[] v = new String[n1 + n2];
        for (int r = 0; r < n1; r++) {
          v[r] = a.format(r);
        }
        for (int r = 0; r < n2; r++) {
          v[n1 + r] = b.format(r);
        }
        cols.add(dev.hone.core.data.CategoricalColumn.of(a.name(), v));
      }
    }
    return new Table(cols, first.target(), first.sensitive(), first.task());
  }

  /**
   * Runs every check on a train/holdout pair.
   *
   * @param train the training table; its target must be marked (its task too, or it is inferred:
   *     categorical or two-valued targets are classification)
   * @param holdout the validation or test table; it must have every column of {@code train}
   *     (extra columns are ignored)
   * @param holdoutName the holdout's name in messages, e.g. {@code "validation"} or {@code "test"}
   * @param opts settings
   * @return the findings
   * @throws UserInputException if the target is not marked, a column of {@code train} is missing
   *     from {@code holdout}, or the group or time column is unknown
   * @throws DataValidationException if a time column holds text that is not ISO-8601
   */
  public static LeakageReport check(
      Table train, Table holdout, String holdoutName, LeakageOptions opts) {
    return check(train, "train", holdout, holdoutName, opts);
  }

  private static LeakageReport check(
      Table train, String trainName, Table holdout, String holdoutName, LeakageOptions opts) {
    if (train.target() == null) {
      throw new UserInputException(
          "leakage checks need the target column marked on the training table");
    }
    List<String> missing = new ArrayList<>();
    for (String c : train.columnNames()) {
      if (!holdout.hasColumn(c)) {
        missing.add(c);
      }
    }
    if (!missing.isEmpty()) {
      throw new UserInputException(
          "the " + holdoutName + " table lacks training column(s) " + missing
              + ": both tables of a split must have the same columns");
    }
    for (String c : new String[] {opts.groupColumn(), opts.timeColumn()}) {
      if (c != null && !train.hasColumn(c)) {
        throw new UserInputException(
            "leakage check column '" + c + "' is not a column; columns are "
                + train.columnNames());
      }
    }
    long started = System.nanoTime();
    List<LeakageFinding> out = new ArrayList<>();
    duplicates(train, trainName, holdout, holdoutName, opts, out);
    Target target = Target.of(train, holdout);
    for (String name : train.columnNames()) {
      if (name.equals(train.target())) {
        continue;
      }
      columnChecks(train.column(name), holdout.column(name), target, holdoutName, opts, out);
    }
    if (opts.groupColumn() != null) {
      groupOverlap(train, holdout, holdoutName, opts, out);
    }
    if (opts.timeColumn() != null) {
      timeOverlap(train, holdout, holdoutName, opts, out);
    }
    LOG.debug(
        "leakage checks on {} train and {} {} rows: {} findings in {} ms", train.rowCount(),
        holdout.rowCount(), holdoutName, out.size(), (System.nanoTime() - started) / 1_000_000);
    return new LeakageReport(out);
  }

  // ------------------------------------------------------------------ duplicates

  private static void duplicates(
      Table train, String trainName, Table holdout, String holdoutName, LeakageOptions opts,
      List<LeakageFinding> out) {
    int m = holdout.rowCount();
    if (m == 0 || train.rowCount() == 0) {
      return;
    }
    RowMatcher matcher =
        new RowMatcher(train, holdout, train.columnNames(), opts.nearTolerance());
    long exact = 0;
    long near = 0;
    List<String> exactExamples = new ArrayList<>();
    List<String> nearExamples = new ArrayList<>();
    for (int h = 0; h < m; h++) {
      int t = matcher.exactMatch(h);
      if (t >= 0) {
        exact++;
        if (exactExamples.size() < opts.maxExamples()) {
          exactExamples.add(holdoutName + " row " + h + " = " + trainName + " row " + t);
        }
        continue;
      }
      if (matcher.nearEnabled()) {
        t = matcher.nearMatch(h);
        if (t >= 0) {
          near++;
          if (nearExamples.size() < opts.maxExamples()) {
            nearExamples.add(
                holdoutName + " row " + h + " ≈ " + trainName + " row " + t + " ("
                    + matcher.largestGap(t, h)
                    + ")");
          }
        }
      }
    }
    if (exact > 0) {
      double within = matcher.exactSelfShare();
      out.add(
          new LeakageFinding(
              LeakageFinding.KIND_EXACT_DUPLICATES,
              rowShareSeverity(exact, m, within, opts),
              null,
              String.format(
                  Locale.ROOT,
                  "%d of %d %s rows (%s) exactly repeat a training row (every column, target"
                      + " included), against %s of training rows repeated within the training"
                      + " data; such rows measure memorisation, not generalisation. Drop them from"
                      + " the %s split (hone train --dedupe) or deduplicate before splitting.",
                  exact, m, holdoutName, percent(exact, m), percent(within), holdoutName),
              exact,
              exactExamples));
    }
    if (near > 0) {
      double within = matcher.nearSelfShare();
      out.add(
          new LeakageFinding(
              LeakageFinding.KIND_NEAR_DUPLICATES,
              rowShareSeverity(near, m, within, opts),
              null,
              String.format(
                  Locale.ROOT,
                  "%d of %d %s rows (%s) are near-copies of a training row: every number within"
                      + " %s training standard deviations, text equal up to case and blanks"
                      + " (training rows with a near-copy inside the training data: %s). Remove"
                      + " near-copies before splitting, or split by the entity the rows belong to"
                      + " (GroupSplit).",
                  near, m, holdoutName, percent(near, m), opts.nearTolerance(), percent(within)),
              near,
              nearExamples));
    }
  }

  private static Severity rowShareSeverity(long count, long m, double within, LeakageOptions o) {
    double share = (double) count / m;
    boolean excess = share > 2 * within;
    if (!excess) {
      return Severity.LOW;
    }
    return share >= o.highShare() ? Severity.HIGH : Severity.MEDIUM;
  }

  // ------------------------------------------------------------------ columns

  private static void columnChecks(
      Column train, Column hold, Target target, String holdoutName, LeakageOptions opts,
      List<LeakageFinding> out) {
    String name = train.name();
    if (train.missingCount() == train.size()) {
      return;
    }
    String copy = FeatureChecks.targetCopy(train, target);
    if (copy != null) {
      out.add(
          new LeakageFinding(
              LeakageFinding.KIND_TARGET_COPY,
              Severity.HIGH,
              name,
              "column '" + name + "' " + copy + " on the training rows: it encodes the label"
                  + " itself. Drop it (and find out how it got into the data).",
              train.size() - train.missingCount(),
              List.of()));
    }
    double score = FeatureChecks.oneFeatureScore(train, hold, target, opts.oneFeatureBins());
    String metric = target.classification() ? "ROC AUC" : "R²";
    if (!Double.isNaN(score) && score >= opts.mediumScore()) {
      out.add(
          new LeakageFinding(
              LeakageFinding.KIND_SINGLE_FEATURE,
              score >= opts.highScore() ? Severity.HIGH : Severity.MEDIUM,
              name,
              String.format(
                  Locale.ROOT,
                  "column '%s' alone predicts the target on the %s rows with %s %.4f (one-feature"
                      + " model: per-%s %s fitted on the training rows). A single column this"
                      + " predictive usually encodes the label or is recorded after the outcome:"
                      + " check how it is produced and drop it if it is not known at prediction"
                      + " time.",
                  name, holdoutName, metric, score,
                  train instanceof dev.hone.core.data.NumericColumn ? "quantile-bin" : "level",
                  target.classification() ? "class frequencies" : "mean target"),
              hold.size(),
              List.of()));
    }
    boolean exempt = name.equals(opts.groupColumn()) || name.equals(opts.timeColumn());
    String id = exempt ? null : FeatureChecks.idLike(train);
    if (id != null) {
      boolean signal =
          !Double.isNaN(score)
              && score >= (target.classification() ? opts.idSignalAuc() : opts.idSignalR2());
      String scoreText = Double.isNaN(score)
          ? "cannot be scored"
          : String.format(Locale.ROOT, "%s %.3f on the %s rows", metric, score, holdoutName);
      out.add(
          new LeakageFinding(
              LeakageFinding.KIND_ID_COLUMN,
              signal ? Severity.HIGH : Severity.MEDIUM,
              name,
              "column '" + name + "' looks like an identifier: it " + id
                  + " in the training table; its one-feature model " + scoreText + "."
                  + (signal
                      ? " Identifiers that predict the label were assigned in an order related"
                          + " to it (e.g. rows sorted by outcome): drop the column."
                      : " Identifiers carry no signal that generalises: drop the column."),
              train.size() - train.missingCount(),
              List.of()));
    }
  }

  // ------------------------------------------------------------------ groups and time

  private static void groupOverlap(
      Table train, Table holdout, String holdoutName, LeakageOptions opts,
      List<LeakageFinding> out) {
    String col = opts.groupColumn();
    Column a = train.column(col);
    Column b = holdout.column(col);
    Set<String> trainGroups = new java.util.HashSet<>();
    for (int r = 0; r < a.size(); r++) {
      String g = a.format(r);
      if (g != null) {
        trainGroups.add(g);
      }
    }
    long rows = 0;
    Set<String> shared = new LinkedHashSet<>();
    Map<String, Integer> firstRow = new HashMap<>();
    for (int r = 0; r < b.size(); r++) {
      String g = b.format(r);
      if (g != null && trainGroups.contains(g)) {
        rows++;
        if (shared.add(g)) {
          firstRow.put(g, r);
        }
      }
    }
    if (rows == 0) {
      return;
    }
    int m = holdout.rowCount();
    List<String> examples = new ArrayList<>();
    for (String g : shared) {
      if (examples.size() >= opts.maxExamples()) {
        break;
      }
      examples.add("group '" + g + "' (first in " + holdoutName + " row " + firstRow.get(g) + ")");
    }
    out.add(
        new LeakageFinding(
            LeakageFinding.KIND_GROUP_OVERLAP,
            (double) rows / m >= opts.highShare() ? Severity.HIGH : Severity.MEDIUM,
            col,
            String.format(
                Locale.ROOT,
                "%d of %d %s rows (%s) belong to %d group(s) of '%s' that also occur in the"
                    + " training rows; rows of one group are alike, so the %s score is"
                    + " optimistic. Split so that each group lies in one split (GroupSplit).",
                rows, m, holdoutName, percent(rows, m), shared.size(), col, holdoutName),
            rows,
            examples));
  }

  private static void timeOverlap(
      Table train, Table holdout, String holdoutName, LeakageOptions opts,
      List<LeakageFinding> out) {
    String col = opts.timeColumn();
    double[] a = TimeValues.read(train.column(col), "train");
    double[] b = TimeValues.read(holdout.column(col), holdoutName);
    double newest = Double.NEGATIVE_INFINITY;
    int newestRow = -1;
    for (int r = 0; r < a.length; r++) {
      if (!Double.isNaN(a[r]) && a[r] > newest) {
        newest = a[r];
        newestRow = r;
      }
    }
    if (newestRow < 0) {
      return;
    }
    long rows = 0;
    List<String> examples = new ArrayList<>();
    Column hb = holdout.column(col);
    for (int r = 0; r < b.length; r++) {
      if (!Double.isNaN(b[r]) && b[r] < newest) {
        rows++;
        if (examples.size() < opts.maxExamples()) {
          examples.add(holdoutName + " row " + r + " at " + hb.format(r));
        }
      }
    }
    if (rows == 0) {
      return;
    }
    int m = holdout.rowCount();
    out.add(
        new LeakageFinding(
            LeakageFinding.KIND_TIME_OVERLAP,
            (double) rows / m >= opts.highShare() ? Severity.HIGH : Severity.MEDIUM,
            col,
            String.format(
                Locale.ROOT,
                "%d of %d %s rows (%s) are older than the newest training row (%s, train row"
                    + " %d): the model learns from the future of the rows it is scored on. Split"
                    + " by time so that training rows precede %s rows (TimeSplit).",
                rows, m, holdoutName, percent(rows, m), train.column(col).format(newestRow),
                newestRow, holdoutName),
            rows,
            examples));
  }

  private static String percent(long count, long total) {
    return percent((double) count / total);
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.2f%%", 100 * share);
  }
}
