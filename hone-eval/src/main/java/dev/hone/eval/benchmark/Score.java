package dev.hone.eval.benchmark;

/**
 * One benchmark outcome: the score a learner reached on a dataset with one seed (the seed of the
 * split and of the learner; the experiment layer decides what it covers).
 *
 * @param dataset dataset name
 * @param learner learner name (including the baseline, e.g. {@code "baseline"})
 * @param seed the run's seed
 * @param value the metric's value on the run's test split, finite
 */
public record Score(String dataset, String learner, long seed, double value) {}
