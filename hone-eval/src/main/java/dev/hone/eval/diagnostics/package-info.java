/**
 * Model diagnostics on an evaluated split, each returning an immutable, JSON-serialisable record
 * (rendering is done elsewhere).
 *
 * <ul>
 *   <li>{@link dev.hone.eval.diagnostics.ResidualAnalysis} → {@link
 *       dev.hone.eval.diagnostics.ResidualReport}: regression residuals against the prediction and
 *       each feature, their distribution, the largest ones, per-slice summaries and the
 *       studentized Breusch–Pagan test ({@link dev.hone.eval.diagnostics.BreuschPagan}).
 *   <li>{@link dev.hone.eval.diagnostics.Calibration} → {@link
 *       dev.hone.eval.diagnostics.CalibrationReport}: reliability diagram, ECE with a bootstrap
 *       interval, MCE; positive-class (binary) or top-label (multiclass).
 *   <li>{@link dev.hone.eval.diagnostics.ThresholdTable}: precision, recall, F1, FPR and the
 *       predicted-positive rate per decision threshold, and the F1-optimal threshold.
 * </ul>
 */
package dev.hone.eval.diagnostics;
