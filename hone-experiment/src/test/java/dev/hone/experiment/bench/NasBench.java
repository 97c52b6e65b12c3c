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
 * Micro neural-architecture search on scikit-learn's 8x8 digits (or a seeded stratified subset of
 * MNIST's 10,000 test images): random search, regularized evolution (P = 4, S = 2) and TPE (group
 * mode, 4 start-up trials), each without and with Hyperband, over {@link NasSpaces#mlp()} and
 * {@link NasSpaces#cnn()}. Every study runs TRIALS trials (Adam, learning rate 3e-3, batch 64, no
 * early stopping), minimising the validation log loss after the last epoch of the trial's final
 * fit; the split is seeded with the study's seed, so all strategies of one seed see the same split.
 *
 * <p><b>Hyperband resources</b> (system property {@code nas.resource}):
 *
 * <ul>
 *   <li>{@code epochs} (default): Hyperband with r = 1, R = EPOCHS, η = 3 on the epochs trained;
 *       the learner reports the validation loss after each epoch and a stopped trial ends there.
 *   <li>{@code resolution} (CNN space only): Hyperband on the image side length, r = 1, R = 4,
 *       η = 2, i.e. rungs at 1/4, 1/2 and full resolution (28x28 MNIST: 7, 14, 28 pixels a side;
 *       images downscaled by area averaging, {@link ImageOps#downscale}). A trial of bracket s fits
 *       the network from scratch for EPOCHS epochs at each of its rungs' resolutions (the network's
 *       flatten layer ties its weights to the input size, so a rung cannot resume the previous
 *       one), reports that fit's last validation loss at the rung's step, and only a trial that is
 *       promoted past every rung of its bracket is fitted at full resolution. Epochs stay fixed.
 *       A resolution that divides neither side or leaves fewer than 4 pixels is dropped from the
 *       ladder (8x8 digits: rungs at 1/2 and full); an architecture whose pooling would shrink a
 *       rung's images below one pixel ({@code 2^conv_blocks} pixels a side are needed) is fitted at
 *       the next finer resolution instead, and charged for it.
 *   <li>{@code both}: the two Hyperband variants side by side (the MLP space runs only epochs).
 * </ul>
 *
 * <p>Compute is counted in full-resolution epoch equivalents: each epoch trained at {@code h x w}
 * adds {@code (h w) / (H W)}, the share of pixels that the convolutions process. The harness also
 * records the process CPU time (JVM plus PyTorch threads) after each trial, and prints per space,
 * strategy and pruner the mean and standard error over seeds of the best validation accuracy (full
 * resolution) among completed trials reached within a quarter, a half and all of the no-pruning
 * compute budget (TRIALS x EPOCHS), the test accuracy of the final best, the epochs trained, the
 * compute and the CPU and wall seconds. A two-trial warm-up study per space runs first.
 *
 * <p>Usage: {@code NasBench DATASETS_DIR [SEEDS=5] [TRIALS=12] [EPOCHS=9] [SPACES=mlp,cnn]}, with
 * system properties {@code nas.resource} (epochs|resolution|both), {@code nas.data}
 * (digits|mnist), {@code nas.strategies} (default random,evolution,tpe) and {@code nas.mnist}
 * (train,validation,test sizes of the MNIST subset; default 3000,1000,1000).
 */
public final class NasBench {
  private NasBench() {}

  /** One finished trial: cumulative compute after it and its accuracies (NaN when pruned). */
  private record Point(long epochs, double compute, double cpuSeconds, double valAcc,
      double testAcc) {}

  /** Train, validation and test images of one seed. */
  private record Splits(ImageDataset train, ImageDataset valid, ImageDataset test) {}

  /** How a study spends its compute. */
  private enum Mode { NONE, EPOCHS, RESOLUTION }

  public static void main(String[] args) {
    Path root = Path.of(args[0]);
    int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int trials = args.length > 2 ? Integer.parseInt(args[2]) : 12;
    int epochs = args.length > 3 ? Integer.parseInt(args[3]) : 9;
    String[] spaces = (args.length > 4 ? args[4] : "mlp,cnn").split(",");
    String resource = System.getProperty("nas.resource", "epochs");
    String dataName = System.getProperty("nas.data", "digits");
    String[] strategies = System.getProperty("nas.strategies", "random,evolution,tpe").split(",");
    if (!List.of("epochs", "resolution", "both").contains(resource)) {
      throw new IllegalArgumentException("RESOURCE was " + resource
          + " but must be epochs, resolution or both");
    }
    ImageDataset all;
    int[] sizes = null;
    if (dataName.equals("mnist")) {
      all = ImageReaders.readIdx(root.resolve("mnist/t10k-images-idx3-ubyte.gz"),
          root.resolve("mnist/t10k-labels-idx1-ubyte.gz"));
      sizes = java.util.Arrays.stream(System.getProperty("nas.mnist", "3000,1000,1000").split(","))
          .mapToInt(Integer::parseInt).toArray();
    } else if (dataName.equals("digits")) {
      all = ImageReaders.readDigitsCsv(root.resolve("sklearn_small/digits.csv.gz"));
    } else {
      throw new IllegalArgumentException("DATA was " + dataName + " but must be digits or mnist");
    }
    long budget = (long) trials * epochs;
    System.out.printf(Locale.ROOT,
        "# NAS on %s (%s), %d seeds, %d trials x %d epochs, budget %d full-resolution epochs,"
            + " resource %s, strategies %s%n",
        dataName, sizes == null ? all.n() + " images " + all.height() + "x" + all.width()
            : sizes[0] + "/" + sizes[1] + "/" + sizes[2] + " train/validation/test images "
                + all.height() + "x" + all.width(),
        seeds, trials, epochs, budget, resource, String.join(",", strategies));
    System.out.println("| space | strategy | pruner | best val acc @ 1/4 budget | @ 1/2 | @ end"
        + " | test acc of best | epochs trained | compute (full-res epochs) | CPU s | wall s |");
    System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    for (String spaceName : spaces) {
      NasSpaces.NasSpace space = spaceName.equals("mlp") ? NasSpaces.mlp() : NasSpaces.cnn();
      List<Mode> modes = new ArrayList<>(List.of(Mode.NONE));
      if (!resource.equals("resolution") || spaceName.equals("mlp")) {
        modes.add(Mode.EPOCHS);
      }
      if (!resource.equals("epochs") && spaceName.equals("cnn")) {
        modes.add(Mode.RESOLUTION);
      }
      // warm-up (class loading, JIT, PyTorch start-up), not reported
      runStudy(splits(all, sizes, 1000), space, "random", Mode.NONE, 1000, 2, 1);
      for (String strategy : strategies) {
        for (Mode mode : modes) {
          double[][] atBudget = new double[3][seeds];
          double[] test = new double[seeds];
          double[] ep = new double[seeds];
          double[] compute = new double[seeds];
          double[] cpu = new double[seeds];
          double[] wall = new double[seeds];
          for (int seed = 0; seed < seeds; seed++) {
            Splits data = splits(all, sizes, seed);
            long w0 = System.nanoTime();
            List<Point> points = runStudy(data, space, strategy, mode, seed, trials, epochs);
            wall[seed] = (System.nanoTime() - w0) / 1e9;
            double[] limits = {budget / 4.0, budget / 2.0, Double.MAX_VALUE};
            for (int k = 0; k < 3; k++) {
              atBudget[k][seed] = bestWithin(points, limits[k]).valAcc();
            }
            test[seed] = bestWithin(points, Double.MAX_VALUE).testAcc();
            Point last = points.get(points.size() - 1);
            ep[seed] = last.epochs();
            compute[seed] = last.compute();
            cpu[seed] = last.cpuSeconds();
          }
          String pruner = switch (mode) {
            case NONE -> "none";
            case EPOCHS -> "hyperband (epochs)";
            case RESOLUTION -> "hyperband (resolution)";
          };
          System.out.printf(Locale.ROOT,
              "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
              spaceName, strategy, pruner, ms(atBudget[0], 3), ms(atBudget[1], 3),
              ms(atBudget[2], 3), ms(test, 3), ms(ep, 0), ms(compute, 1), ms(cpu, 1),
              ms(wall, 1));
        }
      }
    }
  }

  /**
   * Digits: stratified 60/20/20 of all images. MNIST: a stratified subset of {@code sizes[0] +
   * sizes[1] + sizes[2]} images, then split stratified into those sizes (same seed).
   */
  private static Splits splits(ImageDataset all, int[] sizes, long seed) {
    ImageDataset pool = all;
    double tr = 0.6;
    double va = 0.2;
    double te = 0.2;
    if (sizes != null) {
      int used = sizes[0] + sizes[1] + sizes[2];
      if (used < all.n()) {
        pool = all.select(ImageOps.stratifiedSplit(all, used / (double) all.n(),
            1 - used / (double) all.n(), 0.0, seed).train());
      }
      tr = sizes[0] / (double) used;
      va = sizes[1] / (double) used;
      te = 1 - tr - va;
    }
    SplitIndices s = ImageOps.stratifiedSplit(pool, tr, va, te, seed);
    return new Splits(pool.select(s.train()), pool.select(s.validation()),
        pool.select(s.test()));
  }

  private static Point bestWithin(List<Point> points, double computeLimit) {
    Point best = new Point(0, 0, 0, 0.0, Double.NaN);
    for (Point p : points) {
      if (p.compute() <= computeLimit + 1e-9 && !Double.isNaN(p.valAcc())
          && p.valAcc() > best.valAcc()) {
        best = p;
      }
    }
    return best;
  }

  /**
   * The side-length downscale factors of the resolution ladder, coarsest first and ending with 1:
   * 4, 2, 1 where they divide both sides and leave at least 4 pixels a side.
   */
  static int[] ladder(ImageDataset d) {
    List<Integer> f = new ArrayList<>();
    for (int factor : new int[] {4, 2}) {
      if (d.height() % factor == 0 && d.width() % factor == 0 && d.height() / factor >= 4
          && d.width() / factor >= 4) {
        f.add(factor);
      }
    }
    f.add(1);
    return f.stream().mapToInt(Integer::intValue).toArray();
  }

  private static List<Point> runStudy(
      Splits data, NasSpaces.NasSpace space, String strategy, Mode mode, int seed,
      int trials, int epochs) {
    int[] ladder = ladder(data.train());
    int maxFactor = ladder[0];
    // downscaled copies by factor (1 = the images themselves)
    Map<Integer, FeatureMatrix> xTrainAt = new HashMap<>();
    Map<Integer, FeatureMatrix> xValAt = new HashMap<>();
    for (int factor : mode == Mode.RESOLUTION ? ladder : new int[] {1}) {
      xTrainAt.put(factor, ImageOps.downscale(data.train(), factor).toFeatureMatrix());
      xValAt.put(factor, ImageOps.downscale(data.valid(), factor).toFeatureMatrix());
    }
    double[] yTrain = data.train().labelsAsDouble();
    int[] yVal = data.valid().labels();
    FeatureMatrix xVal = xValAt.get(1);
    FeatureMatrix xTest = data.test().toFeatureMatrix();
    int[] yTest = data.test().labels();
    int fullArea = data.train().height() * data.train().width();
    Sampler sampler =
        switch (strategy) {
          case "random" -> new RandomSampler();
          case "evolution" -> new EvolutionSampler(4, 2);
          default -> new TpeSampler(
              TpeSampler.Options.defaults().withNStartupTrials(4).withMultivariate(true, true));
        };
    Pruner pruner =
        switch (mode) {
          case NONE -> Pruner.NONE;
          case EPOCHS -> new HyperbandPruner(1, epochs, 3);
          case RESOLUTION -> new HyperbandPruner(1, maxFactor, 2);
        };
    Study study = Study.createOrLoad(new InMemoryStudyStore(), "nas", Direction.MINIMIZE,
        sampler, pruner, seed);
    Learner learner = Learners.byName(space.learner());
    List<Point> points = new ArrayList<>();
    long[] epochCount = {0};
    double[] compute = {0};
    double cpu0 = processCpuSeconds();
    study.optimize(
        trial -> {
          Map<String, Object> p = new HashMap<>(NasSpaces.toLearnerParams(space.suggest(trial)));
          p.put("epochs", epochs);
          p.put("patience", 0);
          p.put("learning_rate", 3e-3);
          p.put("batch_size", 64);
          long fitSeed = dev.hone.core.random.Seeds.derive(seed, "trial-fit", trial.number());
          if (mode == Mode.RESOLUTION) {
            HyperbandPruner hb = (HyperbandPruner) pruner;
            for (long step : hb.schedule().bracketFor(seed, trial.number()).milestones()) {
              int factor = feasibleFactor(data.train(), (int) (maxFactor / step), p);
              double[] loss = {Double.NaN};
              ReportSink sink = countingSink(epochCount, compute,
                  area(data.train(), factor) / (double) fullArea, loss, ReportSink.NONE);
              try (Model m = fit(learner, p, xTrainAt.get(factor), yTrain, xValAt.get(factor),
                  yVal, fitSeed, sink)) {
                // the rung's value: validation loss after the last epoch at this resolution
              }
              trial.report((int) step, loss[0]);
              if (trial.shouldPrune()) {
                points.add(new Point(epochCount[0], compute[0], processCpuSeconds() - cpu0,
                    Double.NaN, Double.NaN));
                throw new TrialPrunedException("trial " + trial.number() + " pruned at 1/"
                    + factor + " resolution");
              }
            }
          }
          ReportSink inner = mode == Mode.EPOCHS ? trial.reportSink() : ReportSink.NONE;
          double[] lastLoss = {Double.NaN};
          ReportSink sink = countingSink(epochCount, compute, 1.0, lastLoss, inner);
          try (Model m = fit(learner, p, xTrainAt.get(1), yTrain, xVal, yVal, fitSeed, sink)) {
            if (mode == Mode.EPOCHS && trial.shouldPrune()) {
              points.add(new Point(epochCount[0], compute[0], processCpuSeconds() - cpu0,
                  Double.NaN, Double.NaN));
              throw new TrialPrunedException("trial " + trial.number() + " pruned");
            }
            points.add(new Point(epochCount[0], compute[0], processCpuSeconds() - cpu0,
                accuracy(m, xVal, yVal), accuracy(m, xTest, yTest)));
            return lastLoss[0];
          }
        },
        StopCondition.trials(trials),
        StudyListener.NONE);
    return points;
  }

  /** Counts each epoch (weighted by its share of full-resolution pixels) and keeps its loss. */
  private static ReportSink countingSink(long[] epochCount, double[] compute, double weight,
      double[] lastLoss, ReportSink inner) {
    return (step, loss) -> {
      epochCount[0]++;
      compute[0] += weight;
      lastLoss[0] = loss;
      return inner.report(step + 1, loss);
    };
  }

  private static Model fit(Learner learner, Map<String, Object> p, FeatureMatrix x, double[] y,
      FeatureMatrix xVal, int[] yVal, long seed, ReportSink sink) {
    return learner.fit(new FitRequest(x, y, xVal, toDouble(yVal), TaskType.MULTICLASS, 10,
        ParamSet.resolve(learner.paramSpecs(), p), seed, 1, sink));
  }

  private static int area(ImageDataset d, int factor) {
    return (d.height() / factor) * (d.width() / factor);
  }

  /**
   * {@code factor}, or the largest smaller one (down to 1) whose images survive the network's
   * pooling: {@code conv_blocks} 2x2 poolings need at least {@code 2^conv_blocks} pixels a side.
   */
  static int feasibleFactor(ImageDataset d, int factor, Map<String, Object> learnerParams) {
    Object pooling = learnerParams.get("pooling");
    if (pooling == null || "none".equals(String.valueOf(pooling))) {
      return factor;
    }
    int blocks = Integer.parseInt(String.valueOf(learnerParams.get("conv_blocks")));
    int need = 1 << blocks;
    int f = factor;
    while (f > 1 && (d.height() / f < need || d.width() / f < need)) {
      f /= 2;
    }
    return f;
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
