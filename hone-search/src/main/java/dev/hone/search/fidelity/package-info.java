/**
 * Low-fidelity estimates that measure their own trust: the {@link dev.hone.search.fidelity.Fidelity}
 * value type (boosting rounds, fraction of training rows, fraction of features, image resolution,
 * and compositions of these), rank correlations with intervals ({@link
 * dev.hone.search.fidelity.RankCorrelation}: Spearman's ρ, Kendall's τ-b, percentile bootstrap
 * over configurations, Fisher z) and the calibration rule that picks the cheapest fidelity whose
 * ranking of configurations agrees with full fidelity ({@link
 * dev.hone.search.fidelity.FidelityCalibration}). Everything here is engine-free: it sees scores
 * and costs, never a learner.
 */
package dev.hone.search.fidelity;
