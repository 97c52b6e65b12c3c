/**
 * Bias and fairness of binary classifiers, following the definitions of fairlearn and AIF360.
 *
 * <ul>
 *   <li>{@link dev.hone.fairness.Groups}: the group of every row under a sensitive column or an
 *       intersection of columns; missing values form the group {@code (missing)}.
 *   <li>{@link dev.hone.fairness.FairnessAudit}: per-group metrics ({@link
 *       dev.hone.fairness.GroupMetrics}, each a {@link dev.hone.fairness.Measure} that is a
 *       fraction with its parts or a typed undefined value), fairness summaries ({@link
 *       dev.hone.fairness.Summary}: demographic parity, equal opportunity, equalized odds,
 *       disparate impact with the four-fifths rule) and group-stratified bootstrap intervals, as
 *       an immutable {@link dev.hone.fairness.FairnessReport}.
 *   <li>{@link dev.hone.fairness.RepresentationAudit}: group sizes and label rates in training
 *       versus test data, with under-represented groups flagged.
 *   <li>{@link dev.hone.fairness.Reweighing}: Kamiran–Calders training weights.
 *   <li>{@link dev.hone.fairness.ThresholdOptimizer}: per-group randomised thresholds (Hardt et al.
 *       2016) for demographic parity, equal opportunity or equalized odds.
 *   <li>{@link dev.hone.fairness.FairnessObjectives}: summaries as plain numbers for a search
 *       objective or constraint.
 * </ul>
 *
 * <p>Every result record serialises with {@code dev.hone.core.json.Json}; rendering is elsewhere.
 */
package dev.hone.fairness;
