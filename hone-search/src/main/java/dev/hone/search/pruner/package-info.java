/**
 * Early stopping for the search engine: pruners and schedulers that decide, from a study's stored
 * intermediate values, whether a running trial goes on training.
 *
 * <ul>
 *   <li>{@link dev.hone.search.pruner.MedianPruner} and {@link
 *       dev.hone.search.pruner.PercentilePruner}: compare a trial's best value so far with the
 *       median / a percentile of the COMPLETE trials at the same step (Optuna's pruners of the
 *       same names).
 *   <li>{@link dev.hone.search.pruner.SuccessiveHalvingPruner}: rungs at {@code r·η^(s+k)},
 *       asynchronous promotion as in Optuna's {@code SuccessiveHalvingPruner} (successive halving
 *       after Jamieson and Talwalkar 2016).
 *   <li>{@link dev.hone.search.pruner.AshaPruner}: asynchronous successive halving (Li et al.
 *       2020) promoting exactly the top {@code ⌊n/η⌋} of a rung, with {@code PAUSE} for callers
 *       that can checkpoint.
 *   <li>{@link dev.hone.search.pruner.HyperbandPruner}: Hyperband brackets (Li et al. 2018) over
 *       ASHA rungs, computed with exact integer arithmetic ({@link
 *       dev.hone.search.pruner.HyperbandSchedule}).
 *   <li>{@link dev.hone.search.pruner.BohbSampler}: a TPE model per budget (Falkner et al. 2018).
 * </ul>
 *
 * <p>All pruners are pure functions of the study snapshot, hence thread-safe and resumable.
 */
package dev.hone.search.pruner;
