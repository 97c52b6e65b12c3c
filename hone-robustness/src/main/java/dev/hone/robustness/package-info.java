/**
 * Adversarial robustness of classifiers over the model's (preprocessed) feature space.
 *
 * <ul>
 *   <li>{@link dev.hone.robustness.PerturbationDomain}: which features may change (one-hot,
 *       immutable, constant and missing ones are held), the unit of ε per feature (training
 *       standard deviation for tabular data) and each feature's valid range (training min/max).
 *   <li>{@link dev.hone.robustness.GradientAttack}: FGSM and PGD under L∞ or L2 for any {@link
 *       dev.hone.core.model.DifferentiableModel}, with random starts and restarts.
 *   <li>{@link dev.hone.robustness.HopSkipJump}: a decision-based attack for any {@link
 *       dev.hone.robustness.Classifier}, tree ensembles included; {@link
 *       dev.hone.robustness.NoiseAttack}: uniform or Gaussian noise scaled per feature.
 *   <li>{@link dev.hone.robustness.Invariants}: the checks applied to every returned example.
 *   <li>{@link dev.hone.robustness.RobustAccuracy} (curves against ε), {@link
 *       dev.hone.robustness.MinimalEpsilon} (bisection), {@link
 *       dev.hone.robustness.AdversarialTraining} (mixing attacks into training rounds) and the
 *       JSON record {@link dev.hone.robustness.RobustnessReport}.
 * </ul>
 */
package dev.hone.robustness;
