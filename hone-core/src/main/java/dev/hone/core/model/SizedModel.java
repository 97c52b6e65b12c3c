package dev.hone.core.model;

/**
 * A model that can say how large it is, for deployment limits and the families leaderboard of
 * {@code hone train}. Optional capability of a {@link Model}: check with {@code instanceof}.
 */
public interface SizedModel {
  /**
   * The model's size in its own natural unit ({@link #parameterUnit()}): for tree ensembles the
   * number of nodes (splits and leaves) of the trees used for prediction; for linear models the
   * number of weights including the biases; for neural networks the number of trainable
   * parameters. {@code >= 0}.
   */
  long parameterCount();

  /** The unit of {@link #parameterCount()}: {@code "nodes"}, {@code "weights"} or {@code "parameters"}. */
  String parameterUnit();
}
