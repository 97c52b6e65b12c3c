package dev.hone.search.fidelity;

import dev.hone.core.error.InvalidParameterException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Decides which low fidelity can stand in for full fidelity, from a pilot: a few configurations,
 * each evaluated at full fidelity and at every candidate low fidelity.
 *
 * <p><b>Rule.</b> For each candidate, Spearman's ρ and Kendall's τ-b between its scores and the
 * full-fidelity scores are computed over the configurations where both are finite, with
 * percentile-bootstrap intervals over configurations ({@link RankCorrelation#bootstrap}). A
 * candidate is <i>trusted</i> when at least {@code minConfigs} configurations count and ρ (or its
 * lower bound, with {@link CalibrationOptions#useLowerBound()}) is at least the threshold (default
 * 0.6). Candidates are then walked from the cheapest up; a refused candidate raises the choice to
 * the next more expensive one, and the first trusted candidate is <i>chosen</i>. When none is
 * trusted, the choice is {@code full}: the search runs without low-fidelity estimates.
 *
 * <p>This is the idea of checking rank agreement between fidelities before trusting them, as
 * discussed for multi-fidelity hyperparameter optimisation (e.g. Falkner, Klein and Hutter, BOHB,
 * ICML 2018, and the fidelity-correlation analyses of Pfisterer et al., YAHPO Gym, 2022); the rule
 * itself is Hone's.
 *
 * <p>Scores may be in either direction (higher or lower is better) as long as every fidelity uses
 * the same metric: rank correlations do not depend on it.
 */
public final class FidelityCalibration {
  /** Interval method recorded in the result. */
  public static final String INTERVAL_METHOD =
      "percentile bootstrap over configurations (pairs resampled with replacement)";

  private FidelityCalibration() {}

  /**
   * Calibrates candidate fidelities.
   *
   * @param candidates low fidelities {@code [nFidelities]} (a candidate equal to full is allowed
   *     and always trusted when its scores agree)
   * @param lowScores {@code [nFidelities][nConfigs]} score of each configuration at each candidate;
   *     {@code NaN} for a failed evaluation (that configuration is left out of that candidate)
   * @param fullScores {@code [nConfigs]} full-fidelity scores ({@code NaN} for a failed one)
   * @param lowSeconds {@code [nFidelities][nConfigs]} evaluation times, or {@code null} to use the
   *     nominal costs
   * @param fullSeconds {@code [nConfigs]} full-fidelity times, or {@code null}
   * @param options the trust rule
   * @return rows sorted by cost (cheapest first), the choice marked
   * @throws InvalidParameterException if shapes disagree or there are no candidates
   */
  public static CalibrationResult calibrate(
      List<Fidelity> candidates,
      double[][] lowScores,
      double[] fullScores,
      double[][] lowSeconds,
      double[] fullSeconds,
      CalibrationOptions options) {
    int k = candidates.size();
    if (k == 0) {
      throw new InvalidParameterException("fidelity calibration needs at least one candidate");
    }
    if (lowScores.length != k || (lowSeconds != null && lowSeconds.length != k)) {
      throw new InvalidParameterException(
          "fidelity calibration: " + k + " candidates but " + lowScores.length + " score rows");
    }
    if ((lowSeconds == null) != (fullSeconds == null)) {
      throw new InvalidParameterException("give both low and full evaluation times, or neither");
    }
    int n = fullScores.length;
    List<CalibrationRow> rows = new ArrayList<>();
    for (int f = 0; f < k; f++) {
      if (lowScores[f].length != n || (lowSeconds != null && lowSeconds[f].length != n)) {
        throw new InvalidParameterException(
            "fidelity calibration: candidate " + candidates.get(f) + " has "
                + lowScores[f].length + " scores for " + n + " configurations");
      }
      List<Integer> ok = new ArrayList<>();
      for (int c = 0; c < n; c++) {
        if (Double.isFinite(lowScores[f][c]) && Double.isFinite(fullScores[c])) {
          ok.add(c);
        }
      }
      double[] x = new double[ok.size()];
      double[] y = new double[ok.size()];
      double tLow = 0;
      double tFull = 0;
      for (int i = 0; i < ok.size(); i++) {
        int c = ok.get(i);
        x[i] = lowScores[f][c];
        y[i] = fullScores[c];
        if (lowSeconds != null) {
          tLow += lowSeconds[f][c];
          tFull += fullSeconds[c];
        }
      }
      Fidelity fid = candidates.get(f);
      double cost = lowSeconds != null && tFull > 0 ? tLow / tFull : fid.nominalCost();
      RankCorrelation.Estimate est =
          ok.size() >= 2
              ? RankCorrelation.bootstrap(
                  x, y, options.bootstrapRounds(), options.confidence(), options.seed())
              : new RankCorrelation.Estimate(
                  ok.size(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                  Double.NaN);
      double tested = options.useLowerBound() ? est.spearmanLow() : est.spearman();
      boolean trusted;
      String reason;
      if (ok.size() < options.minConfigs()) {
        trusted = false;
        reason = "refused: only " + ok.size() + " configurations scored at both fidelities (need "
            + options.minConfigs() + ")";
      } else if (Double.isNaN(tested)) {
        trusted = false;
        reason = "refused: rank correlation undefined (constant scores)";
      } else if (tested >= options.threshold()) {
        trusted = true;
        reason = String.format(
            Locale.ROOT, "trusted: %s %.3f >= %.2f",
            options.useLowerBound() ? "rho lower bound" : "rho", tested, options.threshold());
      } else {
        trusted = false;
        reason = String.format(
            Locale.ROOT, "refused: %s %.3f < %.2f",
            options.useLowerBound() ? "rho lower bound" : "rho", tested, options.threshold());
      }
      rows.add(
          new CalibrationRow(
              fid.toString(), fid.kind(), cost, fid.nominalCost(), est.spearman(),
              est.spearmanLow(), est.spearmanHigh(), est.kendall(), est.kendallLow(),
              est.kendallHigh(), ok.size(), trusted, false, reason));
    }
    List<Integer> order = new ArrayList<>();
    for (int f = 0; f < k; f++) {
      order.add(f);
    }
    order.sort(Comparator.comparingDouble((Integer f) -> rows.get(f).costFraction()));
    List<CalibrationRow> sorted = new ArrayList<>();
    String chosen = Fidelity.FULL.toString();
    double chosenCost = 1.0;
    boolean done = false;
    for (int f : order) {
      CalibrationRow r = rows.get(f);
      if (!done && r.trusted()) {
        done = true;
        chosen = r.fidelity();
        chosenCost = r.costFraction();
        r = new CalibrationRow(
            r.fidelity(), r.kind(), r.costFraction(), r.nominalCost(), r.spearman(),
            r.spearmanLow(), r.spearmanHigh(), r.kendall(), r.kendallLow(), r.kendallHigh(),
            r.nConfigs(), true, true, r.reason() + "; chosen (cheapest trusted)");
      }
      sorted.add(r);
    }
    return new CalibrationResult(
        sorted, chosen, chosenCost, options.threshold(), options.useLowerBound(), INTERVAL_METHOD,
        options.confidence(), options.bootstrapRounds(), options.seed(), n);
  }
}
