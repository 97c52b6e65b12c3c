package dev.hone.search.store;

import dev.hone.search.space.Distribution;
import dev.hone.search.study.Direction;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where studies and their trials are kept. Every implementation must pass {@code
 * StudyStoreContractTest} (in the test-jar of {@code hone-search}).
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li><b>Thread safety.</b> All methods may be called concurrently from several threads; each
 *       call is atomic (a durable store runs each write in one transaction, so a crash at any
 *       point leaves every trial either fully written by its last completed call or untouched by
 *       the interrupted one).
 *   <li><b>Immutable snapshots.</b> {@link StudyInfo} and {@link TrialRecord} values returned are
 *       immutable and never change after they are returned; later writes are visible only in
 *       later snapshots.
 *   <li><b>Dense numbering.</b> {@link #createTrial} numbers trials 0, 1, 2, ... per study, with
 *       no gaps and no duplicates, also under concurrent calls.
 *   <li><b>Finished trials are immutable.</b> Once {@link #finishTrial} succeeded, every further
 *       write to that trial (param, intermediate value, user attribute, finish) throws {@link
 *       TrialFinishedException} and changes nothing.
 *   <li><b>Ownership of RUNNING trials.</b> A RUNNING trial belongs to the process that created it;
 *       the store never changes a trial's state on its own, not even on open. Deciding that a
 *       RUNNING trial is orphaned (its process died) is the caller's job: {@code
 *       Study.createOrLoad} marks such trials FAIL, assuming a single process per study.
 *   <li><b>Values.</b> Objective and intermediate values round-trip exactly, including NaN, +Inf
 *       and -Inf; numbers are never rewritten on the way.
 *   <li><b>Nothing is deleted.</b> A store never deletes or rewrites existing studies or trials.
 * </ul>
 *
 * <p>Errors: an unknown study id or trial number throws {@link IllegalArgumentException}, as does
 * a write that breaks a rule stated on the method. {@link #close()} releases resources; calls
 * after it throw {@link IllegalStateException}.
 */
public interface StudyStore extends AutoCloseable {

  /**
   * Returns the study called {@code name}, creating it with {@code direction} and {@code seed} if
   * absent, atomically (two concurrent calls get the same study). An existing study is returned
   * as stored: its direction and seed are not changed, so the caller must compare them.
   *
   * @throws IllegalArgumentException if {@code name} is blank
   */
  StudyInfo createStudyIfAbsent(String name, Direction direction, long seed);

  /** The study called {@code name}, if any. */
  Optional<StudyInfo> findStudy(String name);

  /** All studies, ordered by id. */
  List<StudyInfo> studies();

  /** Sets (or overwrites) a study user attribute. */
  void setStudyUserAttribute(long studyId, String key, String value);

  /**
   * Creates a RUNNING trial with the next dense number.
   *
   * @return the new trial's snapshot (no params, no values)
   */
  TrialRecord createTrial(long studyId, Instant startedAt);

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
   * Finishes a RUNNING trial.
   *
   * @param state COMPLETE, PRUNED or FAIL
   * @param value required and not NaN for COMPLETE; null for FAIL; anything (or null) for PRUNED
   * @return the final snapshot
   * @throws IllegalArgumentException if {@code state} is RUNNING or {@code value} breaks the rule
   * @throws TrialFinishedException if the trial is already finished
   */
  TrialRecord finishTrial(
      long studyId, int number, TrialState state, Double value, Instant finishedAt);

  /** Snapshot of one trial. */
  TrialRecord trial(long studyId, int number);

  /** Snapshots of all trials of a study, ordered by number. */
  List<TrialRecord> trials(long studyId);

  /** Releases resources; idempotent. */
  @Override
  void close();
}
