/**
 * The statistics of a benchmark over datasets, learners and seeds: {@link
 * dev.hone.eval.benchmark.Leaderboards} turns {@link dev.hone.eval.benchmark.Score}s into a {@link
 * dev.hone.eval.benchmark.Leaderboard} (mean with a t interval per dataset and learner, average
 * ranks, paired {@link dev.hone.eval.benchmark.Wilcoxon} signed-rank tests with Holm's
 * adjustment). The {@link dev.hone.eval.benchmark.Baseline} learner is defined here and run by the
 * experiment layer. Pure functions: nothing here trains or reads files.
 */
package dev.hone.eval.benchmark;
