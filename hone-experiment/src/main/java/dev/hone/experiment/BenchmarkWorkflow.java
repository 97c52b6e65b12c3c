package dev.hone.experiment;

import dev.hone.core.data.TaskType;
import dev.hone.core.error.UserInputException;
import dev.hone.core.json.Json;
import dev.hone.core.model.FeatureMatrix;
import dev.hone.core.model.FitRequest;
import dev.hone.core.model.Learner;
import dev.hone.core.model.Model;
import dev.hone.core.model.Predictions;
import dev.hone.core.params.ParamSet;
import dev.hone.core.random.Seeds;
import dev.hone.eval.Metric;
import dev.hone.eval.benchmark.Baseline;
import dev.hone.eval.benchmark.Leaderboard;
import dev.hone.eval.benchmark.Leaderboards;
import dev.hone.eval.benchmark.Score;
import dev.hone.eval.leakage.LeakageChecker;
import dev.hone.eval.leakage.LeakageFinding;
import dev.hone.eval.leakage.LeakageOptions;
import dev.hone.eval.leakage.LeakageReport;
import dev.hone.eval.leakage.Severity;
import dev.hone.preprocess.FittedPreprocessor;
import dev.hone.preprocess.Preprocessor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code hone benchmark}: the same protocol for every dataset × learner × seed — load, split with
 * the seed (stratified 60/20/20, or the dataset's own test file with a 75/25 train/validation
 * split), check the split for leakage, fit preprocessing on the training split, fit the learner
 * (early stopping on validation), score once on the test split — then a leaderboard: mean with a
 * 95% interval per dataset and learner, average ranks across datasets, and paired Wilcoxon
 * signed-rank tests between learners (Holm-adjusted). The trivial baseline ({@link Baseline}:
 * class frequencies or the training mean) runs on every split so that every number has a floor.
 *
 * <p>Learners: {@code xgboost} (XGBoost at its documented defaults, early stopping on the
 * validation split) and {@code xgboost-depth2} (the same with {@code max_depth=2}, a deliberately
 * simpler model).
 */
public final class BenchmarkWorkflow {
  private static final Logger LOG = LoggerFactory.getLogger(BenchmarkWorkflow.class);

  /** Learner configurations {@code hone benchmark} knows. */
  public static final List<String> LEARNERS = List.of("xgboost", "xgboost-depth2");

  private BenchmarkWorkflow() {}

  /**
   * @param datasets registered dataset names
   * @param learners learner configurations from {@link #LEARNERS}
   * @param seeds number of seeds (1..100), seeds 0..seeds-1
   * @param metric metric name, or {@code null} for the first dataset's default objective
   * @param out output folder for {@code leaderboard.json} and {@code scores.csv}
   * @return the leaderboard
   */
  public static Leaderboard run(
      List<String> datasets, List<String> learners, int seeds, String metric, Path out) {
    if (datasets.isEmpty()) {
      throw new UserInputException("--datasets needs at least one dataset name");
    }
    if (seeds < 1 || seeds > 100) {
      throw new UserInputException("--seeds was " + seeds + " but must be in [1, 100]");
    }
    for (String l : learners) {
      if (!LEARNERS.contains(l)) {
        throw new UserInputException(
            "--learners names '" + l + "'; known learners are " + LEARNERS);
      }
    }
    AtomicFiles.checkWritableDirectory(out, "--out");
    Learner xgb = Learners.byName(TrainWorkflow.LEARNER);
    List<Score> scores = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Metric m = null;
    TaskType firstTask = null;
    for (String dataset : datasets) {
      TrainConfig cfg =
          new TrainConfig(dataset, null, null, null, null, List.of(), 1, null, 0, out, null, null,
              false, metric, "tpe", Runtime.getRuntime().availableProcessors(), null, 1, null);
      LoadedData data = DataLoading.load(cfg);
      TaskType task = data.train().task();
      firstTask = firstTask == null ? task : firstTask;
      Metric dm = metric == null ? Metric.defaultObjective(task) : Metric.parse(metric, task);
      if (m == null) {
        m = dm;
      } else if (m != dm) {
        throw new UserInputException(
            "dataset " + dataset + " (" + task.name().toLowerCase(Locale.ROOT) + ") is scored"
                + " with " + dm.metricName() + " but the benchmark uses " + m.metricName()
                + "; give --metric, or benchmark datasets of one task together");
      }
      for (int s = 0; s < seeds; s++) {
        Splits splits = Splits.make(data.train(), data.test(), s, false);
        LeakageReport leak =
            LeakageChecker.checkSplits(
                splits.train(), splits.validation(), splits.test(), LeakageOptions.defaults());
        for (LeakageFinding f : leak.findings()) {
          if (f.severity() == Severity.HIGH) {
            warnings.add(dataset + " seed " + s + ": " + f.message());
          }
        }
        FittedPreprocessor prep = Preprocessor.defaults().fit(splits.train());
        FeatureMatrix xTrain = prep.transform(splits.train());
        FeatureMatrix xValid = prep.transform(splits.validation());
        FeatureMatrix xTest = prep.transform(splits.test());
        double[] yTrain = prep.labels(splits.train());
        double[] yValid = prep.labels(splits.validation());
        double[] yTest = prep.labels(splits.test());
        int nClasses = task.isClassification() ? prep.classLabels().size() : 0;
        for (String learner : learners) {
          Map<String, Object> given = new LinkedHashMap<>();
          if (learner.equals("xgboost-depth2")) {
            given.put("max_depth", 2L);
          }
          ParamSet params = ParamSet.resolve(xgb.paramSpecs(), given);
          try (Model model =
              xgb.fit(
                  new FitRequest(
                      xTrain, yTrain, xValid, yValid, task, nClasses, params,
                      Seeds.derive(s, "benchmark-fit", 0),
                      Runtime.getRuntime().availableProcessors(), null))) {
            scores.add(new Score(dataset, learner, s, dm.compute(yTest, model.predict(xTest))));
          }
        }
        scores.add(
            new Score(dataset, Baseline.LEARNER_NAME, s,
                dm.compute(yTest, baseline(task, yTrain, nClasses, yTest.length))));
        LOG.info("benchmark: {} seed {} done", dataset, s);
      }
    }
    Leaderboard board =
        Leaderboards.build(
            scores,
            new Leaderboards.Options(
                m.metricName(), m.higherIsBetter(), Leaderboards.Pairing.DATASET_SEED),
            Baseline.forTask(firstTask));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("leaderboard", board);
    json.put("scores", scores);
    json.put("leakage_warnings", warnings);
    AtomicFiles.writeFile(out.resolve("leaderboard.json"), tmp -> Json.write(tmp, json));
    return board;
  }

  /** The trivial baseline's predictions: training class frequencies, or the training mean. */
  static Predictions baseline(TaskType task, double[] yTrain, int nClasses, int n) {
    if (!task.isClassification()) {
      double mean = 0;
      for (double y : yTrain) {
        mean += y / yTrain.length;
      }
      double[] v = new double[n];
      java.util.Arrays.fill(v, mean);
      return new Predictions(task, null, v);
    }
    double[] freq = new double[nClasses];
    for (double y : yTrain) {
      freq[(int) y] += 1.0 / yTrain.length;
    }
    double[][] p = new double[n][];
    for (int i = 0; i < n; i++) {
      p[i] = freq.clone();
    }
    return new Predictions(task, p, null);
  }

  /** A plain-text leaderboard for the terminal. */
  public static String format(Leaderboard b) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-24s %-16s %4s %10s %22s%n",
        "dataset", "learner", "n", b.metric(), "95% interval"));
    for (Leaderboard.Cell c : b.cells()) {
      sb.append(String.format(Locale.ROOT, "%-24s %-16s %4d %10.4f   [%8.4f, %8.4f]%n",
          c.dataset(), c.learner(), c.n(), c.mean(), c.lower(), c.upper()));
    }
    sb.append("average rank:");
    for (Leaderboard.Rank r : b.ranks()) {
      sb.append(String.format(Locale.ROOT, " %s %.2f", r.learner(), r.averageRank()));
    }
    sb.append(System.lineSeparator());
    for (Leaderboard.PairedTest t : b.tests()) {
      sb.append(String.format(Locale.ROOT,
          "%s vs %s: %d pairs, mean difference %.4f, Wilcoxon p = %.3g (Holm %.3g)%n",
          t.learnerA(), t.learnerB(), t.pairs(), t.meanDifference(), t.pValue(), t.pValueHolm()));
    }
    return sb.toString();
  }
}
