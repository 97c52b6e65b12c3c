package dev.hone.learner.djl;

import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.params.ParamSet;
import dev.hone.core.params.ParamSpec;
import dev.hone.core.params.SearchHint;
import java.util.ArrayList;
import java.util.List;

/**
 * Every hyperparameter of the {@code mlp} and {@code cnn} learners, each declared exactly once as a
 * {@link ParamSpec} (name, documentation with units, default, valid range, default search range).
 * The training-loop parameters ({@link #training()}) are shared by both learners; {@link #mlp()}
 * and {@link #cnn()} list each learner's complete set in the order shown to users.
 *
 * <p>Defaults follow common practice for small networks trained from scratch: Adam (Kingma and Ba,
 * "Adam: A Method for Stochastic Optimization", ICLR 2015) with learning rate 1e-3 and PyTorch's
 * default betas (0.9, 0.999), mini-batches of 64, and early stopping on the validation loss with a
 * patience of 5 epochs. Parameters without a search range ({@code epochs}, {@code patience},
 * {@code momentum}, the input shape) are not searched by default.
 */
public final class NetworkParams {
  private NetworkParams() {}

  /** Optimizer: {@code adam} (Kingma and Ba 2015) or {@code sgd} (with {@link #MOMENTUM}). */
  public static final ParamSpec OPTIMIZER =
      ParamSpec.choiceParam(
          "optimizer", "Gradient-descent optimizer: adam or sgd (with momentum).", "adam",
          List.of("adam", "sgd"), SearchHint.choices(List.of("adam", "sgd")));

  /** Step size of the optimizer; default 1e-3, valid (0, 10], searched log-uniform in [1e-4, 1e-2]. */
  public static final ParamSpec LEARNING_RATE =
      ParamSpec.floatParam(
          "learning_rate", "Optimizer step size (unit-less).", 1e-3, 0.0, false, 10.0, true,
          SearchHint.logRange(1e-4, 1e-2));

  /** Momentum of {@code sgd}; ignored by {@code adam}. Default 0.9, valid [0, 1). */
  public static final ParamSpec MOMENTUM =
      ParamSpec.floatParam(
          "momentum", "Momentum of the sgd optimizer (ignored by adam).", 0.9, 0.0, true, 1.0,
          false, null);

  /** Rows per mini-batch; default 64, valid [1, 65536], searched log-uniform in [16, 256]. */
  public static final ParamSpec BATCH_SIZE =
      ParamSpec.intParam(
          "batch_size", "Rows per mini-batch.", 64, 1, 65536, SearchHint.logRange(16, 256));

  /** Maximum number of passes over the training rows; default 30, valid [1, 100000]. */
  public static final ParamSpec EPOCHS =
      ParamSpec.intParam(
          "epochs", "Maximum number of passes over the training rows.", 30, 1, 100_000, null);

  /**
   * L2 penalty added to the gradient of every parameter (DJL {@code optWeightDecays}); default 0,
   * valid [0, 1], searched log-uniform in [1e-6, 1e-2].
   */
  public static final ParamSpec WEIGHT_DECAY =
      ParamSpec.floatParam(
          "weight_decay", "L2 penalty coefficient added to each parameter's gradient.", 0.0, 0.0,
          true, 1.0, true, SearchHint.logRange(1e-6, 1e-2));

  /**
   * Epochs without a strict improvement of the validation loss before training stops; 0 turns
   * early stopping off. Default 5, valid [0, 100000]. Used only when validation data is given.
   */
  public static final ParamSpec PATIENCE =
      ParamSpec.intParam(
          "patience",
          "Epochs without validation-loss improvement before stopping; 0 = never stop early.", 5,
          0, 100_000, null);

  /** Activation after every hidden layer: relu, tanh or gelu (Hendrycks and Gimpel 2016). */
  public static final ParamSpec ACTIVATION =
      ParamSpec.choiceParam(
          "activation", "Activation after each hidden layer: relu, tanh or gelu.", "relu",
          List.of("relu", "tanh", "gelu"), SearchHint.choices(List.of("relu", "tanh", "gelu")));

  /**
   * Probability of zeroing a hidden unit during training (Srivastava et al., JMLR 2014); inactive at
   * prediction time. Default 0, valid [0, 1), searched in [0, 0.5].
   */
  public static final ParamSpec DROPOUT =
      ParamSpec.floatParam(
          "dropout", "Probability of zeroing each hidden unit during training.", 0.0, 0.0, true,
          1.0, false, SearchHint.range(0.0, 0.5));

  /**
   * Batch normalisation after each hidden linear or convolution layer (Ioffe and Szegedy, ICML
   * 2015); predictions use the running statistics. Default {@code false}.
   */
  public static final ParamSpec BATCH_NORM =
      ParamSpec.choiceParam(
          "batch_norm", "Batch normalisation after each hidden layer: true or false.", "false",
          List.of("false", "true"), SearchHint.choices(List.of("false", "true")));

  /** Number of hidden layers of the MLP; default 2, valid [1, 32], searched in [1, 4]. */
  public static final ParamSpec DEPTH =
      ParamSpec.intParam("depth", "Number of hidden layers.", 2, 1, 32, SearchHint.range(1, 4));

  /** Units in every hidden layer of the MLP; default 64, valid [1, 8192], searched log in [16, 256]. */
  public static final ParamSpec WIDTH =
      ParamSpec.intParam(
          "width", "Units in each hidden layer.", 64, 1, 8192, SearchHint.logRange(16, 256));

  /** How many hidden layers can be given their own width ({@code width_0 .. width_7}). */
  public static final int MAX_LAYER_WIDTHS = 8;

  /**
   * Per-layer widths of the MLP, {@code width_0 .. width_7}: units of hidden layer {@code i}
   * (0-based); 0 (the default) means {@link #WIDTH}. Layers from the ninth on always use {@code
   * width}. Valid [0, 8192]; not searched by default (micro architecture search suggests them
   * conditionally on {@code depth}, see {@code dev.hone.experiment.NasSpaces}).
   */
  public static final List<ParamSpec> LAYER_WIDTHS = layerWidths();

  private static List<ParamSpec> layerWidths() {
    List<ParamSpec> out = new ArrayList<>();
    for (int i = 0; i < MAX_LAYER_WIDTHS; i++) {
      out.add(
          ParamSpec.intParam(
              "width_" + i,
              "Units in hidden layer " + i + " (0-based); 0 = use width.", 0, 0, 8192, null));
    }
    return List.copyOf(out);
  }

  /** Units of hidden layer {@code layer} (0-based): its {@code width_i} when set, else {@code width}. */
  static int layerWidth(ParamSet p, int layer) {
    if (layer < MAX_LAYER_WIDTHS) {
      int w = p.getInt("width_" + layer);
      if (w > 0) {
        return w;
      }
    }
    return p.getInt(WIDTH.name());
  }

  /**
   * Identity skip connections around hidden layers 2..depth (He et al., CVPR 2016): {@code
   * h_{l+1} = h_l + layer(h_l)}; a layer gets one only when its width equals its input's width
   * (always so with a single {@code width}; with per-layer widths, layers that change the width
   * have none). Default {@code false}.
   */
  public static final ParamSpec RESIDUAL =
      ParamSpec.choiceParam(
          "residual", "Skip connections around hidden layers 2..depth: true or false.", "false",
          List.of("false", "true"), SearchHint.choices(List.of("false", "true")));

  /** Value of {@link #CATEGORICAL_ENCODING} that learns embeddings. */
  public static final String EMBEDDING = "embedding";

  /** Value of {@link #CATEGORICAL_ENCODING} that feeds the standardised one-hot columns. */
  public static final String ONE_HOT = "one_hot";

  /**
   * How the MLP reads the one-hot blocks of categorical inputs named in {@code
   * FitRequest.categoricalBlocks}: {@code embedding} (default) maps each block of {@code k}
   * columns to a learned vector of {@link CategoricalEmbedding#dimension} numbers (entity
   * embeddings, Guo and Berkhahn 2016) and leaves the block's columns unstandardised; {@code
   * one_hot} standardises the one-hot columns like numeric ones and feeds them to the first hidden
   * layer. Without blocks in the request both give the same network. Not searched by default.
   */
  public static final ParamSpec CATEGORICAL_ENCODING =
      ParamSpec.choiceParam(
          "categorical_encoding",
          "Categorical inputs: embedding (a learned vector per level) or one_hot (standardised"
              + " indicator columns).",
          EMBEDDING, List.of(EMBEDDING, ONE_HOT), null);

  /**
   * Upper bound on each categorical embedding's dimension; a block of {@code k} columns gets
   * {@code max(1, min(k, embedding_dim_max, round(1.6 k^0.56)))} dimensions (fastai's rule, see
   * {@link CategoricalEmbedding#dimension}). Default 16, valid [1, 1024]; not searched by default.
   */
  public static final ParamSpec EMBEDDING_DIM_MAX =
      ParamSpec.intParam(
          "embedding_dim_max",
          "Largest embedding dimension of a categorical input (rule: round(1.6 k^0.56) for k"
              + " levels, at most k).",
          16, 1, 1024, null);

  /** Convolution blocks of the CNN; default 2, valid [1, 8], searched in [1, 3]. */
  public static final ParamSpec CONV_BLOCKS =
      ParamSpec.intParam(
          "conv_blocks", "Number of convolution blocks (conv, [batch norm], activation, pool).", 2,
          1, 8, SearchHint.range(1, 3));

  /**
   * Output channels of the first convolution block; block {@code b} (0-based) has {@code channels *
   * 2^b}. Default 32, valid [1, 1024], searched log in [8, 64].
   */
  public static final ParamSpec CHANNELS =
      ParamSpec.intParam(
          "channels", "Output channels of the first conv block; doubled in each later block.", 32,
          1, 1024, SearchHint.logRange(8, 64));

  /** Side of the square convolution kernel in pixels; 'same' zero padding. Default 3. */
  public static final ParamSpec KERNEL_SIZE =
      ParamSpec.choiceParam(
          "kernel_size", "Side of the square convolution kernel in pixels (same padding).", "3",
          List.of("3", "5", "7"), SearchHint.choices(List.of("3", "5")));

  /** Pooling after each block: 2x2 max, 2x2 average, or none. Default max. */
  public static final ParamSpec POOLING =
      ParamSpec.choiceParam(
          "pooling", "2x2 pooling after each conv block: max, avg or none.", "max",
          List.of("max", "avg", "none"), SearchHint.choices(List.of("max", "avg")));

  /** Units of the hidden dense layer of the CNN head; 0 = none. Default 128, searched log [32, 256]. */
  public static final ParamSpec DENSE_WIDTH =
      ParamSpec.intParam(
          "dense_width", "Units of the hidden dense layer of the head; 0 = no hidden layer.", 128,
          0, 8192, SearchHint.logRange(32, 256));

  /** Image channels of the CNN input; the columns are {@code [channel][row][col]} row-major. */
  public static final ParamSpec INPUT_CHANNELS =
      ParamSpec.intParam(
          "input_channels", "Image channels; columns are ordered [channel][row][col].", 1, 1, 64,
          null);

  /**
   * Image height of the CNN input in pixels; 0 = infer a square image from the column count and
   * {@link #INPUT_CHANNELS}. Default 0.
   */
  public static final ParamSpec INPUT_HEIGHT =
      ParamSpec.intParam(
          "input_height", "Image height in pixels; 0 = square, inferred from the column count.", 0,
          0, 65536, null);

  /** The training-loop parameters shared by both learners. */
  public static List<ParamSpec> training() {
    return List.of(
        OPTIMIZER, LEARNING_RATE, MOMENTUM, BATCH_SIZE, EPOCHS, WEIGHT_DECAY, PATIENCE);
  }

  /** Every parameter of the {@code mlp} learner. */
  public static List<ParamSpec> mlp() {
    List<ParamSpec> out =
        new ArrayList<>(List.of(DEPTH, WIDTH, ACTIVATION, DROPOUT, BATCH_NORM, RESIDUAL));
    out.addAll(LAYER_WIDTHS);
    out.add(CATEGORICAL_ENCODING);
    out.add(EMBEDDING_DIM_MAX);
    out.addAll(training());
    return List.copyOf(out);
  }

  /** Every parameter of the {@code cnn} learner. */
  public static List<ParamSpec> cnn() {
    List<ParamSpec> out =
        new ArrayList<>(
            List.of(
                CONV_BLOCKS, CHANNELS, KERNEL_SIZE, POOLING, DENSE_WIDTH, ACTIVATION, DROPOUT,
                BATCH_NORM, INPUT_CHANNELS, INPUT_HEIGHT));
    out.addAll(training());
    return List.copyOf(out);
  }

  static boolean flag(ParamSet p, ParamSpec spec) {
    return Boolean.parseBoolean(p.getString(spec.name()));
  }

  /**
   * Image shape {@code {channels, height, width}} for a CNN over {@code nFeatures} columns.
   *
   * @throws InvalidParameterException when the column count does not factor into the shape
   */
  static int[] imageShape(ParamSet p, int nFeatures) {
    int c = p.getInt(INPUT_CHANNELS.name());
    int h = p.getInt(INPUT_HEIGHT.name());
    if (nFeatures % c != 0) {
      throw new InvalidParameterException(
          "input_channels " + c + " does not divide the " + nFeatures
              + " feature columns: set input_channels to the image's channel count");
    }
    int perChannel = nFeatures / c;
    if (h == 0) {
      h = (int) Math.round(Math.sqrt(perChannel));
      if (h * h != perChannel) {
        throw new InvalidParameterException(
            perChannel + " columns per channel is not a square image: set input_height");
      }
    }
    if (perChannel % h != 0) {
      throw new InvalidParameterException(
          "input_height " + h + " does not divide the " + perChannel
              + " columns per channel: set input_height to the image height in pixels");
    }
    int w = perChannel / h;
    int blocks = p.getInt(CONV_BLOCKS.name());
    if (!"none".equals(p.getString(POOLING.name())) && (h >> blocks) < 1 | (w >> blocks) < 1) {
      throw new InvalidParameterException(
          "conv_blocks " + blocks + " with 2x2 pooling shrinks a " + h + "x" + w
              + " image below 1 pixel: use fewer conv_blocks or pooling=none");
    }
    return new int[] {c, h, w};
  }
}
