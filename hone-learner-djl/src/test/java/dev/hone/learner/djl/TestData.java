package dev.hone.learner.djl;

import dev.hone.core.data.TaskType;
import dev.hone.core.model.FeatureMatrix;
import dev.hone.core.model.FitRequest;
import dev.hone.core.model.ReportSink;
import dev.hone.core.params.ParamSet;
import dev.hone.core.params.ParamSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** Small datasets from the shared mirror, split deterministically by row index. */
final class TestData {
  private TestData() {}

  /** Features and labels of a dataset. */
  record Xy(float[][] x, double[] y) {
    FeatureMatrix matrix(int[] rows) {
      int f = x[0].length;
      float[] d = new float[rows.length * f];
      List<String> names = new ArrayList<>();
      for (int j = 0; j < f; j++) {
        names.add("f" + j);
      }
      for (int i = 0; i < rows.length; i++) {
        System.arraycopy(x[rows[i]], 0, d, i * f, f);
      }
      return new FeatureMatrix(d, rows.length, names);
    }

    double[] labels(int[] rows) {
      double[] out = new double[rows.length];
      for (int i = 0; i < rows.length; i++) {
        out[i] = y[rows[i]];
      }
      return out;
    }

    /** Rows with {@code i % mod == rem} (or != when {@code keep} is false). */
    int[] rows(int mod, int rem, boolean keep) {
      List<Integer> out = new ArrayList<>();
      for (int i = 0; i < y.length; i++) {
        if ((i % mod == rem) == keep) {
          out.add(i);
        }
      }
      return out.stream().mapToInt(Integer::intValue).toArray();
    }
  }

  static Path datasets() {
    String p = System.getProperty("hone.shared.datasets");
    if (p == null || !Files.isDirectory(Path.of(p))) {
      throw new IllegalStateException(
          "the shared datasets are missing: set -Dhone.shared.datasets=<dir> (surefire sets it to "
              + "../shared/datasets); got " + p);
    }
    return Path.of(p);
  }

  /** breast_cancer.csv: 569 rows, 30 features, label 0/1 (line 1 is not a header). */
  static Xy breastCancer() throws IOException {
    return csv(datasets().resolve("sklearn_small/breast_cancer.csv"), 1, 1.0);
  }

  /** digits.csv.gz: 1797 rows, 64 pixels 0..16 scaled to [0, 1], label 0..9. */
  static Xy digits() throws IOException {
    return csv(datasets().resolve("sklearn_small/digits.csv.gz"), 0, 1.0 / 16);
  }

  private static Xy csv(Path file, int skip, double scale) throws IOException {
    List<float[]> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    var in = Files.newInputStream(file);
    var stream = file.toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        if (n++ < skip || line.isBlank()) {
          continue;
        }
        String[] parts = line.split(",");
        float[] row = new float[parts.length - 1];
        for (int j = 0; j < row.length; j++) {
          row[j] = (float) (Double.parseDouble(parts[j]) * scale);
        }
        xs.add(row);
        ys.add(Double.parseDouble(parts[parts.length - 1]));
      }
    }
    return new Xy(xs.toArray(float[][]::new), ys.stream().mapToDouble(Double::doubleValue).toArray());
  }

  static FitRequest request(
      FeatureMatrix train, double[] y, FeatureMatrix val, double[] yv, TaskType task, int k,
      List<ParamSpec> specs, Map<String, ?> params, long seed, ReportSink sink) {
    return new FitRequest(
        train, y, val, yv, task, k, ParamSet.resolve(specs, params), seed, 1, sink);
  }

  static double accuracy(int[] predicted, double[] y) {
    int ok = 0;
    for (int i = 0; i < y.length; i++) {
      if (predicted[i] == (int) y[i]) {
        ok++;
      }
    }
    return ok / (double) y.length;
  }
}
