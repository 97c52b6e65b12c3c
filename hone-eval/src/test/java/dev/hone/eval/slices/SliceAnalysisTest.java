package dev.hone.eval.slices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.data.CategoricalColumn;
import dev.hone.core.data.Column;
import dev.hone.core.data.NumericColumn;
import dev.hone.core.data.Table;
import dev.hone.core.data.TaskType;
import dev.hone.core.json.Json;
import dev.hone.core.model.Predictions;
import dev.hone.eval.Metric;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SliceAnalysisTest {
  /** A binary problem: sex, race (one race level holds only negatives), age with missing. */
  private static final class Data {
    final Table table;
    final double[] y;
    final Predictions preds;

    Data(int n, long seed) {
      SplittableRandom rng = new SplittableRandom(seed);
      String[] sex = new String[n];
      String[] race = new String[n];
      double[] age = new double[n];
      y = new double[n];
      double[][] p = new double[n][];
      String[] races = {"White", "Black", "Asian", "Other"};
      for (int i = 0; i < n; i++) {
        sex[i] = rng.nextInt(20) == 0 ? null : (rng.nextBoolean() ? "Female" : "Male");
        race[i] = races[rng.nextInt(10) < 6 ? 0 : 1 + rng.nextInt(3)];
        age[i] = rng.nextInt(15) == 0 ? Double.NaN : 18 + rng.nextInt(60);
        boolean pos = !race[i].equals("Other") && rng.nextDouble() < 0.35;
        y[i] = pos ? 1 : 0;
        // the model is worse for Female rows
        double noise = "Female".equals(sex[i]) ? 2.5 : 0.8;
        double logit = (pos ? 1.5 : -1.5) + noise * rng.nextGaussian();
        double p1 = 1 / (1 + Math.exp(-logit));
        p[i] = new double[] {1 - p1, p1};
      }
      table = new Table(
          List.<Column>of(
              CategoricalColumn.of("sex", sex), CategoricalColumn.of("race", race),
              new NumericColumn("age", age),
              CategoricalColumn.of("income", java.util.Arrays.stream(y)
                  .mapToObj(v -> v == 1 ? ">50K" : "<=50K").toArray(String[]::new))),
          "income", List.of("sex", "race"), TaskType.BINARY);
      preds = new Predictions(TaskType.BINARY, p, null);
    }
  }

  private static double[] subset(double[] a, boolean[] mask) {
    return java.util.stream.IntStream.range(0, a.length).filter(i -> mask[i])
        .mapToDouble(i -> a[i]).toArray();
  }

  private static Predictions subset(Predictions p, boolean[] mask) {
    return new Predictions(p.task(),
        java.util.stream.IntStream.range(0, mask.length).filter(i -> mask[i])
            .mapToObj(i -> p.probabilities()[i]).toArray(double[][]::new), null);
  }

  @Test
  void columnSlicesPartitionAndMatchTheMetric() {
    Data d = new Data(1500, 3);
    SliceOptions opts = SliceOptions.defaults(11).withBootstrapRounds(200)
        .withCrosses(List.of(List.of("sex", "race")))
        .withUserSlices(List.of("sex=Female & age<30"));
    SliceReport r = SliceAnalysis.analyse(d.table, d.y, d.preds, opts);
    assertEquals("roc_auc", r.metric());
    Map<String, Long> rowsPerFamily = new HashMap<>();
    List<Double> p = new ArrayList<>();
    List<SliceResult> tested = new ArrayList<>();
    for (SliceResult s : r.slices()) {
      rowsPerFamily.merge(s.family(), s.n(), Long::sum);
      boolean[] mask = SlicePredicate.parse(s.definition()).evaluate(d.table);
      assertEquals(s.n(), SliceAnalysis.indices(mask).length, s.definition());
      double direct = Metric.ROC_AUC.compute(subset(d.y, mask), subset(d.preds, mask));
      if (s.metric() instanceof SliceMetric.Defined def) {
        assertEquals(direct, def.value(), 1e-15, s.definition());
        assertTrue(def.ciLower() <= def.value() + 1e-12 && def.value() <= def.ciUpper() + 1e-12
            || def.bootstrapValid() < 200, s.definition() + " interval " + def);
        double overall = ((SliceMetric.Defined) r.overall()).value();
        assertEquals(def.value() - overall, def.difference(), 1e-15);
        // the test is DeLong's on slice vs rest
        boolean[] rest = new boolean[mask.length];
        for (int i = 0; i < mask.length; i++) {
          rest[i] = !mask[i];
        }
        double expectP = TwoSampleTests.delong(
            toInt(subset(d.y, mask)), subset(d.preds.positiveScores(), mask),
            toInt(subset(d.y, rest)), subset(d.preds.positiveScores(), rest));
        assertEquals(expectP, def.pValue(), 0.0, s.definition());
        if (!Double.isNaN(def.pValue())) {
          p.add(def.pValue());
          tested.add(s);
        }
      } else {
        assertTrue(Double.isNaN(direct), s.definition() + " is undefined only where AUC is");
      }
    }
    // every column's slices cover each row once
    assertEquals(1500L, rowsPerFamily.get("sex"));
    assertEquals(1500L, rowsPerFamily.get("race"));
    assertEquals(1500L, rowsPerFamily.get("age"));
    assertEquals(1500L, rowsPerFamily.get("sex × race"));
    assertFalse(rowsPerFamily.containsKey("income"), "the target is not sliced");
    // Benjamini–Hochberg over all tested slices together
    assertEquals(p.size(), r.tested());
    double[] adj = BenjaminiHochberg.adjust(p.stream().mapToDouble(Double::doubleValue).toArray());
    for (int i = 0; i < tested.size(); i++) {
      assertEquals(adj[i], ((SliceMetric.Defined) tested.get(i).metric()).pAdjusted(), 0.0);
    }
    // the model is noisier on Female rows: a significant, worse slice
    SliceResult female = r.slices().stream().filter(s -> s.definition().equals("sex=Female"))
        .findFirst().orElseThrow();
    SliceMetric.Defined f = (SliceMetric.Defined) female.metric();
    assertTrue(f.difference() < 0 && f.significant(), female.toString());
  }

  private static int[] toInt(double[] a) {
    return java.util.Arrays.stream(a).mapToInt(v -> (int) v).toArray();
  }

  @Test
  void undefinedSlicesAreTypedAndNeverRanked() {
    Data d = new Data(800, 4);
    SliceReport r = SliceAnalysis.analyse(
        d.table, d.y, d.preds,
        SliceOptions.defaults(1).withBootstrapRounds(50).withColumns(List.of("race"))
            .withUserSlices(List.of("age>1000")));
    SliceResult other = r.slices().stream().filter(s -> s.label().equals("Other")).findFirst()
        .orElseThrow();
    SliceMetric.Undefined u = assertInstanceOf(SliceMetric.Undefined.class, other.metric());
    assertTrue(u.reason().contains("one class"), u.reason());
    assertEquals(other.n(), u.n());
    SliceResult empty = r.slices().get(r.slices().size() - 1);
    assertEquals("user", empty.family());
    assertInstanceOf(SliceMetric.Undefined.class, empty.metric());
    assertEquals(0, empty.n());
    List<SliceResult> worst = r.worst(10);
    assertFalse(worst.isEmpty());
    assertTrue(worst.stream().allMatch(s -> s.metric().isDefined()));
    for (int i = 1; i < worst.size(); i++) {
      assertTrue(((SliceMetric.Defined) worst.get(i - 1).metric()).value()
          <= ((SliceMetric.Defined) worst.get(i).metric()).value(), "worst first for AUC");
    }
    // JSON: the variant is written and read back
    String json = Json.write(r);
    assertTrue(json.contains("\"status\" : \"undefined\""), json);
    assertEquals(r, Json.read(json, SliceReport.class));
  }

  @Test
  void seededAndDeterministic() {
    Data d = new Data(600, 9);
    SliceOptions o = SliceOptions.defaults(42).withBootstrapRounds(100);
    assertEquals(SliceAnalysis.analyse(d.table, d.y, d.preds, o),
        SliceAnalysis.analyse(d.table, d.y, d.preds, o));
    SliceReport off = SliceAnalysis.analyse(d.table, d.y, d.preds, o.withBootstrapRounds(0));
    SliceMetric.Defined any = (SliceMetric.Defined) off.slices().get(0).metric();
    assertTrue(Double.isNaN(any.ciLower()) && Double.isNaN(any.ciUpper()));
  }

  @Test
  void accuracyUsesTheTwoProportionTest() {
    Data d = new Data(700, 5);
    SliceReport r = SliceAnalysis.analyse(d.table, d.y, d.preds,
        SliceOptions.defaults(1).withMetric(Metric.ACCURACY).withBootstrapRounds(0)
            .withColumns(List.of("sex")));
    for (SliceResult s : r.slices()) {
      boolean[] mask = SlicePredicate.parse(s.definition()).evaluate(d.table);
      long x1 = 0;
      long n1 = 0;
      long x2 = 0;
      long n2 = 0;
      for (int i = 0; i < mask.length; i++) {
        boolean correct = (d.preds.probabilities()[i][1] > 0.5 ? 1 : 0) == (int) d.y[i];
        if (mask[i]) {
          n1++;
          x1 += correct ? 1 : 0;
        } else {
          n2++;
          x2 += correct ? 1 : 0;
        }
      }
      assertEquals(TwoSampleTests.twoProportionZ(x1, n1, x2, n2),
          ((SliceMetric.Defined) s.metric()).pValue(), 0.0);
    }
  }

  @Test
  void f1AndR2UndefinedWhereTheirDenominatorIsZero() {
    // F1: a slice with no positive label and no positive prediction
    String[] g = {"a", "a", "a", "b", "b", "b", "b", "b"};
    double[] y = {0, 0, 0, 1, 0, 1, 1, 0};
    double[][] p = {{0.9, 0.1}, {0.8, 0.2}, {0.7, 0.3}, {0.2, 0.8}, {0.6, 0.4}, {0.3, 0.7},
        {0.45, 0.55}, {0.4, 0.6}};
    Table t = new Table(List.<Column>of(CategoricalColumn.of("g", g)));
    SliceReport r = SliceAnalysis.analyse(t, y, new Predictions(TaskType.BINARY, p, null),
        SliceOptions.defaults(1).withMetric(Metric.F1).withBootstrapRounds(20)
            .withPermutationRounds(50));
    SliceMetric a = r.slices().get(0).metric();
    assertTrue(a instanceof SliceMetric.Undefined u && u.reason().contains("0/0"), a.toString());
    // R²: constant target on a slice
    double[] yr = {1, 1, 1, 2, 5, 3, 4, 2};
    double[] yhat = {1.1, 0.9, 1.2, 2.2, 4.1, 3.3, 3.5, 2.5};
    SliceReport rr = SliceAnalysis.analyse(t, yr, new Predictions(TaskType.REGRESSION, null, yhat),
        SliceOptions.defaults(1).withMetric(Metric.R2).withBootstrapRounds(20)
            .withPermutationRounds(50));
    SliceMetric ra = rr.slices().get(0).metric();
    assertTrue(ra instanceof SliceMetric.Undefined u && u.reason().contains("constant"), ra.toString());
    assertTrue(rr.slices().get(1).metric().isDefined());
  }

  @Test
  void permutationTestAgreesWithExactEnumeration() {
    // 12 rows, slice of 4: all C(12,4) = 495 relabellings enumerated as the oracle
    SplittableRandom rng = new SplittableRandom(77);
    int n = 12;
    double[] y = new double[n];
    double[] yhat = new double[n];
    String[] g = new String[n];
    for (int i = 0; i < n; i++) {
      y[i] = rng.nextGaussian();
      yhat[i] = y[i] + (i < 4 ? 1.2 : 0.3) * rng.nextGaussian();
      g[i] = i < 4 ? "s" : "r";
    }
    Table t = new Table(List.<Column>of(CategoricalColumn.of("g", g)));
    Predictions preds = new Predictions(TaskType.REGRESSION, null, yhat);
    double observed = Math.abs(r2(y, yhat, 0, 4, true) - r2(y, yhat, 0, 4, false));
    int extreme = 0;
    int total = 0;
    for (int mask = 0; mask < (1 << n); mask++) {
      if (Integer.bitCount(mask) != 4) {
        continue;
      }
      double d = Math.abs(r2Mask(y, yhat, mask, true) - r2Mask(y, yhat, mask, false));
      total++;
      if (d >= observed - 1e-12) {
        extreme++;
      }
    }
    assertEquals(495, total);
    double exact = (double) extreme / total;
    SliceReport r = SliceAnalysis.analyse(t, y, preds,
        SliceOptions.defaults(3).withMetric(Metric.R2).withBootstrapRounds(0)
            .withPermutationRounds(20_000).withColumns(List.of("g")));
    double mc = ((SliceMetric.Defined) r.slices().get(0).metric()).pValue();
    // Monte Carlo error sd <= 0.0036 at 20,000 rounds; 0.02 is over 5 sd
    assertEquals(exact, mc, 0.02, "exact " + exact + " vs permutation " + mc);
    assertTrue(exact > 0 && exact < 1);
  }

  private static double r2(double[] y, double[] yhat, int from, int to, boolean inside) {
    int mask = 0;
    for (int i = from; i < to; i++) {
      mask |= 1 << i;
    }
    return r2Mask(y, yhat, mask, inside);
  }

  private static double r2Mask(double[] y, double[] yhat, int mask, boolean inside) {
    double sum = 0;
    int k = 0;
    for (int i = 0; i < y.length; i++) {
      if (((mask >> i) & 1) == (inside ? 1 : 0)) {
        sum += y[i];
        k++;
      }
    }
    double mean = sum / k;
    double res = 0;
    double tot = 0;
    for (int i = 0; i < y.length; i++) {
      if (((mask >> i) & 1) == (inside ? 1 : 0)) {
        res += (y[i] - yhat[i]) * (y[i] - yhat[i]);
        tot += (y[i] - mean) * (y[i] - mean);
      }
    }
    return 1 - res / tot;
  }

  @Test
  void badOptionsAndDefinitionsAreUserErrors() {
    Data d = new Data(100, 1);
    assertThrows(SliceDefinitionException.class, () -> SliceAnalysis.analyse(d.table, d.y, d.preds,
        SliceOptions.defaults(1).withUserSlices(List.of("sexx=Female"))));
    assertThrows(dev.hone.core.error.InvalidParameterException.class,
        () -> SliceAnalysis.analyse(d.table, d.y, d.preds,
            SliceOptions.defaults(1).withMetric(Metric.RMSE)));
    assertThrows(dev.hone.core.error.InvalidParameterException.class,
        () -> SliceOptions.defaults(1).withCrosses(List.of(List.of("sex", "sex"))));
    assertThrows(dev.hone.core.error.InvalidParameterException.class,
        () -> SliceAnalysis.analyse(d.table, d.y, d.preds,
            SliceOptions.defaults(1).withColumns(List.of("nope"))));
  }
}
