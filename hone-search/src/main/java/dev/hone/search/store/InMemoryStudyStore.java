package dev.hone.search.store;

import dev.hone.search.space.Distribution;
import dev.hone.search.study.Direction;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link StudyStore} kept in the heap: fast, and gone when the JVM exits. Thread-safe through a
 * single monitor; snapshots are copied out on every read.
 */
public final class InMemoryStudyStore implements StudyStore {

  private static final class MutableStudy {
    final long id;
    final String name;
    final Direction direction;
    final long seed;
    final Instant createdAt;
    final Map<String, String> attrs = new LinkedHashMap<>();
    final List<MutableTrial> trials = new ArrayList<>();

    MutableStudy(long id, String name, Direction direction, long seed, Instant createdAt) {
      this.id = id;
      this.name = name;
      this.direction = direction;
      this.seed = seed;
      this.createdAt = createdAt;
    }

    StudyInfo snapshot() {
      return new StudyInfo(id, name, direction, seed, attrs, createdAt);
    }
  }

  private static final class MutableTrial {
    final int number;
    final Instant startedAt;
    TrialState state = TrialState.RUNNING;
    Double value;
    Instant finishedAt;
    final Map<String, Object> params = new LinkedHashMap<>();
    final Map<String, Distribution> dists = new LinkedHashMap<>();
    final Map<Integer, Double> intermediate = new TreeMap<>();
    final Map<String, String> attrs = new LinkedHashMap<>();

    MutableTrial(int number, Instant startedAt) {
      this.number = number;
      this.startedAt = startedAt;
    }

    TrialRecord snapshot() {
      return new TrialRecord(
          number, state, params, dists, value, intermediate, attrs, startedAt, finishedAt);
    }
  }

  private final List<MutableStudy> studies = new ArrayList<>();
  private boolean closed;

  /** An empty store. */
  public InMemoryStudyStore() {}

  @Override
  public synchronized StudyInfo createStudyIfAbsent(String name, Direction direction, long seed) {
    open();
    StoreRules.checkStudyName(name);
    java.util.Objects.requireNonNull(direction, "direction");
    for (MutableStudy s : studies) {
      if (s.name.equals(name)) {
        return s.snapshot();
      }
    }
    MutableStudy s = new MutableStudy(studies.size() + 1L, name, direction, seed, Instant.now());
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
    java.util.Objects.requireNonNull(startedAt, "startedAt");
    MutableStudy s = study(studyId);
    MutableTrial t = new MutableTrial(s.trials.size(), startedAt);
    s.trials.add(t);
    return t.snapshot();
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
  public synchronized TrialRecord finishTrial(
      long studyId, int number, TrialState state, Double value, Instant finishedAt) {
    MutableTrial t = running(studyId, number, "finish as " + state);
    StoreRules.checkFinish(number, state, value);
    java.util.Objects.requireNonNull(finishedAt, "finishedAt");
    t.state = state;
    t.value = value;
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
    if (t.state.isFinished()) {
      throw new TrialFinishedException(StoreRules.finishedMessage(s.name, number, t.state, what));
    }
    return t;
  }
}
