package dev.hone.search.store;

import dev.hone.search.space.Distribution;
import dev.hone.search.study.Direction;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link StudyStore} kept in the heap: fast, and gone when the JVM exits. Thread-safe through a
 * single monitor (so every call is atomic); snapshots of unfinished trials are copied out on every
 * read, while a finished trial's immutable snapshot is made once and shared by later reads. Shared
 * by the threads of one process only.
 */
public final class InMemoryStudyStore implements StudyStore {

  private static final class MutableStudy {
    final long id;
    final String name;
    final List<Direction> directions;
    final long seed;
    final Instant createdAt;
    final Map<String, String> attrs = new LinkedHashMap<>();
    final List<MutableTrial> trials = new ArrayList<>();

    MutableStudy(long id, String name, List<Direction> directions, long seed, Instant createdAt) {
      this.id = id;
      this.name = name;
      this.directions = List.copyOf(directions);
      this.seed = seed;
      this.createdAt = createdAt;
    }

    StudyInfo snapshot() {
      return new StudyInfo(id, name, directions.get(0), seed, attrs, createdAt, directions);
    }
  }

  private static final class MutableTrial {
    final int number;
    Instant startedAt;
    TrialState state;
    List<Double> values = List.of();
    Instant finishedAt;
    Instant heartbeatAt;
    final Map<String, Object> fixed;
    final Map<String, Object> params = new LinkedHashMap<>();
    final Map<String, Distribution> dists = new LinkedHashMap<>();
    final Map<Integer, Double> intermediate = new TreeMap<>();
    final Map<String, String> attrs = new LinkedHashMap<>();

    MutableTrial(int number, TrialState state, Instant startedAt, Map<String, Object> fixed) {
      this.number = number;
      this.state = state;
      this.startedAt = startedAt;
      this.fixed = fixed;
    }

    /** The snapshot of a finished trial, which no longer changes; null while not finished. */
    TrialRecord finished;

    TrialRecord snapshot() {
      if (finished != null) {
        return finished;
      }
      TrialRecord r = new TrialRecord(
          number, state, params, dists, values.isEmpty() ? null : values.get(0), intermediate,
          attrs, startedAt, finishedAt, heartbeatAt, fixed, values);
      if (state.isFinished()) {
        finished = r; // every mutation checks that the trial is still RUNNING (or WAITING)
      }
      return r;
    }
  }

  private final List<MutableStudy> studies = new ArrayList<>();
  private boolean closed;

  /** An empty store. */
  public InMemoryStudyStore() {}

  @Override
  public synchronized StudyInfo createStudyIfAbsent(
      String name, List<Direction> directions, long seed) {
    open();
    StoreRules.checkStudyName(name);
    StoreRules.checkDirections(directions);
    for (MutableStudy s : studies) {
      if (s.name.equals(name)) {
        return s.snapshot();
      }
    }
    MutableStudy s = new MutableStudy(studies.size() + 1L, name, directions, seed, Instant.now());
    studies.add(s);
    return s.snapshot();
  }

  @Override
  public synchronized Optional<StudyInfo> findStudy(String name) {
    open();
    return studies.stream().filter(s -> s.name.equals(name)).findFirst().map(MutableStudy::snapshot);
  }

  @Override
  public synchronized List<StudyInfo> studies() {
    open();
    return studies.stream().map(MutableStudy::snapshot).toList();
  }

  @Override
  public synchronized void setStudyUserAttribute(long studyId, String key, String value) {
    StoreRules.checkAttribute(key, value);
    study(studyId).attrs.put(key, value);
  }

  @Override
  public synchronized TrialRecord createTrial(long studyId, Instant startedAt) {
    Objects.requireNonNull(startedAt, "startedAt");
    MutableStudy s = study(studyId);
    MutableTrial t = new MutableTrial(s.trials.size(), TrialState.RUNNING, startedAt, Map.of());
    s.trials.add(t);
    return t.snapshot();
  }

  @Override
  public synchronized TrialRecord enqueueTrial(long studyId, Map<String, Object> fixedParams) {
    Map<String, Object> fixed = StoreRules.normalizeFixedParams(fixedParams);
    MutableStudy s = study(studyId);
    MutableTrial t = new MutableTrial(s.trials.size(), TrialState.WAITING, null, fixed);
    s.trials.add(t);
    return t.snapshot();
  }

  @Override
  public synchronized Optional<TrialRecord> startTrial(
      long studyId, Instant startedAt, boolean heartbeat, int limit) {
    Objects.requireNonNull(startedAt, "startedAt");
    StoreRules.checkLimit(limit);
    MutableStudy s = study(studyId);
    int active = 0;
    MutableTrial waiting = null;
    for (MutableTrial t : s.trials) {
      if (t.state.countsAsDone() || t.state == TrialState.RUNNING) {
        active++;
      } else if (t.state == TrialState.WAITING && waiting == null) {
        waiting = t;
      }
    }
    if (active >= limit) {
      return Optional.empty();
    }
    MutableTrial t = waiting;
    if (t == null) {
      t = new MutableTrial(s.trials.size(), TrialState.RUNNING, startedAt, Map.of());
      s.trials.add(t);
    } else {
      t.state = TrialState.RUNNING;
      t.startedAt = startedAt;
    }
    t.heartbeatAt = heartbeat ? startedAt : null;
    return Optional.of(t.snapshot());
  }

  @Override
  public synchronized boolean recordHeartbeat(long studyId, int number, Instant at) {
    Objects.requireNonNull(at, "at");
    MutableStudy s = study(studyId);
    MutableTrial t = trialOf(s, number);
    if (t.state == TrialState.WAITING) {
      throw new IllegalArgumentException(StoreRules.waitingMessage(s.name, number, "heartbeat"));
    }
    if (t.state.isFinished()) {
      return false;
    }
    t.heartbeatAt = at;
    return true;
  }

  @Override
  public synchronized List<TrialRecord> failStaleTrials(
      long studyId, Instant heartbeatBefore, boolean requeue, Instant now) {
    Objects.requireNonNull(heartbeatBefore, "heartbeatBefore");
    Objects.requireNonNull(now, "now");
    MutableStudy s = study(studyId);
    List<TrialRecord> failed = new ArrayList<>();
    for (MutableTrial t : List.copyOf(s.trials)) {
      if (t.state == TrialState.RUNNING && t.heartbeatAt != null
          && t.heartbeatAt.isBefore(heartbeatBefore)) {
        t.attrs.put(TrialRecord.FAIL_REASON,
            StoreRules.staleReason(t.heartbeatAt, heartbeatBefore));
        t.state = TrialState.FAIL;
        t.finishedAt = now;
        TrialRecord rec = t.snapshot();
        failed.add(rec);
        if (requeue) {
          MutableTrial r = new MutableTrial(
              s.trials.size(), TrialState.WAITING, null, StoreRules.retryParams(rec));
          r.attrs.put(TrialRecord.RETRY_OF, Integer.toString(t.number));
          s.trials.add(r);
        }
      }
    }
    return failed;
  }

  @Override
  public synchronized void setTrialParam(
      long studyId, int number, String name, Object value, Distribution distribution) {
    MutableTrial t = running(studyId, number, "set param " + name);
    StoreRules.checkParam(number, name, value, distribution);
    if (t.params.containsKey(name)) {
      throw new IllegalArgumentException(
          "trial " + number + " already has param '" + name + "' = " + t.params.get(name));
    }
    t.params.put(name, value);
    t.dists.put(name, distribution);
  }

  @Override
  public synchronized void setTrialIntermediateValue(
      long studyId, int number, int step, double value) {
    MutableTrial t = running(studyId, number, "report step " + step);
    StoreRules.checkStep(number, step);
    t.intermediate.put(step, value);
  }

  @Override
  public synchronized void setTrialUserAttribute(
      long studyId, int number, String key, String value) {
    MutableTrial t = running(studyId, number, "set user attribute " + key);
    StoreRules.checkAttribute(key, value);
    t.attrs.put(key, value);
  }

  @Override
  public synchronized TrialRecord finishTrialValues(
      long studyId, int number, TrialState state, List<Double> values, Instant finishedAt) {
    MutableTrial t = running(studyId, number, "finish as " + state);
    StoreRules.checkFinish(number, state, values);
    Objects.requireNonNull(finishedAt, "finishedAt");
    t.state = state;
    t.values = List.copyOf(values);
    t.finishedAt = finishedAt;
    return t.snapshot();
  }

  @Override
  public synchronized TrialRecord trial(long studyId, int number) {
    return trialOf(study(studyId), number).snapshot();
  }

  @Override
  public synchronized List<TrialRecord> trials(long studyId) {
    return study(studyId).trials.stream().map(MutableTrial::snapshot).toList();
  }

  @Override
  public synchronized Map<TrialState, Integer> countTrials(long studyId) {
    Map<TrialState, Integer> out = new EnumMap<>(TrialState.class);
    for (TrialState st : TrialState.values()) {
      out.put(st, 0);
    }
    for (MutableTrial t : study(studyId).trials) {
      out.merge(t.state, 1, Integer::sum);
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  private void open() {
    if (closed) {
      throw new IllegalStateException("the in-memory study store is closed");
    }
  }

  private MutableStudy study(long id) {
    open();
    if (id < 1 || id > studies.size()) {
      throw new IllegalArgumentException("no study with id " + id);
    }
    return studies.get((int) (id - 1));
  }

  private static MutableTrial trialOf(MutableStudy s, int number) {
    if (number < 0 || number >= s.trials.size()) {
      throw new IllegalArgumentException("study '" + s.name + "' has no trial " + number);
    }
    return s.trials.get(number);
  }

  private MutableTrial running(long studyId, int number, String what) {
    MutableStudy s = study(studyId);
    MutableTrial t = trialOf(s, number);
    if (t.state == TrialState.WAITING) {
      throw new IllegalArgumentException(StoreRules.waitingMessage(s.name, number, what));
    }
    if (t.state.isFinished()) {
      throw new TrialFinishedException(StoreRules.finishedMessage(s.name, number, t.state, what));
    }
    return t;
  }
}
