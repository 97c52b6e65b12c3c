package dev.hone.search.store;

import dev.hone.search.space.Distribution;
import dev.hone.search.study.Direction;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where studies and their trials are kept. Every implementation must pass {@code
 * StudyStoreContractTest} (in the test-jar of {@code hone-search}); the in-memory, SQLite and
 * PostgreSQL stores do.
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li><b>Thread and process safety.</b> All methods may be called concurrently from several
 *       threads, and, for a durable store, from several processes (and machines, for a server
 *       database) sharing one database. Each call is atomic: a durable store runs each call in one
 *       transaction, so a crash at any point leaves every trial either fully written by its last
 *       completed call or untouched by the interrupted one.
 *   <li><b>Immutable snapshots.</b> {@link StudyInfo} and {@link TrialRecord} values returned are
 *       immutable and never change after they are returned; later writes are visible only in
 *       later snapshots.
 *   <li><b>Dense numbering.</b> Trials are numbered 0, 1, 2, ... per study, when they are created
 *       ({@link #createTrial}, {@link #startTrial}) or enqueued ({@link #enqueueTrial}), with no
 *       gaps and no duplicates, also under concurrent calls from several processes.
 *   <li><b>Atomic claim.</b> {@link #startTrial} turns the lowest-numbered WAITING trial into a
 *       RUNNING one atomically: among any number of concurrent callers, in any number of
 *       processes, exactly one gets each WAITING trial, so every enqueued configuration is started
 *       exactly once (unless re-queued by {@link #failStaleTrials}, which enqueues a new trial).
 *   <li><b>Finished trials are immutable.</b> Once a trial is COMPLETE, PRUNED or FAIL, every
 *       further write to it (param, intermediate value, user attribute, finish) throws {@link
 *       TrialFinishedException} and changes nothing; a heartbeat returns {@code false}.
 *   <li><b>Ownership of RUNNING trials: heartbeats.</b> A RUNNING trial belongs to the worker that
 *       started it. A worker that opts into heartbeats starts its trials with {@code
 *       heartbeat = true} and calls {@link #recordHeartbeat} every few seconds while the trial
 *       runs; a trial whose last heartbeat is older than a grace period belongs to a dead worker,
 *       and {@link #failStaleTrials} marks it FAIL (optionally re-queuing its parameters). A
 *       RUNNING trial with a recent heartbeat is never failed by anyone but its owner. The store
 *       never changes a trial's state on its own, not even on open. A RUNNING trial without any
 *       heartbeat comes from a worker that declared itself the only one working on the study
 *       (heartbeats off, Hone's single-process mode); {@code Study.createOrLoad} marks such trials
 *       FAIL, which is safe only under that declaration.
 *   <li><b>Values.</b> Objective and intermediate values round-trip exactly, including NaN, +Inf,
 *       -Inf and -0.0; numbers are never rewritten on the way.
 *   <li><b>Nothing is deleted.</b> A store never deletes or rewrites existing studies or trials,
 *       and never renumbers them.
 * </ul>
 *
 * <p>Errors: an unknown study id or trial number throws {@link IllegalArgumentException}, as does
 * a write that breaks a rule stated on the method (a write to a WAITING trial included). {@link
 * #close()} releases resources; calls after it throw {@link IllegalStateException}.
 */
public interface StudyStore extends AutoCloseable {

  /**
   * Returns the study called {@code name}, creating it as a single-objective study with {@code
   * direction} and {@code seed} if absent; see {@link #createStudyIfAbsent(String, List, long)}.
   */
  default StudyInfo createStudyIfAbsent(String name, Direction direction, long seed) {
    return createStudyIfAbsent(name, List.of(direction), seed);
  }

  /**
   * Returns the study called {@code name}, creating it with {@code directions} (one per objective)
   * and {@code seed} if absent, atomically (two concurrent calls, also from two processes, get the
   * same study). An existing study is returned as stored: its directions and seed are not
   * changed, so the caller must compare them.
   *
   * @throws IllegalArgumentException if {@code name} is blank or {@code directions} is empty
   */
  StudyInfo createStudyIfAbsent(String name, List<Direction> directions, long seed);

  /** The study called {@code name}, if any. */
  Optional<StudyInfo> findStudy(String name);

  /** All studies, ordered by id. */
  List<StudyInfo> studies();

  /** Sets (or overwrites) a study user attribute. */
  void setStudyUserAttribute(long studyId, String key, String value);

  /**
   * Creates a RUNNING trial with the next dense number and no heartbeat. It does not claim WAITING
   * trials (use {@link #startTrial} for that).
   *
   * @return the new trial's snapshot (no params, no values)
   */
  TrialRecord createTrial(long studyId, Instant startedAt);

  /**
   * Enqueues a WAITING trial with the next dense number, carrying {@code fixedParams} (name &rarr;
   * {@code Double}, {@code Long} or {@code String}; other {@code Number}s are widened by {@link
   * StoreRules#normalizeFixedParams}). The values are checked against distributions only when the
   * trial suggests them.
   *
   * @return the WAITING trial's snapshot
   * @throws IllegalArgumentException if a name is blank or a value is null, non-finite or of
   *     another type
   */
  TrialRecord enqueueTrial(long studyId, Map<String, Object> fixedParams);

  /**
   * Starts a trial in one atomic step: claims the lowest-numbered WAITING trial if there is one
   * (it becomes RUNNING with {@code startedAt}), else creates a new RUNNING trial with the next
   * number; but only while the study holds fewer than {@code limit} trials that are COMPLETE,
   * PRUNED or RUNNING. The limit makes a trial target exact across workers and processes: the
   * last free slot goes to exactly one caller.
   *
   * @param heartbeat whether the caller sends heartbeats; if so the trial's heartbeat is set to
   *     {@code startedAt}
   * @param limit {@code >= 1}; {@link Integer#MAX_VALUE} for none
   * @return the RUNNING trial, or empty when the limit is reached
   */
  Optional<TrialRecord> startTrial(long studyId, Instant startedAt, boolean heartbeat, int limit);

  /**
   * Records that the worker running trial {@code number} is alive.
   *
   * @return true if the trial is RUNNING (the heartbeat was written); false if it is already
   *     finished, for instance failed by another process that found its heartbeat stale: the
   *     worker should then abandon it
   * @throws IllegalArgumentException if the trial is WAITING or unknown
   */
  boolean recordHeartbeat(long studyId, int number, Instant at);

  /**
   * Fails every RUNNING trial of the study whose heartbeat is older than {@code heartbeatBefore},
   * atomically per trial: it becomes FAIL at {@code now} with user attribute {@value
   * TrialRecord#FAIL_REASON}. With {@code requeue}, a new WAITING trial is enqueued for each, with
   * fixed params equal to the stale trial's fixed params overlaid by the params it had sampled,
   * and user attribute {@value TrialRecord#RETRY_OF} naming the stale trial. Trials without a
   * heartbeat are left alone. Safe to call concurrently: each stale trial is failed (and
   * re-queued) once.
   *
   * @return the final snapshots of the trials this call failed, ordered by number
   */
  List<TrialRecord> failStaleTrials(
      long studyId, Instant heartbeatBefore, boolean requeue, Instant now);

  /**
   * Records the value of one parameter of a RUNNING trial.
   *
   * @param value the external value; must satisfy {@code distribution.contains(value)}
   * @throws IllegalArgumentException if the value is not in the distribution or the trial already
   *     has a parameter called {@code name}
   * @throws TrialFinishedException if the trial is finished
   */
  void setTrialParam(
      long studyId, int number, String name, Object value, Distribution distribution);

  /**
   * Records the intermediate value reported at {@code step} (overwriting one already at that
   * step).
   *
   * @param step {@code >= 0}
   * @param value any double, NaN and infinities included
   * @throws TrialFinishedException if the trial is finished
   */
  void setTrialIntermediateValue(long studyId, int number, int step, double value);

  /**
   * Sets (or overwrites) a user attribute of a RUNNING trial.
   *
   * @throws TrialFinishedException if the trial is finished
   */
  void setTrialUserAttribute(long studyId, int number, String key, String value);

  /**
   * Finishes a RUNNING trial with at most one value; see {@link #finishTrialValues}.
   *
   * @param value required and not NaN for COMPLETE; null for FAIL; anything (or null) for PRUNED
   */
  default TrialRecord finishTrial(
      long studyId, int number, TrialState state, Double value, Instant finishedAt) {
    return finishTrialValues(studyId, number, state, value == null ? List.of() : List.of(value),
        finishedAt);
  }

  /**
   * Finishes a RUNNING trial.
   *
   * @param state COMPLETE, PRUNED or FAIL
   * @param values COMPLETE: one or more, none NaN (one per objective); PRUNED: at most one; FAIL:
   *     none
   * @return the final snapshot
   * @throws IllegalArgumentException if {@code state} is not a finished state or {@code values}
   *     breaks the rule
   * @throws TrialFinishedException if the trial is already finished
   */
  TrialRecord finishTrialValues(
      long studyId, int number, TrialState state, List<Double> values, Instant finishedAt);

  /** Snapshot of one trial. */
  TrialRecord trial(long studyId, int number);

  /** Snapshots of all trials of a study, ordered by number. */
  List<TrialRecord> trials(long studyId);

  /**
   * The number of trials of the study in each state (every state present, zero included), read
   * in one consistent snapshot; cheaper than {@link #trials}.
   */
  Map<TrialState, Integer> countTrials(long studyId);

  /** Releases resources; idempotent. */
  @Override
  void close();
}
