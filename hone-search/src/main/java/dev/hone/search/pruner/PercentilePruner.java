package dev.hone.search.pruner;

import dev.hone.core.error.InvalidParameterException;
import dev.hone.search.sampler.StudyView;
import dev.hone.search.study.Direction;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import java.util.Arrays;
import java.util.Map;

/**
 * Stops a trial whose best intermediate value so far is worse than a percentile of the COMPLETE
 * trials' values at the same step (Optuna 3.1's {@code PercentilePruner}).
 *
 * <p><b>Rule</b>, at the trial's last reported step {@code s}, in this order:
 *
 * <ol>
 *   <li>CONTINUE while fewer than {@code max(1, nStartupTrials)} trials are COMPLETE;
 *   <li>CONTINUE while {@code s < nWarmupSteps} (steps are 0-based: with {@code nWarmupSteps = 3}
 *       steps 0, 1, 2 are never judged);
 *   <li>CONTINUE unless {@code s} is the first reported step of its interval: the judged steps are
 *       {@code nWarmupSteps + k·intervalSteps}, and a report that oversteps one is judged at the
 *       first report past it, once;
 *   <li>STOP when the trial has no finite value yet (all NaN: a NaN ranks worst);
 *   <li>CONTINUE while fewer than {@code nMinTrials} COMPLETE trials reported a finite value at step
 *       {@code s};
 *   <li>STOP when the best finite value so far is strictly worse than the {@code percentile}-th
 *       percentile of those values (for MAXIMIZE the {@code (100 - percentile)}-th), computed with
 *       linear interpolation between order statistics (numpy's default method).
 * </ol>
 *
 * <p><b>Differences from Optuna</b> (the NaN policy of {@link Pruner}): Optuna's statistics ignore
 * NaN but count NaN values towards {@code n_min_trials} and keep infinities; Hone uses finite values
 * only, for both the statistic and the count, and a trial's own best is taken over its finite
 * values. On finite reports the decisions are Optuna's (tested against Optuna 3.1 on recorded
 * report sequences).
 *
 * <p>Immutable and thread-safe.
 */
public final class PercentilePruner implements Pruner {
  private final double percentile;
  private final int nStartupTrials;
  private final int nWarmupSteps;
  private final int intervalSteps;
  private final int nMinTrials;

  /**
   * @param percentile in {@code [0, 100]}: 25 keeps the trials in the best quarter at each step
   * @param nStartupTrials no trial is stopped before this many trials are COMPLETE, {@code >= 0}
   *     (Optuna's default 5)
   * @param nWarmupSteps steps {@code < nWarmupSteps} are never judged, {@code >= 0} (default 0)
   * @param intervalSteps judge every this many steps after the warm-up, {@code >= 1} (default 1)
   * @param nMinTrials judge only when at least this many COMPLETE trials reported a finite value at
   *     the step, {@code >= 1} (default 1)
   * @throws InvalidParameterException naming the argument out of range
   */
  public PercentilePruner(
      double percentile, int nStartupTrials, int nWarmupSteps, int intervalSteps, int nMinTrials) {
    if (!(percentile >= 0 && percentile <= 100)) {
      throw new InvalidParameterException(
          "pruner percentile was " + percentile + " but must be in [0, 100]");
    }
    check("nStartupTrials", nStartupTrials, 0);
    check("nWarmupSteps", nWarmupSteps, 0);
    check("intervalSteps", intervalSteps, 1);
    check("nMinTrials", nMinTrials, 1);
    this.percentile = percentile;
    this.nStartupTrials = nStartupTrials;
    this.nWarmupSteps = nWarmupSteps;
    this.intervalSteps = intervalSteps;
    this.nMinTrials = nMinTrials;
  }

  /** With Optuna's defaults: 5 startup trials, no warm-up, interval 1, one peer. */
  public PercentilePruner(double percentile) {
    this(percentile, 5, 0, 1, 1);
  }

  static void check(String name, long value, long min) {
    if (value < min) {
      throw new InvalidParameterException(
          "pruner argument " + name + " was " + value + " but must be >= " + min);
    }
  }

  /** The percentile, in {@code [0, 100]}. */
  public double percentile() {
    return percentile;
  }

  @Override
  public PruneDecision decide(StudyView study, TrialRecord trial, boolean canPause) {
    int nComplete = 0;
    for (TrialRecord t : study.trials()) {
      if (t.state() == TrialState.COMPLETE) {
        nComplete++;
      }
    }
    if (nComplete == 0 || nComplete < nStartupTrials) {
      return PruneDecision.CONTINUE;
    }
    int step = Pruners.lastStep(trial);
    if (step < 0 || step < nWarmupSteps) {
      return PruneDecision.CONTINUE;
    }
    if (!firstInInterval(step, trial.intermediateValues(), nWarmupSteps, intervalSteps)) {
      return PruneDecision.CONTINUE;
    }
    Direction direction = study.direction();
    double best = bestFinite(trial, direction);
    if (Double.isNaN(best)) {
      return PruneDecision.STOP;
    }
    double[] peers = new double[nComplete];
    int n = 0;
    for (TrialRecord t : study.trials()) {
      if (t.state() == TrialState.COMPLETE) {
        Double v = t.intermediateValues().get(step);
        if (v != null && Double.isFinite(v)) {
          peers[n++] = v;
        }
      }
    }
    if (n < nMinTrials) {
      return PruneDecision.CONTINUE;
    }
    double q = direction == Direction.MAXIMIZE ? 100 - percentile : percentile;
    double cutoff = linearPercentile(Arrays.copyOf(peers, n), q);
    return direction.isBetter(cutoff, best) ? PruneDecision.STOP : PruneDecision.CONTINUE;
  }

  /** The best finite intermediate value of {@code trial}, NaN when it has none. */
  static double bestFinite(TrialRecord trial, Direction direction) {
    double best = Double.NaN;
    for (double v : trial.intermediateValues().values()) {
      if (Double.isFinite(v) && (Double.isNaN(best) || direction.isBetter(v, best))) {
        best = v;
      }
    }
    return best;
  }

  /**
   * Whether {@code step} is the first reported step at or past its judged step {@code
   * nWarmup + k·interval} (Optuna's {@code _is_first_in_interval_step}).
   */
  static boolean firstInInterval(
      int step, Map<Integer, Double> reported, int nWarmup, int interval) {
    int nearestLower = (step - nWarmup) / interval * interval + nWarmup;
    int secondLast = -1;
    for (int s : reported.keySet()) {
      if (s != step && s > secondLast) {
        secondLast = s;
      }
    }
    return secondLast < nearestLower;
  }

  /**
   * The {@code q}-th percentile of {@code values} with linear interpolation between the sorted
   * values at ranks {@code floor(h)} and {@code ceil(h)}, {@code h = q/100·(n-1)} (numpy's
   * default {@code percentile}).
   *
   * @param values non-empty; sorted in place
   */
  static double linearPercentile(double[] values, double q) {
    Arrays.sort(values);
    double h = q / 100.0 * (values.length - 1);
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, values.length - 1);
    double frac = h - lo;
    return frac == 0 ? values[lo] : values[lo] + frac * (values[hi] - values[lo]);
  }

  @Override
  public String toString() {
    return "PercentilePruner[percentile=" + percentile + ", nStartupTrials=" + nStartupTrials
        + ", nWarmupSteps=" + nWarmupSteps + ", intervalSteps=" + intervalSteps
        + ", nMinTrials=" + nMinTrials + "]";
  }
}
