package dev.hone.learner.djl;

import dev.hone.core.model.FitRequest;
import dev.hone.core.model.Learner;
import dev.hone.core.params.ParamSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A multilayer perceptron for tables on DJL's PyTorch engine (CPU), registered as {@value #NAME}.
 *
 * <p><b>Input.</b> The {@code FeatureMatrix} produced by Hone's preprocessing: numeric columns as
 * they are and categorical columns one-hot encoded, with the one-hot blocks stated in {@link
 * FitRequest#categoricalBlocks()} (from {@code FittedPreprocessor.categoricalBlocks()}). Numeric
 * columns are standardised with the mean and population standard deviation of the training rows
 * only (a constant column gets scale 1); the scaling is part of the saved model and of the
 * differentiable graph. Missing values are replaced by the training mean.
 *
 * <p><b>Categorical embeddings</b> ({@code categorical_encoding=embedding}, the default). Each
 * block of {@code k} one-hot columns is mapped by its own bias-free linear map to {@code d = max(1,
 * min(k, embedding_dim_max, round(1.6 k^0.56)))} numbers (entity embeddings, Guo and Berkhahn,
 * arXiv:1604.06737, 2016; the size rule is fastai's {@code emb_sz_rule}); see {@link
 * CategoricalEmbedding}. The block's columns are not standardised; a row with an all-zero block (a
 * level mapped to no column) gets the zero embedding, a missing level (NaN block) the average
 * embedding weighted by the training frequencies. The first hidden layer reads [standardised
 * numeric columns, embeddings]. Because the embedding is a linear map of the one-hot columns, not
 * an index lookup, the model stays differentiable with respect to every input column. With {@code
 * categorical_encoding=one_hot}, or a request without blocks, the standardised one-hot columns are
 * read directly, as numeric ones. The layout is saved with the model ({@link
 * NetworkMeta#embeddings()}).
 *
 * <p><b>Network.</b> {@code depth} hidden layers of {@code width} units (or {@code width_i}
 * units for layer {@code i} when set), each Linear → [BatchNorm]
 * → activation → [Dropout], optionally with identity skip connections around layers 2..depth, and
 * a linear output layer ({@code nClasses} logits, or one value for regression on a standardised
 * target). See {@link NetworkParams} for every hyperparameter.
 *
 * <p><b>Training.</b> Mini-batch Adam or SGD on the mean (row-weighted when {@code trainWeights}
 * is given) cross-entropy or squared error; rows are shuffled every epoch with a generator derived
 * from the request seed ({@code Seeds.rng(seed, "djl-shuffle", 0)}); PyTorch's generator is set to
 * {@code Seeds.nativeSeed(seed, "djl-init", 0)} before the weights are initialised (Xavier, DJL's
 * default), so the same request gives the same model on the same CPU and thread count. After every
 * epoch the validation loss (log loss, or mean squared error in target units) is reported to the
 * request's sink (without validation data the sink is still called, with {@code NaN}); training
 * stops when the sink says so, after {@code patience} epochs without a
 * strict improvement, or after {@code epochs}; the best epoch's weights are kept (the last epoch's
 * when patience is 0 or there is no validation data).
 *
 * <p><b>Threads.</b> PyTorch's intra-op thread count is set to {@code FitRequest.threads()} for
 * the fit (a process-wide setting, kept afterwards for predictions).
 *
 * <p>Thread safety: stateless; fits in one JVM are serialised (PyTorch's generator is global).
 */
public final class MlpLearner implements Learner {
  /** The learner's registered name. */
  public static final String NAME = "mlp";

  static {
    DjlRuntime.forceOffline();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<ParamSpec> paramSpecs() {
    return NetworkParams.mlp();
  }

  /**
   * {@inheritDoc}
   *
   * @throws dev.hone.core.error.InvalidParameterException when the parameters were not resolved
   *     against {@link #paramSpecs()}
   * @throws dev.hone.core.error.DataValidationException for bad labels or mismatched columns
   * @throws dev.hone.core.error.NativeBackendException when PyTorch cannot be loaded or fails
   */
  @Override
  public NetworkModel fit(FitRequest request) {
    return NetworkTrainer.fit(
        request, NAME, paramSpecs(), true, (p, f) -> new int[] {f}, Networks::mlp);
  }

  /**
   * Continues training {@code initial} (a model of this learner with the same columns and
   * architecture parameters) on {@code request}'s rows for {@code request}'s {@code epochs}: the
   * weights, batch-norm statistics and input standardisation start from {@code initial}'s, the
   * optimizer state afresh; {@code initial} is left unchanged. Use it for adversarial training or
   * fine-tuning; {@code initial == null} is {@link #fit(FitRequest)}.
   *
   * @throws dev.hone.core.error.InvalidParameterException when {@code initial} is of another
   *     learner, task, column count, input shape or architecture
   */
  public NetworkModel fit(FitRequest request, NetworkModel initial) {
    return NetworkTrainer.fit(
        request, NAME, paramSpecs(), true, (p, f) -> new int[] {f}, Networks::mlp, initial);
  }

  /**
   * Reads a model written by {@link NetworkModel#save(Path)}.
   *
   * @throws dev.hone.core.error.DataValidationException when a file is missing or damaged
   */
  @Override
  public NetworkModel load(Path dir) {
    return NetworkLoader.load(dir, NAME, paramSpecs(), Networks::mlp);
  }

  @Override
  public Map<String, String> engineVersions() {
    return DjlRuntime.versions();
  }
}
