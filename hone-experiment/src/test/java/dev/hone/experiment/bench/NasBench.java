package dev.hone.experiment.bench;

import dev.hone.core.data.TaskType;
import dev.hone.core.model.FeatureMatrix;
import dev.hone.core.model.FitRequest;
import dev.hone.core.model.Learner;
import dev.hone.core.model.Model;
import dev.hone.core.model.ReportSink;
import dev.hone.core.params.ParamSet;
import dev.hone.data.image.ImageDataset;
import dev.hone.data.image.ImageOps;
import dev.hone.data.image.ImageReaders;
import dev.hone.data.split.SplitIndices;
import dev.hone.experiment.Learners;
import dev.hone.experiment.NasSpaces;
import dev.hone.search.pruner.HyperbandPruner;
import dev.hone.search.pruner.Pruner;
import dev.hone.search.sampler.EvolutionSampler;
import dev.hone.search.sampler.RandomSampler;
import dev.hone.search.sampler.Sampler;
import dev.hone.search.sampler.TpeSampler;
import dev.hone.search.store.InMemoryStudyStore;
import dev.hone.search.study.Direction;
import dev.hone.search.study.StopCondition;
import dev.hone.search.study.Study;
import dev.hone.search.study.StudyListener;
import dev.hone.search.study.TrialPrunedException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Micro neural-architecture search on scikit-learn's 8x8 digits: random search, regularized
 * evolution (P = 4, S = 2) and TPE (group mode, 4 start-up trials), each without and with
 * Hyperband (resource = epochs trained, r = 1, R = EPOCHS, eta = 3), over {@link NasSpaces#mlp()}
 * and {@link NasSpaces#cnn()}. Every study runs TRIALS trials of at most EPOCHS epochs (Adam,
 * learning rate 3e-3, batch 64, no early stopping: epochs are the resource), minimising the
 * validation log loss the learner reports after each epoch; the split (60/20/20, stratified) is
 * seeded with the study's seed, so all strategies of one seed see the same split. For each trial
 * the harness records the epochs trained and the process CPU time (JVM plus PyTorch threads); it
 * prints, per space and strategy, the mean and standard error over seeds of the best validation
 * accuracy among completed trials reached within a quarter, a half and all of the no-pruning
 * epoch budget (TRIALS x EPOCHS), the test accuracy of the final best, the epochs trained and the
 * CPU seconds. A two-trial warm-up study per space runs first and is not reported.
 *
 * <p>Usage: {@code NasBench DATASETS_DIR [SEEDS=5] [TRIALS=12] [EPOCHS=9] [SPACES=mlp,cnn]}
 */
public final class NasBench {
  private NasBench() {}

  /** One finished trial: cumulative compute after it and its accuracies (NaN when pruned). */
  private record Point(long epochs, double cpuSeconds, double valAcc, double testAcc) {}

  public static void main(String[] args) {
    Path root = Path.of(args[0]);
    int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int trials = args.length > 2 ? Integer.parseInt(args[2]) : 12;
    int epochs = args.length > 3 ? Integer.parseInt(args[3]) : 9;
    String[] spaces = (args.length > 4 ? args[4] : "mlp,cnn").split(",");
    ImageDataset all = ImageReaders.readDigitsCsv(root.resolve("sklearn_small/digits.csv.gz"));
    String[] strategies = {"random", "evolution", "tpe"};
    long budget = (long) trials * epochs;
    System.out.printf(Locale.ROOT,
        "# NAS on sklearn digits 8x8 (%d images), %d seeds, %d trials x <= %d epochs,"
            + " budget %d epochs%n", all.labels().length, seeds, trials, epochs, budget);
    System.out.println("| space | strategy | pruner | best val acc @ 1/4 budget | @ 1/2 | @ end"
        + " | test acc of best | epochs trained | CPU s | wall s |");
    System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    for (String spaceName : spaces) {
      NasSpaces.NasSpace space = spaceName.equals("mlp") ? NasSpaces.mlp() : NasSpaces.cnn();
      // warm-up (class loading, JIT, PyTorch start-up), not reported
      runStudy(all, space, "random", false, 1000, 2, 1);
      for (String strategy : strategies) {
        for (boolean hyperband : new boolean[] {false, true}) {
          double[][] atBudget = new double[3][seeds];
          double[] test = new double[seeds];
          double[] ep = new double[seeds];
          double[] cpu = new double[seeds];
          double[] wall = new double[seeds];
          for (int seed = 0; seed < seeds; seed++) {
            long w0 = System.nanoTime();
            List<Point> points = runStudy(all, space, strategy, hyperband, seed, trials, epochs);
            wall[seed] = (System.nanoTime() - w0) / 1e9;
            long[] limits = {budget / 4, budget / 2, Long.MAX_VALUE};
            for (int k = 0; k < 3; k++) {
              atBudget[k][seed] = bestWithin(points, limits[k]).valAcc();
            }
            test[seed] = bestWithin(points, Long.MAX_VALUE).testAcc();
            Point last = points.get(points.size() - 1);
            ep[seed] = last.epochs();
            cpu[seed] = last.cpuSeconds();
          }
          System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
              spaceName, strategy, hyperband ? "hyperband" : "none", ms(atBudget[0], 3),
              ms(atBudget[1], 3), ms(atBudget[2], 3), ms(test, 3), ms(ep, 0), ms(cpu, 1),
              ms(wall, 1));
        }
      }
    }
  }

  private static Point bestWithin(List<Point> points, long epochLimit) {
    Point best = new Point(0, 0, 0.0, Double.NaN);
    for (Point p : points) {
      if (p.epochs() <= epochLimit && !Double.isNaN(p.valAcc()) && p.valAcc() > best.valAcc()) {
        best = p;
      }
    }
    return best;
  }

  private static List<Point> runStudy(
      ImageDataset all, NasSpaces.NasSpace space, String strategy, boolean hyperband, int seed,
      int trials, int epochs) {
    SplitIndices s = ImageOps.stratifiedSplit(all, 0.6, 0.2, 0.2, seed);
    FeatureMatrix xTrain = all.select(s.train()).toFeatureMatrix();
    double[] yTrain = all.select(s.train()).labelsAsDouble();
    FeatureMatrix xVal = all.select(s.validation()).toFeatureMatrix();
    int[] yVal = all.select(s.validation()).labels();
    FeatureMatrix xTest = all.select(s.test()).toFeatureMatrix();
    int[] yTest = all.select(s.test()).labels();
    Sampler sampler =
        switch (strategy) {
          case "random" -> new RandomSampler();
          case "evolution" -> new EvolutionSampler(4, 2);
          default -> new TpeSampler(
              TpeSampler.Options.defaults().withNStartupTrials(4).withMultivariate(true, true));
        };
    Pruner pruner = hyperband ? new HyperbandPruner(1, epochs, 3) : Pruner.NONE;
    Study study = Study.createOrLoad(new InMemoryStudyStore(), "nas", Direction.MINIMIZE,
        sampler, pruner, seed);
    Learner learner = Learners.byName(space.learner());
    List<Point> points = new ArrayList<>();
    long[] epochCount = {0};
    double cpu0 = processCpuSeconds();
    study.optimize(
        trial -> {
          Map<String, Object> p = new HashMap<>(NasSpaces.toLearnerParams(space.suggest(trial)));
          p.put("epochs", epochs);
          p.put("patience", 0);
          p.put("learning_rate", 3e-3);
          p.put("batch_size", 64);
          ReportSink inner = hyperband ? trial.reportSink() : ReportSink.NONE;
          double[] lastLoss = {Double.NaN};
          ReportSink sink = (step, loss) -> {
            epochCount[0]++;
            lastLoss[0] = loss;
            return inner.report(step + 1, loss);
          };
          try (Model m = learner.fit(new FitRequest(xTrain, yTrain, xVal, toDouble(yVal),
              TaskType.MULTICLASS, 10, ParamSet.resolve(learner.paramSpecs(), p),
              dev.hone.core.random.Seeds.derive(seed, "trial-fit", trial.number()), 1, sink))) {
            if (trial.shouldPrune()) {
              points.add(new Point(epochCount[0], processCpuSeconds() - cpu0, Double.NaN,
                  Double.NaN));
              throw new TrialPrunedException("trial " + trial.number() + " pruned");
            }
            points.add(new Point(epochCount[0], processCpuSeconds() - cpu0,
                accuracy(m, xVal, yVal), accuracy(m, xTest, yTest)));
            return lastLoss[0];
          }
        },
        StopCondition.trials(trials),
        StudyListener.NONE);
    return points;
  }

  private static double accuracy(Model m, FeatureMatrix x, int[] y) {
    int[] pred = m.predict(x).predictedClasses();
    int ok = 0;
    for (int i = 0; i < pred.length; i++) {
      ok += pred[i] == y[i] ? 1 : 0;
    }
    return ok / (double) pred.length;
  }

  private static double[] toDouble(int[] y) {
    double[] d = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      d[i] = y[i];
    }
    return d;
  }

  private static double processCpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean)
            ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
  }

  /** "mean ± standard error" over seeds. */
  private static String ms(double[] v, int digits) {
    double mean = 0;
    for (double x : v) {
      mean += x;
    }
    mean /= v.length;
    double ss = 0;
    for (double x : v) {
      ss += (x - mean) * (x - mean);
    }
    double se = v.length > 1 ? Math.sqrt(ss / (v.length - 1) / v.length) : 0;
    String f = "%." + digits + "f ± %." + digits + "f";
    return String.format(Locale.ROOT, f, mean, se);
  }
}
