/**
 * Multi-objective search: Pareto dominance (with Deb's constrained domination), non-dominated
 * sorting and crowding distance, exact hypervolume, the NSGA-II sampler, and pre- and
 * post-evaluation constraints.
 *
 * <p>Everything here is a pure function of {@link dev.hone.search.multiobjective.Evaluation}
 * lists. A study stores one value per trial; the objective vector and constraint values of a
 * trial live in two trial user attributes, {@value
 * dev.hone.search.multiobjective.Evaluation#VALUES_ATTRIBUTE} and {@value
 * dev.hone.search.multiobjective.Evaluation#CONSTRAINTS_ATTRIBUTE} (JSON arrays written by {@link
 * dev.hone.search.multiobjective.Evaluation#attributes}), read back by {@link
 * dev.hone.search.multiobjective.Evaluation#of(dev.hone.search.study.TrialRecord)}.
 */
package dev.hone.search.multiobjective;
