package dev.hone.robustness;

/**
 * How an attack may change one feature: the per-feature budget a report states.
 *
 * @param feature the feature (model input column) name
 * @param mutable whether attacks may change it; one-hot/categorical, immutable and constant
 *     features are held
 * @param scale the unit of ε for this feature (training standard deviation for tabular data, 1 for
 *     pixels); an L∞ budget ε lets the feature move by at most {@code ε × scale}
 * @param lower smallest value an adversarial example may take (training minimum by default)
 * @param upper largest value (training maximum by default)
 * @param note why the feature is held, or empty
 */
public record FeatureBudget(
    String feature, boolean mutable, double scale, double lower, double upper, String note) {}
