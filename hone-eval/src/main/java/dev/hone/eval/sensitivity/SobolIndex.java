package dev.hone.eval.sensitivity;

/**
 * Sobol' sensitivity indices of one feature, with 95% bootstrap percentile intervals.
 *
 * @param feature the feature's name
 * @param constant true when the feature is constant under the input distribution: its indices are
 *     exactly 0 and the model was not evaluated for it
 * @param firstOrder first-order index {@code S_i = V[E(Y|X_i)] / V(Y)}: the share of the output
 *     variance explained by the feature alone (estimates can fall slightly outside [0, 1])
 * @param firstOrderLower 2.5th bootstrap percentile of {@code firstOrder}
 * @param firstOrderUpper 97.5th bootstrap percentile
 * @param total total-effect index {@code ST_i = E[V(Y|X_~i)] / V(Y)}: the share including every
 *     interaction with other features; {@code ST_i − S_i} measures those interactions
 * @param totalLower 2.5th bootstrap percentile of {@code total}
 * @param totalUpper 97.5th bootstrap percentile
 */
public record SobolIndex(
    String feature,
    boolean constant,
    double firstOrder,
    double firstOrderLower,
    double firstOrderUpper,
    double total,
    double totalLower,
    double totalUpper) {}
