package dev.hone.eval.leakage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.data.CategoricalColumn;
import dev.hone.core.data.Column;
import dev.hone.core.data.NumericColumn;
import dev.hone.core.data.Table;
import dev.hone.core.error.DataValidationException;
import dev.hone.core.json.Json;
import dev.hone.core.random.Seeds;
import dev.hone.data.PreparedTable;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Leakage seeded into real datasets (the shared mirror) is found with severity HIGH, and the same
 * datasets split properly give no HIGH finding.
 */
class LeakageScenariosTest {
  private static final LeakageOptions DEFAULTS = LeakageOptions.defaults();

  private static LeakageReport check(Table[] split, LeakageOptions o) {
    return LeakageChecker.check(split[0], split[1], "test", o);
  }

  private static LeakageFinding assertHigh(LeakageReport r, String kind, String column) {
    for (LeakageFinding f : r.findings()) {
      if (f.kind().equals(kind) && java.util.Objects.equals(f.column(), column)) {
        assertEquals(Severity.HIGH, f.severity(), f.toString());
        return f;
      }
    }
    throw new AssertionError("no " + kind + " finding for column " + column + " in " + r);
  }

  private static void assertNoHigh(LeakageReport r, String what) {
    assertFalse(r.hasHigh(), what + ": " + r.high());
  }

  private static String[] labels(Table t) {
    Column y = t.column(t.target());
    String[] out = new String[t.rowCount()];
    for (int r = 0; r < out.length; r++) {
      out[r] = y.format(r);
    }
    return out;
  }

  private static double[] values(Table t, String col) {
    return ((NumericColumn) t.column(col)).values();
  }

  // ------------------------------------------------------------------ seeded leakage

  @Test
  void copyOfTheTarget() {
    Table adult = RealData.table("adult");
    Table t = adult.with(CategoricalColumn.of("income_copy", labels(adult)));
    LeakageReport r = check(RealData.split(t, 0.75, 1), DEFAULTS);
    LeakageFinding f = assertHigh(r, LeakageFinding.KIND_TARGET_COPY, "income_copy");
    assertTrue(f.message().contains("identical to the target"), f.message());
    assertHigh(r, LeakageFinding.KIND_SINGLE_FEATURE, "income_copy");
  }

  @Test
  void noiseFreeMonotoneTransformOfARegressionTarget() {
    Table housing = RealData.table("california_housing");
    double[] y = values(housing, "median_house_value");
    double[] logY = Arrays.stream(y).map(Math::log).toArray();
    Table t = housing.with(new NumericColumn("log_value", logY));
    LeakageReport r = check(RealData.split(t, 0.75, 2), DEFAULTS);
    LeakageFinding f = assertHigh(r, LeakageFinding.KIND_TARGET_COPY, "log_value");
    assertTrue(f.message().contains("monotone"), f.message());
  }

  @Test
  void numericRecodingOfBinaryLabels() {
    Table credit = RealData.table("credit_default_taiwan");
    String[] y = labels(credit);
    double[] code = Arrays.stream(y).mapToDouble(s -> 3 * Double.parseDouble(s) + 1).toArray();
    Table t = credit.with(new NumericColumn("Y_score", code));
    LeakageReport r = check(RealData.split(t, 0.75, 3), DEFAULTS);
    assertHigh(r, LeakageFinding.KIND_TARGET_COPY, "Y_score");
  }

  @Test
  void categoricalColumnOneToOneWithTheLabels() {
    Table adult = RealData.table("adult");
    String[] y = labels(adult);
    String[] code = Arrays.stream(y).map(s -> s.startsWith(">") ? "B" : "A").toArray(String[]::new);
    Table t = adult.with(CategoricalColumn.of("income_code", code));
    LeakageReport r = check(RealData.split(t, 0.75, 4), DEFAULTS);
    LeakageFinding f = assertHigh(r, LeakageFinding.KIND_TARGET_COPY, "income_code");
    assertTrue(f.message().contains("one-to-one"), f.message());
  }

  @Test
  void identifierAssignedAfterSortingByOutcome() {
    Table german = RealData.table("german_credit");
    String[] y = labels(german);
    Integer[] order = new Integer[y.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> y[a].compareTo(y[b])); // stable: by label, then file order
    double[] id = new double[y.length];
    for (int k = 0; k < order.length; k++) {
      id[order[k]] = 1000 + k; // an export that numbered rows after grouping by label
    }
    Table t = german.with(new NumericColumn("row_id", id));
    LeakageReport r = check(RealData.split(t, 0.75, 5), DEFAULTS);
    LeakageFinding f = assertHigh(r, LeakageFinding.KIND_ID_COLUMN, "row_id");
    assertTrue(f.message().contains("distinct value in every row"), f.message());
    assertHigh(r, LeakageFinding.KIND_SINGLE_FEATURE, "row_id");
  }

  @Test
  void rowsDuplicatedAcrossSplits() {
    Table credit = RealData.table("credit_default_taiwan");
    Table[] s = RealData.split(credit, 0.75, 6);
    int k = s[1].rowCount() / 20; // 5% of the holdout rows are copies of training rows
    Table holdout = replaceRows(s[1], s[0], k, 61, UnaryOperator.identity(), 0.0);
    LeakageReport r = LeakageChecker.check(s[0], holdout, "test", DEFAULTS);
    LeakageFinding f = assertHigh(r, LeakageFinding.KIND_EXACT_DUPLICATES, null);
    assertEquals(k, f.count());
    assertEquals(DEFAULTS.maxExamples(), f.examples().size());
    assertTrue(f.examples().get(0).matches("test row \\d+ = train row \\d+"), f.examples().get(0));
  }

  @Test
  void nearDuplicatesWithSmallNoise() {
    Table housing = RealData.table("california_housing");
    Table[] s = RealData.split(housing, 0.75, 7);
    int k = s[1].rowCount() / 20;
    // numbers moved by up to 2e-4 training std, text upper-cased with doubled blanks
    Table holdout = replaceRows(
        s[1], s[0], k, 71, v -> "  " + v.toUpperCase(Locale.ROOT).replace(" ", "  ") + " ", 2e-4);
    LeakageReport r = LeakageChecker.check(s[0], holdout, "test", DEFAULTS);
    LeakageFinding f = assertHigh(r, LeakageFinding.KIND_NEAR_DUPLICATES, null);
    // a row whose numbers were all left unchanged by the rounding would be exact; none here
    assertEquals(k, f.count(), f.toString());
    assertTrue(r.ofKind(LeakageFinding.KIND_EXACT_DUPLICATES).isEmpty(), r.toString());
    // with a tolerance below the noise they are not found
    LeakageReport strict = LeakageChecker.check(
        s[0], holdout, "test", DEFAULTS.withNearTolerance(1e-6));
    assertTrue(strict.ofKind(LeakageFinding.KIND_NEAR_DUPLICATES).isEmpty());
  }

  @Test
  void groupOverlapAndTheGroupSplitThatAvoidsIt() {
    Table housing = RealData.table("california_housing");
    double[] lat = values(housing, "latitude");
    double[] lon = values(housing, "longitude");
    String[] block = new String[lat.length];
    for (int i = 0; i < block.length; i++) {
      block[i] = (int) Math.floor(lat[i] * 4) + ":" + (int) Math.floor(lon[i] * 4);
    }
    Table t = housing.with(CategoricalColumn.of("block", block));
    LeakageOptions o = DEFAULTS.withGroupColumn("block");
    LeakageReport r = check(RealData.split(t, 0.75, 8), o);
    LeakageFinding f = assertHigh(r, LeakageFinding.KIND_GROUP_OVERLAP, "block");
    assertTrue(f.count() > t.rowCount() / 8, f.toString());
    int[][] parts = GroupSplit.split(t, "block", new double[] {0.75, 0.25}, 8);
    LeakageReport fixed = LeakageChecker.check(t.select(parts[0]), t.select(parts[1]), "test", o);
    assertTrue(fixed.ofKind(LeakageFinding.KIND_GROUP_OVERLAP).isEmpty(), fixed.toString());
    assertNoHigh(fixed, "group split");
  }

  @Test
  void futureRowsInTrainingWithIsoTimes() {
    Table adult = RealData.table("adult");
    String[] when = new String[adult.rowCount()];
    LocalDateTime start = LocalDateTime.of(2020, 1, 1, 0, 0);
    for (int i = 0; i < when.length; i++) {
      when[i] = start.plusHours(i).toString();
    }
    Table t = adult.with(CategoricalColumn.of("recorded_at", when));
    LeakageOptions o = DEFAULTS.withTimeColumn("recorded_at");
    LeakageReport r = check(RealData.split(t, 0.75, 9), o);
    LeakageFinding f = assertHigh(r, LeakageFinding.KIND_TIME_OVERLAP, "recorded_at");
    assertTrue(f.count() > 0.9 * (t.rowCount() - Math.round(0.75 * t.rowCount())), f.toString());
    assertTrue(r.ofKind(LeakageFinding.KIND_ID_COLUMN).isEmpty(), "the time column is exempt");
    int[][] parts = TimeSplit.split(t, "recorded_at", new double[] {0.75, 0.25});
    LeakageReport fixed = LeakageChecker.check(t.select(parts[0]), t.select(parts[1]), "test", o);
    assertTrue(fixed.ofKind(LeakageFinding.KIND_TIME_OVERLAP).isEmpty(), fixed.toString());
  }

  @Test
  void futureRowsInTrainingWithNumericTimes() {
    Table credit = RealData.table("credit_default_taiwan");
    double[] ts = values(credit, "ID").clone();
    for (int i = 0; i < ts.length; i++) {
      ts[i] = 1.6e9 + 60 * ts[i];
    }
    Table t = credit.with(new NumericColumn("ts", ts));
    LeakageReport r = check(RealData.split(t, 0.75, 10), DEFAULTS.withTimeColumn("ts"));
    assertHigh(r, LeakageFinding.KIND_TIME_OVERLAP, "ts");
  }

  @Test
  void almostPerfectSingleFeatureForClassification() {
    Table german = RealData.table("german_credit");
    String[] y = labels(german);
    SplittableRandom rng = Seeds.rng(11, "flip", 0);
    double[] flag = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      boolean bad = y[i].equals("2");
      flag[i] = (rng.nextInt(200) == 0) != bad ? 1 : 0; // 0.5% flipped: not a copy
    }
    Table t = german.with(new NumericColumn("collections_flag", flag));
    LeakageReport r = check(RealData.split(t, 0.75, 11), DEFAULTS);
    assertHigh(r, LeakageFinding.KIND_SINGLE_FEATURE, "collections_flag");
    assertTrue(r.ofKind(LeakageFinding.KIND_TARGET_COPY).isEmpty(), "flipped labels: no copy");
  }

  @Test
  void almostPerfectSingleFeatureForRegression() {
    Table housing = RealData.table("california_housing");
    double[] y = values(housing, "median_house_value");
    SplittableRandom rng = Seeds.rng(12, "noise", 0);
    double[] est = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      est[i] = y[i] + 0.03 * 115_000 * rng.nextGaussian(); // noise 3% of the target's std
    }
    Table t = housing.with(new NumericColumn("appraisal", est));
    LeakageReport r = check(RealData.split(t, 0.75, 12), DEFAULTS);
    LeakageFinding f = assertHigh(r, LeakageFinding.KIND_SINGLE_FEATURE, "appraisal");
    assertTrue(f.message().contains("R²"), f.message());
    assertTrue(r.ofKind(LeakageFinding.KIND_TARGET_COPY).isEmpty());
  }

  // ------------------------------------------------------------------ clean data

  @Test
  void adultOfficialSplitHasOnlyItsFewNaturalDuplicates() {
    PreparedTable[] adult = RealData.load("adult");
    LeakageReport r = LeakageChecker.check(adult[0].table(), adult[1].table(), "test", DEFAULTS);
    assertNoHigh(r, "adult.data vs adult.test");
    List<LeakageFinding> dup = r.ofKind(LeakageFinding.KIND_EXACT_DUPLICATES);
    assertEquals(1, dup.size());
    assertEquals(23, dup.get(0).count(), "adult.test repeats 23 rows of adult.data");
    assertEquals(Severity.LOW, dup.get(0).severity(), "as common as within adult.data");
    String json = Json.write(r);
    assertEquals(r, Json.read(json, LeakageReport.class));
  }

  @Test
  void cleanRandomSplitsHaveNoHighFinding() {
    for (String name : List.of("adult", "german_credit", "california_housing")) {
      LeakageReport r = check(RealData.split(RealData.table(name), 0.75, 13), DEFAULTS);
      assertNoHigh(r, name);
    }
  }

  @Test
  void creditDefaultIdentifierIsMediumNotHigh() {
    LeakageReport r = check(RealData.split(RealData.table("credit_default_taiwan"), 0.75, 14),
        DEFAULTS);
    assertNoHigh(r, "credit_default_taiwan");
    List<LeakageFinding> id = r.ofKind(LeakageFinding.KIND_ID_COLUMN);
    assertEquals(1, id.size(), r.toString());
    assertEquals("ID", id.get(0).column());
    assertEquals(Severity.MEDIUM, id.get(0).severity());
  }

  @Test
  void strictModeRefusesHighFindings() {
    Table adult = RealData.table("adult");
    Table t = adult.with(CategoricalColumn.of("income_copy", labels(adult)));
    LeakageReport r = check(RealData.split(t, 0.75, 1), DEFAULTS);
    DataValidationException e = assertThrows(DataValidationException.class, r::requireNoHigh);
    assertTrue(e.getMessage().contains("target_copy [income_copy]"), e.getMessage());
    assertTrue(e.getMessage().contains("strict mode"), e.getMessage());
  }

  @Test
  void threeWaySplitChecksTestAgainstTrainAndValidation() {
    Table german = RealData.table("german_credit");
    Table[] a = RealData.split(german, 0.6, 15);
    Table[] b = RealData.split(a[1], 0.5, 16); // validation, test
    // test rows copied from validation: leakage into the refit on train + validation
    Table test = replaceRows(b[1], b[0], 20, 17, UnaryOperator.identity(), 0.0);
    LeakageReport r = LeakageChecker.checkSplits(a[0], b[0], test, DEFAULTS);
    LeakageFinding f = assertHigh(r, LeakageFinding.KIND_EXACT_DUPLICATES, null);
    assertEquals(20, f.count());
    assertTrue(f.examples().get(0).matches("test row \\d+ = train\\+validation row \\d+"),
        f.examples().get(0));
    int trainRows = a[0].rowCount();
    for (String ex : f.examples()) {
      int row = Integer.parseInt(ex.substring(ex.lastIndexOf(' ') + 1));
      assertTrue(row >= trainRows, "copied from validation rows, numbered after train: " + ex);
    }
    assertNoHigh(LeakageChecker.checkSplits(a[0], b[0], b[1], DEFAULTS), "clean three-way split");
  }

  // ------------------------------------------------------------------ helpers

  /**
   * The holdout with its first {@code k} rows replaced by random training rows: numbers moved by
   * a uniform draw of up to {@code noise} training standard deviations (but never exactly 0 when
   * noise > 0), text passed through {@code text}.
   */
  private static Table replaceRows(
      Table holdout, Table train, int k, long seed, UnaryOperator<String> text, double noise) {
    SplittableRandom rng = Seeds.rng(seed, "replace", 0);
    int[] from = new int[k];
    for (int i = 0; i < k; i++) {
      from[i] = rng.nextInt(train.rowCount());
    }
    List<Column> cols = new ArrayList<>();
    for (Column hc : holdout.columns()) {
      Column tc = train.column(hc.name());
      if (hc instanceof NumericColumn hn) {
        double[] v = hn.values();
        double[] tv = ((NumericColumn) tc).values();
        double std = std(tv);
        for (int i = 0; i < k; i++) {
          double x = tv[from[i]];
          if (noise > 0 && !Double.isNaN(x) && !hc.name().equals(holdout.target())) {
            double u = (0.5 + 0.5 * rng.nextDouble()) * (rng.nextBoolean() ? 1 : -1);
            x += u * noise * std;
          }
          v[i] = x;
        }
        cols.add(new NumericColumn(hc.name(), v));
      } else {
        String[] v = new String[hc.size()];
        for (int r = 0; r < v.length; r++) {
          v[r] = hc.format(r);
        }
        for (int i = 0; i < k; i++) {
          String s = tc.format(from[i]);
          v[i] = s == null || hc.name().equals(holdout.target()) ? s : text.apply(s);
        }
        cols.add(CategoricalColumn.of(hc.name(), v));
      }
    }
    return new Table(cols, holdout.target(), holdout.sensitive(), holdout.task());
  }

  private static double std(double[] v) {
    double s = 0;
    int n = 0;
    for (double x : v) {
      if (!Double.isNaN(x)) {
        s += x;
        n++;
      }
    }
    double m = s / n;
    double ss = 0;
    for (double x : v) {
      if (!Double.isNaN(x)) {
        ss += (x - m) * (x - m);
      }
    }
    return Math.sqrt(ss / n);
  }
}
