package dev.hone.experiment;

import dev.hone.core.data.TaskType;
import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.error.UserInputException;
import dev.hone.core.model.AreaResampling;
import dev.hone.core.model.Learner;
import dev.hone.core.model.ReportSink;
import dev.hone.core.random.Seeds;
import dev.hone.data.image.ImageDataset;
import dev.hone.eval.Metric;
import dev.hone.search.fidelity.CalibrationOptions;
import dev.hone.search.fidelity.CalibrationResult;
import dev.hone.search.fidelity.CalibrationRow;
import dev.hone.search.fidelity.Fidelity;
import dev.hone.search.fidelity.FidelityCalibration;
import dev.hone.search.fidelity.FidelityKind;
import dev.hone.search.pruner.AshaPruner;
import dev.hone.search.pruner.Pruner;
import dev.hone.search.study.Objective;
import dev.hone.search.study.TrialPrunedException;
import dev.hone.search.study.TrialRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code hone train --task image --fidelity}: image resolution (and epochs) as calibrated
 * fidelities, then a study whose trials climb from the chosen resolution to full resolution under
 * asynchronous successive halving (ASHA, Li et al., MLSys 2020; {@link AshaPruner}) with
 * reduction factor η = {@value #ETA}.
 *
 * <p><b>Settings.</b> {@code auto} runs the pilot below; {@code resolution:F}, {@code epochs:F}
 * (a synonym of {@code rounds:F}: {@code ceil(F × --search-epochs)} epochs) or a composition
 * such as {@code resolution:0.25+epochs:0.5} skips the pilot and starts the ladder there; {@code
 * full} searches at full resolution without a scheduler; {@code none} keeps the fixed {@code
 * --search-downscale} search of earlier versions (handled by {@link ImageTrainWorkflow}).
 *
 * <p><b>Pilot</b> ({@code auto}). {@link #DEFAULT_PILOT_CONFIGS} configurations drawn uniformly
 * from the search space (seed stream {@code fidelity.pilot}; conditional parameters only when
 * active) are each trained, with the same seed, at full resolution and at resolution {@link
 * #AUTO_RESOLUTIONS} (28→14→7 for MNIST, 8→4→2 for scikit-learn's digits), for {@code
 * --search-epochs} epochs. With at least two search epochs, {@code epochs:0.5} alone and with each
 * resolution are candidates too, at no extra fit: their score is the best validation loss of the
 * first {@code ceil(E/2)} epochs of the same fit and their cost that share of its time. Pilot fits
 * use at most {@link #PILOT_MAX_IMAGES} training images (a seeded stratified subsample, the same
 * for every fit) and the whole validation split; a configuration whose architecture does not fit a
 * small image (its 2x2 poolings would leave no pixel) is left out of that candidate (of every
 * candidate, when it does not fit the full image either). {@link
 * FidelityCalibration} (Spearman ρ and Kendall τ-b with bootstrap intervals; trusted when ρ ≥ 0.6
 * over at least 5 configurations) keeps the cheapest trusted candidate by measured cost, or none:
 * then every trial trains at full resolution without a scheduler.
 *
 * <p><b>Ladder.</b> With chosen resolution {@code r < 1}, rung {@code k = 0..K−1} ({@code K =
 * ceil(log2(1/r))}) trains at resolution {@code min(1, r·2^k)} (each side doubles per rung: 7, 14
 * for MNIST at r = 0.25); an epochs part {@code e} is raised geometrically to full over the rungs
 * ({@code e^((K−k)/K)}); with {@code e} alone, {@code K = max(1, round(log2(1/e)))}. Each rung is a
 * fresh fit whose validation log loss is reported at ASHA milestone {@code 2^k} (of a maximum
 * resource {@code 2^K}); ASHA promotes a trial past a rung iff it is in the best {@code
 * max(1, floor(n/2))} of the {@code n} trials that reached that rung so far, else the trial ends
 * PRUNED. A promoted trial is retrained at the next rung; one that passes every rung is trained at
 * full fidelity and that validation log loss is the trial's value. A rung whose resolution is too
 * small for the trial's architecture is skipped (the trial is judged at its next rung).
 *
 * <p>Seeds: pilot configuration {@code i} with {@code Seeds.derive(seed, "fidelity.pilot-fit",
 * i)}; trial {@code t}'s every rung with {@code Seeds.derive(seed, "trial-fit", t)}; the
 * calibration bootstrap with {@code Seeds.derive(seed, "fidelity.calibration", 0)}.
 */
final class ImageFidelitySearch {
  private static final Logger LOG = LoggerFactory.getLogger(ImageFidelitySearch.class);

  /** Reduction factor of ASHA and of the side length between rungs. */
  static final int ETA = 2;

  /** Pilot configurations of {@code auto}. */
  static final int DEFAULT_PILOT_CONFIGS = 8;

  /** Most training images a pilot fit uses. */
  static final int PILOT_MAX_IMAGES = 2000;

  /** Resolution candidates of {@code auto} (fraction of each side). */
  static final List<Double> AUTO_RESOLUTIONS = List.of(0.5, 0.25);

  /**
   * Smallest side (pixels) of an {@code auto} resolution candidate: a 2x2 digit holds almost no
   * information, and on such tiny images a fit's time is mostly fixed overhead, so its measured
   * cost says little.
   */
  static final int AUTO_MIN_SIDE = 4;

  /** Epoch fraction of the {@code auto} candidates (with at least 2 search epochs). */
  static final double AUTO_EPOCHS = 0.5;

  /** Default {@code --fidelity} of {@code hone train --task image}. */
  static final String DEFAULT_SETTING = "auto";

  /** Fits one configuration (raw, as the search space suggests it) at a fidelity. */
  @FunctionalInterface
  interface Fitter {
    /**
     * @param raw the configuration
     * @param f the fidelity (resolution and/or rounds = epochs; rows for the pilot's subsample)
     * @param seed the learner's seed
     * @param sink receives each epoch's validation loss
     * @return validation score (log loss), the fit's seconds
     */
    LowFidelityFits.Result fit(Map<String, Object> raw, Fidelity f, long seed, ReportSink sink);
  }

  /**
   * A parsed {@code --fidelity} value for images.
   *
   * @param text the value as given
   * @param kind {@code none}, {@code auto} or {@code fixed}
   * @param fixed the fidelity for {@code fixed}, else {@code null}
   */
  record Setting(String text, String kind, Fidelity fixed) {
    boolean none() {
      return kind.equals("none");
    }

    boolean auto() {
      return kind.equals("auto");
    }
  }

  /**
   * Parses {@code --fidelity} for images: {@code auto} ({@code auto-fresh} is the same: image
   * calibrations are not cached), {@code none}, {@code full}, or resolution
   * and epoch fractions ({@code resolution:0.25}, {@code epochs:0.5}, {@code rounds:0.5}, joined by
   * {@code +}).
   *
   * @param text the value; {@code null} gives {@link #DEFAULT_SETTING}
   * @throws InvalidParameterException naming the value and the accepted forms
   */
  static Setting parse(String text) {
    String t = text == null ? DEFAULT_SETTING : text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("auto") || t.equals("none")) {
      return new Setting(t, t, null);
    }
    if (t.equals("auto-fresh")) {
      return new Setting(t, "auto", null); // image calibrations are not cached: always a new pilot
    }
    Fidelity f;
    try {
      f = Fidelity.parse(t.replace("epochs:", "rounds:"));
    } catch (InvalidParameterException e) {
      throw new InvalidParameterException(
          "--fidelity '" + text + "' is not a fidelity for images: use auto, none, full,"
              + " resolution:F, epochs:F or resolution:F+epochs:F with F in (0, 1]"
              + (e.getMessage().contains("is not one of") // lists the table kinds too
                  ? "" : " (" + e.getMessage().replace("rounds", "epochs") + ")"));
    }
    for (Fidelity p : f.kind() == FidelityKind.COMPOSED ? f.parts() : List.of(f)) {
      if (p.kind() != FidelityKind.RESOLUTION && p.kind() != FidelityKind.ROUNDS
          && p.kind() != FidelityKind.FULL) {
        throw new InvalidParameterException(
            "--fidelity '" + text + "': " + p.kind().code() + " is a fidelity of tables; for"
                + " --task image use resolution:F, epochs:F or a composition such as"
                + " resolution:0.25+epochs:0.5");
      }
    }
    return new Setting(text, "fixed", f);
  }

  private final String setting;
  private final Fidelity chosen;
  private final CalibrationResult calibration; // null without a pilot
  private final Map<String, Object> bestPilotConfig; // null without a pilot
  private final double pilotFitSeconds;
  private final double pilotWallSeconds;
  private final int pilotImages;
  private final List<Fidelity> ladder;
  private final long[] milestones;
  private final Pruner pruner;
  private final long seed;

  private ImageFidelitySearch(
      String setting, Fidelity chosen, CalibrationResult calibration,
      Map<String, Object> bestPilotConfig, double pilotFitSeconds, double pilotWallSeconds,
      int pilotImages, long seed) {
    this.setting = setting;
    this.chosen = chosen;
    this.calibration = calibration;
    this.bestPilotConfig = bestPilotConfig;
    this.pilotFitSeconds = pilotFitSeconds;
    this.pilotWallSeconds = pilotWallSeconds;
    this.pilotImages = pilotImages;
    this.seed = seed;
    this.ladder = ladder(chosen);
    if (ladder.isEmpty()) {
      milestones = new long[0];
      pruner = Pruner.NONE;
    } else {
      AshaPruner asha = new AshaPruner(1, 1L << ladder.size(), ETA, 0);
      milestones = asha.milestones();
      pruner = asha;
    }
  }

  /**
   * The rungs below full fidelity for a chosen fidelity (see the class documentation): empty for
   * full fidelity.
   */
  static List<Fidelity> ladder(Fidelity chosen) {
    if (chosen.isFull()) {
      return List.of();
    }
    double r = chosen.fractionOf(FidelityKind.RESOLUTION);
    double e = chosen.fractionOf(FidelityKind.ROUNDS);
    int k =
        r < 1
            ? Math.max(1, (int) Math.ceil(Math.log(1 / r) / Math.log(2) - 1e-9))
            : Math.max(1, (int) Math.round(Math.log(1 / e) / Math.log(2)));
    List<Fidelity> out = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      double res = Math.min(1.0, round4(r * Math.pow(2, i)));
      double ep = Math.min(1.0, round4(Math.pow(e, (double) (k - i) / k)));
      out.add(Fidelity.compose(
          res < 1 ? Fidelity.resolution(res) : Fidelity.FULL,
          ep < 1 ? Fidelity.rounds(ep) : Fidelity.FULL));
    }
    return List.copyOf(out);
  }

  /** The smallest resolution fraction (2 decimals, rounded up) keeping {@link #AUTO_MIN_SIDE}. */
  static double minResolution(int imageSide) {
    double f = Math.ceil(100.0 * AUTO_MIN_SIDE / imageSide) / 100.0;
    while (f < 1 && AreaResampling.scaledSize(imageSide, f) < AUTO_MIN_SIDE) {
      f = Math.round(f * 100 + 1) / 100.0;
    }
    return Math.min(1.0, f);
  }

  private static double round4(double v) {
    return Math.round(v * 1e4) / 1e4;
  }

  /**
   * A fitter for images with the {@code cnn} learner (any {@link
   * dev.hone.core.model.ResolutionScalable} learner): every fit trains for {@code searchEpochs}
   * epochs (patience 2) on {@code train}, scored by the validation log loss.
   */
  static Fitter forImages(
      Learner learner, ImageSearchSpace space, ImageDataset train, ImageDataset valid,
      TaskType task, long seed, int threads, int searchEpochs) {
    LowFidelityFits fits =
        new LowFidelityFits(
            learner, task, valid.nClasses(), train.toFeatureMatrix(), train.labelsAsDouble(),
            valid.toFeatureMatrix(), valid.labelsAsDouble(), Metric.LOG_LOSS, seed, threads,
            "epochs");
    return (raw, f, s, sink) -> {
      Map<String, Object> p = new LinkedHashMap<>(space.toLearner(raw));
      p.put("epochs", searchEpochs);
      p.put("patience", 2);
      p.put("input_channels", train.channels());
      p.put("input_height", train.height());
      return fits.fit(p, f, s, sink);
    };
  }

  /**
   * Plans the search: for {@code auto} runs the pilot and the calibration.
   *
   * @param s the parsed setting (not {@code none})
   * @param fits fits configurations
   * @param space the search space (pilot configurations)
   * @param searchEpochs epochs of a full-fidelity fit
   * @param trainImages training images available (the pilot uses at most {@link
   *     #PILOT_MAX_IMAGES})
   * @param imageSide the smaller side of the images in pixels (resolution candidates leave at
   *     least {@link #AUTO_MIN_SIDE})
   * @param pilotConfigs pilot configurations (≥ 5 for anything to be trusted)
   * @throws InvalidParameterException when a fixed resolution leaves fewer than {@link
   *     #AUTO_MIN_SIDE} pixels a side
   */
  static ImageFidelitySearch plan(
      Setting s, Fitter fits, ImageSearchSpace space, int searchEpochs, int trainImages,
      int imageSide, long seed, int pilotConfigs) {
    if (s.none()) {
      throw new IllegalArgumentException("--fidelity none has no plan");
    }
    if (!s.auto()) {
      double r = s.fixed().fractionOf(FidelityKind.RESOLUTION);
      int side = AreaResampling.scaledSize(imageSide, r);
      if (r < 1 && side < AUTO_MIN_SIDE) {
        throw new InvalidParameterException(
            "--fidelity '" + s.text() + "' would search on images of " + side + " pixel(s) a side"
                + " (the images have " + imageSide + "); the lowest resolution keeps at least "
                + AUTO_MIN_SIDE + " pixels a side: give resolution:"
                + minResolution(imageSide) + " or more, or --fidelity auto");
      }
      return new ImageFidelitySearch(s.text(), s.fixed(), null, null, 0, 0, 0, seed);
    }
    int used = Math.min(trainImages, PILOT_MAX_IMAGES);
    Fidelity base =
        used < trainImages ? Fidelity.rows((double) used / trainImages) : Fidelity.FULL;
    List<Double> autoRes = new ArrayList<>();
    for (double r : AUTO_RESOLUTIONS) {
      if (AreaResampling.scaledSize(imageSide, r) >= AUTO_MIN_SIDE) {
        autoRes.add(r);
      }
    }
    List<Fidelity> cands = new ArrayList<>();
    for (double r : autoRes) {
      cands.add(Fidelity.resolution(r));
    }
    if (searchEpochs >= 2) {
      cands.add(Fidelity.rounds(AUTO_EPOCHS));
      for (double r : autoRes) {
        cands.add(Fidelity.compose(Fidelity.resolution(r), Fidelity.rounds(AUTO_EPOCHS)));
      }
    }
    if (cands.isEmpty()) {
      LOG.info("image fidelity auto: no candidate for {}-pixel images and {} search epoch(s);"
          + " searching at full resolution", imageSide, searchEpochs);
      return new ImageFidelitySearch(s.text(), Fidelity.FULL, null, null, 0, 0, 0, seed);
    }
    TreeSet<Double> res = new TreeSet<>(java.util.Comparator.reverseOrder());
    res.add(1.0);
    res.addAll(autoRes);
    List<Double> resolutions = new ArrayList<>(res);
    int n = pilotConfigs;
    List<Map<String, Object>> configs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      configs.add(space.sample(Seeds.rng(seed, "fidelity.pilot", i)));
    }
    double[][] score = new double[resolutions.size()][n];
    double[][] secs = new double[resolutions.size()][n];
    double[][][] curves = new double[resolutions.size()][n][];
    long t0 = System.nanoTime();
    double fitSeconds = 0;
    for (int i = 0; i < n; i++) {
      long fitSeed = Seeds.derive(seed, "fidelity.pilot-fit", i);
      for (int j = 0; j < resolutions.size(); j++) {
        double r = resolutions.get(j);
        double[] curve = new double[searchEpochs];
        Arrays.fill(curve, Double.NaN);
        ReportSink record = (step, v) -> {
          if (step >= 0 && step < curve.length) {
            curve[step] = v;
          }
          return true;
        };
        Fidelity f = Fidelity.compose(base, r < 1 ? Fidelity.resolution(r) : Fidelity.FULL);
        LowFidelityFits.Result out = tryFit(fits, configs.get(i), f, fitSeed, record, false);
        score[j][i] = out == null ? Double.NaN : out.score();
        secs[j][i] = out == null ? 0 : out.seconds();
        curves[j][i] = curve;
        fitSeconds += secs[j][i];
      }
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    if (Arrays.stream(score[0]).noneMatch(Double::isFinite)) {
      throw new dev.hone.core.error.HoneException(
          "fidelity pilot: none of the " + n + " configurations could be trained at full"
              + " resolution; see the log, or give --fidelity none");
    }
    double[][] low = new double[cands.size()][n];
    double[][] lowSec = new double[cands.size()][n];
    for (int c = 0; c < cands.size(); c++) {
      Fidelity f = cands.get(c);
      int j = resolutions.indexOf(f.fractionOf(FidelityKind.RESOLUTION));
      double ep = f.fractionOf(FidelityKind.ROUNDS);
      for (int i = 0; i < n; i++) {
        if (ep >= 1) {
          low[c][i] = score[j][i];
          lowSec[c][i] = secs[j][i];
        } else {
          double[] es = epochScore(curves[j][i], ep, searchEpochs);
          low[c][i] = Double.isNaN(score[j][i]) ? Double.NaN : es[0];
          lowSec[c][i] = es[1] * secs[j][i];
        }
      }
    }
    CalibrationResult cal =
        FidelityCalibration.calibrate(
            cands, low, score[0], lowSec, secs[0],
            CalibrationOptions.defaults(Seeds.derive(seed, "fidelity.calibration", 0)));
    Map<String, Object> best = null;
    double bestScore = Double.NaN;
    for (int i = 0; i < n; i++) {
      if (Double.isFinite(score[0][i]) && (best == null || score[0][i] < bestScore)) {
        best = configs.get(i);
        bestScore = score[0][i];
      }
    }
    LOG.info("image fidelity pilot: {} configurations on {} images, {} s; chosen {}", n, used,
        String.format(Locale.ROOT, "%.1f", wall), cal.chosen());
    return new ImageFidelitySearch(
        s.text(), cal.chosenFidelity(), cal, best, fitSeconds, wall, used, seed);
  }

  /**
   * The score of the first {@code ceil(fraction × epochs)} epochs read off a fit's per-epoch
   * validation losses: their minimum (the weights a fit of that many epochs would keep, as early
   * stopping restores the best epoch), and the share of the fit's epochs they took. Epochs not run
   * (early stopping) are left out.
   *
   * @return {@code {score, costShare}}; score NaN when no epoch was recorded
   */
  static double[] epochScore(double[] curve, double fraction, int epochs) {
    int k = Math.max(1, (int) Math.ceil(fraction * epochs - 1e-9));
    int trained = 0;
    while (trained < curve.length && !Double.isNaN(curve[trained])) {
      trained++;
    }
    if (trained == 0) {
      return new double[] {Double.NaN, 1.0};
    }
    int upto = Math.min(k, trained);
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < upto; i++) {
      best = Math.min(best, curve[i]);
    }
    return new double[] {best, (double) upto / trained};
  }

  /**
   * Fits; returns {@code null} when the configuration is refused as a user error (its
   * architecture does not fit the image: three 2x2 poolings of a 4x4 image) unless {@code
   * propagate} is set, and a NaN score when the fit fails otherwise.
   */
  private static LowFidelityFits.Result tryFit(
      Fitter fits, Map<String, Object> raw, Fidelity f, long seed, ReportSink sink,
      boolean propagate) {
    try {
      return fits.fit(raw, f, seed, sink);
    } catch (UserInputException e) {
      if (propagate) {
        throw e;
      }
      LOG.debug("{} is not evaluable at {}: {}", raw, f, e.getMessage());
      return null;
    } catch (RuntimeException e) {
      LOG.warn("image fidelity pilot: fit of {} at {} failed: {}", raw, f, e.getMessage());
      return new LowFidelityFits.Result(Double.NaN, 0, null);
    }
  }

  /** The study's pruner: ASHA over the ladder, or {@link Pruner#NONE} at full fidelity. */
  Pruner pruner() {
    return pruner;
  }

  /** The chosen (lowest) fidelity; {@code full} when no scheduler runs. */
  Fidelity chosen() {
    return chosen;
  }

  /** The rungs below full fidelity. */
  List<Fidelity> rungs() {
    return ladder;
  }

  /** Training images each pilot fit used (0 without a pilot). */
  int pilotImages() {
    return pilotImages;
  }

  /** The pilot's best configuration at full fidelity (raw), or {@code null}. */
  Map<String, Object> bestPilotConfig() {
    return bestPilotConfig;
  }

  /**
   * The trial objective: the rungs under the pruner, then one fit at full fidelity whose
   * validation log loss is the trial's value. At full fidelity without rungs, each epoch's
   * validation loss is reported to the trial.
   */
  Objective objective(ImageSearchSpace space, Fitter fits) {
    return trial -> {
      Map<String, Object> raw = space.suggest(trial);
      long fitSeed = Seeds.derive(seed, "trial-fit", trial.number());
      for (int k = 0; k < ladder.size(); k++) {
        trial.checkCancelled();
        Fidelity f = ladder.get(k);
        LowFidelityFits.Result r = tryFit(fits, raw, f, fitSeed, ReportSink.NONE, false);
        if (r == null) {
          trial.setUserAttribute("fidelity_rung_" + k, f + " skipped: architecture too deep");
          continue;
        }
        trial.setUserAttribute("fidelity_rung_" + k, f.toString());
        if (trial.report((int) milestones[k], r.score()).stopsTraining()) {
          throw new TrialPrunedException("trial " + trial.number() + " stopped at " + f);
        }
      }
      ReportSink sink =
          ladder.isEmpty()
              ? (step, v) -> {
                trial.report(step, v);
                return true;
              }
              : ReportSink.NONE;
      return fits.fit(raw, Fidelity.FULL, fitSeed, sink).score();
    };
  }

  /** Counts per rung and gathers the calibration: the {@code fidelity} section of metrics.json. */
  FidelitySummary summary(List<TrialRecord> trials) {
    List<FidelitySummary.Rung> rungs =
        FidelitySummary.rungs(trials, milestones, k -> epochsLabel(ladder.get(k).toString()));
    FidelitySummary.TrialCounts counts = FidelitySummary.TrialCounts.of(trials);
    int complete = counts.complete();
    int pruned = counts.pruned();
    double seconds = counts.seconds();
    int promoted = FidelitySummary.promotions(rungs);
    String scheduler =
        pruner == Pruner.NONE
            ? "none (full resolution)"
            : "ASHA (eta " + ETA + ", rungs " + epochsLabel(ladder.toString())
                + " then full, milestones " + Arrays.toString(milestones) + " rung steps)";
    return new FidelitySummary(
        setting, epochsLabel(chosen.toString()), scheduler, epochsLabel(calibration), rungs,
        complete, pruned, promoted,
        pilotFitSeconds, pilotWallSeconds, seconds,
        calibration == null ? "" : "this run's pilot on " + pilotImages + " training images",
        List.of(), calibration == null ? 0 : calibration.nConfigs(), pilotLowFits(), false);
  }

  /**
   * A fidelity as images name it: the rounds of a network are its epochs ({@code rounds:0.5} reads
   * {@code epochs:0.5}, as {@code --fidelity} takes it).
   */
  static String epochsLabel(String fidelity) {
    return fidelity.replace(FidelityKind.ROUNDS.code() + ":", "epochs:");
  }

  private static CalibrationResult epochsLabel(CalibrationResult c) {
    if (c == null) {
      return null;
    }
    List<CalibrationRow> rows = new ArrayList<>();
    for (CalibrationRow r : c.rows()) {
      rows.add(new CalibrationRow(
          epochsLabel(r.fidelity()), r.kind(), r.costFraction(), r.nominalCost(), r.spearman(),
          r.spearmanLow(), r.spearmanHigh(), r.kendall(), r.kendallLow(), r.kendallHigh(),
          r.nConfigs(), r.trusted(), r.chosen(), r.reason()));
    }
    return new CalibrationResult(
        rows, epochsLabel(c.chosen()), c.chosenCostFraction(), c.threshold(), c.useLowerBound(),
        c.intervalMethod(), c.confidence(), c.bootstrapRounds(), c.seed(), c.nConfigs());
  }

  /** Fits below full resolution the pilot made: one per configuration and lower resolution. */
  private int pilotLowFits() {
    if (calibration == null) {
      return 0;
    }
    long lower =
        calibration.rows().stream()
            .mapToDouble(r -> Fidelity.parse(r.fidelity()).fractionOf(FidelityKind.RESOLUTION))
            .filter(f -> f < 1)
            .distinct()
            .count();
    return (int) (lower * calibration.nConfigs());
  }
}
