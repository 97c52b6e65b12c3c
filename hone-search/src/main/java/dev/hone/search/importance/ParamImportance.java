package dev.hone.search.importance;

/**
 * The importance of one hyperparameter.
 *
 * @param name the parameter name
 * @param importance its share of the total (normalised results sum to 1) or, unnormalised, the
 *     Pearson divergence between its marginal among the top trials and among all trials; {@code
 *     >= 0}
 */
public record ParamImportance(String name, double importance) {}
