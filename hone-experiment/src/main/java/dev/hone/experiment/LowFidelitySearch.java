package dev.hone.experiment;

import dev.hone.core.error.HoneException;
import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.model.ReportSink;
import dev.hone.core.params.ParamSet;
import dev.hone.core.random.Seeds;
import dev.hone.search.fidelity.CalibrationOptions;
import dev.hone.search.fidelity.CalibrationResult;
import dev.hone.search.fidelity.Fidelity;
import dev.hone.search.fidelity.FidelityCalibration;
import dev.hone.search.fidelity.FidelityKind;
import dev.hone.search.pruner.AshaPruner;
import dev.hone.search.pruner.Pruner;
import dev.hone.search.pruner.Pruners;
import dev.hone.search.sampler.RandomSampler;
import dev.hone.search.space.Distribution;
import dev.hone.search.space.SearchSpace;
import dev.hone.search.study.Direction;
import dev.hone.search.study.Objective;
import dev.hone.search.study.Study;
import dev.hone.search.study.TrialPrunedException;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code hone train --fidelity}: a pilot calibration of candidate low fidelities, then a study
 * whose trials climb a ladder of fidelities under asynchronous successive halving (ASHA, Li et al.
 * 2020; {@link AshaPruner}) with reduction factor {@value #ETA}.
 *
 * <p><b>Pilot</b> ({@code --fidelity auto}): {@link #DEFAULT_PILOT_CONFIGS} configurations drawn
 * uniformly from the search space (seeded, stream {@code "fidelity.pilot"}) are fitted at full
 * fidelity and at each of {@link #AUTO_CANDIDATES}; {@link FidelityCalibration} keeps the cheapest
 * candidate whose Spearman ρ with full fidelity is at least 0.6. Row candidates are separate fits.
 * Rounds candidates cost no extra fit: their score is what the rounds scheduler ranks by, the
 * validation loss the full fit reported at the first milestone ({@link #roundsScore}), and their
 * cost is that milestone's share of the full fit's rounds times its time. With an explicit fidelity (e.g.
 * {@code rows:0.25}) there is no pilot: that fidelity is used as given. When nothing is trusted the
 * study runs at full fidelity without a scheduler, as without {@code --fidelity}. The best pilot
 * configuration is enqueued as the study's first trial, so its full-fidelity evaluation is not
 * lost.
 *
 * <p><b>Ladder.</b> For the chosen fidelity {@code g} with {@code K = max(1, round(log(1/c) / log
 * η))} rungs below full ({@code c} its nominal cost), rung {@code k = 0..K} applies every fraction
 * of {@code g} raised to {@code (K − k)/K}: geometric steps from {@code g} to full (e.g. rows 0.1,
 * 0.32, 1). Row, feature and resolution rungs refit from scratch at each rung and report the
 * validation objective at ASHA milestones {@code 1, η, ..., η^(K−1)} (of a maximum resource
 * {@code η^K}). A pure rounds fidelity needs no refits: the learner reports its validation loss
 * after each boosting round, ASHA judges it at rounds {@code ceil(fraction × n_estimators) ·
 * η^k}, and a trial stopped there ends PRUNED.
 */
final class LowFidelitySearch {
  private static final Logger LOG = LoggerFactory.getLogger(LowFidelitySearch.class);

  /** Reduction factor of the ladder and of ASHA. */
  static final int ETA = 3;

  /** Pilot configurations for {@code --fidelity auto}. */
  static final int DEFAULT_PILOT_CONFIGS = 10;

  /** Candidates of {@code --fidelity auto}. */
  static final List<Fidelity> AUTO_CANDIDATES =
      List.of(
          Fidelity.rows(0.1), Fidelity.rows(0.3), Fidelity.rounds(0.03), Fidelity.rounds(0.1),
          Fidelity.rounds(0.3));

  private final LowFidelityFits fits;
  private final Fidelity chosen;
  private final CalibrationResult calibration; // null without a pilot
  private final Map<String, Object> bestPilotConfig; // null without a pilot
  private double bestPilotScore = Double.NaN;
  private final double pilotSeconds;
  private final double pilotWallSeconds;
  private final List<Fidelity> ladder; // rungs below full
  private final long[] milestones;
  private final Pruner pruner;
  private final boolean roundsOnly;
  private final long seed;
  private final String setting;

  private LowFidelitySearch(
      String setting, LowFidelityFits fits, Fidelity chosen, CalibrationResult calibration,
      Map<String, Object> bestPilotConfig, double pilotSeconds, double pilotWallSeconds,
      int maxRounds, long seed) {
    this.setting = setting;
    this.fits = fits;
    this.chosen = chosen;
    this.calibration = calibration;
    this.bestPilotConfig = bestPilotConfig;
    this.pilotSeconds = pilotSeconds;
    this.pilotWallSeconds = pilotWallSeconds;
    this.seed = seed;
    this.roundsOnly = chosen.kind() == FidelityKind.ROUNDS;
    if (chosen.isFull()) {
      ladder = List.of();
      milestones = new long[0];
      pruner = Pruner.NONE;
    } else if (roundsOnly) {
      long r0 = Math.max(1, (long) Math.ceil(chosen.fraction() * maxRounds));
      AshaPruner asha = new AshaPruner(r0, maxRounds, ETA, 0);
      milestones = asha.milestones();
      ladder = List.of();
      // XGBoost reports a validation loss (logloss, mlogloss, rmse): lower is better
      pruner = Pruners.intermediateDirection(asha, Direction.MINIMIZE);
    } else {
      int k = Math.max(1, (int) Math.round(Math.log(1 / chosen.nominalCost()) / Math.log(ETA)));
      List<Fidelity> l = new ArrayList<>();
      for (int i = 0; i < k; i++) {
        l.add(scale(chosen, (double) (k - i) / k));
      }
      ladder = List.copyOf(l);
      long max = 1;
      for (int i = 0; i < k; i++) {
        max *= ETA;
      }
      AshaPruner asha = new AshaPruner(1, max, ETA, 0);
      milestones = asha.milestones();
      pruner = asha;
    }
  }

  /** Every fraction of {@code g} raised to {@code power} (1 → g, 0 → full). */
  static Fidelity scale(Fidelity g, double power) {
    List<Fidelity> parts = g.kind() == FidelityKind.COMPOSED ? g.parts() : List.of(g);
    List<Fidelity> out = new ArrayList<>();
    for (Fidelity p : parts) {
      double f = Math.pow(p.fraction(), power);
      out.add(Fidelity.of(p.kind(), Math.min(1.0, Math.round(f * 1e4) / 1e4)));
    }
    return Fidelity.compose(out.toArray(Fidelity[]::new));
  }

  /**
   * Parses {@code --fidelity} and, for {@code auto}, runs the pilot and the calibration.
   *
   * @param setting {@code auto} or a fidelity such as {@code rows:0.25} (see {@link
   *     Fidelity#parse})
   * @param jobs pilot fits run at once
   * @throws InvalidParameterException if the setting cannot be parsed or applied to the learner
   */
  static LowFidelitySearch plan(
      String setting, LowFidelityFits fits, SearchSpace space, ParamSet defaults, int jobs,
      long seed, int pilotConfigs) {
    int maxRounds = defaults.getInt(LowFidelityFits.ROUNDS_PARAM);
    if (!"auto".equalsIgnoreCase(setting.trim())) {
      Fidelity f = Fidelity.parse(setting);
      fits.checkSupported(List.of(f));
      return new LowFidelitySearch(setting, fits, f, null, null, 0, 0, maxRounds, seed);
    }
    List<Fidelity> cands = AUTO_CANDIDATES;
    fits.checkSupported(cands);
    int n = pilotConfigs;
    List<Map<String, Object>> configs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      SplittableRandom rng = Seeds.rng(seed, "fidelity.pilot", i);
      Map<String, Object> c = new LinkedHashMap<>();
      for (Map.Entry<String, Distribution> e : space.distributions().entrySet()) {
        c.put(e.getKey(), RandomSampler.sample(e.getValue(), rng));
      }
      configs.add(c);
    }
    double[] full = new double[n];
    double[] fullSec = new double[n];
    double[][] low = new double[cands.size()][n];
    double[][] lowSec = new double[cands.size()][n];
    long t0 = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs));
    try {
      List<Future<LowFidelityFits.Result>> fullFut = new ArrayList<>();
      List<double[]> curves = new ArrayList<>();
      List<Future<LowFidelityFits.Result>> fut = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        long fitSeed = Seeds.derive(seed, "fidelity.pilot-fit", i);
        Map<String, Object> c = configs.get(i);
        double[] curve = new double[maxRounds];
        java.util.Arrays.fill(curve, Double.NaN);
        curves.add(curve);
        ReportSink record =
            (step, value) -> {
              if (step < curve.length) {
                curve[step] = value;
              }
              return true;
            };
        fullFut.add(pool.submit(() -> safeFit(fits, c, Fidelity.FULL, fitSeed, record)));
        for (Fidelity f : cands) {
          fut.add(f.kind() == FidelityKind.ROUNDS
              ? null
              : pool.submit(() -> safeFit(fits, c, f, fitSeed, ReportSink.NONE)));
        }
      }
      int j = 0;
      for (int i = 0; i < n; i++) {
        LowFidelityFits.Result r = fullFut.get(i).get();
        full[i] = r.score();
        fullSec[i] = r.seconds();
        for (int f = 0; f < cands.size(); f++) {
          Future<LowFidelityFits.Result> lf = fut.get(j++);
          if (lf != null) {
            r = lf.get();
            low[f][i] = r.score();
            lowSec[f][i] = r.seconds();
          } else {
            double[] rs = roundsScore(curves.get(i), cands.get(f), maxRounds, fits.higherIsBetter());
            low[f][i] = rs[0];
            lowSec[f][i] = rs[1] * fullSec[i];
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HoneException("fidelity pilot interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new HoneException("fidelity pilot failed: " + e.getCause().getMessage(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    double total = 0;
    for (int i = 0; i < n; i++) {
      total += fullSec[i];
      for (int f = 0; f < cands.size(); f++) {
        if (cands.get(f).kind() != FidelityKind.ROUNDS) {
          total += lowSec[f][i]; // rounds scores came from the full fits: no time of their own
        }
      }
    }
    CalibrationResult cal =
        FidelityCalibration.calibrate(
            cands, low, full, lowSec, fullSec,
            CalibrationOptions.defaults(Seeds.derive(seed, "fidelity.calibration", 0)));
    Map<String, Object> best = null;
    double bestScore = Double.NaN;
    boolean max = fits.higherIsBetter();
    for (int i = 0; i < n; i++) {
      if (Double.isFinite(full[i])
          && (best == null || (max ? full[i] > bestScore : full[i] < bestScore))) {
        best = configs.get(i);
        bestScore = full[i];
      }
    }
    LOG.info(
        "fidelity pilot: {} configurations x {} candidates in {} s; chosen {}",
        n, cands.size(), String.format(java.util.Locale.ROOT, "%.1f", wall), cal.chosen());
    LowFidelitySearch lf =
        new LowFidelitySearch(
            setting, fits, cal.chosenFidelity(), cal, best, total, wall, maxRounds, seed);
    lf.bestPilotScore = bestScore;
    return lf;
  }

  /**
   * The score a rounds scheduler ranks a configuration by, read off its full fit's per-round
   * validation losses: the loss at the first milestone {@code ceil(fraction × maxRounds)} (or the
   * last round trained, when training stopped earlier), negated when the objective is higher-is-
   * better so that it points the objective's way; and the share of the full fit's rounds it took.
   *
   * @return {@code {score, costShare}}
   */
  static double[] roundsScore(double[] curve, Fidelity f, int maxRounds, boolean higherIsBetter) {
    int m = Math.max(1, (int) Math.ceil(f.fraction() * maxRounds));
    int trained = 0;
    while (trained < curve.length && !Double.isNaN(curve[trained])) {
      trained++;
    }
    if (trained == 0) {
      return new double[] {Double.NaN, 1.0};
    }
    int at = Math.min(m, trained - 1);
    double v = curve[at];
    return new double[] {higherIsBetter ? -v : v, Math.min(1.0, (at + 1.0) / trained)};
  }

  private static LowFidelityFits.Result safeFit(
      LowFidelityFits fits, Map<String, Object> c, Fidelity f, long fitSeed, ReportSink sink) {
    try {
      return fits.fit(c, f, fitSeed, sink);
    } catch (dev.hone.core.error.UserInputException e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.warn("fidelity pilot: fit at {} of {} failed: {}", f, c, e.getMessage());
      return new LowFidelityFits.Result(Double.NaN, 0, null);
    }
  }

  /** The pruner for the study ({@link Pruner#NONE} at full fidelity). */
  Pruner pruner() {
    return pruner;
  }

  /** The best full-fidelity validation score of the pilot; NaN without a pilot. */
  double bestPilotScore() {
    return bestPilotScore;
  }

  /** The chosen fidelity. */
  Fidelity chosen() {
    return chosen;
  }

  /** Enqueues the best pilot configuration into a study that has no trials yet. */
  void enqueuePilotBest(Study study) {
    if (bestPilotConfig != null && study.trials().isEmpty()) {
      study.enqueue(bestPilotConfig);
    }
  }

  /**
   * The trial objective: the fidelity ladder under the pruner, or one full fit at full fidelity.
   * Sets the {@code best_iteration} user attribute of the full-fidelity fit, as the plain
   * objective does.
   */
  Objective objective(SearchSpace space) {
    return trial -> {
      Map<String, Object> sampled = trial.suggestAll(space);
      long fitSeed = Seeds.derive(seed, "trial-fit", trial.number());
      ReportSink sink = ReportSink.NONE;
      if (roundsOnly && milestones.length > 0) {
        ReportSink inner = trial.reportSink();
        sink = (step, value) -> !isMilestone(step) || inner.report(step, value);
      } else {
        for (int k = 0; k < ladder.size(); k++) {
          trial.checkCancelled();
          LowFidelityFits.Result r = fits.fit(sampled, ladder.get(k), fitSeed, ReportSink.NONE);
          trial.setUserAttribute("fidelity_rung_" + k, ladder.get(k).toString());
          if (trial.report((int) milestones[k], r.score()).stopsTraining()) {
            throw new TrialPrunedException(
                "trial " + trial.number() + " stopped at " + ladder.get(k));
          }
        }
      }
      LowFidelityFits.Result r = fits.fit(sampled, Fidelity.FULL, fitSeed, sink);
      if (trial.shouldPrune()) {
        throw new TrialPrunedException("trial " + trial.number() + " stopped by " + pruner);
      }
      if (r.bestIteration() != null) {
        trial.setUserAttribute("best_iteration", String.valueOf(r.bestIteration()));
      }
      return r.score();
    };
  }

  private boolean isMilestone(int step) {
    for (long m : milestones) {
      if (m == step) {
        return true;
      }
    }
    return false;
  }

  /** Counts pruned and promoted trials per rung and gathers the calibration: metrics.json. */
  FidelitySummary summary(List<TrialRecord> trials) {
    List<FidelitySummary.Rung> rungs = new ArrayList<>();
    for (int k = 0; k < milestones.length; k++) {
      int reached = 0;
      int pruned = 0;
      for (TrialRecord t : trials) {
        if (!t.intermediateValues().containsKey((int) milestones[k])) {
          continue;
        }
        reached++;
        int last = Pruners.lastStep(t);
        if (t.state() == TrialState.PRUNED && last == milestones[k]) {
          pruned++;
        }
      }
      String fid =
          roundsOnly
              ? "rounds:" + milestones[k]
              : ladder.get(k).toString();
      rungs.add(new FidelitySummary.Rung(k, fid, milestones[k], reached, pruned, reached - pruned));
    }
    int pruned = 0;
    int complete = 0;
    double seconds = 0;
    for (TrialRecord t : trials) {
      if (t.state() == TrialState.PRUNED) {
        pruned++;
      } else if (t.state() == TrialState.COMPLETE) {
        complete++;
      }
      if (t.duration() != null) {
        seconds += t.duration().toNanos() / 1e9;
      }
    }
    int promoted = rungs.stream().mapToInt(FidelitySummary.Rung::promoted).sum();
    String scheduler =
        pruner == Pruner.NONE
            ? "none (full fidelity)"
            : "ASHA (eta " + ETA + ", milestones " + java.util.Arrays.toString(milestones)
                + (roundsOnly ? " boosting rounds" : " rung steps") + ")";
    return new FidelitySummary(
        setting, chosen.toString(), scheduler, calibration, rungs, complete, pruned, promoted,
        pilotSeconds, pilotWallSeconds, seconds);
  }
}
