package dev.hone.learner.xgboost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.data.TaskType;
import dev.hone.core.model.FeatureMatrix;
import dev.hone.core.model.Predictions;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Predictions of committed models (saved by this module's Java code, see {@link OracleFixtures})
 * against XGBoost's Python package: {@code oracle/make_reference.py} wrote {@code reference.csv}
 * (rounds 0..best_iteration, passed to Python as {@code iteration_range}) and {@code
 * reference_all_rounds.csv}. Tolerance 1e-6 (float32 outputs).
 */
class OracleTest {
  private static final double TOL = 1e-6;

  private static Path fixture(TaskType task) throws URISyntaxException {
    String name = "oracle/" + task.name().toLowerCase(Locale.ROOT);
    URL url = OracleTest.class.getResource(name);
    assertNotNull(url, "missing test resource " + name);
    return Path.of(url.toURI());
  }

  static FeatureMatrix readFeatures(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv);
    List<String> names = Arrays.asList(lines.get(0).split(","));
    int n = lines.size() - 1;
    float[] data = new float[n * names.size()];
    for (int i = 0; i < n; i++) {
      String[] cells = lines.get(i + 1).split(",");
      assertEquals(names.size(), cells.length, "row " + i);
      for (int j = 0; j < cells.length; j++) {
        data[i * names.size() + j] = Float.parseFloat(cells[j]);
      }
    }
    return new FeatureMatrix(data, n, names);
  }

  static double[][] readReference(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv);
    double[][] out = new double[lines.size() - 1][];
    for (int i = 1; i < lines.size(); i++) {
      out[i - 1] = Arrays.stream(lines.get(i).split(",")).mapToDouble(Double::parseDouble).toArray();
    }
    return out;
  }

  private static double[][] asRows(Predictions p) {
    if (p.task().isClassification()) {
      return p.probabilities();
    }
    double[][] rows = new double[p.values().length][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new double[] {p.values()[i]};
    }
    return rows;
  }

  private static double maxDiff(double[][] a, double[][] b) {
    assertEquals(a.length, b.length);
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      assertEquals(a[i].length, b[i].length, "row " + i);
      for (int j = 0; j < a[i].length; j++) {
        max = Math.max(max, Math.abs(a[i][j] - b[i][j]));
      }
    }
    return max;
  }

  @ParameterizedTest
  @EnumSource(TaskType.class)
  void predictionsMatchXgboostPython(TaskType task) throws Exception {
    Path dir = fixture(task);
    FeatureMatrix x = readFeatures(dir.resolve("features.csv"));
    boolean hasMissing = false;
    for (float v : x.data()) {
      hasMissing |= Float.isNaN(v);
    }
    assertTrue(hasMissing, "the fixture must exercise missing values");
    double[][] best = readReference(dir.resolve("reference.csv"));
    double[][] all = readReference(dir.resolve("reference_all_rounds.csv"));
    try (XGBoostModel m = new XGBoostLearner().load(dir, 1)) {
      assertEquals(task, m.task());
      assertEquals(StopReason.EARLY_STOPPING, m.stopReason());
      assertTrue(m.bestIteration() + 1 < m.roundsTrained());

      double[][] mine = asRows(m.predict(x));
      assertTrue(maxDiff(best, mine) <= TOL, task + " best: max diff " + maxDiff(best, mine));
      double[][] mineAll = asRows(m.predict(x, m.roundsTrained()));
      assertTrue(maxDiff(all, mineAll) <= TOL, task + " all: max diff " + maxDiff(all, mineAll));
      // the iteration limit matters for these fixtures, so the comparison above is meaningful
      assertFalse(maxDiff(best, all) <= 1e-3, task + ": best and all rounds barely differ");
    }
  }
}
