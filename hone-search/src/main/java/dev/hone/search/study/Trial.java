package dev.hone.search.study;

import dev.hone.core.error.HoneException;
import dev.hone.core.error.InvalidParameterException;
import dev.hone.search.sampler.StudyView;
import dev.hone.search.space.CategoricalDistribution;
import dev.hone.search.space.Distribution;
import dev.hone.search.space.FloatDistribution;
import dev.hone.search.space.IntDistribution;
import dev.hone.search.space.SearchSpace;
import dev.hone.search.store.StoreRules;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live, RUNNING trial handed out by {@link Study#ask()}: the objective suggests its parameters
 * and reports intermediate values through it, then {@link Study#tell} finishes it. Every suggestion
 * and report is written to the study's store at once.
 *
 * <p>Suggesting the same name twice in one trial returns the first value if the distribution is
 * equal and throws otherwise. Within a study a name must keep its distribution kind (float, int,
 * categorical) and, for categorical parameters, its choices; numeric ranges may change between
 * trials.
 *
 * <p>A trial claimed from the queue ({@link Study#enqueue}) carries {@link #fixedParams()}: a
 * suggestion of one of those names returns the enqueued value instead of a sampled one.
 *
 * <p>Not thread-safe: one trial is used by one thread, except {@link #heartbeat()}, {@link
 * #cancel}, {@link #isCancelled()}, {@link #checkCancelled()}, {@link #timeLeft()} and {@link
 * #budgetLeft()}, which any thread may call (a worker's heartbeat and watchdog threads do).
 */
public final class Trial {
  private static final Logger LOG = LoggerFactory.getLogger(Trial.class);

  private final Study study;
  private final int number;
  private final StudyView view;
  private final Map<String, Distribution> relativeSpace;
  private final Map<String, Object> relativeParams;
  private final Map<String, Object> params = new LinkedHashMap<>();
  private final Map<String, Distribution> distributions = new LinkedHashMap<>();
  private final Map<Integer, Double> reported = new LinkedHashMap<>();
  private final Map<String, Object> fixedParams;
  private final AskOptions options;
  private final AtomicReference<String> cancelReason = new AtomicReference<>();

  Trial(
      Study study,
      TrialRecord started,
      StudyView view,
      Map<String, Distribution> relativeSpace,
      Map<String, Object> relativeParams,
      AskOptions options) {
    this.study = study;
    this.number = started.number();
    this.view = view;
    this.relativeSpace = Map.copyOf(relativeSpace);
    this.relativeParams = Map.copyOf(relativeParams);
    this.fixedParams = started.fixedParams();
    this.options = options;
  }

  /** The configuration this trial was enqueued with; empty for a sampled trial. Unmodifiable. */
  public Map<String, Object> fixedParams() {
    return fixedParams;
  }

  /**
   * Records that this trial's worker is alive (when the trial was started with heartbeats).
   * Thread-safe.
   *
   * @return true while the trial is RUNNING; false once it is finished (for instance failed by
   *     another worker that found its heartbeat stale), after which the trial is also {@linkplain
   *     #cancel cancelled}
   */
  public boolean heartbeat() {
    boolean running =
        study.store().recordHeartbeat(study.id(), number, study.clock().instant());
    if (!running) {
      cancel("the trial was finished elsewhere (e.g. failed for a stale heartbeat)");
    }
    return running;
  }

  /**
   * Asks the objective to stop: {@link #isCancelled()} becomes true and {@link #checkCancelled()}
   * throws from now on. Cancelling does not change the stored trial (the executor that cancels a
   * trial also fails it). Idempotent: the first reason is kept. Thread-safe.
   */
  public void cancel(String reason) {
    cancelReason.compareAndSet(null, Objects.requireNonNull(reason, "reason"));
  }

  /** Whether the trial was cancelled (timeout, aborted run, lost ownership). Thread-safe. */
  public boolean isCancelled() {
    return cancelReason.get() != null;
  }

  /**
   * Throws if the trial was cancelled; long-running objectives call this between steps (as well
   * as honouring thread interrupts). Thread-safe.
   *
   * @throws TrialCancelledException naming the trial and the reason
   */
  public void checkCancelled() {
    String r = cancelReason.get();
    if (r != null) {
      throw new TrialCancelledException("trial " + number + " was cancelled: " + r);
    }
  }

  /**
   * Time left before this trial is failed for running too long; empty when it has no timeout.
   * Never negative. Thread-safe.
   */
  public Optional<Duration> timeLeft() {
    return left(options.trialDeadline());
  }

  /**
   * Time left in the run's wall-clock budget; empty when the run has none. No new trial starts
   * after it, but a running trial may go on: an objective that must end with the budget (so the
   * whole run ends within it) limits its own work to this. Never negative. Thread-safe.
   */
  public Optional<Duration> budgetLeft() {
    return left(options.budgetDeadline());
  }

  private Optional<Duration> left(Instant deadline) {
    if (deadline == null) {
      return Optional.empty();
    }
    Duration d = Duration.between(study.clock().instant(), deadline);
    return Optional.of(d.isNegative() ? Duration.ZERO : d);
  }

  /** The trial number: 0, 1, 2, ... in the order trials were asked in this study. */
  public int number() {
    return number;
  }

  Study study() {
    return study;
  }

  StudyView view() {
    return view;
  }

  /**
   * Suggests a real value in {@code [low, high]}.
   *
   * @param log sample on a log scale (requires {@code low > 0})
   * @return the value, a {@code double} in {@code [low, high]}
   * @throws IllegalArgumentException if the bounds are invalid (see {@link FloatDistribution})
   */
  public double suggestFloat(String name, double low, double high, boolean log) {
    return (Double) suggest(name, new FloatDistribution(low, high, log, null));
  }

  /**
   * Suggests a value on the grid {@code low, low + step, ...} up to {@code high}.
   *
   * @throws IllegalArgumentException if the bounds or step are invalid
   */
  public double suggestFloat(String name, double low, double high, double step) {
    return (Double) suggest(name, new FloatDistribution(low, high, false, step));
  }

  /**
   * Suggests an integer in {@code [low, high]}.
   *
   * @param log sample on a log scale (requires {@code low >= 1})
   * @throws IllegalArgumentException if the bounds are invalid (see {@link IntDistribution})
   */
  public long suggestInt(String name, long low, long high, boolean log) {
    return (Long) suggest(name, new IntDistribution(low, high, log, 1));
  }

  /**
   * Suggests an integer on the grid {@code low, low + step, ...} up to {@code high}.
   *
   * @throws IllegalArgumentException if the bounds or step are invalid
   */
  public long suggestInt(String name, long low, long high, long step) {
    return (Long) suggest(name, new IntDistribution(low, high, false, step));
  }

  /**
   * Suggests one of {@code choices}.
   *
   * @throws IllegalArgumentException if {@code choices} is empty or has duplicates
   */
  public String suggestCategorical(String name, List<String> choices) {
    return (String) suggest(name, new CategoricalDistribution(choices));
  }

  /**
   * Suggests a value of {@code distribution} for parameter {@code name}: the value already chosen
   * for {@code name} in this trial if any, the enqueued value if the trial was enqueued with one
   * (see {@link #fixedParams()}), the only value of a single-valued distribution, the
   * sampler's joint ("relative") value if it produced one for an equal distribution, or else the
   * sampler's independent value. The value is recorded in the store before it is returned.
   *
   * @return {@code Double}, {@code Long} or {@code String} by distribution kind
   * @throws InvalidParameterException if {@code name} was suggested earlier in this trial with a
   *     different distribution, or in earlier trials of the study with a different kind or
   *     different categorical choices, or if its enqueued value is not in {@code distribution}
   * @throws dev.hone.search.store.TrialFinishedException if the trial was already told
   */
  public Object suggest(String name, Distribution distribution) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(distribution, "distribution");
    if (params.containsKey(name)) {
      Distribution prev = distributions.get(name);
      if (!prev.equals(distribution)) {
        throw new InvalidParameterException(
            "trial " + number + " already suggested '" + name + "' from " + prev
                + "; it cannot be suggested again from " + distribution);
      }
      return params.get(name);
    }
    study.checkCompatible(name, distribution);
    Object value;
    if (fixedParams.containsKey(name)) {
      value = StoreRules.coerceFixed(fixedParams.get(name), distribution);
      if (!distribution.contains(value)) {
        throw new InvalidParameterException(
            "trial " + number + " of study '" + study.name() + "': enqueued value "
                + fixedParams.get(name) + " of '" + name + "' is not in " + distribution
                + "; enqueue a value inside the distribution (both bounds are allowed)");
      }
    } else if (distribution.isSingle()) {
      value = distribution.singleValue();
    } else if (relativeParams.containsKey(name)
        && distribution.equals(relativeSpace.get(name))) {
      value = relativeParams.get(name);
    } else {
      if (relativeSpace.containsKey(name)) {
        LOG.warn(
            "trial {}: '{}' sampled independently: the sampler's joint space had {} but {} was"
                + " requested",
            number, name, relativeSpace.get(name), distribution);
      }
      value = study.sampler().sampleIndependent(view, number, name, distribution);
    }
    if (!distribution.contains(value)) {
      throw new HoneException(
          "sampler " + study.sampler().getClass().getSimpleName() + " returned " + value
              + " for '" + name + "' in trial " + number + ", which is not in " + distribution);
    }
    study.store().setTrialParam(study.id(), number, name, value, distribution);
    params.put(name, value);
    distributions.put(name, distribution);
    return value;
  }

  /**
   * Suggests every parameter of {@code space}, in the space's order.
   *
   * @return name &rarr; value ({@code Double}, {@code Long} or {@code String}), in the space's
   *     order; unmodifiable
   */
  public Map<String, Object> suggestAll(SearchSpace space) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Distribution> e : space.distributions().entrySet()) {
      out.put(e.getKey(), suggest(e.getKey(), e.getValue()));
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * Reports an intermediate objective value, e.g. the validation loss after {@code step} boosting
   * rounds. A second report for the same step is ignored with a warning (as in Optuna).
   *
   * @param step {@code >= 0}, in the objective's own resource unit
   * @param value any double (NaN and infinities are stored as such)
   * @throws IllegalArgumentException if {@code step < 0}
   * @throws dev.hone.search.store.TrialFinishedException if the trial was already told
   */
  public void report(int step, double value) {
    if (step < 0) {
      throw new IllegalArgumentException("trial " + number + ": step must be >= 0, got " + step);
    }
    if (reported.containsKey(step)) {
      LOG.warn(
          "trial {}: value {} for step {} ignored, step {} was already reported ({})",
          number, value, step, step, reported.get(step));
      return;
    }
    study.store().setTrialIntermediateValue(study.id(), number, step, value);
    reported.put(step, value);
  }

  /**
   * Sets a free-form attribute of this trial.
   *
   * @throws dev.hone.search.store.TrialFinishedException if the trial was already told
   */
  public void setUserAttribute(String key, String value) {
    study.store().setTrialUserAttribute(study.id(), number, key, value);
  }

  /**
   * Records this trial's post-evaluation constraint values, feasible when every entry is {@code
   * <= 0} (for instance {@code modelBytes - maxBytes}, {@code p95LatencyMs - maxLatencyMs}), as the
   * user attribute {@value dev.hone.search.multiobjective.Evaluation#CONSTRAINTS_ATTRIBUTE}.
   * {@link Study#bestTrial()} and {@link Study#bestTrials()} never report a trial with a positive
   * (or NaN) constraint value. Call it before the objective returns; a later call overwrites.
   *
   * @param values one value per constraint, NaN counted as violated
   * @throws dev.hone.search.store.TrialFinishedException if the trial was already told
   */
  public void setConstraints(double... values) {
    Objects.requireNonNull(values, "values");
    setUserAttribute(dev.hone.search.multiobjective.Evaluation.CONSTRAINTS_ATTRIBUTE,
        dev.hone.search.multiobjective.Evaluation.encode(values));
  }

  /** The parameters suggested so far, in suggestion order; an unmodifiable copy. */
  public Map<String, Object> params() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /** The distributions of {@link #params()}; an unmodifiable copy. */
  public Map<String, Distribution> distributions() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(distributions));
  }

  @Override
  public String toString() {
    return "Trial[" + study.name() + "#" + number + ", params=" + params + "]";
  }
}
