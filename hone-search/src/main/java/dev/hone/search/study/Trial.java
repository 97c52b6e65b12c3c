package dev.hone.search.study;

import dev.hone.core.error.HoneException;
import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.model.ReportSink;
import dev.hone.search.pruner.PruneDecision;
import dev.hone.search.pruner.Pruner;
import dev.hone.search.sampler.StudySnapshot;
import dev.hone.search.sampler.StudyView;
import dev.hone.search.space.CategoricalDistribution;
import dev.hone.search.space.Distribution;
import dev.hone.search.space.FloatDistribution;
import dev.hone.search.space.IntDistribution;
import dev.hone.search.space.SearchSpace;
import dev.hone.search.store.StoreRules;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
  private final java.util.List<Double> constraints = new java.util.ArrayList<>();

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
  private PruneDecision decision = PruneDecision.CONTINUE;

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
   * rounds, and asks the study's {@linkplain Study#pruner() pruner} whether to go on (Optuna's
   * {@code report} followed by {@code should_prune}). A second report for the same step is ignored
   * with a warning (as in Optuna), and the decision is taken again on the stored values. The
   * study is read only when the pruner can judge the step ({@link Pruner#judges}).
   *
   * <p>When the decision is {@link PruneDecision#STOP}, the objective should stop training and
   * throw {@link TrialPrunedException}; the trial then ends PRUNED with its last intermediate value.
   * A STOP is final: later reports of this trial return STOP without asking the pruner again.
   *
   * @param step {@code >= 0}, in the objective's own resource unit
   * @param value any double (NaN and infinities are stored as such; a NaN ranks worst)
   * @return {@link PruneDecision#CONTINUE} or {@link PruneDecision#STOP}; always CONTINUE without
   *     a pruner
   * @throws IllegalArgumentException if {@code step < 0}
   * @throws dev.hone.search.store.TrialFinishedException if the trial was already told
   */
  public PruneDecision report(int step, double value) {
    return report(step, value, false);
  }

  /**
   * Reports as {@link #report(int, double)} does; a caller that can checkpoint and resume its
   * training passes {@code canPause = true} and may then receive {@link PruneDecision#PAUSE}
   * (not promotable yet). Hone's study loop does not resume paused trials itself: a caller that
   * gets PAUSE keeps its checkpoint and ends the trial as it would for STOP unless it resumes it.
   */
  public PruneDecision report(int step, double value, boolean canPause) {
    if (step < 0) {
      throw new IllegalArgumentException("trial " + number + ": step must be >= 0, got " + step);
    }
    if (reported.containsKey(step)) {
      LOG.warn(
          "trial {}: value {} for step {} ignored, step {} was already reported ({})",
          number, value, step, step, reported.get(step));
    } else {
      study.store().setTrialIntermediateValue(study.id(), number, step, value);
      reported.put(step, value);
    }
    return consultPruner(canPause);
  }

  /**
   * The pruner's decision at the last reported step: true for {@link PruneDecision#STOP} (Optuna's
   * {@code should_prune}). False before any report and without a pruner.
   */
  public boolean shouldPrune() {
    return decision == PruneDecision.STOP;
  }

  /** The decision returned by the latest {@link #report}; CONTINUE before any report. */
  public PruneDecision lastDecision() {
    return decision;
  }

  /**
   * A sink that an iterative learner reports through ({@link dev.hone.core.model.FitRequest}):
   * each round's value goes to {@link #report(int, double)}, and the learner is told to stop when
   * the decision is STOP. After the fit, {@link #shouldPrune()} says whether the trial was stopped
   * and must end PRUNED (throw {@link TrialPrunedException}).
   */
  public ReportSink reportSink() {
    return (step, value) -> !report(step, value).stopsTraining();
  }

  private PruneDecision consultPruner(boolean canPause) {
    Pruner pruner = study.pruner();
    if (pruner == Pruner.NONE || decision == PruneDecision.STOP) {
      return decision;
    }
    int last = -1;
    int previous = -1;
    for (int s : reported.keySet()) {
      if (s > last) {
        previous = last;
        last = s;
      } else if (s > previous) {
        previous = s;
      }
    }
    if (!pruner.judges(study.seed(), number, previous, last)) {
      decision = PruneDecision.CONTINUE;
      return decision;
    }
    List<TrialRecord> all = study.trials();
    List<TrialRecord> others = new ArrayList<>(all.size());
    TrialRecord self = null;
    for (TrialRecord t : all) {
      if (t.number() == number) {
        self = t;
      } else {
        others.add(t);
      }
    }
    if (self == null) {
      throw new HoneException("trial " + number + " is missing from its study's store");
    }
    StudyView now =
        new StudySnapshot(study.name(), study.direction(), study.seed(), others);
    PruneDecision d = pruner.decide(now, self, canPause);
    if (d == PruneDecision.PAUSE && !canPause) {
      throw new HoneException(
          "pruner " + pruner.getClass().getSimpleName() + " returned PAUSE to trial " + number
              + ", which cannot pause");
    }
    if (d != PruneDecision.CONTINUE) {
      LOG.info("trial {}: pruner decided {} at step {}", number, d, lastStep(self));
    }
    decision = d;
    return d;
  }

  private static int lastStep(TrialRecord t) {
    int last = -1;
    for (int s : t.intermediateValues().keySet()) {
      last = Math.max(last, s);
    }
    return last;
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
    synchronized (constraints) {
      constraints.clear();
      for (double v : values) {
        constraints.add(v);
      }
    }
  }

  /**
   * Appends constraint values to those already recorded on this trial by {@link
   * #setConstraints} or earlier calls of this method, so independent constraint sources (for
   * instance deployment limits and a fairness bound) can each add theirs; same feasibility rule.
   *
   * @param values further constraint values, NaN counted as violated
   * @throws dev.hone.search.store.TrialFinishedException if the trial was already told
   */
  public void addConstraints(double... values) {
    Objects.requireNonNull(values, "values");
    double[] all;
    synchronized (constraints) {
      for (double v : values) {
        constraints.add(v);
      }
      all = constraints.stream().mapToDouble(Double::doubleValue).toArray();
    }
    setUserAttribute(dev.hone.search.multiobjective.Evaluation.CONSTRAINTS_ATTRIBUTE,
        dev.hone.search.multiobjective.Evaluation.encode(all));
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
