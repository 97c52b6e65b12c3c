package dev.hone.learner.djl;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.hone.core.data.TaskType;
import dev.hone.core.error.DataValidationException;
import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.error.NativeBackendException;
import dev.hone.core.model.FeatureMatrix;
import dev.hone.core.model.FitRequest;
import dev.hone.core.params.ParamSet;
import dev.hone.core.params.ParamSpec;
import dev.hone.core.random.Seeds;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training loop shared by the {@code mlp} and {@code cnn} learners: mini-batch gradient
 * descent with seeded shuffles, per-epoch validation loss reported to the {@code ReportSink},
 * early stopping with patience, and the best epoch's weights restored at the end.
 */
final class NetworkTrainer {
  private static final Logger LOG = LoggerFactory.getLogger(NetworkTrainer.class);

  private NetworkTrainer() {}

  /**
   * Fits a network.
   *
   * @param learner learner name ({@code mlp} or {@code cnn})
   * @param specs the learner's parameter specs (to check the request's parameters)
   * @param standardise whether to standardise columns with training mean and deviation
   * @param shapeOf maps (params, nFeatures) to the per-row input shape of the network
   * @param blockOf builds a fresh block (the embedding layout comes from {@link
   *     CategoricalEmbedding#layout} of the parameters and the request's categorical blocks)
   */
  static NetworkModel fit(
      FitRequest req,
      String learner,
      List<ParamSpec> specs,
      boolean standardise,
      BiFunction<ParamSet, Integer, int[]> shapeOf,
      Networks.Factory blockOf) {
    return fit(req, learner, specs, standardise, shapeOf, blockOf, null);
  }

  /**
   * As above, starting from {@code initial}'s weights, batch-norm statistics and input (and target)
   * standardisation instead of a fresh initialisation ({@code null}: fresh). The optimizer state
   * starts afresh. A warm start needs the same embedding layout as {@code initial}; its rows'
   * one-hot columns may hold any finite value (adversarially perturbed rows), while a fresh fit
   * checks that they hold only 0, 1 or NaN.
   */
  static NetworkModel fit(
      FitRequest req,
      String learner,
      List<ParamSpec> specs,
      boolean standardise,
      BiFunction<ParamSet, Integer, int[]> shapeOf,
      Networks.Factory blockOf,
      NetworkModel initial) {
    ParamSet p = req.params();
    if (!p.specs().equals(specs)) {
      throw new InvalidParameterException(
          "the parameters were not resolved against the " + learner
              + " learner's specs: resolve them with ParamSet.resolve(learner.paramSpecs(), ...)");
    }
    TaskType task = req.task();
    int nClasses = task == TaskType.REGRESSION ? 0 : req.nClasses();
    checkData(req, nClasses, learner);
    int nOut = task.isClassification() ? nClasses : 1;
    FeatureMatrix train = req.train();
    int n = train.nRows();
    int f = train.nCols();
    int[] shape = shapeOf.apply(p, f);
    List<CategoricalEmbedding> embeddings = CategoricalEmbedding.layout(p, req.categoricalBlocks());

    double[] mean = new double[f];
    double[] scale = new double[f];
    java.util.Arrays.fill(scale, 1.0);
    if (initial != null) {
      checkWarmStart(initial, learner, task, nClasses, f, shapeOf.apply(p, f), p, embeddings);
      mean = initial.meta().featureMean().clone();
      scale = initial.meta().featureScale().clone();
    } else {
      checkOneHot(req.train(), embeddings, "training");
      if (req.validation() != null) {
        checkOneHot(req.validation(), embeddings, "validation");
      }
      if (standardise) {
        standardisation(train, mean, scale);
      }
      for (CategoricalEmbedding e : embeddings) {
        for (int j = e.firstColumn(); j < e.endColumn(); j++) {
          scale[j] = 1.0; // the mean stays: it imputes a missing level (expected embedding)
        }
      }
    }
    double[] centre = mean.clone(); // one-hot columns feeding an embedding are not centred
    boolean[] inBlock = CategoricalEmbedding.mask(embeddings, f);
    for (int j = 0; j < f; j++) {
      if (inBlock[j]) {
        centre[j] = 0;
      }
    }
    double yMean = 0;
    double yScale = 1;
    if (initial != null) {
      yMean = initial.meta().targetMean();
      yScale = initial.meta().targetScale();
    } else if (!task.isClassification()) {
      double[] ms = meanStd(req.trainLabels());
      yMean = ms[0];
      yScale = ms[1];
    }
    float[] xTrain = transform(train, mean, centre, scale);
    float[] yTrain = targets(req.trainLabels(), yMean, yScale);
    float[] wTrain = weights(req.trainWeights());
    boolean hasVal = req.validation() != null;
    float[] xVal = hasVal ? transform(req.validation(), mean, centre, scale) : null;

    int batch = Math.min(p.getInt(NetworkParams.BATCH_SIZE.name()), n);
    int maxEpochs = p.getInt(NetworkParams.EPOCHS.name());
    int patience = hasVal ? p.getInt(NetworkParams.PATIENCE.name()) : 0;
    boolean batchNorm = NetworkParams.flag(p, NetworkParams.BATCH_NORM);

    DjlRuntime.TRAINING_LOCK.lock();
    try {
      Engine engine = DjlRuntime.engine();
      ai.djl.pytorch.jni.JniUtils.setNumThreads(req.threads());
      engine.setRandomSeed(Seeds.nativeSeed(req.seed(), "djl-init", 0));
      SplittableRandom shuffle = Seeds.rng(req.seed(), "djl-shuffle", 0);
      Model model = Model.newInstance(learner, Device.cpu(), DjlRuntime.ENGINE);
      boolean handedOver = false;
      try {
        Block block = blockOf.build(p, nOut, embeddings, f);
        if (!embeddings.isEmpty()) {
          LOG.info("{}: embeddings {}", learner, describe(embeddings));
        }
        model.setBlock(block);
        long[] rowShape = new long[shape.length + 1];
        for (int i = 0; i < shape.length; i++) {
          rowShape[i + 1] = shape[i];
        }
        int epochsRun = 0;
        int bestEpoch = -1;
        double bestLoss = Double.POSITIVE_INFINITY;
        double lastLoss = Double.NaN;
        byte[] bestParams = null;
        String stoppedBy = "max_epochs";
        try (Trainer trainer = model.newTrainer(config(p))) {
          rowShape[0] = batch;
          trainer.initialize(new Shape(rowShape));
          if (initial != null) {
            List<float[]> values = initial.parameterValues();
            List<ai.djl.nn.Parameter> params = block.getParameters().values();
            for (int i = 0; i < params.size(); i++) {
              params.get(i).getArray().set(values.get(i)); // in place: keeps gradients attached
            }
          }
          int[] order = new int[n];
          for (int i = 0; i < n; i++) {
            order[i] = i;
          }
          for (int epoch = 0; epoch < maxEpochs; epoch++) {
            Seeds.shuffle(order, shuffle);
            for (int start = 0; start < n; start += batch) {
              int b = Math.min(batch, n - start);
              if (batchNorm && b < 2 && n > 1) {
                continue; // batch statistics need two rows
              }
              step(trainer, xTrain, yTrain, wTrain, order, start, b, f, rowShape, task, nOut);
            }
            epochsRun = epoch + 1;
            if (!hasVal) {
              if (!req.sink().report(epoch, Double.NaN)) { // a deadline may stop a refit
                stoppedBy = "sink";
                break;
              }
              continue;
            }
            double loss =
                validationLoss(
                    model, xVal, req.validationLabels(), req.validation().nRows(), f, rowShape,
                    task, nOut, yMean, yScale);
            lastLoss = loss;
            LOG.debug("{} epoch {}: validation loss {}", learner, epoch, loss);
            if (loss < bestLoss || bestEpoch < 0) {
              bestLoss = loss;
              bestEpoch = epoch;
              if (patience > 0) {
                bestParams = NetworkModel.parameterBytes(block);
              }
            }
            if (!req.sink().report(epoch, loss)) {
              stoppedBy = "sink";
              break;
            }
            if (patience > 0 && epoch - bestEpoch >= patience) {
              stoppedBy = "early_stopping";
              break;
            }
          }
        }
        if (!hasVal || patience == 0) {
          bestEpoch = epochsRun - 1;
          bestLoss = lastLoss;
        } else if (bestParams != null && bestEpoch != epochsRun - 1) {
          try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bestParams))) {
            block.loadParameters(model.getNDManager(), in);
          }
        }
        List<Integer> inputShape = new ArrayList<>();
        for (int s : shape) {
          inputShape.add(s);
        }
        NetworkMeta meta =
            new NetworkMeta(
                NetworkMeta.FORMAT_VERSION, learner, task, nClasses, train.featureNames(),
                inputShape, p.asMap(), mean, scale, yMean, yScale, epochsRun, bestEpoch, bestLoss,
                stoppedBy, NetworkModel.countParameters(block), req.seed(),
                DjlRuntime.versions(), embeddings);
        NetworkModel out = new NetworkModel(model, meta);
        handedOver = true;
        LOG.info(
            "{}: {} epochs ({}), best epoch {}, validation loss {}, {} parameters", learner,
            epochsRun, stoppedBy, bestEpoch, bestLoss, meta.parameterCount());
        return out;
      } catch (IOException | ai.djl.MalformedModelException | ai.djl.engine.EngineException e) {
        throw new NativeBackendException(learner + " training failed: " + e.getMessage(), e);
      } finally {
        if (!handedOver) {
          model.close();
        }
      }
    } finally {
      DjlRuntime.TRAINING_LOCK.unlock();
    }
  }

  /** {@code input (k levels -> d)} per embedding, for the log. */
  static String describe(List<CategoricalEmbedding> embeddings) {
    StringBuilder sb = new StringBuilder();
    for (CategoricalEmbedding e : embeddings) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(e.input()).append(" (").append(e.width()).append(" -> ").append(e.dim())
          .append(')');
    }
    return sb.toString();
  }

  /** A fresh fit's one-hot columns hold only 0, 1 or NaN (catches a misdescribed block). */
  private static void checkOneHot(
      FeatureMatrix x, List<CategoricalEmbedding> embeddings, String split) {
    if (embeddings.isEmpty()) {
      return;
    }
    int f = x.nCols();
    float[] d = x.data();
    for (CategoricalEmbedding e : embeddings) {
      for (int i = 0; i < x.nRows(); i++) {
        for (int j = e.firstColumn(); j < e.endColumn(); j++) {
          float v = d[i * f + j];
          if (v != 0f && v != 1f && !Float.isNaN(v)) {
            throw new DataValidationException(
                split + " row " + i + ", column " + j + " ('" + x.featureNames().get(j)
                    + "') holds " + v + " but lies in the one-hot block of categorical input '"
                    + e.input() + "' (columns [" + e.firstColumn() + ", " + e.endColumn()
                    + ")), which may hold only 0, 1 or missing: build the categorical blocks from"
                    + " the preprocessing that made the matrix (FittedPreprocessor"
                    + ".categoricalBlocks()), or set categorical_encoding=one_hot");
          }
        }
      }
    }
  }

  private static void checkWarmStart(
      NetworkModel initial, String learner, TaskType task, int nClasses, int f, int[] shape,
      ParamSet p, List<CategoricalEmbedding> embeddings) {
    NetworkMeta m = initial.meta();
    List<Integer> s = new ArrayList<>();
    for (int v : shape) {
      s.add(v);
    }
    if (!m.learner().equals(learner) || m.task() != task || m.nClasses() != nClasses
        || m.nFeatures() != f || !m.inputShape().equals(s)
        || !architecture(m.params()).equals(architecture(p.asMap()))) {
      throw new InvalidParameterException(
          "cannot continue training the " + m.learner() + " model (task " + m.task() + ", "
              + m.nFeatures() + " features, input shape " + m.inputShape() + ", parameters "
              + architecture(m.params()) + ") as a " + learner + " with task " + task + ", " + f
              + " features, input shape " + s + " and parameters " + architecture(p.asMap())
              + ": use the same learner, data columns and architecture parameters");
    }
    if (!m.embeddings().equals(embeddings)) {
      throw new InvalidParameterException(
          "cannot continue training the " + m.learner() + " model with embeddings ["
              + describe(m.embeddings()) + "] on a request whose categorical blocks give ["
              + describe(embeddings) + "]: pass the same FitRequest.categoricalBlocks as the"
              + " first fit");
    }
  }

  /** The parameters that shape the network (everything but the optimisation schedule). */
  private static java.util.Map<String, Object> architecture(java.util.Map<String, Object> params) {
    java.util.Map<String, Object> out = new java.util.TreeMap<>(params);
    for (String k : List.of("optimizer", "learning_rate", "momentum", "batch_size", "epochs",
        "weight_decay", "patience")) {
      out.remove(k);
    }
    return out;
  }

  private static DefaultTrainingConfig config(ParamSet p) {
    float lr = (float) p.getDouble(NetworkParams.LEARNING_RATE.name());
    float wd = (float) p.getDouble(NetworkParams.WEIGHT_DECAY.name());
    Optimizer opt =
        switch (p.getString(NetworkParams.OPTIMIZER.name())) {
          case "sgd" ->
              Optimizer.sgd()
                  .setLearningRateTracker(Tracker.fixed(lr))
                  .optMomentum((float) p.getDouble(NetworkParams.MOMENTUM.name()))
                  .optWeightDecays(wd)
                  .build();
          default ->
              Optimizer.adam().optLearningRateTracker(Tracker.fixed(lr)).optWeightDecays(wd).build();
        };
    // The loss given here is unused: the loop computes its own (weighted) loss.
    return new DefaultTrainingConfig(Loss.l2Loss())
        .optOptimizer(opt)
        .optDevices(new Device[] {Device.cpu()});
  }

  private static void step(
      Trainer trainer, float[] x, float[] y, float[] w, int[] order, int start, int b, int f,
      long[] rowShape, TaskType task, int nOut) {
    float[] xb = new float[b * f];
    float[] yb = new float[task.isClassification() ? b * nOut : b];
    float[] wb = w == null ? null : new float[b];
    for (int i = 0; i < b; i++) {
      int r = order[start + i];
      System.arraycopy(x, r * f, xb, i * f, f);
      if (task.isClassification()) {
        yb[i * nOut + (int) y[r]] = 1f;
      } else {
        yb[i] = y[r];
      }
      if (wb != null) {
        wb[i] = w[r];
      }
    }
    try (NDManager m = trainer.getManager().newSubManager()) {
      long[] s = rowShape.clone();
      s[0] = b;
      NDArray xa = m.create(xb, new Shape(s));
      try (GradientCollector gc = trainer.newGradientCollector()) {
        NDArray out = trainer.forward(new NDList(xa)).singletonOrThrow();
        NDArray perRow;
        if (task.isClassification()) {
          perRow = out.logSoftmax(1).mul(m.create(yb, new Shape(b, nOut))).sum(new int[] {1}).neg();
        } else {
          perRow = out.reshape(b).sub(m.create(yb)).square();
        }
        if (wb != null) {
          perRow = perRow.mul(m.create(wb));
        }
        gc.backward(perRow.mean());
      }
      trainer.step();
    }
  }

  /** Mean validation loss in eval mode: log loss (classification) or MSE in target units. */
  private static double validationLoss(
      Model model, float[] x, double[] y, int n, int f, long[] rowShape, TaskType task, int nOut,
      double yMean, double yScale) {
    double total = 0;
    for (int start = 0; start < n; start += NetworkModel.CHUNK) {
      int b = Math.min(NetworkModel.CHUNK, n - start);
      float[] xb = new float[b * f];
      System.arraycopy(x, start * f, xb, 0, b * f);
      float[] out;
      try (NDManager m = model.getNDManager().newSubManager()) {
        long[] s = rowShape.clone();
        s[0] = b;
        NDArray xa = m.create(xb, new Shape(s));
        out =
            model.getBlock()
                .forward(new ParameterStore(m, false), new NDList(xa), false)
                .singletonOrThrow()
                .toFloatArray();
      }
      for (int i = 0; i < b; i++) {
        if (task.isClassification()) {
          double[] z = new double[nOut];
          for (int k = 0; k < nOut; k++) {
            z[k] = out[i * nOut + k];
          }
          double pk = NetworkModel.softmax(z)[(int) y[start + i]];
          total += -Math.log(Math.max(pk, 1e-15));
        } else {
          double d = out[i] * yScale + yMean - y[start + i];
          total += d * d;
        }
      }
    }
    return total / n;
  }

  private static void standardisation(FeatureMatrix x, double[] mean, double[] scale) {
    int f = x.nCols();
    long[] count = new long[f];
    double[] m2 = new double[f];
    for (int i = 0; i < x.nRows(); i++) {
      for (int j = 0; j < f; j++) {
        float v = x.get(i, j);
        if (!Float.isNaN(v)) {
          count[j]++;
          double d = v - mean[j];
          mean[j] += d / count[j];
          m2[j] += d * (v - mean[j]);
        }
      }
    }
    for (int j = 0; j < f; j++) {
      double sd = count[j] > 0 ? Math.sqrt(m2[j] / count[j]) : 0;
      scale[j] = sd > 1e-12 ? sd : 1.0;
    }
  }

  private static double[] meanStd(double[] y) {
    double mean = 0;
    for (double v : y) {
      mean += v;
    }
    mean /= y.length;
    double ss = 0;
    for (double v : y) {
      ss += (v - mean) * (v - mean);
    }
    double sd = Math.sqrt(ss / y.length);
    return new double[] {mean, sd > 1e-12 ? sd : 1.0};
  }

  /**
   * {@code (x - centre) / scale} per column, a missing value taken as {@code impute} first (the
   * training mean: 0 after standardisation, the level frequencies inside an embedding block).
   */
  private static float[] transform(
      FeatureMatrix x, double[] impute, double[] centre, double[] scale) {
    int f = x.nCols();
    float[] d = x.data();
    float[] out = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      int j = i % f;
      float v = d[i];
      if (Float.isNaN(v)) {
        out[i] = impute[j] == centre[j] ? 0f : (float) ((impute[j] - centre[j]) / scale[j]);
      } else {
        out[i] = (float) ((v - centre[j]) / scale[j]);
      }
    }
    return out;
  }

  private static float[] targets(double[] y, double mean, double scale) {
    float[] out = new float[y.length];
    for (int i = 0; i < y.length; i++) {
      out[i] = (float) ((y[i] - mean) / scale);
    }
    return out;
  }

  private static float[] weights(double[] w) {
    if (w == null) {
      return null;
    }
    double sum = 0;
    for (double v : w) {
      sum += v;
    }
    if (!(sum > 0)) {
      throw new DataValidationException(
          "every training weight is 0: give at least one row a positive weight");
    }
    float[] out = new float[w.length];
    for (int i = 0; i < w.length; i++) {
      out[i] = (float) (w[i] * w.length / sum);
    }
    return out;
  }

  private static void checkData(FitRequest req, int nClasses, String learner) {
    if (req.train().nRows() < 1) {
      throw new DataValidationException("the training split is empty: " + learner + " needs rows");
    }
    if (req.task().isClassification() && nClasses < 2) {
      throw new DataValidationException(
          "classification needs at least 2 classes, got nClasses = " + nClasses);
    }
    checkLabels(req.trainLabels(), req.task(), nClasses, "training");
    if (req.validation() != null) {
      checkLabels(req.validationLabels(), req.task(), nClasses, "validation");
      if (!req.validation().featureNames().equals(req.train().featureNames())) {
        throw new DataValidationException(
            "validation columns differ from training columns: transform both splits with the "
                + "same fitted preprocessing");
      }
    }
  }

  private static void checkLabels(double[] y, TaskType task, int nClasses, String split) {
    for (int i = 0; i < y.length; i++) {
      double v = y[i];
      boolean ok =
          task.isClassification()
              ? v == Math.rint(v) && v >= 0 && v < nClasses
              : Double.isFinite(v);
      if (!ok) {
        throw new DataValidationException(
            split + " label " + i + " is " + v
                + (task.isClassification()
                    ? " but must be a class index in [0, " + nClasses + ")"
                    : " but must be finite"));
      }
    }
  }
}
