package dev.hone.experiment;

import dev.hone.core.model.Model;
import dev.hone.core.model.ReportSink;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The refit of the best configuration under the run's time budget ({@link RunBudget}).
 *
 * <ol>
 *   <li>Before: the refit's cost is estimated from the best trial's measured fit time times the
 *       row ratio ({@link RunBudget#refitEstimate}); when it does not fit in the time left ({@link
 *       RunBudget#planRefit}), the refit is skipped and the best trial's own model (fitted on the
 *       training split with early stopping on validation) is delivered, with a warning.
 *   <li>During: the refit runs with a {@link ReportSink} that the learner calls after every round
 *       or epoch (XGBoost, the DJL networks; with or without validation data); at the plan's stop
 *       time the sink asks it to stop, the truncated model is discarded and the trial model is
 *       delivered instead.
 * </ol>
 *
 * <p>The trial model comes from the {@link TrialModelKeeper} when it holds that trial, else it is
 * fitted again from the trial's own request (same rows, parameters and seed, so the same model);
 * that fit is not cut, as a run must deliver a model.
 */
final class DeadlineRefit {
  private static final Logger LOG = LoggerFactory.getLogger(DeadlineRefit.class);

  /** Status of a completed refit. */
  static final String DONE = "done";

  /** Status when the refit was not started because its estimate did not fit. */
  static final String SKIPPED = "skipped: budget";

  /** Status when the refit was stopped at its deadline and discarded. */
  static final String CANCELLED = "cancelled: budget";

  private DeadlineRefit() {}

  /** One fit; the sink is called after every round or epoch and may stop it. */
  @FunctionalInterface
  interface Fit {
    Model fit(ReportSink sink);
  }

  /**
   * What happened to the refit, for metrics.json ({@code refit}) and the provenance.
   *
   * @param status {@value #DONE}, {@value #SKIPPED} or {@value #CANCELLED}
   * @param trial the best trial's number
   * @param fittedOn the rows the delivered model was fitted on: {@code train + validation} or
   *     {@code train}
   * @param model where the delivered model comes from: {@code refit}, {@code trial model (kept)} or
   *     {@code trial model (fitted again)}
   * @param estimateSeconds the refit estimate, seconds
   * @param leftSeconds seconds left in the budget at the decision ({@code +Infinity} without one)
   * @param seconds wall time of this step (refit and fallback), seconds
   */
  record Summary(
      String status, int trial, String fittedOn, String model, double estimateSeconds,
      double leftSeconds, double seconds) {}

  /**
   * The delivered model and what happened.
   *
   * @param model the final model; the caller owns and closes it
   * @param refitted whether it is the refit (else the trial model, fitted on the training split)
   * @param summary the record for metrics.json
   */
  record Result(Model model, boolean refitted, Summary summary) {}

  /**
   * Runs the refit step.
   *
   * @param budget the run's budget
   * @param trial the best trial's number
   * @param refitSeconds estimated refit time ({@link RunBudget#refitEstimate})
   * @param refitRows rows of the refit, for messages: {@code train + validation} or {@code train}
   * @param keeper holds the best trial's model when this run fitted it; may be {@code null}
   * @param recreateSeconds estimated time to fit the trial model again (used when not kept)
   * @param refit fits the final model
   * @param recreate fits the trial model again (its own request)
   * @param warnings the run's warnings; a skipped or stopped refit adds one
   * @return the delivered model and the summary
   */
  static Result run(
      RunBudget budget, int trial, double refitSeconds, String refitRows, TrialModelKeeper keeper,
      double recreateSeconds, Fit refit, Fit recreate, List<String> warnings) {
    long t0 = budget.now();
    boolean kept = keeper != null && keeper.holds(trial);
    RunBudget.RefitPlan plan = budget.planRefit(refitSeconds, kept ? 0.0 : recreateSeconds);
    String status;
    if (plan.refit()) {
      AtomicBoolean stopped = new AtomicBoolean();
      ReportSink sink = (step, value) -> {
        if (budget.reached(plan.stopAtNanos())) {
          stopped.set(true);
          return false;
        }
        return true;
      };
      Model m = refit.fit(sink);
      if (!stopped.get()) {
        if (keeper != null) {
          keeper.close(); // the trial model is not needed any more
        }
        return new Result(m, true, new Summary(DONE, trial, refitRows, "refit",
            plan.estimateSeconds(), plan.leftSeconds(), seconds(budget, t0)));
      }
      m.close();
      status = CANCELLED;
      warn(warnings, String.format(Locale.ROOT,
          "the refit of trial %d on %s was stopped at its --time-budget deadline after %.1f s"
              + " (estimated %.1f s); the delivered model is trial %d's own model, fitted on the"
              + " training split with early stopping on validation (refit cancelled: budget)",
          trial, refitRows, seconds(budget, t0), plan.estimateSeconds(), trial));
    } else {
      status = SKIPPED;
      warn(warnings, String.format(Locale.ROOT,
          "the refit of trial %d on %s was skipped to end within --time-budget: it needs about"
              + " %.1f s and %.1f s were left; the delivered model is trial %d's own model, fitted"
              + " on the training split with early stopping on validation (refit skipped: budget)",
          trial, refitRows, RunBudget.SAFETY * plan.estimateSeconds()
              + budget.mandatorySeconds(), Math.max(0, plan.leftSeconds()), trial));
    }
    Model m = keeper == null ? null : keeper.take(trial);
    String source = "trial model (kept)";
    if (m == null) {
      source = "trial model (fitted again)";
      m = recreate.fit(ReportSink.NONE);
    }
    if (keeper != null) {
      keeper.close();
    }
    return new Result(m, false, new Summary(status, trial, "train", source,
        plan.estimateSeconds(), plan.leftSeconds(), seconds(budget, t0)));
  }

  /**
   * The final model's fit facts for the provenance, with {@code refit} (the status) and {@code
   * fitted_on} (the rows) added.
   */
  static Map<String, Object> fitInfo(Map<String, Object> modelInfo, Summary summary) {
    Map<String, Object> m = new LinkedHashMap<>(modelInfo);
    m.put("refit", summary.status());
    m.put("fitted_on", summary.fittedOn());
    return m;
  }

  private static double seconds(RunBudget budget, long t0) {
    return (budget.now() - t0) / 1e9;
  }

  private static void warn(List<String> warnings, String w) {
    warnings.add(w);
    LOG.warn(w);
  }
}
