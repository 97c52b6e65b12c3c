package dev.hone.search.fidelity;

import dev.hone.core.error.InvalidParameterException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A pilot that evaluates only what the fidelity decision needs: few configurations first, more in
 * small batches while the decision is open, and a candidate's own fits only when it could still be
 * chosen.
 *
 * <p><b>Rule.</b> Start with {@link PilotRule#initialConfigs()} configurations at full fidelity;
 * candidates that cost no fit of their own ({@link Evaluations#free}, e.g. boosting rounds read
 * off the full fits' per-round validation losses) are scored on them at once. Then walk the
 * candidates from the cheapest (measured cost when scored, else {@link Fidelity#nominalCost()}):
 *
 * <ol>
 *   <li>a candidate not yet scored on every current configuration is scored on the missing ones
 *       (its cost is then measured and the walk starts again);
 *   <li>with fewer than {@link PilotRule#maxConfigs()} configurations, the percentile-bootstrap
 *       interval of Spearman's ρ at level {@link PilotRule#stopConfidence()} decides: lower bound
 *       at least the threshold (and ρ too) &rarr; <i>trusted</i>, the walk stops and the candidate
 *       is chosen; upper bound (and ρ) below the threshold &rarr; <i>refused</i>, the walk goes on
 *       to the next
 *       candidate; otherwise the decision is open: {@link PilotRule#batch()} configurations are
 *       added (at full fidelity, and at every candidate scored so far that is not refused) and the
 *       walk starts again;
 *   <li>at {@link PilotRule#maxConfigs()} configurations the point estimate decides (ρ at least the
 *       threshold: trusted), as {@link FidelityCalibration} does.
 * </ol>
 *
 * When every candidate is refused the choice is {@code full}. The table returned is {@link
 * FidelityCalibration#calibrate} over everything evaluated, with its own intervals ({@link
 * CalibrationOptions#confidence()}, 95% by default); a candidate never scored (costlier than the
 * chosen one) appears as not evaluated. Because an early decision needs the point estimate on the
 * same side of the threshold as the interval, the table's point estimates always agree with it.
 * With {@link CalibrationOptions#useLowerBound()} no candidate is trusted early (the table's rule
 * then compares the 95% lower bound, which the early interval does not settle).
 *
 * <p>This is a group-sequential reading of the calibration of {@link FidelityCalibration}, in the
 * spirit of racing methods that stop evaluating once an interval settles a comparison (Maron and
 * Moore, Hoeffding races, NIPS 1993; Birattari et al., F-race, GECCO 2002); the rule is Hone's.
 */
public final class SequentialPilot {
  private SequentialPilot() {}

  /** One evaluation: score (NaN when it failed) and seconds it took. */
  public record Evaluation(double score, double seconds) {}

  /** Evaluates pilot configurations; the configurations themselves are the caller's. */
  public interface Evaluations {
    /**
     * Full-fidelity evaluations of configurations {@code configs} (called once per configuration,
     * in increasing order; may run them in parallel).
     *
     * @return one evaluation per configuration, in the order given
     */
    Evaluation[] full(int[] configs);

    /**
     * Evaluations of {@code configs} at candidate {@code candidate} (called once per pair, after
     * the configurations' full evaluations).
     */
    Evaluation[] low(int candidate, int[] configs);

    /** Whether the candidate costs no fit of its own (its evaluations derive from the full fits). */
    boolean free(int candidate);
  }

  /**
   * The pilot's outcome. Immutable and JSON-serialisable.
   *
   * @param calibration the calibration table over every evaluation made
   * @param configs configurations evaluated at full fidelity
   * @param fullScores {@code [configs]} their full-fidelity scores
   * @param fullSeconds {@code [configs]} their full-fidelity times (seconds)
   * @param lowScores {@code [nCandidates][configs]} candidate scores, NaN where not evaluated
   * @param lowFits candidate evaluations that needed a fit of their own (not free)
   * @param lowFitSeconds seconds those fits took
   * @param steps the decisions in order, in words
   */
  public record Outcome(
      CalibrationResult calibration,
      int configs,
      double[] fullScores,
      double[] fullSeconds,
      double[][] lowScores,
      int lowFits,
      double lowFitSeconds,
      List<String> steps) {
    public Outcome {
      steps = List.copyOf(steps);
    }
  }

  private enum Status { TRUSTED, REFUSED, OPEN }

  /**
   * Runs the pilot.
   *
   * @param candidates low fidelities {@code [nCandidates]}
   * @param ev the evaluations
   * @param rule configuration counts and the early-decision level
   * @param options the trust rule (threshold, minimum configurations, final intervals)
   * @throws InvalidParameterException if there are no candidates
   */
  public static Outcome run(
      List<Fidelity> candidates, Evaluations ev, PilotRule rule, CalibrationOptions options) {
    int k = candidates.size();
    if (k == 0) {
      throw new InvalidParameterException("a fidelity pilot needs at least one candidate");
    }
    int max = rule.maxConfigs();
    double[] full = new double[max];
    double[] fullSec = new double[max];
    double[][] low = new double[k][max];
    double[][] lowSec = new double[k][max];
    for (double[] r : low) {
      Arrays.fill(r, Double.NaN);
    }
    int[] scoredUpTo = new int[k];
    boolean[] refused = new boolean[k];
    List<String> steps = new ArrayList<>();
    int lowFits = 0;
    double lowFitSec = 0;
    int n = 0;
    int target = rule.initialConfigs();
    while (true) {
      if (n < target) {
        int[] idx = range(n, target);
        Evaluation[] e = ev.full(idx);
        for (int i = 0; i < idx.length; i++) {
          full[idx[i]] = e[i].score();
          fullSec[idx[i]] = e[i].seconds();
        }
        n = target;
        steps.add(n + " configurations at full fidelity");
        for (int f = 0; f < k; f++) {
          if (ev.free(f) && !refused[f]) {
            score(ev, f, scoredUpTo, n, low, lowSec);
          }
        }
      }
      boolean last = n >= max;
      Integer[] order = new Integer[k];
      for (int f = 0; f < k; f++) {
        order[f] = f;
      }
      final int nNow = n;
      double[] cost = new double[k];
      for (int f = 0; f < k; f++) {
        cost[f] = cost(candidates.get(f), low[f], lowSec[f], full, fullSec, scoredUpTo[f]);
      }
      Arrays.sort(order, Comparator.comparingDouble((Integer f) -> cost[f]));
      String action = "all refused";
      boolean stop = true;
      for (int f : order) {
        if (refused[f]) {
          continue;
        }
        if (scoredUpTo[f] < nNow) {
          double[] r = score(ev, f, scoredUpTo, nNow, low, lowSec);
          lowFits += (int) r[0];
          lowFitSec += r[1];
          action = null;
          stop = false;
          break;
        }
        Status s = status(low[f], full, nNow, options, rule, last);
        String name = candidates.get(f).toString();
        if (s == Status.REFUSED) {
          refused[f] = true;
          steps.add(String.format(Locale.ROOT, "%d configurations: %s refused%s", nNow, name,
              last ? " (point estimate)" : " (interval below the threshold)"));
          continue;
        }
        if (s == Status.TRUSTED) {
          steps.add(String.format(Locale.ROOT, "%d configurations: %s trusted%s", nNow, name,
              last ? " (point estimate)" : " (interval above the threshold)"));
          action = "chosen " + name;
          break;
        }
        action = "open: " + name;
        stop = last; // unreachable at the last size: the point estimate always decides
        break;
      }
      if (action == null) {
        continue; // a candidate was scored: walk again
      }
      if (stop || action.startsWith("chosen") || action.equals("all refused")) {
        break;
      }
      steps.add(nNow + " configurations: " + action + "; adding " + rule.batch());
      target = Math.min(max, n + rule.batch());
    }
    double[] fs = Arrays.copyOf(full, n);
    double[] fsec = Arrays.copyOf(fullSec, n);
    double[][] ls = new double[k][];
    double[][] lsec = new double[k][];
    for (int f = 0; f < k; f++) {
      ls[f] = Arrays.copyOf(low[f], n);
      lsec[f] = Arrays.copyOf(lowSec[f], n);
    }
    CalibrationResult cal = FidelityCalibration.calibrate(candidates, ls, fs, lsec, fsec, options);
    List<CalibrationRow> rows = new ArrayList<>();
    for (CalibrationRow r : cal.rows()) {
      if (r.nConfigs() == 0 && !r.trusted()) {
        r = new CalibrationRow(
            r.fidelity(), r.kind(), r.costFraction(), r.nominalCost(), r.spearman(),
            r.spearmanLow(), r.spearmanHigh(), r.kendall(), r.kendallLow(), r.kendallHigh(), 0,
            false, false, "not evaluated: a cheaper candidate was chosen first");
      }
      rows.add(r);
    }
    cal = new CalibrationResult(
        rows, cal.chosen(), cal.chosenCostFraction(), cal.threshold(), cal.useLowerBound(),
        cal.intervalMethod(), cal.confidence(), cal.bootstrapRounds(), cal.seed(), n);
    steps.add("chose " + cal.chosen());
    return new Outcome(cal, n, fs, fsec, ls, lowFits, lowFitSec, steps);
  }

  /** Scores candidate f on configurations scoredUpTo[f]..n-1; returns {fits, seconds}. */
  private static double[] score(
      Evaluations ev, int f, int[] scoredUpTo, int n, double[][] low, double[][] lowSec) {
    int[] idx = range(scoredUpTo[f], n);
    if (idx.length == 0) {
      return new double[] {0, 0};
    }
    Evaluation[] e = ev.low(f, idx);
    double sec = 0;
    for (int i = 0; i < idx.length; i++) {
      low[f][idx[i]] = e[i].score();
      lowSec[f][idx[i]] = e[i].seconds();
      sec += e[i].seconds();
    }
    scoredUpTo[f] = n;
    return ev.free(f) ? new double[] {0, 0} : new double[] {idx.length, sec};
  }

  private static int[] range(int from, int to) {
    int[] r = new int[Math.max(0, to - from)];
    for (int i = 0; i < r.length; i++) {
      r[i] = from + i;
    }
    return r;
  }

  /** Measured cost over the configurations scored at both fidelities, as the calibration does. */
  static double cost(
      Fidelity f, double[] low, double[] lowSec, double[] full, double[] fullSec, int upTo) {
    double tl = 0;
    double tf = 0;
    for (int c = 0; c < upTo; c++) {
      if (Double.isFinite(low[c]) && Double.isFinite(full[c])) {
        tl += lowSec[c];
        tf += fullSec[c];
      }
    }
    return tf > 0 ? tl / tf : f.nominalCost();
  }

  private static Status status(
      double[] low, double[] full, int n, CalibrationOptions o, PilotRule rule, boolean last) {
    List<Integer> ok = new ArrayList<>();
    for (int c = 0; c < n; c++) {
      if (Double.isFinite(low[c]) && Double.isFinite(full[c])) {
        ok.add(c);
      }
    }
    if (ok.size() < o.minConfigs()) {
      return last ? Status.REFUSED : Status.OPEN;
    }
    double[] x = new double[ok.size()];
    double[] y = new double[ok.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = low[ok.get(i)];
      y[i] = full[ok.get(i)];
    }
    if (last) {
      double rho = RankCorrelation.spearman(x, y);
      double tested = rho;
      if (o.useLowerBound()) {
        tested = RankCorrelation.bootstrap(x, y, o.bootstrapRounds(), o.confidence(), o.seed())
            .spearmanLow();
      }
      return !Double.isNaN(tested) && tested >= o.threshold() ? Status.TRUSTED : Status.REFUSED;
    }
    RankCorrelation.Estimate e =
        RankCorrelation.bootstrap(x, y, o.bootstrapRounds(), rule.stopConfidence(), o.seed());
    if (Double.isNaN(e.spearman())) {
      return Status.OPEN;
    }
    // a percentile interval need not contain the point estimate: require both, so that the
    // table's point-estimate rule always agrees with an early decision
    boolean pointTrusted = e.spearman() >= o.threshold();
    if (!o.useLowerBound() && pointTrusted && e.spearmanLow() >= o.threshold()) {
      return Status.TRUSTED;
    }
    if (!pointTrusted && e.spearmanHigh() < o.threshold()) {
      return Status.REFUSED;
    }
    return Status.OPEN;
  }
}
