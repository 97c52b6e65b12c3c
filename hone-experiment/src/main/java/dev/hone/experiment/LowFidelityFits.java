package dev.hone.experiment;

import dev.hone.core.data.TaskType;
import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.model.FeatureMatrix;
import dev.hone.core.model.FitRequest;
import dev.hone.core.model.Learner;
import dev.hone.core.model.Model;
import dev.hone.core.model.Predictions;
import dev.hone.core.model.ReportSink;
import dev.hone.core.model.ResolutionScalable;
import dev.hone.core.params.ParamSet;
import dev.hone.data.split.Subsample;
import dev.hone.eval.Metric;
import dev.hone.search.fidelity.Fidelity;
import dev.hone.search.fidelity.FidelityKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fits one configuration at a {@link Fidelity} and scores it on the whole validation split.
 *
 * <ul>
 *   <li>rows: a seeded stratified subsample of the training rows ({@link
 *       Subsample#stratifiedRows}, by class for classification), the same for every configuration;
 *   <li>features: a seeded subset of the feature columns ({@link Subsample#columns}), applied to
 *       training and validation alike;
 *   <li>rounds: {@code n_estimators} (or the learner's own rounds parameter, {@code epochs} for
 *       networks) capped at {@code ceil(fraction × n_estimators)} (early stopping still applies);
 *   <li>resolution: delegated to a learner implementing {@link ResolutionScalable}; refused
 *       otherwise.
 * </ul>
 *
 * Subsamples depend on the run's seed and the fraction only. Thread-safe: subsamples are cached in
 * concurrent maps and each fit owns its model.
 */
final class LowFidelityFits {
  /** Name of the learner parameter holding the maximum number of boosting rounds. */
  static final String ROUNDS_PARAM = "n_estimators";

  private final Learner learner;
  private final TaskType task;
  private final int nClasses;
  private final FeatureMatrix xTrain;
  private final double[] yTrain;
  private final FeatureMatrix xValid;
  private final double[] yValid;
  private final Metric objective;
  private final long seed;
  private final int threads;
  private final String roundsParam;
  private final Map<Double, int[]> rowCache = new ConcurrentHashMap<>();
  private final Map<Double, int[]> colCache = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicLong fitNanos =
      new java.util.concurrent.atomic.AtomicLong();

  LowFidelityFits(
      Learner learner, TaskType task, int nClasses, FeatureMatrix xTrain, double[] yTrain,
      FeatureMatrix xValid, double[] yValid, Metric objective, long seed, int threads) {
    this(learner, task, nClasses, xTrain, yTrain, xValid, yValid, objective, seed, threads,
        ROUNDS_PARAM);
  }

  /** As above, with the name of the learner parameter that counts rounds (e.g. {@code epochs}). */
  LowFidelityFits(
      Learner learner, TaskType task, int nClasses, FeatureMatrix xTrain, double[] yTrain,
      FeatureMatrix xValid, double[] yValid, Metric objective, long seed, int threads,
      String roundsParam) {
    this.roundsParam = roundsParam;
    this.learner = learner;
    this.task = task;
    this.nClasses = nClasses;
    this.xTrain = xTrain;
    this.yTrain = yTrain;
    this.xValid = xValid;
    this.yValid = yValid;
    this.objective = objective;
    this.seed = seed;
    this.threads = threads;
  }

  /**
   * One fit's outcome.
   *
   * @param score validation objective
   * @param seconds wall time of the fit and the validation prediction
   * @param bestIteration the learner's best iteration, or {@code null}
   */
  record Result(double score, double seconds, Object bestIteration) {}

  /** The learner's name. */
  String learnerName() {
    return learner.name();
  }

  /** The objective's name. */
  String objectiveName() {
    return objective.metricName();
  }

  /** Whether a higher objective value is better. */
  boolean higherIsBetter() {
    return objective.higherIsBetter();
  }

  /** Checks that every candidate can be applied with this learner. */
  void checkSupported(List<Fidelity> fidelities) {
    for (Fidelity f : fidelities) {
      if (f.fractionOf(FidelityKind.RESOLUTION) < 1 && !(learner instanceof ResolutionScalable)) {
        throw new InvalidParameterException(
            "--fidelity " + f + ": learner " + learner.name() + " reads tabular features, not"
                + " images, so it has no resolution to lower; use rounds, rows or features");
      }
    }
  }

  /**
   * Fits {@code sampled} at fidelity {@code f} and scores it on validation.
   *
   * @param sampled the configuration (learner parameter name to value)
   * @param f the fidelity
   * @param fitSeed the learner's seed
   * @param sink receives the learner's per-round validation values
   */
  Result fit(Map<String, Object> sampled, Fidelity f, long fitSeed, ReportSink sink) {
    Map<String, Object> p = new HashMap<>(sampled);
    double roundsFrac = f.fractionOf(FidelityKind.ROUNDS);
    ParamSet base = ParamSet.resolve(learner.paramSpecs(), p);
    if (roundsFrac < 1) {
      int max = base.getInt(roundsParam);
      p.put(roundsParam, (long) Math.max(1, (int) Math.ceil(roundsFrac * max)));
    }
    ParamSet params = ParamSet.resolve(learner.paramSpecs(), p);
    FeatureMatrix tr = xTrain;
    double[] ytr = yTrain;
    FeatureMatrix va = xValid;
    double rowsFrac = f.fractionOf(FidelityKind.ROW_FRACTION);
    if (rowsFrac < 1) {
      int[] idx = rowCache.computeIfAbsent(rowsFrac, this::rows);
      tr = tr.select(idx);
      double[] y = new double[idx.length];
      for (int i = 0; i < idx.length; i++) {
        y[i] = yTrain[idx[i]];
      }
      ytr = y;
    }
    double featFrac = f.fractionOf(FidelityKind.FEATURE_FRACTION);
    if (featFrac < 1) {
      int[] cols =
          colCache.computeIfAbsent(featFrac, fr -> Subsample.columns(xTrain.nCols(), fr, seed));
      tr = selectColumns(tr, cols);
      va = selectColumns(va, cols);
    }
    FitRequest req =
        new FitRequest(tr, ytr, va, yValid, task, nClasses, params, fitSeed, threads, sink);
    double resFrac = f.fractionOf(FidelityKind.RESOLUTION);
    if (resFrac < 1) {
      req = ((ResolutionScalable) learner).atResolution(req, resFrac);
      va = req.validation();
    }
    long t0 = System.nanoTime();
    try (Model m = learner.fit(req)) {
      Predictions pr = m.predict(va);
      double score = objective.compute(yValid, pr);
      return new Result(score, (System.nanoTime() - t0) / 1e9, m.fitInfo().get("best_iteration"));
    } finally {
      fitNanos.addAndGet(System.nanoTime() - t0);
    }
  }

  /** Wall seconds spent in {@link #fit} so far (fit and validation prediction), all threads summed. */
  double fitSeconds() {
    return fitNanos.get() / 1e9;
  }

  private int[] rows(double fraction) {
    int[] codes = null;
    if (task.isClassification()) {
      codes = new int[yTrain.length];
      for (int i = 0; i < codes.length; i++) {
        codes[i] = (int) yTrain[i];
      }
    }
    return Subsample.stratifiedRows(codes, yTrain.length, fraction, seed);
  }

  /** Columns {@code cols} of {@code x}, in that order ({@code [nRows][cols.length]}). */
  static FeatureMatrix selectColumns(FeatureMatrix x, int[] cols) {
    int c = x.nCols();
    float[] out = new float[x.nRows() * cols.length];
    float[] d = x.data();
    for (int r = 0; r < x.nRows(); r++) {
      int base = r * c;
      int ob = r * cols.length;
      for (int j = 0; j < cols.length; j++) {
        out[ob + j] = d[base + cols[j]];
      }
    }
    List<String> names = new java.util.ArrayList<>(cols.length);
    for (int j : cols) {
      names.add(x.featureNames().get(j));
    }
    return new FeatureMatrix(out, x.nRows(), names);
  }
}
