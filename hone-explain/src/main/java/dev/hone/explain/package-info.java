/**
 * Model explanations over the preprocessed feature matrix.
 *
 * <p>Every explainer sees the model through a small interface and returns immutable,
 * JSON-serialisable records; rendering is left to the report.
 *
 * <ul>
 *   <li>{@link dev.hone.explain.PredictFunction}: the model as a batch function in an explicit
 *       {@link dev.hone.explain.OutputSpace} (margin, probability, value).
 *   <li>{@link dev.hone.explain.ExactShapley}: exact interventional Shapley values by enumerating
 *       all coalitions (the oracle, up to 20 players).
 *   <li>{@link dev.hone.explain.KernelShap}: KernelSHAP with paired sampling, exact enumeration of
 *       the heavy coalition sizes, constrained least squares and standard errors.
 *   <li>{@link dev.hone.explain.tree.TreeShap}: path-dependent TreeSHAP over Hone's own tree
 *       representation parsed from XGBoost's JSON model ({@link dev.hone.explain.tree.XGBoostJson});
 *       {@link dev.hone.explain.ContributionExplainer} wraps an engine's own contributions
 *       ({@link dev.hone.explain.ContributionSource}).
 *   <li>{@link dev.hone.explain.PermutationImportance}: permutation importance for any metric of
 *       {@code hone-eval}, grouped permutation and a correlated-pair check.
 *   <li>{@link dev.hone.explain.PartialDependence} (PD and ICE) and {@link
 *       dev.hone.explain.HStatistic} (pairwise interaction strength).
 *   <li>{@link dev.hone.explain.Explanation} (attributions, with {@link
 *       dev.hone.explain.Explanation#groupBy} to explain encoded columns as their input) and
 *       {@link dev.hone.explain.ExplanationSummaries} (the data of the usual SHAP charts).
 * </ul>
 *
 * <p>Missing values are {@code NaN} throughout. When coalitions mix an explained row with a
 * background row, a missing value and a present one are different values and two missing values
 * are the same ({@link dev.hone.explain.Matrices#same}).
 */
package dev.hone.explain;
