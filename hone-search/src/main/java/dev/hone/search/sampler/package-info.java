/**
 * Samplers: the strategies that choose each trial's parameter values. The {@link
 * dev.hone.search.sampler.Sampler} SPI follows Optuna's {@code BaseSampler} (relative and
 * independent sampling, before/after hooks) with one deliberate difference: randomness is never
 * shared state. Every draw comes from a generator derived from (study seed, sampler, trial number,
 * parameter name) through {@link dev.hone.core.random.Seeds}, so a trial's suggestions depend only
 * on the seed and the history the sampler is shown, not on thread scheduling or on how many numbers
 * earlier trials consumed.
 */
package dev.hone.search.sampler;
