package dev.hone.experiment;

import dev.hone.core.error.HoneException;
import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.json.Json;
import dev.hone.core.model.ReportSink;
import dev.hone.core.params.ParamSet;
import dev.hone.core.random.Seeds;
import dev.hone.search.fidelity.CalibrationOptions;
import dev.hone.search.fidelity.CalibrationResult;
import dev.hone.search.fidelity.Fidelity;
import dev.hone.search.fidelity.FidelityCalibration;
import dev.hone.search.fidelity.FidelityKind;
import dev.hone.search.fidelity.PilotRule;
import dev.hone.search.fidelity.SequentialPilot;
import dev.hone.search.pruner.AshaPruner;
import dev.hone.search.pruner.Pruner;
import dev.hone.search.pruner.Pruners;
import dev.hone.search.sampler.RandomSampler;
import dev.hone.search.space.Distribution;
import dev.hone.search.space.SearchSpace;
import dev.hone.search.study.Direction;
import dev.hone.search.study.Objective;
import dev.hone.search.study.Study;
import dev.hone.search.study.Trial;
import dev.hone.search.study.TrialPrunedException;
import dev.hone.search.study.TrialRecord;
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
 * <p><b>Pilot</b> ({@code --fidelity auto}): configurations drawn uniformly from the search space
 * (seeded, stream {@code "fidelity.pilot"}) are fitted at full fidelity and scored at the
 * candidates of {@link #AUTO_CANDIDATES} by a sequential pilot ({@link SequentialPilot}, {@link
 * PilotRule#defaults()}: 6 configurations, 2 more at a time up to 10 while the bootstrap interval of
 * Spearman's ρ leaves the decision open); {@link FidelityCalibration}'s rule keeps the cheapest
 * candidate whose ρ with full fidelity is at least 0.6. Rounds candidates cost no extra fit: their
 * score is what the rounds scheduler ranks by, the validation loss the full fit reported at the
 * first milestone ({@link #roundsScore}), and their cost is that milestone's share of the full
 * fit's rounds times its time; they are scored first, and a row candidate is fitted only while it
 * could still be chosen. Every pilot configuration's full fit becomes a COMPLETE trial of the study
 * ({@link #recordPilot}), so the sampler starts from them and none is evaluated again. The
 * calibration is recorded in the study (a resumed run reuses it) and in a {@link CalibrationCache}
 * keyed by data, search space, learner, objective and rule, not by seed: a later {@code auto} run
 * reuses it without a pilot; {@code auto-fresh} runs a new pilot. With an explicit fidelity (e.g.
 * {@code rows:0.25}) there is no pilot: that fidelity is used as given. When nothing is trusted
 * the study runs at full fidelity without a scheduler, as without {@code --fidelity}.
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
  private double pilotFullSeconds;
  private String source = "";
  private boolean reused;
  private CalibrationCache.Entry entry; // null without a calibration
  private SequentialPilot.Outcome pilot; // null unless this run ran the pilot
  private List<Map<String, Object>> pilotConfigs = List.of();
  private List<double[]> pilotCurves = List.of();
  private PilotFits pilotFits;
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
   * Where a pilot's decision may come from besides a new pilot.
   *
   * @param studyAttributes user attributes of the study being resumed (empty for a new study): a
   *     calibration recorded there by an earlier run of this study is used as is
   * @param cache calibrations kept between runs, or {@code null} for none
   * @param dataFingerprint identifies the data and split the calibration is about (part of the
   *     cache key); ignored without a cache
   * @param runLabel names this run in a cached entry (e.g. study name and seed)
   * @param fresh {@code --fidelity auto-fresh}: ignore the cache and run a new pilot (its result
   *     replaces the cached one)
   */
  record PilotContext(
      Map<String, String> studyAttributes, CalibrationCache cache, String dataFingerprint,
      String runLabel, boolean fresh) {
    static final PilotContext NONE = new PilotContext(Map.of(), null, "", "", false);
  }

  /** Study user attribute holding the calibration (JSON of {@link CalibrationCache.Entry}). */
  static final String CALIBRATION_ATTRIBUTE = "hone.fidelity_calibration";

  /** Trial user attribute marking a pilot configuration's full-fidelity fit. */
  static final String PILOT_ATTRIBUTE = "fidelity_pilot";

  /**
   * Trial user attribute holding a pilot trial's own fit time (seconds, 3 decimals): the trial is
   * recorded after the pilot, so its start-to-finish duration says nothing of what it cost.
   */
  static final String FIT_SECONDS_ATTRIBUTE = "fit_seconds";

  /** Whether {@code setting} asks for a calibration ({@code auto} or {@code auto-fresh}). */
  static boolean isAuto(String setting) {
    String s = setting.trim().toLowerCase(java.util.Locale.ROOT);
    return s.equals("auto") || s.equals("auto-fresh");
  }

  /** As {@link #plan(String, LowFidelityFits, SearchSpace, ParamSet, int, long, PilotRule,
   * PilotContext)} with a fixed pilot of {@code pilotConfigs} configurations and no cache. */
  static LowFidelitySearch plan(
      String setting, LowFidelityFits fits, SearchSpace space, ParamSet defaults, int jobs,
      long seed, int pilotConfigs) {
    return plan(setting, fits, space, defaults, jobs, seed,
        pilotConfigs >= 3 ? PilotRule.fixed(pilotConfigs) : PilotRule.defaults(),
        PilotContext.NONE);
  }

  /**
   * Parses {@code --fidelity} and, for {@code auto}, finds the calibration: recorded in the study
   * being resumed, else in the cache (not with {@code auto-fresh}), else from a new sequential
   * pilot ({@link SequentialPilot}).
   *
   * @param setting {@code auto}, {@code auto-fresh} or a fidelity such as {@code rows:0.25} (see
   *     {@link Fidelity#parse})
   * @param jobs pilot fits run at once
   * @throws InvalidParameterException if the setting cannot be parsed or applied to the learner
   */
  static LowFidelitySearch plan(
      String setting, LowFidelityFits fits, SearchSpace space, ParamSet defaults, int jobs,
      long seed, PilotRule rule, PilotContext ctx) {
    int maxRounds = defaults.getInt(LowFidelityFits.ROUNDS_PARAM);
    if (!isAuto(setting)) {
      Fidelity f = Fidelity.parse(setting);
      fits.checkSupported(List.of(f));
      return new LowFidelitySearch(setting, fits, f, null, null, 0, 0, maxRounds, seed);
    }
    List<Fidelity> cands = AUTO_CANDIDATES;
    fits.checkSupported(cands);
    String description = cacheDescription(fits, space, maxRounds, rule, ctx.dataFingerprint());
    String recorded = ctx.studyAttributes().get(CALIBRATION_ATTRIBUTE);
    if (recorded != null) {
      CalibrationCache.Entry e = Json.read(recorded, CalibrationCache.Entry.class);
      LowFidelitySearch lf = new LowFidelitySearch(setting, fits, e.calibration().chosenFidelity(),
          e.calibration(), null, 0, 0, maxRounds, seed);
      lf.source = "recorded in the study by " + e.createdBy() + " on " + e.createdAt()
          + " (resumed; no new pilot)";
      lf.entry = e;
      LOG.info("fidelity calibration: {}", lf.source);
      return lf;
    }
    boolean fresh = ctx.fresh() || setting.trim().equalsIgnoreCase("auto-fresh");
    if (ctx.cache() != null && !fresh) {
      java.util.Optional<CalibrationCache.Entry> hit = ctx.cache().find(description);
      if (hit.isPresent()) {
        CalibrationCache.Entry e = hit.get();
        LowFidelitySearch lf = new LowFidelitySearch(setting, fits,
            e.calibration().chosenFidelity(), e.calibration(), null, 0, 0, maxRounds, seed);
        lf.source = "calibration reused from " + e.createdAt() + " (" + e.createdBy()
            + "; cache " + ctx.cache().dir().resolve(e.key() + ".json")
            + "); --fidelity auto-fresh runs a new pilot";
        lf.entry = e;
        lf.reused = true;
        LOG.info("fidelity {}", lf.source);
        return lf;
      }
    }
    List<Map<String, Object>> configs = new ArrayList<>();
    for (int i = 0; i < rule.maxConfigs(); i++) {
      SplittableRandom rng = Seeds.rng(seed, "fidelity.pilot", i);
      Map<String, Object> c = new LinkedHashMap<>();
      for (Map.Entry<String, Distribution> e : space.distributions().entrySet()) {
        c.put(e.getKey(), RandomSampler.sample(e.getValue(), rng));
      }
      configs.add(c);
    }
    PilotFits ev = new PilotFits(fits, configs, cands, maxRounds, seed, jobs);
    long t0 = System.nanoTime();
    SequentialPilot.Outcome out;
    try {
      out = SequentialPilot.run(cands, ev, rule,
          CalibrationOptions.defaults(Seeds.derive(seed, "fidelity.calibration", 0)));
    } finally {
      ev.close();
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    double fullTotal = 0;
    for (double v : out.fullSeconds()) {
      fullTotal += v;
    }
    CalibrationResult cal = out.calibration();
    int n = out.configs();
    Map<String, Object> best = null;
    double bestScore = Double.NaN;
    boolean max = fits.higherIsBetter();
    double[] full = out.fullScores();
    for (int i = 0; i < n; i++) {
      if (Double.isFinite(full[i])
          && (best == null || (max ? full[i] > bestScore : full[i] < bestScore))) {
        best = configs.get(i);
        bestScore = full[i];
      }
    }
    LOG.info(
        "fidelity pilot: {} configurations, {} fits of their own for {} candidates, in {} s;"
            + " chosen {}",
        n, out.lowFits(), cands.size(), String.format(java.util.Locale.ROOT, "%.1f", wall),
        cal.chosen());
    LowFidelitySearch lf =
        new LowFidelitySearch(
            setting, fits, cal.chosenFidelity(), cal, best, fullTotal + out.lowFitSeconds(), wall,
            maxRounds, seed);
    lf.bestPilotScore = bestScore;
    lf.pilotFullSeconds = fullTotal;
    lf.pilot = out;
    lf.pilotConfigs = List.copyOf(configs.subList(0, n));
    lf.pilotCurves = ev.curves;
    lf.pilotFits = ev;
    lf.entry = new CalibrationCache.Entry(
        CalibrationCache.key(description), description, java.time.Instant.now().toString(),
        ctx.runLabel().isEmpty() ? "seed " + seed : ctx.runLabel(), cal);
    lf.source = "pilot of this run (" + n + " configurations, " + out.lowFits()
        + " low-fidelity fits of their own)";
    if (ctx.cache() != null) {
      ctx.cache().store(lf.entry);
    }
    return lf;
  }

  /**
   * The context of {@code hone train}: the resumed study's attributes, the default cache ({@link
   * CalibrationCache#defaultCache()}), the data part of the study fingerprint (data hashes,
   * target, task, objective, split sizes, fairness; not the seed) and the study's name and seed.
   */
  static PilotContext pilotContext(
      dev.hone.search.store.StudyStore store, TrainConfig cfg, Map<String, String> fingerprint) {
    Map<String, String> attrs = store.findStudy(cfg.studyName())
        .map(dev.hone.search.store.StudyInfo::userAttributes).orElse(Map.of());
    Map<String, String> data = new java.util.TreeMap<>(fingerprint);
    data.keySet().removeAll(List.of("seed", "fidelity", "sampler", "pruner"));
    return new PilotContext(attrs, CalibrationCache.defaultCache(), data.toString(),
        "study " + cfg.studyName() + ", seed " + cfg.seed(),
        cfg.fidelity() != null && cfg.fidelity().trim().equalsIgnoreCase("auto-fresh"));
  }

  /** What a cached calibration is keyed on: everything that bears on the decision but the seed. */
  static String cacheDescription(
      LowFidelityFits fits, SearchSpace space, int maxRounds, PilotRule rule, String data) {
    return "data " + data + "; learner " + fits.learnerName() + " (" + LowFidelityFits.ROUNDS_PARAM
        + " " + maxRounds + "); objective " + fits.objectiveName() + "; space " + space
        + "; candidates " + AUTO_CANDIDATES + "; threshold " + CalibrationOptions.DEFAULT_THRESHOLD
        + "; pilot " + rule;
  }

  /** The pilot's evaluations: full fits (recording per-round losses) and candidate fits. */
  private static final class PilotFits implements SequentialPilot.Evaluations, AutoCloseable {
    final LowFidelityFits fits;
    final List<Map<String, Object>> configs;
    final List<Fidelity> cands;
    final int maxRounds;
    final long seed;
    final ExecutorService pool;
    final List<double[]> curves = new ArrayList<>();
    final double[] fullSec;
    final Object[] bestIts;
    final double[] fullDoneAt; // fit seconds of the pilot so far when each full fit finished
    double fitSecondsSoFar;
    final Map<Integer, Map<String, Double>> lowScores = new java.util.HashMap<>();

    PilotFits(LowFidelityFits fits, List<Map<String, Object>> configs, List<Fidelity> cands,
        int maxRounds, long seed, int jobs) {
      this.fits = fits;
      this.configs = configs;
      this.cands = cands;
      this.maxRounds = maxRounds;
      this.seed = seed;
      this.pool = Executors.newFixedThreadPool(Math.max(1, jobs));
      this.fullSec = new double[configs.size()];
      this.bestIts = new Object[configs.size()];
      this.fullDoneAt = new double[configs.size()];
    }

    /** Adds a finished fit's seconds to the running total; returns the new total. */
    synchronized double finished(LowFidelityFits.Result r) {
      fitSecondsSoFar += r.seconds();
      return fitSecondsSoFar;
    }

    @Override
    public SequentialPilot.Evaluation[] full(int[] idx) {
      List<Future<LowFidelityFits.Result>> fut = new ArrayList<>();
      for (int i : idx) {
        double[] curve = new double[maxRounds];
        java.util.Arrays.fill(curve, Double.NaN);
        while (curves.size() <= i) {
          curves.add(null);
        }
        curves.set(i, curve);
        ReportSink record =
            (step, value) -> {
              if (step < curve.length) {
                curve[step] = value;
              }
              return true;
            };
        Map<String, Object> c = configs.get(i);
        long fitSeed = Seeds.derive(seed, "fidelity.pilot-fit", i);
        fut.add(pool.submit(() -> {
          LowFidelityFits.Result r = safeFit(fits, c, Fidelity.FULL, fitSeed, record);
          fullDoneAt[i] = finished(r);
          return r;
        }));
      }
      SequentialPilot.Evaluation[] out = await(fut, bestIts, idx);
      for (int j = 0; j < idx.length; j++) {
        fullSec[idx[j]] = out[j].seconds();
      }
      return out;
    }

    @Override
    public SequentialPilot.Evaluation[] low(int candidate, int[] idx) {
      Fidelity f = cands.get(candidate);
      if (free(candidate)) {
        SequentialPilot.Evaluation[] out = new SequentialPilot.Evaluation[idx.length];
        for (int j = 0; j < idx.length; j++) {
          double[] rs = roundsScore(curves.get(idx[j]), f, maxRounds, fits.higherIsBetter());
          out[j] = new SequentialPilot.Evaluation(rs[0], rs[1] * fullSec[idx[j]]);
        }
        return out;
      }
      List<Future<LowFidelityFits.Result>> fut = new ArrayList<>();
      for (int i : idx) {
        Map<String, Object> c = configs.get(i);
        long fitSeed = Seeds.derive(seed, "fidelity.pilot-fit", i);
        fut.add(pool.submit(() -> {
          LowFidelityFits.Result r = safeFit(fits, c, f, fitSeed, ReportSink.NONE);
          finished(r);
          return r;
        }));
      }
      SequentialPilot.Evaluation[] out = await(fut, null, idx);
      synchronized (lowScores) {
        for (int j = 0; j < idx.length; j++) {
          lowScores.computeIfAbsent(idx[j], k -> new LinkedHashMap<>())
              .put(f.toString(), out[j].score());
        }
      }
      return out;
    }

    @Override
    public boolean free(int candidate) {
      return cands.get(candidate).kind() == FidelityKind.ROUNDS;
    }

    private static SequentialPilot.Evaluation[] await(
        List<Future<LowFidelityFits.Result>> fut, Object[] bestIts, int[] idx) {
      SequentialPilot.Evaluation[] out = new SequentialPilot.Evaluation[fut.size()];
      try {
        for (int j = 0; j < fut.size(); j++) {
          LowFidelityFits.Result r = fut.get(j).get();
          if (bestIts != null) {
            bestIts[idx[j]] = r.bestIteration();
          }
          out[j] = new SequentialPilot.Evaluation(r.score(), r.seconds());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new HoneException("fidelity pilot interrupted", e);
      } catch (java.util.concurrent.ExecutionException e) {
        throw new HoneException("fidelity pilot failed: " + e.getCause().getMessage(), e.getCause());
      }
      return out;
    }

    @Override
    public void close() {
      pool.shutdownNow();
    }
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

  /** Sum of the pilot's full-fidelity fit times (seconds); 0 without a pilot. */
  double pilotFullSeconds() {
    return pilotFullSeconds;
  }

  /** Sum of the pilot's row/feature fit times (seconds); 0 without a pilot. */
  double pilotLowSeconds() {
    return pilotSeconds - pilotFullSeconds;
  }

  /** The chosen fidelity. */
  Fidelity chosen() {
    return chosen;
  }

  /**
   * Records the calibration in the study (user attribute {@value #CALIBRATION_ATTRIBUTE}) and,
   * when this run ran the pilot and the study has no trials yet, every pilot configuration's
   * full-fidelity fit as a COMPLETE trial (its parameters, validation value, the per-round losses
   * at the rounds milestones or its score at a rung the pilot fitted, its {@code best_iteration},
   * its fit time as {@value #FIT_SECONDS_ATTRIBUTE} and the trial attribute {@value
   * #PILOT_ATTRIBUTE}), so that the sampler starts from them and
   * none is evaluated again. A study that already holds the attribute (a resumed run) is left as
   * it is. Without a calibration (explicit fidelity) nothing is recorded.
   *
   * @return the number of trials added
   */
  int recordPilot(Study study, SearchSpace space) {
    if (entry == null || study.userAttributes().containsKey(CALIBRATION_ATTRIBUTE)) {
      return 0;
    }
    int added = 0;
    if (pilot != null && study.trials().isEmpty()) {
      for (int i = 0; i < pilotConfigs.size(); i++) {
        study.enqueue(pilotConfigs.get(i));
        Trial t = study.ask();
        t.suggestAll(space);
        t.setUserAttribute(PILOT_ATTRIBUTE, "true");
        double v = pilot.fullScores()[i];
        if (!Double.isFinite(v)) {
          study.fail(t, "fidelity pilot: the full-fidelity fit failed");
          continue;
        }
        reportPilot(t, i);
        t.setUserAttribute(FIT_SECONDS_ATTRIBUTE,
            String.format(java.util.Locale.ROOT, "%.3f", pilotFits.fullSec[i]));
        Object bestIt = pilotFits.bestIts[i];
        if (bestIt != null) {
          t.setUserAttribute("best_iteration", String.valueOf(bestIt));
        }
        study.tell(t, v);
        added++;
      }
    }
    study.setUserAttribute(CALIBRATION_ATTRIBUTE, Json.write(entry));
    return added;
  }

  /** Reports what the pilot already knows of configuration i at the study's rungs. */
  private void reportPilot(Trial t, int i) {
    if (roundsOnly) {
      double[] curve = pilotCurves.get(i);
      for (long m : milestones) {
        if (m < curve.length && !Double.isNaN(curve[(int) m])) {
          t.report((int) m, curve[(int) m]);
        }
      }
      return;
    }
    Map<String, Double> low = pilotFits.lowScores.getOrDefault(i, Map.of());
    for (int k = 0; k < ladder.size(); k++) {
      Double v = low.get(ladder.get(k).toString());
      if (v == null || !Double.isFinite(v)) {
        return; // rungs are climbed in order: stop at the first one the pilot did not fit
      }
      t.report((int) milestones[k], v);
    }
  }

  /**
   * For each configuration of this run's pilot: its full-fidelity score and the share of the
   * pilot's fit time spent when that fit finished ({@code [configs][2]}, in {@code (0, 1]});
   * empty when no pilot ran. Lets a caller place the pilot's trials on a compute axis.
   */
  double[][] pilotTimeline() {
    if (pilot == null) {
      return new double[0][];
    }
    double total = pilotFits.fitSecondsSoFar;
    double[][] out = new double[pilot.configs()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = new double[] {pilot.fullScores()[i],
          total > 0 ? pilotFits.fullDoneAt[i] / total : 1.0};
    }
    return out;
  }

  /** Where the calibration came from, in words. */
  String calibrationSource() {
    return source;
  }

  /** Whether the calibration was taken from the cache (no pilot ran). */
  boolean reusedCalibration() {
    return reused;
  }

  /** Configurations the pilot of this run fitted at full fidelity; 0 when none ran. */
  int pilotConfigCount() {
    return pilot == null ? 0 : pilot.configs();
  }

  /** Low-fidelity fits of their own this run's pilot made. */
  int pilotLowFits() {
    return pilot == null ? 0 : pilot.lowFits();
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
    List<FidelitySummary.Rung> rungs =
        FidelitySummary.rungs(
            // the pilot's full fits report every round but were never judged by ASHA
            trials.stream().filter(t -> !t.userAttributes().containsKey(PILOT_ATTRIBUTE)).toList(),
            milestones,
            k -> roundsOnly ? "rounds:" + milestones[k] : ladder.get(k).toString());
    FidelitySummary.TrialCounts counts = FidelitySummary.TrialCounts.of(trials);
    int complete = counts.complete();
    int pruned = counts.pruned();
    double seconds = counts.seconds();
    int promoted = FidelitySummary.promotions(rungs);
    String scheduler =
        pruner == Pruner.NONE
            ? "none (full fidelity)"
            : "ASHA (eta " + ETA + ", milestones " + java.util.Arrays.toString(milestones)
                + (roundsOnly ? " boosting rounds" : " rung steps") + ")";
    return new FidelitySummary(
        setting, chosen.toString(), scheduler, calibration, rungs, complete, pruned, promoted,
        pilotSeconds, pilotWallSeconds, seconds, source, pilot == null ? List.of() : pilot.steps(),
        pilotConfigCount(), pilotLowFits(),
        // a reused calibration adds no trials; a resumed study keeps the ones its pilot added
        trials.stream().anyMatch(t -> t.userAttributes().containsKey(PILOT_ATTRIBUTE)));
  }
}
