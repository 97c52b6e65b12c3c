package dev.hone.robustness.bench;

import dev.hone.core.data.Table;
import dev.hone.core.model.FeatureMatrix;
import dev.hone.core.model.FitRequest;
import dev.hone.core.model.Model;
import dev.hone.core.params.ParamSet;
import dev.hone.data.LabelledTableBuilder;
import dev.hone.data.PreparedTable;
import dev.hone.data.registry.DatasetRegistry;
import dev.hone.data.registry.ResolvedDataset;
import dev.hone.learner.xgboost.XGBoostLearner;
import dev.hone.learner.xgboost.XGBoostParams;
import dev.hone.preprocess.FittedPreprocessor;
import dev.hone.preprocess.Preprocessor;
import dev.hone.robustness.AttackResult;
import dev.hone.robustness.Classifier;
import dev.hone.robustness.GradientAttack;
import dev.hone.robustness.HopSkipJump;
import dev.hone.robustness.MnistBench;
import dev.hone.robustness.Norm;
import dev.hone.robustness.PerturbationDomain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Attack throughput (attacked rows per second): FGSM and PGD-20 (L∞ ε = 0.1) on the pure-Java
 * 784-100-10 MLP over 1,000 MNIST images, and HopSkipJump (L∞, 20 iterations) on an XGBoost model
 * of adult (200 trees, depth 6) over 100 correctly classified rows. One warm-up, then REPEATS timed
 * runs; medians printed. Usage: {@code AttackThroughput [REPEATS=3]}.
 */
public final class AttackThroughput {
  private AttackThroughput() {}

  public static void main(String[] args) throws Exception {
    int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    MnistBench mnist = MnistBench.prepare(1000);
    GradientAttack fgsm = GradientAttack.fgsm(Norm.LINF, 0.1);
    GradientAttack pgd = GradientAttack.pgd(Norm.LINF, 0.1, 20, 1);
    report("FGSM (MLP 784-100-10, MNIST, 1000 rows)", repeats, 1000, () -> mnist.attack(fgsm));
    report("PGD-20 (MLP 784-100-10, MNIST, 1000 rows)", repeats, 1000, () -> mnist.attack(pgd));

    Path tmp = Files.createTempDirectory("hone-robust-bench");
    String p = System.getProperty("hone.shared.datasets", System.getenv("HONE_DATA_MIRROR"));
    DatasetRegistry reg =
        new DatasetRegistry(tmp, Path.of(p), DatasetRegistry.builtIn(), false, Duration.ofMinutes(1));
    ResolvedDataset ds = reg.resolve("adult");
    Table raw = ds.readTrain();
    PreparedTable t = LabelledTableBuilder.prepare(raw, ds.target(), ds.task(), List.of(), "adult");
    FittedPreprocessor prep = Preprocessor.defaults().fit(t.table());
    FeatureMatrix x = prep.transform(t.table());
    double[] y = prep.labels(t.table());
    int nTrain = x.nRows() * 4 / 5;
    int[] trainIdx = new int[nTrain];
    for (int i = 0; i < nTrain; i++) {
      trainIdx[i] = i;
    }
    FeatureMatrix xTr = x.select(trainIdx);
    double[] yTr = Arrays.copyOf(y, nTrain);
    ParamSet ps =
        ParamSet.resolve(XGBoostParams.all(), Map.of("n_estimators", 200L, "max_depth", 6L));
    try (Model m =
        new XGBoostLearner()
            .fit(new FitRequest(xTr, yTr, null, null, ds.task(), 2, ps, 1, 1, null))) {
      List<String> names = x.featureNames();
      double[][] rowsTr = rows(xTr);
      Map<String, String> held = new LinkedHashMap<>();
      for (String f : names) {
        if (f.contains("=")) {
          held.put(f, "one-hot");
        }
      }
      PerturbationDomain dom = PerturbationDomain.fromTraining(rowsTr, names, held);
      Classifier clf = Classifier.of(m, names);
      List<double[]> picked = new ArrayList<>();
      List<Integer> labels = new ArrayList<>();
      double[][] rest = rows(x);
      int[] pred = clf.predict(Arrays.copyOfRange(rest, nTrain, rest.length));
      for (int i = nTrain; i < rest.length && picked.size() < 100; i++) {
        if (pred[i - nTrain] == (int) y[i]) {
          try {
            dom.checkInside(new double[][] {rest[i]});
            picked.add(rest[i]);
            labels.add((int) y[i]);
          } catch (RuntimeException outside) {
            // outside the training range: not attacked
          }
        }
      }
      double[][] xa = picked.toArray(new double[0][]);
      int[] ya = labels.stream().mapToInt(Integer::intValue).toArray();
      HopSkipJump hsj = HopSkipJump.defaults(Norm.LINF, 1).withMaxIter(20);
      long[] q = {0};
      double[] flipped = {0};
      report("HopSkipJump L∞ 20 iterations (XGBoost adult, 200 trees depth 6, " + xa.length + " rows)",
          repeats, xa.length, () -> {
            AttackResult r = hsj.generate(clf, dom, xa, ya);
            q[0] = r.queries();
            flipped[0] = 0;
            for (double d : r.norm()) {
              flipped[0] += d <= 1.0 ? 1 : 0;
            }
          });
      System.out.printf(
          Locale.ROOT, "  HopSkipJump: %.0f model queries per row; %.0f%% of rows flipped within ε = 1 std%n",
          (double) q[0] / xa.length, 100 * flipped[0] / xa.length);
    }
  }

  interface Run {
    void run() throws Exception;
  }

  static void report(String what, int repeats, int rows, Run r) throws Exception {
    r.run(); // warm-up
    double[] secs = new double[repeats];
    for (int k = 0; k < repeats; k++) {
      long t0 = System.nanoTime();
      r.run();
      secs[k] = (System.nanoTime() - t0) / 1e9;
    }
    Arrays.sort(secs);
    double med = secs[repeats / 2];
    System.out.printf(
        Locale.ROOT, "%-80s median %.3f s  %.1f rows/s  (runs: %s)%n", what, med, rows / med,
        Arrays.toString(secs));
  }

  static double[][] rows(FeatureMatrix x) {
    double[][] out = new double[x.nRows()][x.nCols()];
    for (int i = 0; i < x.nRows(); i++) {
      for (int j = 0; j < x.nCols(); j++) {
        out[i][j] = x.get(i, j);
      }
    }
    return out;
  }
}
