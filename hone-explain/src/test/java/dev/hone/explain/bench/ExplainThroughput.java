package dev.hone.explain.bench;

import dev.hone.core.data.TaskType;
import dev.hone.core.model.FeatureMatrix;
import dev.hone.core.random.Seeds;
import dev.hone.explain.Background;
import dev.hone.explain.ContributionExplainer;
import dev.hone.explain.ContributionSource;
import dev.hone.explain.KernelShap;
import dev.hone.explain.Matrices;
import dev.hone.explain.OutputSpace;
import dev.hone.explain.PredictFunction;
import dev.hone.explain.RealData;
import dev.hone.explain.tree.TreeEnsemble;
import dev.hone.explain.tree.TreeShap;
import dev.hone.explain.tree.XGBoostJson;
import dev.hone.learner.xgboost.XGBoostModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Throughput of the explainers (run by {@code bench/explain_throughput.sh}): KernelSHAP rows/s at
 * 10, 20 and 50 features with 100 background rows and the default budget, on an XGBoost model
 * (100 trees, depth 6), with the share of time spent inside the model's prediction; TreeSHAP rows/s
 * on Adult, Hone's path-dependent implementation against XGBoost's own {@code predictContrib}.
 * Each measurement: one warm-up, then {@code repeats} timed runs; medians are printed.
 *
 * <p>Arguments: {@code [repeats=3] [kernelRows=8] [treeRows=2000]}; 0 rows skips that part.
 */
public final class ExplainThroughput {
  private ExplainThroughput() {}

  /** Native XGBoost threads for fitting and prediction (the machine's cores). */
  static final int THREADS = Runtime.getRuntime().availableProcessors();

  /** Counts the time spent inside the wrapped function. */
  static final class Timed implements PredictFunction {
    final PredictFunction f;
    long nanos;
    long rows;

    Timed(PredictFunction f) {
      this.f = f;
    }

    @Override
    public int nFeatures() {
      return f.nFeatures();
    }

    @Override
    public int nOutputs() {
      return f.nOutputs();
    }

    @Override
    public OutputSpace outputSpace() {
      return f.outputSpace();
    }

    @Override
    public double[][] apply(double[][] x) {
      long t = System.nanoTime();
      double[][] y = f.apply(x);
      nanos += System.nanoTime() - t;
      rows += x.length;
      return y;
    }
  }

  public static void main(String[] args) throws Exception {
    int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int kernelRows = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int treeRows = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
    System.out.printf(
        Locale.ROOT, "machine: %d cores, %s %s%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name"), System.getProperty("java.version"));
    if (kernelRows > 0) {
      System.out.println();
      System.out.println(
          "KernelSHAP, XGBoost margin (100 trees, depth 6), 100 background rows, default budget 2048+2M");
      System.out.printf(
          Locale.ROOT, "%-9s %12s %16s %18s %14s%n", "features", "rows/s", "model rows/s",
          "in prediction %", "coalitions/row");
      for (int m : new int[] {10, 20, 50}) {
        kernel(m, repeats, kernelRows);
      }
    }
    System.out.println();
    if (treeRows > 0) {
      tree(repeats, treeRows);
    }
  }

  static void kernel(int m, int repeats, int nRows) {
    SplittableRandom rng = Seeds.rng(1, "bench-data", m);
    int n = 3000;
    float[] data = new float[n * m];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < m; j++) {
        float v = (float) (rng.nextDouble() * 2 - 1);
        data[i * m + j] = v;
        s += (j % 3 == 0 ? 1 : 0.3) * v;
      }
      s += data[i * m] * data[i * m + 1] + rng.nextDouble() * 0.5;
      y[i] = s > 0 ? 1 : 0;
    }
    List<String> names = new ArrayList<>();
    for (int j = 0; j < m; j++) {
      names.add("x" + j);
    }
    FeatureMatrix x = new FeatureMatrix(data, n, names);
    try (XGBoostModel model =
        RealData.fit(x, y, TaskType.BINARY, 2, Map.of("n_estimators", 100L, "max_depth", 6L), 1, THREADS)) {
      double[][] rows = Matrices.toRows(x);
      Background bg = Background.sample(rows, 100, 5);
      double[][] explain = Arrays.copyOfRange(rows, 1000, 1000 + nRows);
      double[] rate = new double[repeats];
      double[] modelRate = new double[repeats];
      double[] share = new double[repeats];
      long coalitions = 0;
      for (int r = -1; r < repeats; r++) {
        Timed f =
            new Timed(PredictFunction.overFeatureMatrix(names, 1, OutputSpace.MARGIN, null, model::predictMargin));
        KernelShap ks = new KernelShap(f, names, bg, null, KernelShap.Options.defaults(r + 10));
        f.nanos = 0;
        f.rows = 0;
        long t0 = System.nanoTime();
        var e = ks.explain(explain, null).get(0);
        long dt = System.nanoTime() - t0;
        if (r >= 0) {
          rate[r] = nRows / (dt / 1e9);
          modelRate[r] = f.rows / (dt / 1e9);
          share[r] = 100.0 * f.nanos / dt;
          coalitions = ((Number) e.parameters().get("coalitions_evaluated")).longValue() / nRows;
        }
      }
      System.out.printf(
          Locale.ROOT, "%-9d %12.2f %16.0f %18.1f %14d%n", m, median(rate), median(modelRate), median(share),
          coalitions);
    }
  }

  static void tree(int repeats, int nRows) throws Exception {
    Path tmp = Files.createTempDirectory("hone-bench");
    RealData.Prepared d = RealData.load("adult", tmp.resolve("cache"));
    try (XGBoostModel model =
        RealData.fit(d.x(), d.y(), d.task(), d.nClasses(), Map.of("n_estimators", 100L, "max_depth", 6L), 2, THREADS)) {
      model.save(tmp.resolve("model"));
      TreeEnsemble e = XGBoostJson.parse(tmp.resolve("model").resolve("model.json"), model.bestIteration() + 1);
      TreeShap hone = new TreeShap(e);
      int[] idx = new int[nRows];
      for (int i = 0; i < nRows; i++) {
        idx[i] = (int) ((long) i * d.x().nRows() / nRows);
      }
      double[][] rows = Matrices.toRows(d.x().select(idx));
      ContributionSource src =
          new ContributionSource() {
            @Override
            public List<String> featureNames() {
              return model.featureNames();
            }

            @Override
            public int nOutputs() {
              return 1;
            }

            @Override
            public double[][] contributions(double[][] x, int output) {
              return model.predictContrib(Matrices.toFeatureMatrix(x, featureNames()), output);
            }

            @Override
            public double[][] margins(double[][] x) {
              return model.predictMargin(Matrices.toFeatureMatrix(x, featureNames()));
            }
          };
      ContributionExplainer engine = new ContributionExplainer(src);
      double[] honeRate = new double[repeats];
      double[] hone2Rate = new double[repeats];
      double[] xgbRate = new double[repeats];
      double[] rawRate = new double[repeats];
      FeatureMatrix fm = d.x().select(idx);
      for (int r = -1; r < repeats; r++) {
        long t0 = System.nanoTime();
        hone.explain(rows, null);
        long t1a = System.nanoTime();
        hone.explain(rows, null, 2);
        long t1 = System.nanoTime();
        engine.explain(rows, null);
        long t2 = System.nanoTime();
        model.predictContrib(fm);
        long t3 = System.nanoTime();
        if (r >= 0) {
          honeRate[r] = nRows / ((t1a - t0) / 1e9);
          hone2Rate[r] = nRows / ((t1 - t1a) / 1e9);
          xgbRate[r] = nRows / ((t2 - t1) / 1e9);
          rawRate[r] = nRows / ((t3 - t2) / 1e9);
        }
      }
      System.out.printf(
          Locale.ROOT, "TreeSHAP on adult: %d trees, max depth %d, %d features, %d rows%n",
          e.trees().size(), e.maxDepth(), e.nFeatures(), nRows);
      System.out.printf(Locale.ROOT, "%-52s %12s%n", "implementation", "rows/s");
      System.out.printf(Locale.ROOT, "%-52s %12.0f%n", "Hone TreeShap (Java, 1 thread)", median(honeRate));
      System.out.printf(Locale.ROOT, "%-52s %12.0f%n", "Hone TreeShap (Java, 2 threads)", median(hone2Rate));
      System.out.printf(
          Locale.ROOT, "%-52s %12.0f%n", "XGBoost predictContrib via ContributionExplainer", median(xgbRate));
      System.out.printf(
          Locale.ROOT, "%-52s %12.0f%n", "XGBoost predictContrib alone (native, all threads)", median(rawRate));
    }
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
  }
}
