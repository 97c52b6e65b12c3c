/**
 * Samplers: the strategies that choose each trial's parameter values. The {@link
 * dev.hone.search.sampler.Sampler} SPI follows Optuna's {@code BaseSampler} (relative and
 * independent sampling, before/after hooks) with one deliberate difference: randomness is never
 * shared state. Every draw comes from a generator derived from (study seed, sampler, trial number,
 * parameter name) through {@link dev.hone.core.random.Seeds}, so a trial's suggestions depend only
 * on the seed and the history the sampler is shown, not on thread scheduling or on how many numbers
 * earlier trials consumed.
 *
 * <p>Samplers: {@link dev.hone.search.sampler.RandomSampler} (baseline), {@link
 * dev.hone.search.sampler.TpeSampler} (default; univariate, multivariate and grouped modes,
 * constant liar), {@link dev.hone.search.sampler.GpSampler} (Gaussian-process Bayesian
 * optimisation with log expected improvement, for up to a few hundred trials), {@link
 * dev.hone.search.sampler.GridSampler} (exhaustive), {@link dev.hone.search.sampler.QmcSampler}
 * (scrambled Sobol points), {@link dev.hone.search.sampler.EvolutionSampler} (regularized
 * evolution, for discrete spaces); multi-objective NSGA-II lives in {@code
 * dev.hone.search.multiobjective}.
 */
package dev.hone.search.sampler;
