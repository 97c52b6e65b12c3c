package dev.hone.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.data.CategoricalColumn;
import dev.hone.core.data.NumericColumn;
import dev.hone.core.data.Table;
import dev.hone.core.data.TaskType;
import dev.hone.core.error.UserInputException;
import dev.hone.core.json.Json;
import dev.hone.core.model.FeatureMatrix;
import dev.hone.core.model.Model;
import dev.hone.core.model.Predictions;
import dev.hone.preprocess.FittedPreprocessor;
import dev.hone.preprocess.Preprocessor;
import dev.hone.robustness.FeatureBudget;
import dev.hone.robustness.RobustnessCurve;
import dev.hone.robustness.RobustnessReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The analysis end to end on a model whose decision rule is known: class 1 exactly when {@code age
 * > 40}. HopSkipJump's distance for a row is then {@code |age − 40| / std(age)} in the analysis'
 * units (oracle: closed form), the one-hot columns never move, and holding {@code age} with
 * {@code --immutable} leaves nothing to flip.
 */
class RobustnessAnalysisTest {

  /** Not differentiable: a step in age, like a one-split tree. */
  static final class AgeRule implements Model {
    final int ageCol;
    final int hi;

    /** {@code hi}: the class index of label "hi" (the preprocessing orders labels). */
    AgeRule(int ageCol, int hi) {
      this.ageCol = ageCol;
      this.hi = hi;
    }

    @Override
    public String learnerName() {
      return "age-rule";
    }

    @Override
    public Predictions predict(FeatureMatrix x) {
      double[][] p = new double[x.nRows()][];
      for (int i = 0; i < x.nRows(); i++) {
        boolean old = x.get(i, ageCol) > 40f;
        p[i] = old == (hi == 1) ? new double[] {0.2, 0.8} : new double[] {0.8, 0.2};
      }
      return new Predictions(TaskType.BINARY, p, null);
    }

    @Override
    public void save(Path dir) {}

    @Override
    public Map<String, Object> fitInfo() {
      return Map.of();
    }

    @Override
    public void close() {}
  }

  static Table table(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] age = new double[n];
    double[] hours = new double[n];
    String[] sex = new String[n];
    String[] y = new String[n];
    for (int i = 0; i < n; i++) {
      age[i] = 20 + r.nextInt(50);
      hours[i] = 20 + r.nextInt(40);
      sex[i] = r.nextBoolean() ? "F" : "M";
      y[i] = age[i] > 40 ? "hi" : "lo";
    }
    return new Table(
        List.of(
            new NumericColumn("age", age), new NumericColumn("hours", hours),
            CategoricalColumn.of("sex", sex), CategoricalColumn.of("y", y)),
        "y", List.of("sex"), TaskType.BINARY);
  }

  @Test
  void hopSkipJumpDistancesMatchTheRuleAndOneHotColumnsAreHeld() {
    Table train = table(400, 1);
    Table test = table(90, 2); // fewer than ROWS: every (correct) row is attacked
    FittedPreprocessor prep = Preprocessor.defaults().fit(train);
    FeatureMatrix xTr = prep.transform(train);
    FeatureMatrix xTe = prep.transform(test);
    double[] yTe = prep.labels(test);
    int ageCol = xTe.featureNames().indexOf("age");
    AgeRule model = new AgeRule(ageCol, prep.classLabels().indexOf("hi"));
    RobustnessAnalysis a =
        RobustnessAnalysis.run(
            TaskType.BINARY, model, prep, xTr, xTe, yTe, prep.classLabels(), List.of(), 7);
    RobustnessReport rep = a.report();
    double std = 0;
    double mean = 0;
    for (int i = 0; i < xTr.nRows(); i++) {
      mean += xTr.get(i, ageCol) / xTr.nRows();
    }
    for (int i = 0; i < xTr.nRows(); i++) {
      std += Math.pow(xTr.get(i, ageCol) - mean, 2) / xTr.nRows();
    }
    std = Math.sqrt(std);
    for (FeatureBudget b : rep.budget()) {
      if (b.feature().startsWith("sex=")) {
        assertTrue(!b.mutable() && b.note().contains("one-hot"), b.toString());
      }
      if (b.feature().equals("age")) {
        assertEquals(std, b.scale(), 1e-9);
      }
    }
    // the integer ages sit at least 1 year from the threshold 40 (+ float rounding of 40.0f)
    for (RobustnessReport.RowFlip f : rep.rows()) {
      double age = xTe.get(f.row(), ageCol);
      double analytic = Math.max(0, age > 40 ? age - 40 : 40 - age + 1e-9) / std;
      // a flip needs age to cross 40 (from above: to 40 or below; from below: above 40)
      assertEquals(analytic, f.minimalEps(), 1e-3 * Math.max(analytic, 0.05), f.toString());
      assertTrue(f.minimalEps() >= analytic * (1 - 1e-9));
      assertTrue(f.changes().stream().anyMatch(c -> c.startsWith("age:")), f.changes().toString());
      assertTrue(f.changes().stream().noneMatch(c -> c.startsWith("sex=")), f.changes().toString());
    }
    RobustnessCurve hsj = rep.curves().get(0);
    assertEquals("hopskipjump", hsj.attack());
    assertEquals(1.0, hsj.points().get(0).accuracy());
    // at ε = 1 the rows within one std of the threshold flip (up to the search precision)
    int surely = 0;
    int maybe = 0;
    for (int i = 0; i < xTe.nRows(); i++) {
      double age = xTe.get(i, ageCol);
      double d = (age > 40 ? age - 40 : 40 - age) / std;
      surely += d < 1 - 1e-3 ? 1 : 0;
      maybe += d <= 1 + 1e-3 ? 1 : 0;
    }
    assertEquals(xTe.nRows(), rep.rowsAttacked());
    int flipped = hsj.at(1.0).flipped();
    assertTrue(flipped >= surely && flipped <= maybe, flipped + " not in [" + surely + ", " + maybe + "]");
    String json = Json.write(rep);
    assertTrue(json.contains("\"hopskipjump\"") && json.contains("\"budget\""));
    assertTrue(a.view().budget().stream().anyMatch(b -> b.feature().equals("sex (2 one-hot columns)")));
  }

  @Test
  void immutableAgeLeavesNothingToFlipAndUnknownColumnsAreRejected() {
    Table train = table(200, 3);
    Table test = table(60, 4);
    FittedPreprocessor prep = Preprocessor.defaults().fit(train);
    FeatureMatrix xTr = prep.transform(train);
    FeatureMatrix xTe = prep.transform(test);
    double[] yTe = prep.labels(test);
    AgeRule model =
        new AgeRule(xTe.featureNames().indexOf("age"), prep.classLabels().indexOf("hi"));
    RobustnessReport rep =
        RobustnessAnalysis.run(
                TaskType.BINARY, model, prep, xTr, xTe, yTe, prep.classLabels(), List.of("age"), 7)
            .report();
    assertEquals(xTe.nRows(), rep.rowsAttacked());
    for (RobustnessCurve c : rep.curves()) {
      for (RobustnessCurve.Point p : c.points()) {
        assertEquals(1.0, p.accuracy(), c.attack() + " " + p);
      }
    }
    UserInputException e =
        assertThrows(
            UserInputException.class,
            () -> RobustnessAnalysis.heldFeatures(prep, List.of("agee")));
    assertTrue(e.getMessage().contains("'agee'") && e.getMessage().contains("age"), e.getMessage());
  }
}
