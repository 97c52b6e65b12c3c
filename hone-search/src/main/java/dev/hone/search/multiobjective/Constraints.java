package dev.hone.search.multiobjective;

import dev.hone.search.space.SearchSpace;
import dev.hone.search.study.Direction;
import dev.hone.search.study.Objective;
import dev.hone.search.study.TrialPrunedException;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Constraints on configurations.
 *
 * <ul>
 *   <li><b>Pre-evaluation</b> ({@link #guard}): a predicate on the parameters, checked after they
 *       are suggested and before the objective runs; an infeasible configuration is not trained:
 *       the trial ends PRUNED with no value and the attribute {@value #PRE_ATTRIBUTE} = {@code
 *       "infeasible"}. Samplers rank such trials after every COMPLETE one (TPE puts them in its
 *       "bad" model), so they learn to avoid the region.
 *   <li><b>Post-evaluation</b>: constraint values measured by the objective (model bytes minus a
 *       budget, latency minus a limit, ...), feasible when {@code <= 0}, stored with {@link
 *       Evaluation#attributes}; ranking uses Deb's constrained domination ({@link
 *       Pareto#constrainedDominates}) and {@link #bestFeasible} never reports an infeasible
 *       trial.
 * </ul>
 */
public final class Constraints {
  private Constraints() {}

  /** Trial user attribute set on trials skipped by {@link #guard}. */
  public static final String PRE_ATTRIBUTE = "constraint.pre";

  /**
   * Wraps {@code objective}: suggests every parameter of {@code space} (so the sampler chooses
   * them as usual), then runs {@code objective} only if {@code feasible} accepts them; the
   * objective's own later suggestions of the same names return the same values.
   *
   * @param space the parameters the predicate reads
   * @param feasible the pre-evaluation constraint on name &rarr; value
   * @param objective the expensive objective
   * @return the guarded objective
   */
  public static Objective guard(SearchSpace space, Predicate<Map<String, Object>> feasible,
      Objective objective) {
    Objects.requireNonNull(space, "space");
    Objects.requireNonNull(feasible, "feasible");
    Objects.requireNonNull(objective, "objective");
    return trial -> {
      Map<String, Object> params = trial.suggestAll(space);
      if (!feasible.test(params)) {
        trial.setUserAttribute(PRE_ATTRIBUTE, "infeasible");
        throw new TrialPrunedException(
            "trial " + trial.number() + ": configuration " + params + " violates the"
                + " pre-evaluation constraint; skipped without training");
      }
      return objective.evaluate(trial);
    };
  }

  /**
   * The best COMPLETE trial whose constraint values (attribute {@value
   * Evaluation#CONSTRAINTS_ATTRIBUTE}) are all {@code <= 0}, by {@code direction}; ties go to the
   * lower trial number. Empty when no trial is feasible: an infeasible trial is never reported
   * as the best.
   */
  public static Optional<TrialRecord> bestFeasible(List<TrialRecord> trials, Direction direction) {
    TrialRecord best = null;
    for (TrialRecord t : trials) {
      if (t.state() != TrialState.COMPLETE || !Evaluation.of(t).feasible()) {
        continue;
      }
      if (best == null || direction.isBetter(t.value(), best.value())) {
        best = t;
      }
    }
    return Optional.ofNullable(best);
  }
}
