package dev.hone.learner.xgboost;

import dev.hone.core.data.TaskType;
import dev.hone.core.error.HoneException;
import dev.hone.core.json.Json;
import dev.hone.core.model.FeatureMatrix;
import dev.hone.core.model.Model;
import dev.hone.core.model.Predictions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * A fitted XGBoost booster plus the facts needed to predict with it. Predictions use the boosting
 * rounds {@code 0..}{@link #bestIteration()} only (XGBoost's {@code iteration_range [0,
 * best_iteration + 1)}); rounds trained after the best one stay stored but unused.
 *
 * <p><b>Saved form</b> ({@link #save(Path)}): {@value XGBoostLearner#MODEL_FILE}, the complete
 * booster in XGBoost's JSON model format (readable by any XGBoost binding; it carries the booster
 * attributes {@code best_iteration} and {@code best_score} when validation data was used), and
 * {@value XGBoostLearner#META_FILE}, Hone's metadata: task, number of classes, objective, metric,
 * {@code best_iteration}, rounds trained, best validation score, stop reason, feature names and
 * engine version. Predictions after {@link XGBoostLearner#load(Path)} equal those before bit for
 * bit.
 *
 * <p><b>Thread safety</b>: safe for concurrent use. {@link #predict}, {@link #predict(FeatureMatrix,
 * int)} and {@link #predictMargin} use XGBoost's in-place prediction, which XGBoost documents as
 * thread-safe, and run concurrently under a shared lock; {@link #predictContrib} goes through a
 * {@code DMatrix} and runs exclusively; {@link #close()} waits for running calls. Any call after
 * {@code close()} throws {@link IllegalStateException}.
 */
public final class XGBoostModel implements Model, dev.hone.core.model.SizedModel {
  private final ModelMeta meta;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private Booster booster; // guarded by lock; null once closed

  XGBoostModel(Booster booster, ModelMeta meta) {
    this.booster = booster;
    this.meta = meta;
  }

  @Override
  public String learnerName() {
    return meta.variantOrDefault().learnerName();
  }

  /** The variant (model family) that trained this model. */
  public XGBoostVariant variant() {
    return meta.variantOrDefault();
  }

  /** The task the model was trained for. */
  public TaskType task() {
    return meta.task();
  }

  /** Number of classes: 2 for binary, k for multiclass, 0 for regression. */
  public int nClasses() {
    return meta.nClasses();
  }

  /** The 0-based last boosting round used for prediction. */
  public int bestIteration() {
    return meta.bestIteration();
  }

  /** Number of boosting rounds trained and stored (≥ {@code bestIteration() + 1}). */
  public int roundsTrained() {
    return meta.roundsTrained();
  }

  /** Validation metric at {@link #bestIteration()}; {@code NaN} when fitted without validation. */
  public double bestValidationScore() {
    return meta.bestValidationScore();
  }

  /** Why boosting stopped. */
  public StopReason stopReason() {
    return StopReason.fromCode(meta.stoppedBy());
  }

  /** The feature names the model expects, in column order. */
  public List<String> featureNames() {
    return meta.featureNames();
  }

  /**
   * Predicts with the rounds {@code 0..bestIteration()}.
   *
   * @param x rows to predict, with the model's columns in the model's order ({@code NaN} =
   *     missing)
   * @return binary: probabilities {@code [n][2]} with {@code p0 = 1 - p1}; multiclass: {@code
   *     [n][k]}; regression: values {@code [n]}
   * @throws IllegalArgumentException when the columns differ from {@link #featureNames()}
   */
  @Override
  public Predictions predict(FeatureMatrix x) {
    return predict(x, meta.bestIteration() + 1);
  }

  /**
   * Predicts with the first {@code nRounds} boosting rounds only, e.g. to trace a learning curve.
   *
   * @param nRounds rounds to use, in {@code [1, roundsTrained()]}
   * @return predictions shaped as in {@link #predict(FeatureMatrix)}
   * @throws IllegalArgumentException when {@code nRounds} is out of range or the columns differ
   */
  public Predictions predict(FeatureMatrix x, int nRounds) {
    checkRounds(nRounds);
    float[][] out = inplace(x, nRounds, Booster.PredictionType.kValue);
    int n = x.nRows();
    switch (meta.task()) {
      case BINARY -> {
        double[][] p = new double[n][2];
        for (int i = 0; i < n; i++) {
          double p1 = out[i][0];
          p[i][0] = 1.0 - p1;
          p[i][1] = p1;
        }
        return new Predictions(TaskType.BINARY, p, null);
      }
      case MULTICLASS -> {
        return new Predictions(TaskType.MULTICLASS, toDouble(out, meta.nClasses()), null);
      }
      default -> {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
          v[i] = out[i][0];
        }
        return new Predictions(TaskType.REGRESSION, null, v);
      }
    }
  }

  /**
   * Raw margins (before the link function) with the rounds {@code 0..bestIteration()}: the
   * log-odds of class 1 for binary, one score per class for multiclass (softmax turns them into
   * probabilities), the prediction itself for regression.
   *
   * @return {@code [n][groups]}, {@code groups} = k for multiclass, else 1
   */
  public double[][] predictMargin(FeatureMatrix x) {
    return toDouble(
        inplace(x, meta.bestIteration() + 1, Booster.PredictionType.kMargin), meta.groups());
  }

  /**
   * TreeSHAP feature contributions (Lundberg et al., "From local explanations to global
   * understanding with explainable AI for trees", Nature Machine Intelligence 2020) in margin
   * space, with the rounds {@code 0..bestIteration()}, for a single-output model (binary or
   * regression). Each row sums to {@link #predictMargin} of that row up to float rounding.
   *
   * @return {@code [n][F + 1]}: one column per feature, the last column the bias
   * @throws IllegalStateException for a multiclass model; use {@link #predictContrib(FeatureMatrix,
   *     int)}
   */
  public double[][] predictContrib(FeatureMatrix x) {
    if (meta.groups() != 1) {
      throw new IllegalStateException(
          "a multiclass model has one contribution matrix per class: use predictContrib(x, class)");
    }
    return predictContrib(x, 0);
  }

  /**
   * TreeSHAP contributions to the margin of one output group, as in {@link
   * #predictContrib(FeatureMatrix)}.
   *
   * @param group class index for multiclass ({@code 0..k-1}); 0 otherwise
   * @return {@code [n][F + 1]}, the last column the bias
   */
  public double[][] predictContrib(FeatureMatrix x, int group) {
    if (group < 0 || group >= meta.groups()) {
      throw new IllegalArgumentException(
          "group " + group + " is outside 0.." + (meta.groups() - 1));
    }
    checkColumns(x);
    int f = x.nCols();
    int n = x.nRows();
    double[][] out = new double[n][f + 1];
    if (n == 0) {
      return out;
    }
    float[][] raw;
    lock.writeLock().lock();
    try {
      Booster b = open();
      DMatrix d = null;
      try {
        d = new DMatrix(x.data(), n, f, Float.NaN);
        if (XGBoostNative.namesUsableByEngine(meta.featureNames())) {
          d.setFeatureNames(meta.featureNames().toArray(new String[0]));
        }
        raw = b.predictContrib(d, meta.bestIteration() + 1);
      } finally {
        XGBoostNative.dispose(d);
      }
    } catch (XGBoostError e) {
      throw XGBoostNative.wrap("computing feature contributions", e);
    } finally {
      lock.writeLock().unlock();
    }
    int offset = group * (f + 1);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= f; j++) {
        out[i][j] = raw[i][offset + j];
      }
    }
    return out;
  }

  /**
   * Writes {@value XGBoostLearner#MODEL_FILE} and {@value XGBoostLearner#META_FILE} into {@code
   * dir} (created if needed), each written to a temporary file first and then renamed.
   *
   * @throws HoneException when the files cannot be written
   */
  @Override
  public void save(Path dir) {
    byte[] json;
    lock.readLock().lock();
    try {
      json = open().toByteArray("json");
    } catch (XGBoostError e) {
      throw XGBoostNative.wrap("serialising the model", e);
    } finally {
      lock.readLock().unlock();
    }
    try {
      Files.createDirectories(dir);
      Path target = dir.resolve(XGBoostLearner.MODEL_FILE);
      Path tmp = dir.resolve("." + XGBoostLearner.MODEL_FILE + "." + System.nanoTime() + ".tmp");
      try {
        Files.write(tmp, json);
        Files.move(
            tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new HoneException("cannot write the xgboost model into " + dir + ": " + e, e);
    }
    Json.write(dir.resolve(XGBoostLearner.META_FILE), meta);
  }

  /**
   * Facts from fitting: {@code best_iteration} (Integer, 0-based), {@code rounds_trained}
   * (Integer), {@code best_validation_score} (Double, {@code NaN} without validation data), {@code
   * stopped_by} ({@code early_stopping}, {@code sink} or {@code max_rounds}), {@code eval_metric}
   * and {@code objective} (String).
   */
  @Override
  public Map<String, Object> fitInfo() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("best_iteration", meta.bestIteration());
    m.put("rounds_trained", meta.roundsTrained());
    m.put("best_validation_score", meta.bestValidationScore());
    m.put("stopped_by", meta.stoppedBy());
    m.put("eval_metric", meta.evalMetric());
    m.put("objective", meta.objective());
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * Trees: the number of nodes (splits and leaves) of the trees used for prediction, i.e. of the
   * first {@code (bestIteration + 1) * groups * num_parallel_tree} trees; gblinear: the number of
   * weights, biases included ({@code (F + 1) * groups}). Read from the booster's JSON model.
   */
  @Override
  public long parameterCount() {
    byte[] json;
    lock.readLock().lock();
    try {
      json = open().toByteArray("json");
    } catch (XGBoostError e) {
      throw XGBoostNative.wrap("serialising the model", e);
    } finally {
      lock.readLock().unlock();
    }
    try {
      com.fasterxml.jackson.databind.JsonNode gb =
          Json.mapper().readTree(json).get("learner").get("gradient_booster");
      String name = gb.get("name").asText();
      if (name.equals("gblinear")) {
        return gb.get("model").get("weights").size();
      }
      com.fasterxml.jackson.databind.JsonNode model =
          name.equals("dart") ? gb.get("gbtree").get("model") : gb.get("model");
      com.fasterxml.jackson.databind.JsonNode trees = model.get("trees");
      long parallel = model.get("gbtree_model_param").get("num_parallel_tree").asLong(1);
      long used = Math.min(trees.size(),
          (long) (meta.bestIteration() + 1) * meta.groups() * Math.max(1, parallel));
      long nodes = 0;
      for (int i = 0; i < used; i++) {
        nodes += trees.get(i).get("tree_param").get("num_nodes").asLong();
      }
      return nodes;
    } catch (IOException | RuntimeException e) {
      throw new HoneException("cannot read the size of the xgboost model: " + e.getMessage(), e);
    }
  }

  /** {@code "weights"} for gblinear, else {@code "nodes"}. */
  @Override
  public String parameterUnit() {
    return variant() == XGBoostVariant.GBLINEAR ? "weights" : "nodes";
  }

  /** Frees the native booster; idempotent. Waits for predictions in progress. */
  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (booster != null) {
        booster.dispose();
        booster = null;
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public String toString() {
    return "XGBoostModel[" + meta.task() + ", best_iteration=" + meta.bestIteration()
        + ", rounds_trained=" + meta.roundsTrained() + "]";
  }

  ModelMeta meta() {
    return meta;
  }

  private float[][] inplace(FeatureMatrix x, int nRounds, Booster.PredictionType type) {
    checkColumns(x);
    int n = x.nRows();
    if (n == 0) {
      return new float[0][];
    }
    if (meta.variantOrDefault() == XGBoostVariant.GBLINEAR) {
      return linearPredict(x, type);
    }
    lock.readLock().lock();
    try {
      return open()
          .inplace_predict(x.data(), n, x.nCols(), Float.NaN, new int[] {0, nRounds}, type, null);
    } catch (XGBoostError e) {
      throw XGBoostNative.wrap("predicting", e);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Linear models: XGBoost has no in-place prediction for {@code gblinear} and ignores a round
   * range (a linear model is the sum of all its rounds), so predict through a {@code DMatrix} with
   * every round; {@code bestIteration} is always the last round for this variant.
   */
  private float[][] linearPredict(FeatureMatrix x, Booster.PredictionType type) {
    lock.writeLock().lock();
    try {
      Booster b = open();
      DMatrix d = null;
      try {
        d = new DMatrix(x.data(), x.nRows(), x.nCols(), Float.NaN);
        return b.predict(d, type == Booster.PredictionType.kMargin, 0);
      } finally {
        XGBoostNative.dispose(d);
      }
    } catch (XGBoostError e) {
      throw XGBoostNative.wrap("predicting", e);
    } finally {
      lock.writeLock().unlock();
    }
  }

  private Booster open() {
    if (booster == null) {
      throw new IllegalStateException("this xgboost model is closed");
    }
    return booster;
  }

  private void checkRounds(int nRounds) {
    if (nRounds < 1 || nRounds > meta.roundsTrained()) {
      throw new IllegalArgumentException(
          "nRounds " + nRounds + " is outside 1.." + meta.roundsTrained());
    }
  }

  private void checkColumns(FeatureMatrix x) {
    List<String> want = meta.featureNames();
    if (!x.featureNames().equals(want)) {
      if (x.nCols() != want.size()) {
        throw new IllegalArgumentException(
            "the model expects " + want.size() + " columns but got " + x.nCols());
      }
      for (int j = 0; j < want.size(); j++) {
        if (!want.get(j).equals(x.featureNames().get(j))) {
          throw new IllegalArgumentException(
              "column " + j + " is '" + x.featureNames().get(j) + "' but the model expects '"
                  + want.get(j) + "'");
        }
      }
    }
  }

  private static double[][] toDouble(float[][] in, int width) {
    double[][] out = new double[in.length][width];
    for (int i = 0; i < in.length; i++) {
      for (int j = 0; j < width; j++) {
        out[i][j] = in[i][j];
      }
    }
    return out;
  }
}
