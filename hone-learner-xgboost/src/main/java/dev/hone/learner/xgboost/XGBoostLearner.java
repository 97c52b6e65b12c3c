package dev.hone.learner.xgboost;

import dev.hone.core.data.TaskType;
import dev.hone.core.error.DataValidationException;
import dev.hone.core.error.HoneException;
import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.json.Json;
import dev.hone.core.model.FeatureMatrix;
import dev.hone.core.model.FitRequest;
import dev.hone.core.model.Learner;
import dev.hone.core.model.Model;
import dev.hone.core.params.ParamSet;
import dev.hone.core.params.ParamSpec;
import dev.hone.core.random.Seeds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gradient-boosted trees through XGBoost4J (Chen and Guestrin, "XGBoost: A Scalable Tree Boosting
 * System", KDD 2016), registered under the name {@value #NAME}.
 *
 * <p><b>Objectives.</b> {@link TaskType#BINARY}: {@code binary:logistic} evaluated with {@code
 * logloss}; {@link TaskType#MULTICLASS}: {@code multi:softprob} with {@code num_class} and {@code
 * mlogloss}; {@link TaskType#REGRESSION}: {@code reg:squarederror} with {@code rmse}. Labels are
 * class indices {@code 0..nClasses-1} or real values.
 *
 * <p><b>Training loop.</b> Hone runs the boosting loop itself, one round at a time: after each
 * round it evaluates the metric on the validation matrix with XGBoost's own evaluator, passes the
 * value to {@link FitRequest#sink()}, and stops when the sink returns {@code false}, when the
 * metric has not strictly decreased for {@code early_stopping_rounds} rounds, or after {@code
 * n_estimators} rounds. The returned model predicts with the rounds {@code 0..best_iteration} only,
 * where {@code best_iteration} is the round with the smallest validation value (the last round when
 * early stopping is off). Without validation data {@code n_estimators} rounds are trained and every
 * round is used; the sink is still called after each round, with {@code NaN} as the value, and
 * may stop the loop (a run's deadline).
 *
 * <p><b>Row weights.</b> {@link FitRequest#trainWeights()}, when given, become the training
 * matrix's instance weights (converted to {@code float}): each row's gradient and hessian are
 * multiplied by its weight, so an integer weight {@code k} acts as {@code k} copies of the row
 * (with {@code subsample = 1}). Validation rows are unweighted; the early-stopping metric is the
 * plain mean over them.
 *
 * <p><b>Randomness and threads.</b> XGBoost's {@code seed} is {@link Seeds#nativeSeed(long, String,
 * long)} of {@link FitRequest#seed()} with stream {@code "xgboost"}; {@code nthread} is {@link
 * FitRequest#threads()}. The same request gives the same model bit for bit.
 *
 * <p><b>Native resources.</b> Matrices are freed before {@code fit} returns, whatever happens; the
 * booster is owned by the returned {@link XGBoostModel} and freed by its {@code close()}.
 *
 * <p><b>Variants.</b> The same learner trains each {@link XGBoostVariant} (model family); the
 * registered subclasses {@link XGBoostDartLearner}, {@link XGBoostLinearLearner} and {@link
 * XGBoostForestLearner} fix the variant so that {@link java.util.ServiceLoader} finds one learner
 * per family. Any of them loads a model saved by any variant (the variant is stored with it).
 *
 * <p>Thread safety: stateless; {@code fit} and {@code load} may run concurrently.
 */
public class XGBoostLearner implements Learner {
  /** The learner's registered name. */
  public static final String NAME = "xgboost";

  /** Name of the booster file inside a saved model directory (XGBoost JSON model format). */
  public static final String MODEL_FILE = "model.json";

  /** Name of Hone's metadata file inside a saved model directory. */
  public static final String META_FILE = "xgboost-meta.json";

  static final String VALIDATION_NAME = "validation";

  private static final Logger LOG = LoggerFactory.getLogger(XGBoostLearner.class);

  private final XGBoostVariant variant;

  /** The gbtree learner, {@value #NAME}. */
  public XGBoostLearner() {
    this(XGBoostVariant.GBTREE);
  }

  /** The learner of one variant (family); see {@link XGBoostVariant}. */
  public XGBoostLearner(XGBoostVariant variant) {
    this.variant = java.util.Objects.requireNonNull(variant, "variant");
  }

  /** The variant this learner trains. */
  public XGBoostVariant variant() {
    return variant;
  }

  @Override
  public String name() {
    return variant.learnerName();
  }

  /** The model family: {@code gbtree}, {@code dart}, {@code gblinear} or {@code rf}. */
  @Override
  public String family() {
    return variant.family();
  }

  @Override
  public List<ParamSpec> paramSpecs() {
    return variant.paramSpecs();
  }

  /**
   * {@inheritDoc}
   *
   * @throws InvalidParameterException when {@code request.params()} was not resolved against
   *     {@link XGBoostParams#all()} or breaks a cross-parameter constraint
   * @throws DataValidationException when a label is not a valid class index or not finite, or the
   *     validation columns differ from the training columns
   * @throws dev.hone.core.error.NativeBackendException when the native library cannot be loaded or
   *     XGBoost reports an error
   */
  @Override
  public XGBoostModel fit(FitRequest request) {
    ParamSet params = request.params();
    XGBoostParams.checkCombination(params);
    checkData(request);
    XGBoostNative.ensureLoaded();

    TaskType task = request.task();
    int nClasses = task == TaskType.REGRESSION ? 0 : request.nClasses();
    String objective = objective(task);
    String metric = evalMetric(task);
    int maxRounds = params.getInt(XGBoostParams.N_ESTIMATORS.name());
    boolean hasValidation = request.validation() != null;
    int patience = hasValidation ? params.getInt(XGBoostParams.EARLY_STOPPING_ROUNDS.name()) : 0;

    Map<String, Object> booster = new HashMap<>(XGBoostParams.boosterParams(params, variant));
    booster.put("objective", objective);
    booster.put("eval_metric", metric);
    if (task == TaskType.MULTICLASS) {
      booster.put("num_class", nClasses);
    }
    booster.put("nthread", request.threads());
    booster.put("seed", Seeds.nativeSeed(request.seed(), "xgboost", 0));
    if (!hasValidation) {
      LOG.info(
          "no validation data: training all {} rounds of n_estimators without early stopping",
          maxRounds);
    }

    List<String> names = request.train().featureNames();
    boolean engineNames = XGBoostNative.namesUsableByEngine(names);
    DMatrix dtrain = null;
    DMatrix dvalid = null;
    Booster b = null;
    try {
      dtrain = matrix(request.train(), request.trainLabels(), engineNames);
      if (request.trainWeights() != null) {
        dtrain.setWeight(floats(request.trainWeights()));
      }
      Map<String, DMatrix> cache = new HashMap<>();
      if (hasValidation) {
        dvalid = matrix(request.validation(), request.validationLabels(), engineNames);
        cache.put(VALIDATION_NAME, dvalid);
      }
      // Zero rounds: XGBoost creates the booster with the validation matrix in its prediction
      // cache and prints nothing; the rounds are run below.
      b = XGBoost.train(dtrain, booster, 0, cache, null, null);

      EarlyStopping stopping = new EarlyStopping(patience);
      StopReason reason = StopReason.MAX_ROUNDS;
      int rounds = 0;
      double last = Double.NaN;
      DMatrix[] evalMats = hasValidation ? new DMatrix[] {dvalid} : null;
      String[] evalNames = {VALIDATION_NAME};
      for (int round = 0; round < maxRounds; round++) {
        b.update(dtrain, round);
        rounds = round + 1;
        if (!hasValidation) {
          if (!request.sink().report(round, Double.NaN)) { // a deadline may stop a refit
            reason = StopReason.SINK;
            break;
          }
          continue;
        }
        double value = parseMetric(b.evalSet(evalMats, evalNames, round), metric);
        last = value;
        boolean stop = stopping.observe(round, value);
        LOG.debug("round {}: validation {} = {}", round, metric, value);
        if (!request.sink().report(round, value)) {
          reason = StopReason.SINK;
          break;
        }
        if (stop) {
          reason = StopReason.EARLY_STOPPING;
          break;
        }
      }

      int best;
      double bestValue;
      if (!hasValidation) {
        best = rounds - 1;
        bestValue = Double.NaN;
      } else if (patience > 0) {
        best = stopping.bestRound();
        bestValue = stopping.bestValue();
      } else {
        // early stopping off: keep every round; record the value of the last one
        best = rounds - 1;
        bestValue = last;
      }
      if (hasValidation) {
        b.setAttr("best_iteration", Integer.toString(best));
        b.setAttr("best_score", Double.toString(bestValue));
      }
      ModelMeta meta =
          new ModelMeta(
              ModelMeta.FORMAT_VERSION, task, nClasses, objective, metric, best, rounds, bestValue,
              reason.code(), names, engineVersions(), variant.name());
      XGBoostModel model = new XGBoostModel(b, meta);
      b = null; // now owned by the model
      return model;
    } catch (XGBoostError e) {
      throw XGBoostNative.wrap("training (" + objective + ")", e);
    } finally {
      XGBoostNative.dispose(dtrain);
      XGBoostNative.dispose(dvalid);
      if (b != null) {
        b.dispose();
      }
    }
  }

  /**
   * Reads a model written by {@link XGBoostModel#save(Path)}. Prediction uses XGBoost's default
   * thread count (all available processors); see {@link #load(Path, int)}.
   */
  @Override
  public XGBoostModel load(Path dir) {
    return load(dir, 0);
  }

  /**
   * Reads a model written by {@link XGBoostModel#save(Path)}.
   *
   * @param dir the directory holding {@value #MODEL_FILE} and {@value #META_FILE}
   * @param threads native threads for prediction; 0 = XGBoost's default (all processors)
   * @return the model; close it when done
   * @throws DataValidationException when a file is missing, unreadable or inconsistent
   * @throws dev.hone.core.error.NativeBackendException when the native library cannot be loaded
   */
  public XGBoostModel load(Path dir, int threads) {
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be >= 0, got " + threads);
    }
    Path modelFile = dir.resolve(MODEL_FILE);
    Path metaFile = dir.resolve(META_FILE);
    for (Path p : List.of(modelFile, metaFile)) {
      if (!Files.isRegularFile(p)) {
        throw new DataValidationException(
            "model directory " + dir + " has no " + p.getFileName()
                + ": pass the directory written when the xgboost model was saved");
      }
    }
    ModelMeta meta;
    byte[] bytes;
    try {
      meta = Json.read(metaFile, ModelMeta.class);
      bytes = Files.readAllBytes(modelFile);
    } catch (HoneException | IOException | IllegalArgumentException | NullPointerException e) {
      throw new DataValidationException(
          "cannot read the xgboost model in " + dir + ": " + e.getMessage(), e);
    }
    if (meta.formatVersion() != ModelMeta.FORMAT_VERSION) {
      throw new DataValidationException(
          metaFile + " has format_version " + meta.formatVersion() + " but this Hone reads only "
              + ModelMeta.FORMAT_VERSION + ": use the Hone version that wrote it");
    }
    XGBoostNative.ensureLoaded();
    Booster b = null;
    try {
      b = XGBoost.loadModel(bytes);
      int stored = b.getNumBoostedRound();
      if (stored != meta.roundsTrained()) {
        throw new DataValidationException(
            modelFile + " holds " + stored + " boosting rounds but " + metaFile + " says "
                + meta.roundsTrained() + ": the two files do not belong together");
      }
      if (threads > 0) {
        b.setParam("nthread", threads);
      }
      XGBoostModel model = new XGBoostModel(b, meta);
      b = null;
      return model;
    } catch (XGBoostError | IOException e) {
      throw new DataValidationException(
          "cannot load " + modelFile + " as an XGBoost JSON model: " + e.getMessage(), e);
    } finally {
      if (b != null) {
        b.dispose();
      }
    }
  }

  /** {@code {"xgboost4j": version}}, the version read from the engine jar's Maven metadata. */
  @Override
  public Map<String, String> engineVersions() {
    return Map.of("xgboost4j", XGBoostNative.xgboost4jVersion());
  }

  static String objective(TaskType task) {
    return switch (task) {
      case BINARY -> "binary:logistic";
      case MULTICLASS -> "multi:softprob";
      case REGRESSION -> "reg:squarederror";
    };
  }

  static String evalMetric(TaskType task) {
    return switch (task) {
      case BINARY -> "logloss";
      case MULTICLASS -> "mlogloss";
      case REGRESSION -> "rmse";
    };
  }

  /**
   * Extracts the validation metric from XGBoost's evaluation line, e.g. {@code
   * "[3]\tvalidation-logloss:0.54133343845605852"} (printed by XGBoost with 17 significant digits).
   *
   * @throws HoneException when the line holds no such entry
   */
  static double parseMetric(String evalLine, String metric) {
    String key = VALIDATION_NAME + "-" + metric + ":";
    for (String part : evalLine.split("\t")) {
      String p = part.trim();
      if (p.startsWith(key)) {
        String v = p.substring(key.length()).trim().toLowerCase(Locale.ROOT);
        return switch (v) {
          case "nan", "-nan" -> Double.NaN;
          case "inf", "+inf" -> Double.POSITIVE_INFINITY;
          case "-inf" -> Double.NEGATIVE_INFINITY;
          default -> Double.parseDouble(v);
        };
      }
    }
    throw new HoneException("XGBoost's evaluation line has no '" + key + "': " + evalLine);
  }

  private static float[] floats(double[] a) {
    float[] f = new float[a.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) a[i];
    }
    return f;
  }

  private static DMatrix matrix(FeatureMatrix x, double[] labels, boolean names)
      throws XGBoostError {
    DMatrix m = new DMatrix(x.data(), x.nRows(), x.nCols(), Float.NaN);
    try {
      float[] y = new float[labels.length];
      for (int i = 0; i < y.length; i++) {
        y[i] = (float) labels[i];
      }
      m.setLabel(y);
      if (names) {
        m.setFeatureNames(x.featureNames().toArray(new String[0]));
      }
      return m;
    } catch (XGBoostError | RuntimeException e) {
      m.dispose();
      throw e;
    }
  }

  private static void checkData(FitRequest r) {
    FeatureMatrix train = r.train();
    if (train.nRows() == 0) {
      throw new DataValidationException("the training data has no rows: xgboost needs at least 1");
    }
    if (train.nCols() == 0) {
      throw new DataValidationException(
          "the training data has no feature columns: xgboost needs at least 1");
    }
    if (r.validation() != null) {
      if (!r.validation().featureNames().equals(train.featureNames())) {
        throw new DataValidationException(
            "validation columns " + r.validation().featureNames()
                + " differ from training columns " + train.featureNames());
      }
      if (r.validation().nRows() == 0) {
        throw new DataValidationException(
            "the validation data has no rows: pass none, or at least 1 row for early stopping");
      }
    }
    switch (r.task()) {
      case BINARY -> {
        if (r.nClasses() != 2) {
          throw new DataValidationException(
              "a binary task needs nClasses = 2, got " + r.nClasses());
        }
      }
      case MULTICLASS -> {
        if (r.nClasses() < 2) {
          throw new DataValidationException(
              "a multiclass task needs nClasses >= 2, got " + r.nClasses());
        }
      }
      case REGRESSION -> { }
    }
    checkLabels(r.trainLabels(), "training", r.task(), r.nClasses());
    if (r.trainWeights() != null) {
      double total = 0;
      for (double w : r.trainWeights()) {
        total += w;
      }
      if (!(total > 0)) {
        throw new DataValidationException(
            "every training row weight is 0: give at least one row a positive weight");
      }
    }
    if (r.validationLabels() != null) {
      checkLabels(r.validationLabels(), "validation", r.task(), r.nClasses());
    }
  }

  private static void checkLabels(double[] y, String which, TaskType task, int nClasses) {
    for (int i = 0; i < y.length; i++) {
      double v = y[i];
      if (task == TaskType.REGRESSION) {
        if (!Double.isFinite(v)) {
          throw new DataValidationException(
              which + " label of row " + i + " is " + v
                  + ": regression targets must be finite; drop or impute such rows");
        }
      } else if (!(v >= 0 && v < nClasses && v == Math.rint(v))) {
        throw new DataValidationException(
            which + " label of row " + i + " is " + v + " but a " + task.name().toLowerCase(Locale.ROOT)
                + " task needs a class index in 0.." + (nClasses - 1));
      }
    }
  }
}
