package dev.hone.eval.slices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.data.CategoricalColumn;
import dev.hone.core.data.Column;
import dev.hone.core.data.NumericColumn;
import dev.hone.core.data.Table;
import dev.hone.core.data.TaskType;
import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.json.Json;
import dev.hone.core.model.Predictions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * SliceLine against exact enumeration of every slice with up to three predicates (the oracle):
 * identical top-K, in the same order, with scores equal to 1e-12.
 */
class SliceLineTest {
  /** One candidate predicate of the brute force: column index, value index, rows. */
  private record Pred(int column, int value, String definition, boolean[] mask) {}

  private record Brute(List<Pred> preds, long size, double errorSum, double score) {}

  @Test
  void matchesExactEnumerationOnSeededData() {
    SplittableRandom rng = new SplittableRandom(2021);
    int trials = 200;
    for (int trial = 0; trial < trials; trial++) {
      int n = 40 + rng.nextInt(260);
      int cols = 2 + rng.nextInt(4);
      Table table = randomTable(rng, n, cols);
      double[] e = new double[n];
      int errorKind = trial % 3;
      for (int i = 0; i < n; i++) {
        // 0: continuous, 1: 0/1 (many exact score ties), 2: sparse with a planted region
        e[i] = switch (errorKind) {
          case 0 -> -Math.log(1 - rng.nextDouble());
          case 1 -> rng.nextInt(3) == 0 ? 1 : 0;
          default -> rng.nextInt(10) == 0 ? rng.nextDouble() * 5 : 0;
        };
      }
      double[] alphas = {0.5, 0.8, 0.95, 1.0};
      SliceLineOptions opts = SliceLineOptions.defaults()
          .withK(trial % 2 == 0 ? 1 + rng.nextInt(3) : 1 + rng.nextInt(15))
          .withMaxLevel(1 + rng.nextInt(3))
          .withAlpha(alphas[rng.nextInt(alphas.length)])
          .withMinSupport(1 + rng.nextInt(25))
          .withBins(2 + rng.nextInt(4));
      SliceLineResult got = SliceLine.find(table, e, opts);
      List<Brute> want = bruteForce(table, e, opts);
      String what = "trial " + trial + " (" + n + " rows, " + cols + " columns, " + opts + ")";
      assertEquals(want.size(), got.slices().size(), what + ": number of slices");
      for (int i = 0; i < want.size(); i++) {
        Brute w = want.get(i);
        FoundSlice g = got.slices().get(i);
        String def = String.join(" & ", w.preds.stream().map(Pred::definition).toList());
        assertEquals(def, g.definition(), what + " slice " + i);
        assertEquals(w.size, g.size(), what + " size " + i);
        assertEquals(w.errorSum, g.errorSum(), 1e-12 * Math.max(1, w.errorSum), what);
        assertEquals(w.score, g.score(), 1e-12, what + " score " + i);
        // the definition selects exactly the slice's rows
        boolean[] mask = SlicePredicate.parse(g.definition()).evaluate(table);
        assertEquals(g.size(), SliceAnalysis.indices(mask).length, what + " definition rows");
      }
    }
  }

  @Test
  void findsAPlantedSliceAndPrunes() {
    SplittableRandom rng = new SplittableRandom(5);
    int n = 5000;
    Table table = randomTable(rng, n, 8);
    // errors high where c0 is its first level and c1 its second: a 2-predicate slice
    CategoricalColumn c0 = (CategoricalColumn) table.column("c0");
    Column c1 = table.column("c1");
    String l0 = c0.levels().get(0);
    double[] e = new double[n];
    String want0 = null;
    String want1 = null;
    for (int i = 0; i < n; i++) {
      boolean in = l0.equals(c0.get(i)) && ((c1 instanceof CategoricalColumn cc1)
          ? cc1.levels().get(1).equals(cc1.get(i))
          : !c1.isMissing(i) && ((NumericColumn) c1).get(i) > 0);
      e[i] = in ? (rng.nextInt(4) == 0 ? 0 : 1) : (rng.nextInt(10) == 0 ? 1 : 0);
    }
    SliceLineResult r = SliceLine.find(table, e, SliceLineOptions.defaults().withK(5));
    assertTrue(r.slices().get(0).definition().contains("c0=" + l0), r.slices().toString());
    assertTrue(r.slices().get(0).averageError() > 0.5);
    // pruning: far fewer level-3 slices evaluated than exist
    long all3 = 0;
    assertTrue(r.levels().size() >= 2);
    for (SliceLineResult.Level lv : r.levels()) {
      assertTrue(lv.evaluated() <= Math.max(lv.candidates(), lv.evaluated()));
      all3 += lv.evaluated();
    }
    assertTrue(all3 > 0);
    // JSON round trip of the result record
    String json = Json.write(r);
    assertEquals(r, Json.read(json, SliceLineResult.class));
  }

  @Test
  void errorsFollowTheMetricsConventions() {
    double[][] p = {{0.2, 0.8}, {0.5, 0.5}, {0.9, 0.1}};
    Predictions preds = new Predictions(TaskType.BINARY, p, null);
    double[] y = {1, 1, 1};
    // P(1) = 0.5 predicts class 0 (threshold is strict)
    assertEquals(List.of(0.0, 1.0, 1.0),
        java.util.Arrays.stream(SliceLine.errors(ErrorKind.ZERO_ONE, y, preds)).boxed().toList());
    assertEquals(-Math.log(0.8), SliceLine.errors(ErrorKind.LOG_LOSS, y, preds)[0], 1e-15);
    assertThrows(InvalidParameterException.class, () -> SliceLine.errors(ErrorKind.SQUARED, y, preds));
    Table t = new Table(List.<Column>of(new NumericColumn("x", new double[] {1, 2, 3})));
    assertThrows(InvalidParameterException.class,
        () -> SliceLine.find(t, new double[] {1, -1, 0}, SliceLineOptions.defaults()));
    assertEquals(0, SliceLine.find(t, new double[3], SliceLineOptions.defaults()).slices().size(),
        "no error anywhere: no slice");
  }

  // ------------------------------------------------------------------ oracle

  static Table randomTable(SplittableRandom rng, int n, int cols) {
    List<Column> columns = new ArrayList<>();
    for (int c = 0; c < cols; c++) {
      if (c % 2 == 0 || c == 1 && rng.nextBoolean()) {
        int levels = 2 + rng.nextInt(4);
        String[] v = new String[n];
        for (int i = 0; i < n; i++) {
          v[i] = rng.nextInt(12) == 0 ? null : "v" + (char) ('a' + rng.nextInt(levels));
        }
        columns.add(CategoricalColumn.of("c" + c, v));
      } else {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
          v[i] = rng.nextInt(15) == 0 ? Double.NaN : Math.round(rng.nextGaussian() * 4) / 2.0;
        }
        columns.add(new NumericColumn("c" + c, v));
      }
    }
    return new Table(columns);
  }

  /** Every slice of up to maxLevel predicates on distinct columns, scored directly. */
  private static List<Brute> bruteForce(Table t, double[] e, SliceLineOptions o) {
    int n = t.rowCount();
    long sigma = o.effectiveMinSupport(n);
    double eSum = 0;
    for (double v : e) {
      eSum += v;
    }
    double eAvg = eSum / n;
    List<List<Pred>> byColumn = new ArrayList<>();
    for (int c = 0; c < t.columnCount(); c++) {
      Column col = t.columns().get(c);
      List<Pred> preds = new ArrayList<>();
      List<String> defs = new ArrayList<>();
      if (col instanceof CategoricalColumn cat) {
        for (String level : cat.levels()) {
          defs.add(col.name() + "=" + level);
        }
      } else {
        QuantileBinning b = QuantileBinning.fit(((NumericColumn) col).values(), o.bins());
        for (int k = 0; k < b.binCount(); k++) {
          defs.add(b.definition(col.name(), k));
        }
      }
      defs.add(col.name() + "=?");
      for (int v = 0; v < defs.size(); v++) {
        boolean[] mask = SlicePredicate.parse(defs.get(v)).evaluate(t);
        if (SliceAnalysis.indices(mask).length > 0 || v == defs.size() - 1) {
          preds.add(new Pred(c, preds.size(), defs.get(v), mask));
        }
      }
      byColumn.add(preds);
    }
    List<Brute> all = new ArrayList<>();
    enumerate(byColumn, 0, new ArrayList<>(), o.maxLevel(), e, eAvg, sigma, o.alpha(), n, all);
    all.sort(Comparator.comparingDouble((Brute b) -> -b.score)
        .thenComparingLong(b -> -b.size)
        .thenComparingInt(b -> b.preds.size())
        .thenComparing((a, b) -> {
          for (int i = 0; i < a.preds.size(); i++) {
            int x = Integer.compare(a.preds.get(i).column, b.preds.get(i).column);
            if (x == 0) {
              x = Integer.compare(a.preds.get(i).value, b.preds.get(i).value);
            }
            if (x != 0) {
              return x;
            }
          }
          return 0;
        }));
    return all.subList(0, Math.min(o.k(), all.size()));
  }

  private static void enumerate(
      List<List<Pred>> byColumn, int from, List<Pred> chosen, int maxLevel, double[] e,
      double eAvg, long sigma, double alpha, int n, List<Brute> out) {
    if (!chosen.isEmpty()) {
      long size = 0;
      double sum = 0;
      for (int i = 0; i < n; i++) {
        boolean in = true;
        for (Pred p : chosen) {
          in &= p.mask[i];
        }
        if (in) {
          size++;
          sum += e[i];
        }
      }
      if (size >= sigma) {
        double sc = alpha * ((sum / size) / eAvg - 1) - (1 - alpha) * (n / (double) size - 1);
        if (sc > 0) {
          out.add(new Brute(List.copyOf(chosen), size, sum, sc));
        }
      }
    }
    if (chosen.size() == maxLevel) {
      return;
    }
    for (int c = from; c < byColumn.size(); c++) {
      for (Pred p : byColumn.get(c)) {
        chosen.add(p);
        enumerate(byColumn, c + 1, chosen, maxLevel, e, eAvg, sigma, alpha, n, out);
        chosen.remove(chosen.size() - 1);
      }
    }
  }
}
