package dev.hone.experiment;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole-run wall-clock budget of {@code hone train --time-budget}: search, refit, test
 * evaluation, analyses and writing together end by {@code start + budget} (plus the error of the
 * estimates below, which the {@link #SAFETY} factor is there to absorb).
 *
 * <p>How: the work after the search is estimated and reserved (the analyses' part capped at {@link
 * #ANALYSES_SHARE} of the budget), and the search ends (trials in
 * flight are cancelled) once the time left falls to that reserve ({@link #searchOver()}); the
 * reserve moves as trials finish. Then each optional analysis runs only if its estimate still fits
 * ({@link #allow}), else it is skipped and a warning is recorded.
 *
 * <ul>
 *   <li><b>Refit</b> on train + validation: the fit time of the best trial so far times {@code
 *       (trainRows + validationRows) / trainRows} (trees cost about linearly in rows; the trial's
 *       own time also covers its early-stopping patience rounds, which the refit does not train,
 *       so this errs on the safe side).
 *   <li><b>Analyses</b>: {@code coefficient * testRows * inputColumns / 1000 + }{@value
 *       #STEP_OVERHEAD_SECONDS} s each, with per-analysis coefficients measured on Adult and
 *       credit_default_taiwan on a quiet 2-core machine (seconds per 1000 test cells; the two
 *       datasets agreed within 30%), times a slowdown factor: how much slower than expected the
 *       leakage check before the search ran ({@link #calibrate}), then the largest ratio of actual
 *       to estimated time of the analyses run so far, clamped to {@code [1, 8]}.
 *   <li>Writing the model, metrics and report: {@value #TAIL_SECONDS} s times the slowdown factor
 *       (on a loaded machine writing the report slows down like the rest). This is kept whatever
 *       happens: the refit is skipped or stopped ({@link #planRefit}) and the first trial is cut
 *       ({@link #firstFitMustStop}) so that it stays.
 * </ul>
 *
 * <p>Thread-safe: the search's workers and its watchdog call {@link #recordFit}, {@link
 * #bestTrial} and {@link #searchOver} concurrently. A budget of {@code null} means none: every
 * method then allows everything.
 */
final class RunBudget {
  private static final Logger LOG = LoggerFactory.getLogger(RunBudget.class);

  /** Factor on every estimate: {@value}. */
  static final double SAFETY = 1.5;

  /**
   * Seconds kept for writing the model, metrics.json, trials.csv and the report on a quiet machine:
   * {@value}; times the slowdown factor ({@link #tailSeconds()}).
   */
  static final double TAIL_SECONDS = 1.0;

  /**
   * Largest share of the budget kept back from the search for the optional analyses: {@value}. On
   * a loaded machine their estimates can exceed the whole budget; reserving all of it would end the
   * search after one trial and then skip most analyses anyway. Those that do not fit in what is
   * left are skipped ({@link #allow}).
   */
  static final double ANALYSES_SHARE = 0.5;

  /** Fixed cost added to every analysis estimate, seconds: {@value}. */
  static final double STEP_OVERHEAD_SECONDS = 0.2;

  /** Seconds per 1000 test cells (rows x input columns) of each analysis, quiet machine. */
  static final Map<String, Double> COEFFICIENTS =
      Map.of(
          "test evaluation", 0.001,
          "slices", 0.012,
          "diagnostics", 0.0075,
          "fairness", 0.003,
          "explanations", 0.026,
          "robustness", 0.015);

  /** Seconds per 1000 cells (all rows x columns) of the leakage check, quiet machine. */
  static final double LEAKAGE_COEFFICIENT = 0.0009;

  private final long startNanos;
  private final long budgetNanos;
  private final LongSupplier clock;
  private final Map<Integer, Long> fitNanos = new ConcurrentHashMap<>();
  private volatile double refitScale = 1.0;
  private volatile double testCells;
  private volatile int best = -1;
  private volatile double slowdown = 1.0;

  /**
   * @param budget the whole run's budget, or {@code null} for none
   * @param startNanos {@code clock} reading at the start of the run
   * @param clock monotonic nanoseconds ({@code System::nanoTime})
   */
  RunBudget(Duration budget, long startNanos, LongSupplier clock) {
    this.startNanos = startNanos;
    this.budgetNanos = budget == null ? Long.MAX_VALUE : budget.toNanos();
    this.clock = clock;
  }

  /** Whether a budget was given. */
  boolean limited() {
    return budgetNanos != Long.MAX_VALUE;
  }

  /**
   * The {@code System.nanoTime()} reading that corresponds to the start of this process, from
   * {@link ProcessHandle.Info#startInstant()}; {@code System.nanoTime()} now when the start is
   * unknown or implausible (in the future, or more than an hour ago).
   */
  static long processStartNanos() {
    long now = System.nanoTime();
    java.util.Optional<java.time.Instant> start = ProcessHandle.current().info().startInstant();
    if (start.isEmpty()) {
      return now;
    }
    long ago = Duration.between(start.get(), java.time.Instant.now()).toNanos();
    return ago < 0 || ago > Duration.ofHours(1).toNanos() ? now : now - ago;
  }

  /** Seconds kept for writing: {@link #TAIL_SECONDS} times the slowdown factor. */
  double tailSeconds() {
    return TAIL_SECONDS * slowdown;
  }

  /** The clock's reading now, nanoseconds. */
  long now() {
    return clock.getAsLong();
  }

  /** Seconds left until the deadline; {@code +Infinity} without a budget. */
  double leftSeconds() {
    if (!limited()) {
      return Double.POSITIVE_INFINITY;
    }
    return (budgetNanos - (clock.getAsLong() - startNanos)) / 1e9;
  }

  /**
   * Sets the data sizes the estimates scale with.
   *
   * @param trainRows rows the trials fit on
   * @param validationRows rows added for the refit
   * @param testRows rows of the test split
   * @param inputColumns input columns (before encoding)
   */
  void sizes(int trainRows, int validationRows, int testRows, int inputColumns) {
    this.refitScale = (trainRows + (double) validationRows) / Math.max(1, trainRows);
    this.testCells = (double) testRows * Math.max(1, inputColumns);
  }

  /**
   * Sets the slowdown factor from the leakage check, which runs before the search.
   *
   * @param cells rows x columns the check looked at
   * @param seconds how long it took
   */
  void calibrate(double cells, double seconds) {
    double expected = LEAKAGE_COEFFICIENT * cells / 1000 + 0.05;
    slowdown = clamp(seconds / expected);
    LOG.debug("time budget: leakage check {} s against {} s expected; slowdown {}",
        seconds, expected, slowdown);
  }

  /** Records the fit time of a trial (the learner's fit call only). */
  void recordFit(int trial, long nanos) {
    fitNanos.put(trial, nanos);
  }

  /** The best COMPLETE trial so far (its fit time sizes the refit). */
  void bestTrial(int number) {
    best = number;
  }

  /** Estimated seconds of an analysis ({@link #COEFFICIENTS} key), slowdown included. */
  double estimate(String analysis) {
    Double c = COEFFICIENTS.get(analysis);
    double base = (c == null ? 0 : c * testCells / 1000) + STEP_OVERHEAD_SECONDS;
    return base * slowdown;
  }

  /**
   * Estimated seconds of refitting trial {@code trial} on train + validation: its recorded fit
   * time times the row ratio of {@link #sizes}; when this process did not fit that trial (a
   * resumed study), {@code storedSeconds} (the stored trial's duration) times the row ratio.
   *
   * @param trial the trial to refit
   * @param storedSeconds the trial's stored wall time, or {@code NaN} when unknown
   * @param trainOnly {@code true} when the refit is on the training split only (row ratio 1)
   * @return seconds, {@code >= 0}; 0 when nothing is known
   */
  double refitEstimate(int trial, double storedSeconds, boolean trainOnly) {
    double scale = trainOnly ? 1.0 : refitScale;
    Long n = fitNanos.get(trial);
    if (n != null) {
      return n / 1e9 * scale;
    }
    return Double.isFinite(storedSeconds) && storedSeconds > 0 ? storedSeconds * scale : 0.0;
  }

  /**
   * Seconds that must stay for the work after the final model exists, whatever happens: the test
   * evaluation ({@link #SAFETY} times its estimate) and writing ({@link #tailSeconds()}).
   */
  double mandatorySeconds() {
    return SAFETY * estimate("test evaluation") + tailSeconds();
  }

  /**
   * Decides whether the refit of the best configuration is started, and until when it may run.
   *
   * <p>It is started when {@link #SAFETY} times {@code refitSeconds}, plus {@link
   * #mandatorySeconds()}, fits in the time left; it must then stop at {@code deadline -
   * mandatorySeconds() - SAFETY * fallbackSeconds}, so that the fallback (the best trial's own
   * model, kept in memory: 0 s, or fitted again: its trial time) and the mandatory work still end
   * within the budget. Without a budget the refit always runs and never stops.
   *
   * @param refitSeconds estimated refit time ({@link #refitEstimate})
   * @param fallbackSeconds time to obtain the trial model when the refit is skipped or stopped
   * @return the decision with the figures it was taken on
   */
  RefitPlan planRefit(double refitSeconds, double fallbackSeconds) {
    if (!limited()) {
      return new RefitPlan(true, Long.MAX_VALUE, refitSeconds, Double.POSITIVE_INFINITY);
    }
    double left = leftSeconds();
    double need = SAFETY * refitSeconds + mandatorySeconds();
    if (need > left) {
      return new RefitPlan(false, Long.MAX_VALUE, refitSeconds, left);
    }
    double stopLeft = mandatorySeconds() + SAFETY * fallbackSeconds; // seconds before the deadline
    long stopAt = startNanos + budgetNanos - Math.round(stopLeft * 1e9);
    return new RefitPlan(true, stopAt, refitSeconds, left);
  }

  /** Whether the monotonic clock has reached {@code nanos} (a {@link RefitPlan#stopAtNanos}). */
  boolean reached(long nanos) {
    return nanos != Long.MAX_VALUE && clock.getAsLong() - nanos >= 0;
  }

  /**
   * Whether work estimated at {@code seconds} (slowdown not applied), plus {@link #tailSeconds()},
   * fits in the time left; a warning is added when it does not (as {@link #allow}).
   */
  boolean allowSeconds(double seconds, String what, List<String> warnings) {
    if (!limited()) {
      return true;
    }
    double need = SAFETY * seconds + tailSeconds();
    double left = leftSeconds();
    if (need <= left) {
      return true;
    }
    warn(what, need, left, warnings);
    return false;
  }

  /**
   * The refit decision of {@link #planRefit}.
   *
   * @param refit whether the refit is started
   * @param stopAtNanos clock reading at which a started refit must stop ({@code Long.MAX_VALUE}:
   *     never)
   * @param estimateSeconds the refit estimate the decision used
   * @param leftSeconds seconds left when it was taken ({@code +Infinity} without a budget)
   */
  record RefitPlan(boolean refit, long stopAtNanos, double estimateSeconds, double leftSeconds) {}

  /** Estimated seconds of the refit of the best trial so far; 0 before any trial finished. */
  double refitEstimate() {
    Long n = best >= 0 ? fitNanos.get(best) : null;
    if (n == null) {
      long max = 0;
      for (long v : fitNanos.values()) {
        max = Math.max(max, v);
      }
      n = max;
    }
    return n / 1e9 * refitScale;
  }

  /**
   * Seconds kept back from the search: the refit and writing, plus every analysis (all with {@link
   * #SAFETY}) but at most {@link #ANALYSES_SHARE} of the budget for the analyses.
   */
  double reserveSeconds() {
    double analyses = 0;
    for (String a : COEFFICIENTS.keySet()) {
      analyses += estimate(a);
    }
    double cap = ANALYSES_SHARE * budgetNanos / 1e9;
    return SAFETY * refitEstimate() + Math.min(SAFETY * analyses, cap) + tailSeconds();
  }

  /**
   * Whether the search must end now: always false without a budget, and false until a first
   * trial has completed (a run needs one model; a budget too small for a single trial is overrun
   * by that trial and the work after it).
   */
  boolean searchOver() {
    return limited() && best >= 0 && leftSeconds() <= reserveSeconds();
  }

  /**
   * Whether a fit running before any trial of this run has completed must stop now: the run needs
   * one model, so the search cannot end before a first trial completes ({@link #searchOver()}), and
   * on a loaded machine that trial alone can outlast the budget. It stops (its model keeps the
   * rounds or epochs trained so far) when the time left falls to {@link #mandatorySeconds()} plus
   * {@link #SAFETY} times the test evaluation's estimate (the trial's own validation scoring).
   */
  boolean firstFitMustStop() {
    return limited() && best < 0
        && leftSeconds() <= mandatorySeconds() + SAFETY * estimate("test evaluation");
  }

  /**
   * A sink that asks the fit to stop when {@link #firstFitMustStop()} (calling {@code onStop}
   * first), and otherwise passes the report on to {@code inner}.
   */
  dev.hone.core.model.ReportSink firstFitGuard(
      dev.hone.core.model.ReportSink inner, Runnable onStop) {
    if (!limited()) {
      return inner;
    }
    return (step, value) -> {
      if (firstFitMustStop()) {
        onStop.run();
        return false;
      }
      return inner.report(step, value);
    };
  }

  /**
   * Whether an optional analysis still fits: its estimate times {@link #SAFETY}, plus {@code
   * afterwards} seconds of work that must follow, plus {@link #tailSeconds()}, within the time left.
   * When it does not, a warning naming the analysis and the figures is added to {@code warnings}.
   *
   * @param analysis a {@link #COEFFICIENTS} key
   * @param what what happens when it does not fit, e.g. "the fairness audit was skipped"
   * @param warnings the run's warnings
   */
  boolean allow(String analysis, String what, List<String> warnings) {
    if (!limited()) {
      return true;
    }
    double need = SAFETY * estimate(analysis) + tailSeconds();
    double left = leftSeconds();
    if (need <= left) {
      return true;
    }
    warn(what, need, left, warnings);
    return false;
  }

  private static void warn(String what, double need, double left, List<String> warnings) {
    String w = String.format(Locale.ROOT,
        "%s to end within --time-budget: it needs about %.1f s and %.1f s were left; give a"
            + " larger budget to get it", what, need, Math.max(0, left));
    warnings.add(w);
    LOG.warn(w);
  }

  /**
   * Records how long an analysis took against its estimate; later estimates are scaled by the
   * largest ratio seen so far (clamped to {@code [1, 8]}).
   */
  void took(String analysis, double seconds) {
    double base = estimate(analysis) / slowdown;
    double ratio = seconds / base;
    if (ratio > slowdown) {
      slowdown = clamp(ratio);
    }
  }

  private static double clamp(double r) {
    return Double.isFinite(r) ? Math.max(1.0, Math.min(8.0, r)) : 1.0;
  }
}
