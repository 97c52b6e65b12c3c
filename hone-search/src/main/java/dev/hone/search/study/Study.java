package dev.hone.search.study;

import dev.hone.core.error.HoneException;
import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.error.UserInputException;
import dev.hone.search.pruner.Pruner;
import dev.hone.search.execution.StopReason;
import dev.hone.search.multiobjective.Constraints;
import dev.hone.search.multiobjective.Evaluation;
import dev.hone.search.multiobjective.Pareto;
import dev.hone.search.sampler.Sampler;
import dev.hone.search.sampler.StudySnapshot;
import dev.hone.search.sampler.StudyView;
import dev.hone.search.space.CategoricalDistribution;
import dev.hone.search.space.Distribution;
import dev.hone.search.store.StudyInfo;
import dev.hone.search.store.StudyStore;
import dev.hone.search.store.TrialFinishedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * An optimisation study: a named, stored sequence of trials with one direction, one seed and one
 * sampler, driven by ask/tell (Optuna's {@code Study}).
 *
 * <pre>{@code
 * Study study = Study.createOrLoad(store, "xgb-adult", Direction.MAXIMIZE, new TpeSampler(), 42);
 * study.optimize(trial -> cvAuc(trial.suggestAll(space)), StopCondition.trials(50), StudyListener.NONE);
 * study.bestTrial().ifPresent(best -> ...);
 * }</pre>
 *
 * <p>All state lives in the {@link StudyStore}; a {@code Study} object only caches the study's id
 * and the distribution kind of each parameter name. It is thread-safe when its store and sampler
 * are (both shipped stores and samplers are), though {@link #optimize} itself runs trials one
 * after another in single-process mode (no heartbeats; see {@link #createOrLoad}); the executors
 * of {@code dev.hone.search.execution} run trials in parallel, with heartbeats, timeouts and
 * several processes on one study. Logging: one INFO line per finished trial (number, state,
 * value, duration, params); WARN for failed trials and recovered orphans. While a trial's objective runs, the SLF4J
 * MDC holds {@code study} and {@code trial}.
 */
public final class Study {
  private static final Logger LOG = LoggerFactory.getLogger(Study.class);

  /** After this many FAIL trials in a row, {@link #optimize} gives up. */
  public static final int MAX_CONSECUTIVE_FAILURES = 10;

  private final StudyStore store;
  private final StudyInfo info;
  private final Sampler sampler;
  private final Pruner pruner;
  private final Clock clock = Clock.systemUTC();
  private final Map<String, Distribution> knownKinds = new ConcurrentHashMap<>();

  private Study(StudyStore store, StudyInfo info, Sampler sampler, Pruner pruner) {
    this.store = store;
    this.info = info;
    this.sampler = sampler;
    this.pruner = pruner;
  }

  /**
   * How long a RUNNING trial's heartbeat may be silent before {@link #createOrLoad} considers its
   * worker dead: {@value #DEFAULT_STALE_GRACE_SECONDS} seconds. Workers that send heartbeats do so
   * far more often (the executor's default is every 10 s).
   */
  public static final long DEFAULT_STALE_GRACE_SECONDS = 60;

  /** {@link #DEFAULT_STALE_GRACE_SECONDS} as a duration. */
  public static final Duration DEFAULT_STALE_GRACE =
      Duration.ofSeconds(DEFAULT_STALE_GRACE_SECONDS);

  /**
   * Creates the study if absent, else loads it.
   *
   * <p>On load: the stored direction must equal {@code direction}; the stored seed is kept (a
   * study's suggestions derive from the seed it was created with), and a different {@code seed}
   * is ignored with a WARN. Trials left RUNNING by workers that stopped are then marked FAIL, with
   * a WARN naming their numbers and the user attribute {@value TrialRecord#FAIL_REASON}:
   *
   * <ul>
   *   <li>a RUNNING trial <em>with</em> a heartbeat is failed only if the heartbeat is older than
   *       {@link #DEFAULT_STALE_GRACE}; a recent heartbeat means a live worker (another thread,
   *       process or machine) owns it, and it is left alone;
   *   <li>a RUNNING trial <em>without</em> a heartbeat was started in single-process mode ({@link
   *       #ask()}, {@link #optimize}), whose workers declare that they alone work on the study; it
   *       is failed at once, as in earlier versions. Run concurrent workers with heartbeats (the
   *       {@code dev.hone.search.execution} executors always send them) to share a study safely.
   * </ul>
   *
   * @param store where the study lives
   * @param name unique study name, non-blank
   * @param direction optimisation direction
   * @param sampler chooses parameter values
   * @param seed root seed for the sampler's generators (used when the study is created)
   * @throws UserInputException if the stored study has the other direction (the message names
   *     both)
   */
  public static Study createOrLoad(
      StudyStore store, String name, Direction direction, Sampler sampler, long seed) {
    Objects.requireNonNull(direction, "direction");
    return createOrLoad(store, name, List.of(direction), sampler, Pruner.NONE, seed);
  }

  /**
   * Creates the study if absent, else loads it, as {@link #createOrLoad(StudyStore, String,
   * Direction, Sampler, long)} does, with a pruner that {@link Trial#report(int, double)} consults
   * (Optuna's {@code create_study(pruner=...)}). The pruner is not stored: a resumed study must be
   * given the same pruner again, and then decides as before since shipped pruners are pure
   * functions of the stored trials.
   *
   * @param pruner decides early stopping; {@link Pruner#NONE} never stops a trial
   */
  public static Study createOrLoad(
      StudyStore store, String name, Direction direction, Sampler sampler, Pruner pruner,
      long seed) {
    Objects.requireNonNull(direction, "direction");
    return createOrLoad(store, name, List.of(direction), sampler, pruner, seed);
  }

  /** As {@link #createOrLoad(StudyStore, String, List, Sampler, Pruner, long)} without a pruner. */
  public static Study createOrLoad(
      StudyStore store, String name, List<Direction> directions, Sampler sampler, long seed) {
    return createOrLoad(store, name, directions, sampler, Pruner.NONE, seed);
  }

  /**
   * Creates or loads a study with one or several objectives, as {@link #createOrLoad(StudyStore,
   * String, Direction, Sampler, long)} does for one.
   *
   * <p>With several directions the objective returns a vector ({@link MultiObjective}, or {@link
   * #tell(Trial, double[])}); the vector is stored in the trial user attribute {@value
   * Evaluation#VALUES_ATTRIBUTE} (so a resumed study reads it back) and its first entry is the
   * trial's value, which single-objective samplers such as TPE rank by. Use a multi-objective
   * sampler ({@link dev.hone.search.multiobjective.Nsga2Sampler}) to trade all objectives off.
   *
   * @param directions one per objective, non-empty; directions may be mixed
   * @param pruner decides early stopping; {@link Pruner#NONE} never stops a trial
   * @throws UserInputException if the stored study has other directions (the message names both)
   */
  public static Study createOrLoad(
      StudyStore store, String name, List<Direction> directions, Sampler sampler, Pruner pruner,
      long seed) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(pruner, "pruner");
    Objects.requireNonNull(directions, "directions");
    Objects.requireNonNull(sampler, "sampler");
    if (directions.isEmpty()) {
      throw new InvalidParameterException(
          "study '" + name + "' needs at least one objective direction");
    }
    StudyInfo info = store.createStudyIfAbsent(name, List.copyOf(directions), seed);
    if (!info.directions().equals(directions)) {
      throw new UserInputException(
          "study '" + name + "' already exists with direction"
              + (info.directions().size() == 1 ? " " + info.direction() : "s "
                  + info.directions())
              + " but direction" + (directions.size() == 1 ? " " + directions.get(0) : "s "
                  + directions)
              + " was requested; resume it with the stored directions or choose another study"
              + " name");
    }
    if (info.seed() != seed) {
      LOG.warn(
          "study '{}' was created with seed {}; keeping it (requested seed {} is ignored)",
          name, info.seed(), seed);
    }
    Study study = new Study(store, info, sampler, pruner);
    List<Integer> orphans = new ArrayList<>();
    for (TrialRecord t : store.trials(info.id())) {
      if (t.state() == TrialState.RUNNING && t.heartbeatAt() == null) {
        try {
          store.setTrialUserAttribute(info.id(), t.number(), TrialRecord.FAIL_REASON,
              "left RUNNING without heartbeat by a single-process run that stopped");
          store.finishTrial(info.id(), t.number(), TrialState.FAIL, null,
              study.clock.instant());
          orphans.add(t.number());
        } catch (TrialFinishedException e) {
          // finished concurrently in the meantime: nothing to recover
        }
      }
      t.distributions().forEach(study.knownKinds::putIfAbsent);
    }
    if (!orphans.isEmpty()) {
      LOG.warn(
          "study '{}': trials {} were left RUNNING by a process that stopped; marked FAIL",
          name, orphans);
    }
    study.failStaleTrials(DEFAULT_STALE_GRACE, false);
    return study;
  }

  /** The study's name. */
  public String name() {
    return info.name();
  }

  /** The optimisation direction. */
  public Direction direction() {
    return info.direction();
  }

  /** The direction of every objective; one element for a single-objective study. */
  public List<Direction> directions() {
    return info.directions();
  }

  /** The root seed the study was created with. */
  public long seed() {
    return info.seed();
  }

  /** The sampler in use. */
  public Sampler sampler() {
    return sampler;
  }

  /** The pruner in use; {@link Pruner#NONE} unless one was given to {@code createOrLoad}. */
  public Pruner pruner() {
    return pruner;
  }

  long id() {
    return info.id();
  }

  StudyStore store() {
    return store;
  }

  Clock clock() {
    return clock;
  }

  /** The study's user attributes, read from the store; unmodifiable. */
  public Map<String, String> userAttributes() {
    return store.findStudy(info.name()).map(StudyInfo::userAttributes).orElse(Map.of());
  }

  /** Sets (or overwrites) a study user attribute. */
  public void setUserAttribute(String key, String value) {
    store.setStudyUserAttribute(info.id(), key, value);
  }

  /**
   * Starts a RUNNING trial: the lowest-numbered WAITING trial if any was {@linkplain #enqueue
   * enqueued} (its fixed parameters are then used for its suggestions), else a new trial with the
   * next dense number. No heartbeat is sent for it (single-process mode, see {@link
   * #createOrLoad}). The sampler sees the study's trials as they are at this moment for all of
   * this trial's suggestions.
   */
  public Trial ask() {
    return tryAsk(AskOptions.DEFAULT).orElseThrow();
  }

  /**
   * Starts a RUNNING trial as {@link #ask()} does, with heartbeats, a limit and deadlines as
   * {@code options} say.
   *
   * @return the trial, or empty when {@code options.limit()} trials are already COMPLETE, PRUNED
   *     or RUNNING
   */
  public Optional<Trial> tryAsk(AskOptions options) {
    Objects.requireNonNull(options, "options");
    List<TrialRecord> before = trials();
    Optional<TrialRecord> started =
        store.startTrial(info.id(), clock.instant(), options.heartbeat(), options.limit());
    if (started.isEmpty()) {
      return Optional.empty();
    }
    TrialRecord rec = started.get();
    int number = rec.number();
    List<TrialRecord> history = new ArrayList<>(before.size());
    for (TrialRecord t : before) {
      if (t.number() != number) {
        history.add(t);
      }
    }
    StudyView view = new StudySnapshot(info.name(), info.direction(), info.seed(), history);
    sampler.beforeTrial(view, number);
    Map<String, Distribution> relSpace = sampler.inferRelativeSpace(view, number);
    Map<String, Object> rel =
        relSpace.isEmpty() ? Map.of() : sampler.sampleRelative(view, number, relSpace);
    return Optional.of(new Trial(this, rec, view, relSpace, rel, options));
  }

  /**
   * Enqueues a configuration to evaluate before any sampled one: a WAITING trial with the next
   * number, claimed by exactly one later {@link #ask()} (in any thread or process sharing the
   * store). When the claimed trial suggests a parameter named in {@code params}, it gets that
   * value instead of a sampled one; parameters not named are sampled as usual. Values may lie
   * anywhere in the distribution, both bounds included; an {@code Integer}/{@code Long} is
   * accepted for a float parameter and an integral {@code Double} for an int one (Optuna's {@code
   * enqueue_trial}).
   *
   * @param params parameter name &rarr; value ({@code Number} or {@code String})
   * @return the number of the WAITING trial
   * @throws InvalidParameterException naming the parameter if a value is null, non-finite or not
   *     a number or string (values outside a distribution are reported when the trial suggests
   *     them: see {@link Trial#suggest})
   */
  public int enqueue(Map<String, ?> params) {
    Map<String, Object> fixed;
    try {
      fixed = dev.hone.search.store.StoreRules.normalizeFixedParams(params);
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException(
          "cannot enqueue into study '" + info.name() + "': " + e.getMessage());
    }
    int number = store.enqueueTrial(info.id(), fixed).number();
    LOG.info("study '{}' trial {} enqueued with params {}", info.name(), number, fixed);
    return number;
  }

  /**
   * Fails the RUNNING trials whose heartbeat is older than {@code grace} (their workers stopped),
   * with the user attribute {@value TrialRecord#FAIL_REASON}; with {@code requeue}, enqueues each
   * one's parameters again as a new WAITING trial (see {@link StudyStore#failStaleTrials}).
   * Trials without heartbeat are left alone. Logs one WARN naming the trials.
   *
   * @param grace how long a heartbeat may be silent, {@code > 0}
   * @return the trials failed by this call
   */
  public List<TrialRecord> failStaleTrials(Duration grace, boolean requeue) {
    if (grace == null || grace.isNegative() || grace.isZero()) {
      throw new InvalidParameterException("stale grace was " + grace + " but must be > 0");
    }
    Instant now = clock.instant();
    List<TrialRecord> failed =
        store.failStaleTrials(info.id(), now.minus(grace), requeue, now);
    if (!failed.isEmpty()) {
      LOG.warn(
          "study '{}': trials {} had no heartbeat for over {} s; their workers stopped; marked"
              + " FAIL{}",
          info.name(), failed.stream().map(TrialRecord::number).toList(), grace.toSeconds(),
          requeue ? " and their params enqueued again" : "");
    }
    return failed;
  }

  /** The number of trials in each state, every state present; cheaper than {@link #trials()}. */
  public Map<TrialState, Integer> countTrials() {
    return store.countTrials(info.id());
  }

  /**
   * Finishes {@code trial} as FAIL with the user attribute {@value TrialRecord#FAIL_REASON} set
   * to {@code reason}. A trial that is already finished (told by its objective, or failed by
   * another worker) is left as it is.
   *
   * @return the trial's final snapshot
   */
  public TrialRecord fail(Trial trial, String reason) {
    Objects.requireNonNull(reason, "reason");
    checkOwn(trial);
    try {
      store.setTrialUserAttribute(info.id(), trial.number(), TrialRecord.FAIL_REASON, reason);
      LOG.warn("trial {} failed: {}", trial.number(), reason);
      return record(trial, TrialState.FAIL, null);
    } catch (TrialFinishedException e) {
      return store.trial(info.id(), trial.number());
    }
  }

  /**
   * Finishes {@code trial} as COMPLETE with {@code value}; a NaN value finishes it as FAIL
   * instead (Optuna semantics). Infinite values are COMPLETE.
   *
   * @return the trial's final snapshot
   *
   * @throws TrialFinishedException if the trial was already told
   * @throws IllegalArgumentException if the trial belongs to another study
   */
  public TrialRecord tell(Trial trial, double value) {
    return finish(trial, value);
  }

  /**
   * Finishes {@code trial} as PRUNED (carrying its last reported intermediate value, if any) or
   * FAIL.
   *
   * @return the trial's final snapshot
   * @throws IllegalArgumentException if {@code state} is RUNNING or COMPLETE (use {@link
   *     #tell(Trial, double)}), or the trial belongs to another study
   * @throws TrialFinishedException if the trial was already told
   */
  public TrialRecord tell(Trial trial, TrialState state) {
    return finish(trial, state);
  }

  /**
   * Finishes {@code trial} of a study with {@code values.length == directions().size()}
   * objectives as COMPLETE: the vector is stored in the user attribute {@value
   * Evaluation#VALUES_ATTRIBUTE} and its first entry is the trial's value. A NaN entry finishes
   * it as FAIL instead. For a single-objective study this equals {@link #tell(Trial, double)}.
   *
   * @return the trial's final snapshot
   * @throws IllegalArgumentException if the length differs from the number of objectives
   * @throws TrialFinishedException if the trial was already told
   */
  public TrialRecord tell(Trial trial, double[] values) {
    return finish(trial, storeVector(trial, values));
  }

  /** Checks and stores an objective vector; the value to finish the trial with. */
  private double storeVector(Trial trial, double[] values) {
    Objects.requireNonNull(values, "values");
    List<Direction> dirs = info.directions();
    if (values.length != dirs.size()) {
      throw new IllegalArgumentException(
          "trial " + trial.number() + " returned " + values.length + " objective values but"
              + " study '" + info.name() + "' has " + dirs.size() + " directions " + dirs);
    }
    for (double v : values) {
      if (Double.isNaN(v)) {
        return Double.NaN;
      }
    }
    if (dirs.size() > 1) {
      trial.setUserAttribute(Evaluation.VALUES_ATTRIBUTE, Evaluation.encode(values));
    }
    return values[0];
  }

  TrialRecord finish(Trial trial, double value) {
    if (Double.isNaN(value)) {
      LOG.warn("trial {} failed: the objective returned NaN", trial.number());
      return record(trial, TrialState.FAIL, null);
    }
    return record(trial, TrialState.COMPLETE, value);
  }

  TrialRecord finish(Trial trial, TrialState state) {
    Objects.requireNonNull(state, "state");
    if (state == TrialState.RUNNING || state == TrialState.COMPLETE) {
      throw new IllegalArgumentException(
          "tell(trial, state) takes PRUNED or FAIL, got " + state
              + "; use tell(trial, value) for COMPLETE");
    }
    Double value = null;
    if (state == TrialState.PRUNED) {
      Map<Integer, Double> iv = store.trial(info.id(), trial.number()).intermediateValues();
      int last = Integer.MIN_VALUE;
      for (int step : iv.keySet()) {
        last = Math.max(last, step);
      }
      value = iv.isEmpty() ? null : iv.get(last);
    }
    return record(trial, state, value);
  }

  private void checkOwn(Trial trial) {
    Objects.requireNonNull(trial, "trial");
    if (trial.study() != this) {
      throw new IllegalArgumentException(
          "trial " + trial.number() + " belongs to study '" + trial.study().name()
              + "', not to '" + name() + "'");
    }
  }

  private TrialRecord record(Trial trial, TrialState state, Double value) {
    checkOwn(trial);
    TrialRecord rec = store.finishTrial(info.id(), trial.number(), state, value, clock.instant());
    LOG.info(
        "study '{}' trial {} {}{} in {} ms; params {}",
        info.name(), rec.number(), rec.state(),
        rec.value() == null ? "" : " with value " + rec.value(),
        rec.duration().toMillis(), rec.params());
    sampler.afterTrial(trial.view(), rec);
    return rec;
  }

  /**
   * Snapshot of trial {@code number}.
   *
   * @throws IllegalArgumentException if the study has no such trial
   */
  public TrialRecord trial(int number) {
    return store.trial(info.id(), number);
  }

  /** Snapshots of all trials, ordered by number. */
  public List<TrialRecord> trials() {
    return store.trials(info.id());
  }

  /**
   * The best feasible COMPLETE trial; never a FAIL, PRUNED or infeasible one (a trial with a
   * positive or NaN constraint value, see {@link Trial#setConstraints}). Single objective: the
   * best value by the study's direction, ties to the lower trial number. Several objectives: of
   * the {@linkplain #bestTrials() Pareto front}, the member best in the first objective (ties to
   * the lower number), so the trial returned is always on the front. Empty when no trial is
   * COMPLETE and feasible.
   */
  public Optional<TrialRecord> bestTrial() {
    return best(trials(), info.directions());
  }

  /**
   * The Pareto front of the study: the feasible COMPLETE trials that no other feasible COMPLETE
   * trial dominates ({@link Pareto#front}; directions may be mixed; trials with identical vectors
   * all stay on it), ordered by number. FAIL, PRUNED, RUNNING and infeasible trials never enter
   * it. For a single-objective study: every feasible COMPLETE trial that ties for the best value.
   */
  public List<TrialRecord> bestTrials() {
    return front(trials(), info.directions());
  }

  static List<TrialRecord> front(List<TrialRecord> trials, List<Direction> directions) {
    java.util.Map<Integer, TrialRecord> byNumber = new java.util.HashMap<>();
    List<Evaluation> evals = new ArrayList<>();
    for (TrialRecord t : trials) {
      if (t.state() == TrialState.COMPLETE) {
        Evaluation e = Evaluation.of(t);
        if (e.values().size() == directions.size()) {
          evals.add(e);
          byNumber.put(t.number(), t);
        }
      }
    }
    List<TrialRecord> out = new ArrayList<>();
    for (Evaluation e : Pareto.front(evals, directions)) {
      out.add(byNumber.get(e.number()));
    }
    out.sort(java.util.Comparator.comparingInt(TrialRecord::number));
    return out;
  }

  static Optional<TrialRecord> best(List<TrialRecord> trials, List<Direction> directions) {
    if (directions.size() == 1) {
      return Constraints.bestFeasible(trials, directions.get(0));
    }
    TrialRecord best = null;
    double bestValue = Double.NaN;
    for (TrialRecord t : front(trials, directions)) {
      double v = Evaluation.of(t).values().get(0);
      if (best == null || directions.get(0).isBetter(v, bestValue)) {
        best = t;
        bestValue = v;
      }
    }
    return Optional.ofNullable(best);
  }

  static Optional<TrialRecord> best(List<TrialRecord> trials, Direction direction) {
    TrialRecord best = null;
    for (TrialRecord t : trials) {
      if (t.state() == TrialState.COMPLETE
          && (best == null || direction.isBetter(t.value(), best.value()))) {
        best = t;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * Runs trials one after another until {@code stop} says to stop (see {@link StopCondition}), or
   * until the sampler reports that it is exhausted ({@link Sampler#isExhausted}, e.g. a grid whose
   * every point was evaluated; checked before each ask): ask, evaluate, tell. The result's {@link
   * OptimizeResult#stopReason()} says which rule stopped it.
   *
   * <p>Outcome of each evaluation:
   *
   * <ul>
   *   <li>a value: COMPLETE; NaN: FAIL.
   *   <li>{@link TrialPrunedException}: PRUNED.
   *   <li>{@link UserInputException} (the user must fix something; retrying cannot help): FAIL,
   *       then rethrown.
   *   <li>any other exception: FAIL, a WARN with the trial number, its params and the exception,
   *       and the loop continues; after {@value #MAX_CONSECUTIVE_FAILURES} consecutive FAIL trials
   *       a {@link HoneException} "10 consecutive trials failed; last error: ..." is thrown.
   *   <li>{@link InterruptedException}: FAIL, the interrupt flag is restored and a {@link
   *       HoneException} is thrown. An {@link Error}: FAIL, then rethrown.
   * </ul>
   *
   * @param objective the function to optimise
   * @param stop when to stop asking for new trials
   * @param listener progress callbacks (use {@link StudyListener#NONE} for none)
   * @return counts of what this call ran
   */
  public OptimizeResult optimize(Objective objective, StopCondition stop, StudyListener listener) {
    return run(objective, stop, listener);
  }

  /**
   * Runs trials of a multi-objective study as {@link #optimize(Objective, StopCondition,
   * StudyListener)} does, each finished as by {@link #tell(Trial, double[])}: the vector is stored
   * and its first entry is the trial's value; a NaN entry makes the trial FAIL; a vector of the
   * wrong length makes it FAIL with the reason logged.
   */
  public OptimizeResult optimizeMulti(
      MultiObjective objective, StopCondition stop, StudyListener listener) {
    Objects.requireNonNull(objective, "objective");
    return run(trial -> storeVector(trial, objective.evaluate(trial)), stop, listener);
  }

  private OptimizeResult run(Objective objective, StopCondition stop, StudyListener listener) {
    Objects.requireNonNull(objective, "objective");
    Objects.requireNonNull(stop, "stop");
    Objects.requireNonNull(listener, "listener");
    long start = System.nanoTime();
    int done = 0;
    for (TrialRecord t : trials()) {
      if (t.state().countsAsDone()) {
        done++;
      }
    }
    int run = 0;
    int complete = 0;
    int failed = 0;
    int pruned = 0;
    int consecutiveFailures = 0;
    boolean byTime = false;
    StopReason reason = StopReason.TARGET_REACHED;
    while (done < stop.targetTrials()) {
      Duration budget = stop.timeBudget();
      if (budget != null && System.nanoTime() - start >= budget.toNanos()) {
        byTime = true;
        reason = StopReason.TIME_BUDGET;
        break;
      }
      if (sampler.isExhausted(
          new StudySnapshot(info.name(), info.direction(), info.seed(), trials()))) {
        reason = StopReason.SPACE_EXHAUSTED;
        LOG.info("study '{}': the sampler {} has nothing new to propose; stopping after {} of {}"
            + " trials", info.name(), sampler, done, stop.targetTrials());
        break;
      }
      Trial trial = ask();
      run++;
      listener.onTrialStart(trial.number());
      TrialRecord rec;
      String error = null;
      Throwable cause = null;
      MDC.put("study", info.name());
      MDC.put("trial", Integer.toString(trial.number()));
      try {
        double v = objective.evaluate(trial);
        rec = finish(trial, v);
        if (rec.state() == TrialState.FAIL) {
          error = "objective returned NaN";
        }
      } catch (TrialPrunedException e) {
        rec = finish(trial, TrialState.PRUNED);
      } catch (UserInputException e) {
        rec = finishQuietly(trial);
        listener.onTrialFinish(rec, bestTrial());
        throw e;
      } catch (InterruptedException e) {
        finishQuietly(trial);
        Thread.currentThread().interrupt();
        throw new HoneException(
            "optimisation of study '" + info.name() + "' was interrupted in trial "
                + trial.number(), e);
      } catch (Exception e) {
        LOG.warn(
            "trial {} failed with params {}: {}", trial.number(), trial.params(), e.toString(), e);
        rec = finishQuietly(trial);
        error = e.getClass().getName() + ": " + e.getMessage();
        cause = e;
      } catch (Error e) {
        finishQuietly(trial);
        throw e;
      } finally {
        MDC.remove("study");
        MDC.remove("trial");
      }
      switch (rec.state()) {
        case COMPLETE -> complete++;
        case PRUNED -> pruned++;
        default -> failed++;
      }
      if (rec.state() == TrialState.FAIL) {
        consecutiveFailures++;
      } else {
        consecutiveFailures = 0;
        done++;
      }
      listener.onTrialFinish(rec, bestTrial());
      if (consecutiveFailures >= MAX_CONSECUTIVE_FAILURES) {
        throw new HoneException(
            MAX_CONSECUTIVE_FAILURES + " consecutive trials failed; last error: " + error, cause);
      }
    }
    return new OptimizeResult(run, complete, failed, pruned, byTime, reason);
  }

  /** Marks a trial FAIL after its objective threw; tolerates an objective that told it itself. */
  private TrialRecord finishQuietly(Trial trial) {
    try {
      return record(trial, TrialState.FAIL, null);
    } catch (TrialFinishedException e) {
      return store.trial(info.id(), trial.number());
    }
  }

  /**
   * Checks that {@code name} keeps its distribution kind, and its choices if categorical, across
   * the study (Optuna's {@code check_distribution_compatibility}).
   */
  void checkCompatible(String name, Distribution d) {
    Distribution first = knownKinds.putIfAbsent(name, d);
    if (first == null) {
      return;
    }
    boolean ok =
        first.getClass() == d.getClass()
            && (!(d instanceof CategoricalDistribution c)
                || c.choices().equals(((CategoricalDistribution) first).choices()));
    if (!ok) {
      throw new InvalidParameterException(
          "parameter '" + name + "' of study '" + name() + "' was sampled from " + first
              + " in earlier trials but is now requested from " + d
              + "; a parameter keeps its kind (and categorical choices) within a study: use a"
              + " new study name for a different search space");
    }
  }

  @Override
  public String toString() {
    return "Study[" + info.name() + ", " + info.direction() + ", seed " + info.seed() + "]";
  }
}
