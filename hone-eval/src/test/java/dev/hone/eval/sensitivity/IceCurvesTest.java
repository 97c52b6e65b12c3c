package dev.hone.eval.sensitivity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.core.data.TaskType;
import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.json.Json;
import dev.hone.core.model.FeatureMatrix;
import dev.hone.core.model.Model;
import dev.hone.core.model.Predictions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link IceCurves}: grids against numpy ({@code make_reference.py}), curves of a linear model
 * against the closed form {@code f(x) + w_j (g − x_j)}, determinism, batching, and the {@link
 * ModelFunction#of} adapter.
 */
class IceCurvesTest {

  private static FeatureMatrix referenceMatrix() {
    JsonNode ice = SobolAnalysisTest.reference().get("ice");
    JsonNode x = ice.get("x");
    List<String> names = java.util.stream.StreamSupport.stream(ice.get("names").spliterator(), false)
        .map(JsonNode::asText).toList();
    float[] data = new float[x.size() * names.size()];
    for (int i = 0; i < x.size(); i++) {
      for (int j = 0; j < names.size(); j++) {
        JsonNode v = x.get(i).get(j);
        data[i * names.size() + j] = v.isTextual() ? Float.NaN : (float) v.doubleValue();
      }
    }
    return new FeatureMatrix(data, x.size(), names);
  }

  @Test
  void gridsMatchNumpyPercentiles() {
    FeatureMatrix train = referenceMatrix();
    JsonNode ice = SobolAnalysisTest.reference().get("ice");
    for (int g : new int[] {5, 20}) {
      JsonNode grids = ice.get("grids_" + g);
      IceCurves.Options o = new IceCurves.Options(g, 10, 5, 95, 100, 1);
      for (int j = 0; j < train.nCols(); j++) {
        JsonNode e = grids.get(j);
        double[] expected = new double[e.size()];
        for (int k = 0; k < expected.length; k++) {
          expected[k] = e.get(k).doubleValue();
        }
        double[] got = IceCurves.grid(train, j, o);
        assertEquals(expected.length, got.length, train.featureNames().get(j) + " grid size " + g);
        for (int k = 0; k < expected.length; k++) {
          assertEquals(expected[k], got[k], 1e-12 * Math.max(1, Math.abs(expected[k])),
              train.featureNames().get(j) + " grid " + g + " point " + k);
        }
      }
    }
  }

  @Test
  void linearModelCurvesAreExact() {
    FeatureMatrix train = referenceMatrix();
    double[] w = {2.0, -1.0, 0.5, 3.0};
    ModelFunction f =
        rows -> {
          double[] out = new double[rows.length];
          for (int i = 0; i < rows.length; i++) {
            double s = 1.0;
            for (int j = 0; j < w.length; j++) {
              // a missing value contributes nothing, as a tree's default branch might
              s += Double.isNaN(rows[i][j]) ? 0.0 : w[j] * rows[i][j];
            }
            out[i] = s;
          }
          return out;
        };
    IceCurves.Options o = IceCurves.Options.defaults(3);
    IceResult r = IceCurves.compute(f, train, train, o);
    assertEquals(IceCurves.Options.DEFAULT_SAMPLE_ROWS, r.rows().size());
    for (int j = 0; j < w.length; j++) {
      IceResult.FeatureCurves fc = r.features().get(j);
      double meanOfRows = 0;
      for (int ri = 0; ri < r.rows().size(); ri++) {
        int row = r.rows().get(ri);
        double[] x = new double[w.length];
        for (int c = 0; c < w.length; c++) {
          x[c] = train.get(row, c);
        }
        double others = f.predict(new double[][] {x})[0]
            - (Double.isNaN(x[j]) ? 0.0 : w[j] * x[j]);
        for (int k = 0; k < fc.grid().size(); k++) {
          assertEquals(others + w[j] * fc.grid().get(k), fc.curves().get(ri).get(k), 1e-9,
              fc.feature() + " row " + row + " grid " + k);
        }
        meanOfRows += others;
      }
      meanOfRows /= r.rows().size();
      for (int k = 0; k < fc.grid().size(); k++) {
        assertEquals(meanOfRows + w[j] * fc.grid().get(k), fc.mean().get(k), 1e-9, "mean curve");
      }
    }
    IceResult again = IceCurves.compute(f, train, train,
        new IceCurves.Options(20, 100, 5, 95, 3, 3));
    assertEquals(Json.write(r), Json.write(again), "same seed, any batch size");
    IceResult other = IceCurves.compute(f, train, train, IceCurves.Options.defaults(4));
    assertNotEquals(r.rows(), other.rows());
    assertEquals(r, Json.read(Json.write(r), IceResult.class));
  }

  @Test
  void adapterRoundsToFloatAndPicksTheOutput() {
    List<String> names = List.of("a", "b");
    Model fake =
        new Model() {
          @Override
          public String learnerName() {
            return "fake";
          }

          @Override
          public Predictions predict(FeatureMatrix x) {
            double[][] p = new double[x.nRows()][];
            for (int i = 0; i < x.nRows(); i++) {
              double s = 1 / (1 + Math.exp(-(x.get(i, 0) - x.get(i, 1))));
              p[i] = new double[] {1 - s, s};
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
        };
    ModelFunction p1 = ModelFunction.of(fake, names, 1);
    ModelFunction p0 = ModelFunction.of(fake, names, 0);
    double[][] rows = {{0.1, 0.1}, {2.0, 0.0}};
    double[] a = p1.predict(rows);
    double[] b = p0.predict(rows);
    assertEquals(0.5, a[0]);
    assertEquals(1 / (1 + Math.exp(-2.0)), a[1], 1e-7);
    assertArrayEquals(new double[] {1 - a[0], 1 - a[1]}, b, 1e-15);
    assertThrows(IllegalArgumentException.class, () -> p1.predict(new double[][] {{1.0}}));
  }

  @Test
  void badSettingsAreRejected() {
    assertThrows(InvalidParameterException.class, () -> new IceCurves.Options(1, 10, 5, 95, 10, 1));
    assertThrows(InvalidParameterException.class, () -> new IceCurves.Options(5, 10, 95, 5, 10, 1));
    FeatureMatrix a = new FeatureMatrix(new float[] {1, 2}, 2, List.of("x"));
    FeatureMatrix b = new FeatureMatrix(new float[] {1, 2}, 2, List.of("y"));
    assertThrows(IllegalArgumentException.class,
        () -> IceCurves.compute(rows -> new double[rows.length], a, b, IceCurves.Options.defaults(1)));
  }
}
