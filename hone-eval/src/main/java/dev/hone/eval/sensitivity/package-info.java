/**
 * How a model's output responds to its inputs, for any model seen as a {@link
 * dev.hone.eval.sensitivity.ModelFunction}.
 *
 * <ul>
 *   <li>{@link dev.hone.eval.sensitivity.IceCurves} → {@link dev.hone.eval.sensitivity.IceResult}:
 *       one-at-a-time perturbation curves per feature (ICE) and their mean (partial dependence).
 *   <li>{@link dev.hone.eval.sensitivity.SobolAnalysis} → {@link
 *       dev.hone.eval.sensitivity.SobolResult}: Sobol' first-order and total-effect indices under
 *       independent input marginals ({@link dev.hone.eval.sensitivity.Marginals}).
 * </ul>
 */
package dev.hone.eval.sensitivity;
