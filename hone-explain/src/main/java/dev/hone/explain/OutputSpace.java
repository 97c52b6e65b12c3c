package dev.hone.explain;

/**
 * The scale on which a model output is explained. Attributions are additive on this scale only:
 * Shapley values in {@link #MARGIN} space sum to the log-odds, not to the probability.
 *
 * <ul>
 *   <li>{@link #MARGIN}: the raw score before the link function — log-odds of class 1 for a binary
 *       model, one unnormalised score per class for a multiclass softmax model, the prediction
 *       itself for squared-error regression. TreeSHAP always works here, because trees add up in
 *       margin space.
 *   <li>{@link #PROBABILITY}: class probabilities in [0, 1].
 *   <li>{@link #VALUE}: a regression prediction in the target's units (for squared-error models
 *       the same numbers as the margin).
 *   <li>{@link #SCORE}: the value of a metric, for explanations of a loss or score rather than of
 *       a prediction.
 * </ul>
 */
public enum OutputSpace {
  MARGIN,
  PROBABILITY,
  VALUE,
  SCORE
}
