package dev.hone.learner.djl;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.hone.core.data.TaskType;
import dev.hone.core.error.HoneException;
import dev.hone.core.json.Json;
import dev.hone.core.model.DifferentiableModel;
import dev.hone.core.model.FeatureMatrix;
import dev.hone.core.model.Predictions;
import dev.hone.core.model.SizedModel;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fitted {@code mlp} or {@code cnn} network on DJL's PyTorch engine, usable as a {@link
 * DifferentiableModel}.
 *
 * <p><b>Inputs.</b> Rows are the learner's feature columns ({@code [n][nFeatures]}; for the CNN
 * the columns are an image {@code [channels][height][width]} flattened row-major). Inside the
 * network each column is transformed as {@code (x - centre) / featureScale} (the MLP's
 * training-split standardisation, {@link NetworkMeta#centre()}; identity for the CNN and for the
 * one-hot columns feeding an MLP embedding), so gradients are with respect to the raw columns. A
 * missing value ({@code NaN}) is replaced by {@code featureMean} before the network (inside an
 * embedding block: the training frequencies of the levels, giving their average embedding).
 *
 * <p><b>Embeddings.</b> An MLP fitted with categorical blocks and {@code
 * categorical_encoding=embedding} maps each block linearly to its embedding ({@link
 * CategoricalEmbedding}) before the hidden layers, so the gradient with respect to a one-hot
 * column is defined (the derivative of that linear map), and a row whose block is all zero gets
 * the zero embedding.
 *
 * <p><b>Outputs.</b> Classification: softmax of the logits, {@code [n][nClasses]} (binary: two
 * columns). Regression: {@code output * targetScale + targetMean}.
 *
 * <p><b>Evaluation mode.</b> Predictions and gradients run the network with {@code training=false}:
 * dropout is the identity and batch normalisation uses its running statistics, so each row's
 * output and gradient are independent of the other rows of the batch. Rows are processed in
 * chunks of {@value #CHUNK} rows.
 *
 * <p><b>Losses for {@link #lossGradient}.</b> Classification: {@code -log p_y(x)} (cross-entropy);
 * regression: {@code (f(x) - y)^2} (squared error, without a factor 1/2), per row.
 *
 * <p><b>Saturated softmax.</b> The network runs in float32, where a confidently classified row has
 * {@code p_y = 1} exactly once the logit margin exceeds about 17 and {@code p_j = 0} beyond about
 * 104; differentiating {@code log_softmax} or {@code softmax} inside the float32 graph then returns
 * an all-zero input gradient, which blinds gradient attacks (FGSM's sign of zero is zero: a
 * gradient-masking artefact, not robustness). Both gradients therefore form the derivative with
 * respect to the logits in float64 from the log-softmax ({@code 1 - p_y} as {@code sum_{j != y}
 * p_j}, never as a difference), back-propagate it rescaled to unit size per row, and multiply the
 * scale back in float64. The result equals the exact derivative up to float32 rounding of the
 * network's Jacobian and is non-zero whenever the true value is representable in float64.
 *
 * <p><b>Saved form</b> ({@link #save(Path)}): {@value #PARAMS_FILE} (DJL's block parameter
 * serialisation: every weight, bias and batch-norm statistic in float32) and {@value #META_FILE}
 * ({@link NetworkMeta} as JSON). A loaded model predicts bit for bit as the saved one.
 *
 * <p><b>Native memory and threads.</b> The model owns one DJL {@link Model} (and through it one
 * {@link NDManager}); every call creates its arrays in a sub-manager closed before the call
 * returns, and {@link #close()} frees the rest. Calls are serialised by an internal lock, so the
 * model may be shared between threads; any call after {@code close()} throws {@link
 * IllegalStateException}.
 */
public final class NetworkModel implements DifferentiableModel, SizedModel {
  /** Metadata file inside a saved model directory. */
  public static final String META_FILE = "network-meta.json";

  /** Parameter file inside a saved model directory. */
  public static final String PARAMS_FILE = "network.params";

  static final int CHUNK = 2048;

  private final NetworkMeta meta;
  private final ReentrantLock lock = new ReentrantLock();
  private Model model; // guarded by lock; null once closed
  private final NDArray mean;
  private final NDArray scale;
  private final long serializedBytes;

  NetworkModel(Model model, NetworkMeta meta) {
    this.model = model;
    this.meta = meta;
    Block block = model.getBlock();
    block.freezeParameters(true);
    NDManager m = model.getNDManager();
    this.mean = m.create(toFloat(meta.centre()));
    this.scale = m.create(toFloat(meta.featureScale()));
    this.serializedBytes = parameterBytes(block).length;
  }

  @Override
  public String learnerName() {
    return meta.learner();
  }

  /** Everything saved beside the parameters: task, shapes, scaling, training facts. */
  public NetworkMeta meta() {
    return meta;
  }

  /** The task the model was trained for. */
  public TaskType task() {
    return meta.task();
  }

  /** Number of input columns. */
  public int nFeatures() {
    return meta.nFeatures();
  }

  /** Outputs per row: {@code nClasses} for classification, 1 for regression. */
  public int nOutputs() {
    return meta.nOutputs();
  }

  /**
   * Number of scalar parameters (weights, biases and batch-norm running statistics), as counted
   * when the model was fitted. {@code >= 1}.
   */
  @Override
  public long parameterCount() {
    return meta.parameterCount();
  }

  /** {@code "weights"}: {@link #parameterCount()} counts scalar network parameters. */
  @Override
  public String parameterUnit() {
    return "weights";
  }

  /**
   * Size in bytes of the saved parameter file ({@code network.params}), without the metadata files
   * that {@link #save} also writes.
   */
  public long serializedBytes() {
    return serializedBytes;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException when {@code x} has another column count than the model
   * @throws dev.hone.core.error.DataValidationException when the model has embeddings and a column
   *     of an embedding block is named differently in {@code x} (the matrix was encoded with other
   *     preprocessing)
   */
  @Override
  public Predictions predict(FeatureMatrix x) {
    checkColumns(x.nCols());
    checkBlocks(x.featureNames());
    int n = x.nRows();
    int f = x.nCols();
    float[] data = x.data();
    double[][] raw = new double[n][];
    for (int start = 0; start < n; start += CHUNK) {
      int end = Math.min(n, start + CHUNK);
      float[] chunk = new float[(end - start) * f];
      System.arraycopy(data, start * f, chunk, 0, chunk.length);
      impute(chunk, f);
      double[][] out = outputs(chunk, end - start);
      System.arraycopy(out, 0, raw, start, end - start);
    }
    return wrap(raw);
  }

  /** Identical to {@link #predict(FeatureMatrix)} on the same values (rounded to float32). */
  @Override
  public Predictions predictRows(double[][] x) {
    int n = x.length;
    double[][] raw = new double[n][];
    for (int start = 0; start < n; start += CHUNK) {
      int end = Math.min(n, start + CHUNK);
      double[][] out = outputs(flatten(x, start, end), end - start);
      System.arraycopy(out, 0, raw, start, end - start);
    }
    return wrap(raw);
  }

  /**
   * The network's raw outputs before softmax: logits {@code [n][nClasses]} for classification, the
   * standardised value {@code [n][1]} for regression.
   */
  public double[][] logits(double[][] x) {
    int n = x.length;
    double[][] raw = new double[n][];
    for (int start = 0; start < n; start += CHUNK) {
      int end = Math.min(n, start + CHUNK);
      double[][] out = outputs(flatten(x, start, end), end - start);
      System.arraycopy(out, 0, raw, start, end - start);
    }
    return raw;
  }

  @Override
  public double[][] lossGradient(double[][] x, double[] y) {
    if (y.length != x.length) {
      throw new IllegalArgumentException(
          "x has " + x.length + " rows but y has " + y.length + " labels");
    }
    int k = meta.nOutputs();
    if (meta.task().isClassification()) {
      for (int i = 0; i < y.length; i++) {
        if (y[i] != Math.rint(y[i]) || y[i] < 0 || y[i] >= k) {
          throw new IllegalArgumentException(
              "y[" + i + "] = " + y[i] + " is not a class index in [0, " + k + ")");
        }
      }
    }
    int n = x.length;
    int f = meta.nFeatures();
    double[][] grad = new double[n][];
    for (int from = 0; from < n; from += CHUNK) {
      int start = from;
      int end = Math.min(n, start + CHUNK);
      int b = end - start;
      float[] flat = flatten(x, start, end);
      double[] rowScale = new double[b];
      Arrays.fill(rowScale, 1.0);
      float[] g =
          gradient(
              flat, b,
              out -> {
                NDManager m = out.getManager();
                if (meta.task().isClassification()) {
                  // d loss / d logits = softmax - onehot, formed in float64 from the log-softmax
                  // and rescaled per row so that float32 back-propagation cannot flush it to zero
                  float[] z = out.toFloatArray();
                  float[] w = new float[b * k];
                  for (int i = 0; i < b; i++) {
                    rowScale[i] = softmaxMinusOneHot(z, i * k, k, (int) y[start + i], w);
                  }
                  return out.mul(m.create(w, new Shape(b, k))).sum();
                }
                float[] t = new float[b];
                for (int i = 0; i < b; i++) {
                  t[i] = (float) y[start + i];
                }
                return value(out, b).sub(m.create(t)).square().sum();
              });
      for (int i = 0; i < b; i++) {
        grad[start + i] = toDouble(g, i * f, f);
        scaleRow(grad[start + i], rowScale[i]);
      }
    }
    return grad;
  }

  @Override
  public double[][][] outputGradient(double[][] x) {
    int n = x.length;
    int f = meta.nFeatures();
    int k = meta.nOutputs();
    double[][][] grad = new double[n][k][];
    for (int start = 0; start < n; start += CHUNK) {
      int end = Math.min(n, start + CHUNK);
      int b = end - start;
      float[] flat = flatten(x, start, end);
      for (int c = 0; c < k; c++) {
        int cls = c;
        double[] rowScale = new double[b];
        Arrays.fill(rowScale, 1.0);
        float[] g =
            gradient(
                flat, b,
                out -> {
                  if (!meta.task().isClassification()) {
                    return value(out, b).sum();
                  }
                  // d p_c / d z = p_c (e_c - p) = -p_c (softmax - onehot_c), in float64 as above
                  float[] z = out.toFloatArray();
                  float[] w = new float[b * k];
                  for (int i = 0; i < b; i++) {
                    double s = softmaxMinusOneHot(z, i * k, k, cls, w);
                    rowScale[i] = -s * Math.exp(logSoftmax(z, i * k, k, cls));
                  }
                  return out.mul(out.getManager().create(w, new Shape(b, k))).sum();
                });
        for (int i = 0; i < b; i++) {
          grad[start + i][c] = toDouble(g, i * f, f);
          scaleRow(grad[start + i][c], rowScale[i]);
        }
      }
    }
    return grad;
  }

  @Override
  public void save(Path dir) {
    lock.lock();
    try {
      Model mdl = open();
      Files.createDirectories(dir);
      byte[] params = parameterBytes(mdl.getBlock());
      Path tmp = dir.resolve("." + PARAMS_FILE + "." + System.nanoTime() + ".tmp");
      Files.write(tmp, params);
      Files.move(tmp, dir.resolve(PARAMS_FILE), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      Json.write(dir.resolve(META_FILE), meta);
    } catch (IOException e) {
      throw new HoneException("cannot save the " + meta.learner() + " model to " + dir + ": "
          + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Provenance: {@code learner}, {@code parameter_count}, {@code parameter_file_bytes} (the {@code
   * network.params} file only; the saved model folder also holds its metadata), {@code
   * epochs_trained}, {@code best_epoch}, {@code best_validation_loss}, {@code stopped_by}, {@code
   * input_shape}, {@code embeddings} (one {@code input}, {@code levels}, {@code dim} entry per
   * categorical embedding; only when there are some) and the engine versions.
   */
  @Override
  public Map<String, Object> fitInfo() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("learner", meta.learner());
    m.put("parameter_count", meta.parameterCount());
    m.put("parameter_file_bytes", serializedBytes);
    m.put("epochs_trained", meta.epochsTrained());
    m.put("best_epoch", meta.bestEpoch());
    m.put("best_validation_loss", meta.bestValidationLoss());
    m.put("stopped_by", meta.stoppedBy());
    m.put("input_shape", meta.inputShape());
    if (!meta.embeddings().isEmpty()) {
      List<Map<String, Object>> emb = new java.util.ArrayList<>();
      for (CategoricalEmbedding e : meta.embeddings()) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("input", e.input());
        one.put("levels", e.width());
        one.put("dim", e.dim());
        emb.add(one);
      }
      m.put("embeddings", emb);
    }
    m.put("engine_versions", meta.engineVersions());
    return m;
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (model != null) {
        model.close();
        model = null;
      }
    } finally {
      lock.unlock();
    }
  }

  // ---------------------------------------------------------------- internals

  /** Every parameter's values in block order (for a warm start). */
  List<float[]> parameterValues() {
    lock.lock();
    try {
      List<float[]> out = new java.util.ArrayList<>();
      for (Parameter p : open().getBlock().getParameters().values()) {
        out.add(p.getArray().toFloatArray());
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  /** Arrays alive in the model's manager tree, or -1 once closed (for leak tests). */
  int liveArrays() {
    lock.lock();
    try {
      return model == null ? -1 : model.getNDManager().getManagedArrays().size();
    } finally {
      lock.unlock();
    }
  }

  private interface Target {
    NDArray of(NDArray networkOutput);
  }

  /** Eval-mode forward pass over raw (imputed) columns {@code (b, f)}. */
  private NDArray forward(NDManager m, NDArray x, int b) {
    NDArray z = x.sub(mean).div(scale);
    List<Integer> s = meta.inputShape();
    if (s.size() == 3) {
      z = z.reshape(b, s.get(0), s.get(1), s.get(2));
    }
    NDList out = model.getBlock().forward(new ParameterStore(m, false), new NDList(z), false);
    return out.singletonOrThrow();
  }

  /** Regression value in target units, shape {@code (b)}. */
  private NDArray value(NDArray out, int b) {
    return out.reshape(b).mul((float) meta.targetScale()).add((float) meta.targetMean());
  }

  private double[][] outputs(float[] flat, int b) {
    lock.lock();
    try {
      Model mdl = open();
      try (NDManager m = mdl.getNDManager().newSubManager()) {
        NDArray x = m.create(flat, new Shape(b, meta.nFeatures()));
        float[] o = forward(m, x, b).toFloatArray();
        int k = meta.nOutputs();
        double[][] out = new double[b][];
        for (int i = 0; i < b; i++) {
          out[i] = toDouble(o, i * k, k);
        }
        return out;
      }
    } finally {
      lock.unlock();
    }
  }

  private float[] gradient(float[] flat, int b, Target target) {
    lock.lock();
    try {
      Model mdl = open();
      try (NDManager m = mdl.getNDManager().newSubManager();
          GradientCollector gc = DjlRuntime.engine().newGradientCollector()) {
        NDArray x = m.create(flat, new Shape(b, meta.nFeatures()));
        x.setRequiresGradient(true);
        NDArray out = forward(m, x, b);
        gc.backward(target.of(out));
        return x.getGradient().toFloatArray();
      }
    } finally {
      lock.unlock();
    }
  }

  private Predictions wrap(double[][] raw) {
    if (!meta.task().isClassification()) {
      double[] v = new double[raw.length];
      for (int i = 0; i < v.length; i++) {
        v[i] = raw[i][0] * meta.targetScale() + meta.targetMean();
      }
      return new Predictions(meta.task(), null, v);
    }
    double[][] p = new double[raw.length][];
    for (int i = 0; i < raw.length; i++) {
      p[i] = softmax(raw[i]);
    }
    return new Predictions(meta.task(), p, null);
  }

  /**
   * Writes {@code softmax(z) - onehot(y)} for one row of float32 logits {@code z[off..off+k)} into
   * {@code w[off..off+k)} divided by a positive scale, and returns that scale (so the true vector is
   * {@code scale * w}). Everything is computed in float64 from the log-softmax {@code z_j -
   * logsumexp(z)}: the entries {@code j != y} are {@code p_j / scale} with {@code scale = max_{j !=
   * y} p_j}, so the largest is exactly 1, and the entry {@code y} is {@code -(sum_{j != y} p_j) /
   * scale} rather than {@code p_y - 1}, which cancels to 0 once {@code p_y} rounds to 1. The
   * normalised vector is thus never zero and survives float32 back-propagation; the scale is 0 only
   * when every {@code p_j, j != y} is below float64's range (a logit margin above about 745).
   */
  static double softmaxMinusOneHot(float[] z, int off, int k, int y, float[] w) {
    double lse = logSumExp(z, off, k);
    double top = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < k; j++) {
      if (j != y) {
        top = Math.max(top, z[off + j] - lse);
      }
    }
    double rest = 0;
    for (int j = 0; j < k; j++) {
      if (j != y) {
        double v = Math.exp(z[off + j] - lse - top);
        w[off + j] = (float) v;
        rest += v;
      }
    }
    w[off + y] = (float) -rest;
    return Math.exp(top);
  }

  /** {@code log softmax(z)_c} in float64 for one row of float32 logits. */
  static double logSoftmax(float[] z, int off, int k, int c) {
    return z[off + c] - logSumExp(z, off, k);
  }

  private static double logSumExp(float[] z, int off, int k) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < k; j++) {
      max = Math.max(max, z[off + j]);
    }
    double sum = 0;
    for (int j = 0; j < k; j++) {
      sum += Math.exp(z[off + j] - max);
    }
    return max + Math.log(sum);
  }

  private static void scaleRow(double[] g, double s) {
    if (s != 1.0) {
      for (int j = 0; j < g.length; j++) {
        g[j] *= s;
      }
    }
  }

  /** Softmax in double precision of float32 logits (max-subtracted). */
  static double[] softmax(double[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v);
    }
    double sum = 0;
    double[] p = new double[z.length];
    for (int j = 0; j < z.length; j++) {
      p[j] = Math.exp(z[j] - max);
      sum += p[j];
    }
    for (int j = 0; j < z.length; j++) {
      p[j] /= sum;
    }
    return p;
  }

  private float[] flatten(double[][] x, int start, int end) {
    int f = meta.nFeatures();
    float[] out = new float[(end - start) * f];
    for (int i = start; i < end; i++) {
      if (x[i].length != f) {
        throw new IllegalArgumentException(
            "row " + i + " has " + x[i].length + " features but the model expects " + f);
      }
      for (int j = 0; j < f; j++) {
        out[(i - start) * f + j] = (float) x[i][j];
      }
    }
    impute(out, f);
    return out;
  }

  private void impute(float[] flat, int f) {
    double[] mu = meta.featureMean();
    for (int i = 0; i < flat.length; i++) {
      if (Float.isNaN(flat[i])) {
        flat[i] = (float) mu[i % f];
      }
    }
  }

  private void checkColumns(int nCols) {
    if (nCols != meta.nFeatures()) {
      throw new IllegalArgumentException(
          "the model expects " + meta.nFeatures() + " feature columns but got " + nCols);
    }
  }

  private void checkBlocks(List<String> names) {
    for (CategoricalEmbedding e : meta.embeddings()) {
      for (int j = e.firstColumn(); j < e.endColumn(); j++) {
        if (!names.get(j).equals(meta.featureNames().get(j))) {
          throw new dev.hone.core.error.DataValidationException(
              "column " + j + " is '" + names.get(j) + "' but the model's embedding of '"
                  + e.input() + "' reads '" + meta.featureNames().get(j) + "' there (columns ["
                  + e.firstColumn() + ", " + e.endColumn() + ")): transform the data with the"
                  + " preprocessing saved with the model");
        }
      }
    }
  }

  private Model open() {
    if (model == null) {
      throw new IllegalStateException("the " + meta.learner() + " model is closed");
    }
    return model;
  }

  static byte[] parameterBytes(Block block) {
    try {
      ByteArrayOutputStream bos = new ByteArrayOutputStream();
      try (DataOutputStream dos = new DataOutputStream(bos)) {
        block.saveParameters(dos);
      }
      return bos.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static long countParameters(Block block) {
    long n = 0;
    for (Parameter p : block.getParameters().values()) {
      n += p.getArray().size();
    }
    return n;
  }

  private static float[] toFloat(double[] d) {
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }

  private static double[] toDouble(float[] f, int from, int len) {
    double[] d = new double[len];
    for (int i = 0; i < len; i++) {
      d[i] = f[from + i];
    }
    return d;
  }
}
