/**
 * Leakage checks on a train/holdout pair, before training: exact and near-duplicate rows across
 * the split, columns that copy or almost perfectly predict the target, identifier columns, and
 * groups or times that straddle the split ({@link dev.hone.eval.leakage.LeakageChecker}), with
 * split helpers that avoid the last two ({@link dev.hone.eval.leakage.GroupSplit}, {@link
 * dev.hone.eval.leakage.TimeSplit}). Results are immutable records ({@link
 * dev.hone.eval.leakage.LeakageReport}); a strict run calls {@link
 * dev.hone.eval.leakage.LeakageReport#requireNoHigh()}.
 */
package dev.hone.eval.leakage;
