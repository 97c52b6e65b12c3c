package dev.hone.search.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hone.search.sampler.RandomSampler;
import dev.hone.search.space.CategoricalDistribution;
import dev.hone.search.space.Distribution;
import dev.hone.search.space.FloatDistribution;
import dev.hone.search.space.IntDistribution;
import dev.hone.search.study.Direction;
import dev.hone.search.study.OptimizeResult;
import dev.hone.search.study.StopCondition;
import dev.hone.search.study.Study;
import dev.hone.search.study.StudyListener;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@link StudyStore} contract as a test suite. A store implementation extends this class and
 * implements {@link #openStore()}; a durable store also overrides {@link #persistent()} to return
 * true, which enables the tests that close and reopen the store (design after Optuna's {@code
 * StorageTestCase}).
 */
public abstract class StudyStoreContractTest {

  /** A fresh directory per test for stores that need files. */
  @TempDir protected Path tempDir;

  /**
   * Opens the store under test. Within one test, every call after the previous store was closed
   * must reopen the same data if {@link #persistent()} is true.
   */
  protected abstract StudyStore openStore();

  /** Whether closing and reopening with {@link #openStore()} keeps the data. */
  protected boolean persistent() {
    return false;
  }

  /** Closes {@code store} and reopens it (persistent stores) or keeps it (others). */
  private StudyStore reopen(StudyStore store) {
    if (!persistent()) {
      return store;
    }
    store.close();
    return openStore();
  }

  static final Instant T0 = Instant.parse("2024-05-06T07:08:09.123456789Z");
  static final Instant T1 = Instant.parse("2024-05-06T07:09:10.5Z");

  static final Map<String, Distribution> ALL_KINDS = kinds();
  static final Map<String, Object> ALL_VALUES = values();

  private static Map<String, Distribution> kinds() {
    Map<String, Distribution> m = new LinkedHashMap<>();
    m.put("f", FloatDistribution.of(-2.5, 1e6));
    m.put("flog", FloatDistribution.logOf(1e-12, 1));
    m.put("fstep", FloatDistribution.stepped(0.1, 1.0, 0.2));
    m.put("i", IntDistribution.of(-1_000_000_000_000L, 1_000_000_000_000L));
    m.put("ilog", IntDistribution.logOf(1, 1 << 20));
    m.put("istep", new IntDistribution(0, 100, false, 5));
    m.put("c", CategoricalDistribution.of("gbtree", "dart", "ütf-8 ✓", "it's \"quoted\""));
    return m;
  }

  private static Map<String, Object> values() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("f", 0.1 + 0.2); // 0.30000000000000004: must come back bit-exact
    m.put("flog", 3.141592653589793e-11);
    m.put("fstep", 0.1 + 2 * 0.2);
    m.put("i", -999_999_999_999L);
    m.put("ilog", 1L << 20);
    m.put("istep", 95L);
    m.put("c", "it's \"quoted\"");
    return m;
  }

  @Test
  void createStudyIfAbsentIsIdempotent() {
    try (StudyStore s = openStore()) {
      StudyInfo a = s.createStudyIfAbsent("alpha", Direction.MAXIMIZE, -42L);
      StudyInfo again = s.createStudyIfAbsent("alpha", Direction.MINIMIZE, 7L);
      assertEquals(a, again);
      assertEquals(Direction.MAXIMIZE, again.direction());
      assertEquals(-42L, again.seed());
      StudyInfo b = s.createStudyIfAbsent("beta", Direction.MINIMIZE, Long.MIN_VALUE);
      assertNotEquals(a.id(), b.id());
      assertEquals(List.of(a, b), s.studies());
      assertEquals(b, s.findStudy("beta").orElseThrow());
      assertTrue(s.findStudy("gamma").isEmpty());
      assertThrows(IllegalArgumentException.class,
          () -> s.createStudyIfAbsent(" ", Direction.MINIMIZE, 0));
    }
  }

  @Test
  void studyUserAttributes() {
    try (StudyStore s = openStore()) {
      long id = s.createStudyIfAbsent("a", Direction.MINIMIZE, 0).id();
      s.setStudyUserAttribute(id, "k", "v1");
      StudyInfo before = s.findStudy("a").orElseThrow();
      s.setStudyUserAttribute(id, "k", "v2");
      s.setStudyUserAttribute(id, "dataset", "adult.csv");
      assertEquals(Map.of("k", "v1"), before.userAttributes()); // snapshot did not change
      assertEquals(Map.of("k", "v2", "dataset", "adult.csv"),
          s.findStudy("a").orElseThrow().userAttributes());
      assertThrows(UnsupportedOperationException.class,
          () -> before.userAttributes().put("x", "y"));
    }
  }

  @Test
  void trialNumbersAreDensePerStudy() {
    try (StudyStore s = openStore()) {
      long a = s.createStudyIfAbsent("a", Direction.MINIMIZE, 0).id();
      long b = s.createStudyIfAbsent("b", Direction.MINIMIZE, 0).id();
      assertEquals(0, s.createTrial(a, T0).number());
      assertEquals(1, s.createTrial(a, T0).number());
      assertEquals(0, s.createTrial(b, T0).number());
      assertEquals(2, s.createTrial(a, T0).number());
      assertEquals(List.of(0, 1, 2), s.trials(a).stream().map(TrialRecord::number).toList());
      assertEquals(1, s.trials(b).size());
      TrialRecord fresh = s.trial(a, 2);
      assertEquals(TrialState.RUNNING, fresh.state());
      assertEquals(T0, fresh.startedAt());
      assertNull(fresh.finishedAt());
      assertNull(fresh.value());
      assertTrue(fresh.params().isEmpty());
    }
  }

  @Test
  void concurrentTrialCreationStaysDense() throws Exception {
    try (StudyStore s = openStore()) {
      long id = s.createStudyIfAbsent("a", Direction.MINIMIZE, 0).id();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<Integer>> fs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
          fs.add(pool.submit(() -> {
            int n = s.createTrial(id, T0).number();
            s.setTrialParam(id, n, "x", (double) n, FloatDistribution.of(0, 100));
            s.finishTrial(id, n, TrialState.COMPLETE, (double) n, T1);
            return n;
          }));
        }
        Set<Integer> numbers = new HashSet<>();
        for (Future<Integer> f : fs) {
          numbers.add(f.get());
        }
        assertEquals(40, numbers.size());
        assertEquals(0, (int) numbers.stream().min(Integer::compare).orElseThrow());
        assertEquals(39, (int) numbers.stream().max(Integer::compare).orElseThrow());
      } finally {
        pool.shutdownNow();
      }
      for (TrialRecord r : s.trials(id)) {
        assertEquals((double) r.number(), r.value());
        assertEquals((double) r.number(), r.params().get("x"));
      }
    }
  }

  @Test
  void paramsOfEveryKindRoundTripExactly() {
    StudyStore s = openStore();
    long id = s.createStudyIfAbsent("a", Direction.MINIMIZE, 0).id();
    int n = s.createTrial(id, T0).number();
    for (Map.Entry<String, Distribution> e : ALL_KINDS.entrySet()) {
      s.setTrialParam(id, n, e.getKey(), ALL_VALUES.get(e.getKey()), e.getValue());
    }
    s.finishTrial(id, n, TrialState.COMPLETE, 1.5, T1);
    s = reopen(s);
    try (StudyStore t = s) {
      TrialRecord r = t.trial(id, n);
      assertEquals(ALL_VALUES, r.params());
      assertEquals(List.copyOf(ALL_KINDS.keySet()), List.copyOf(r.params().keySet()));
      assertEquals(ALL_KINDS, r.distributions());
      for (Map.Entry<String, Object> e : r.params().entrySet()) {
        assertEquals(ALL_VALUES.get(e.getKey()).getClass(), e.getValue().getClass(), e.getKey());
      }
    }
  }

  @Test
  void paramRules() {
    try (StudyStore s = openStore()) {
      long id = s.createStudyIfAbsent("a", Direction.MINIMIZE, 0).id();
      int n = s.createTrial(id, T0).number();
      FloatDistribution d = FloatDistribution.of(0, 1);
      assertThrows(IllegalArgumentException.class, () -> s.setTrialParam(id, n, "x", 2.0, d));
      assertThrows(IllegalArgumentException.class, () -> s.setTrialParam(id, n, "x", 1L, d));
      s.setTrialParam(id, n, "x", 0.5, d);
      assertThrows(IllegalArgumentException.class, () -> s.setTrialParam(id, n, "x", 0.6, d));
      assertEquals(Map.of("x", 0.5), s.trial(id, n).params());
      assertThrows(IllegalArgumentException.class, () -> s.trial(id, 99));
      assertThrows(IllegalArgumentException.class, () -> s.trials(12345));
      assertThrows(IllegalArgumentException.class, () -> s.createTrial(12345, T0));
    }
  }

  @Test
  void nonFiniteValuesRoundTrip() {
    StudyStore s = openStore();
    long id = s.createStudyIfAbsent("a", Direction.MINIMIZE, 0).id();
    double[] finals = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE,
        Double.MAX_VALUE, 0.1 + 0.2};
    for (double v : finals) {
      int n = s.createTrial(id, T0).number();
      s.finishTrial(id, n, TrialState.COMPLETE, v, T1);
    }
    int p = s.createTrial(id, T0).number();
    s.setTrialIntermediateValue(id, p, 0, 0.25);
    s.setTrialIntermediateValue(id, p, 1, Double.NaN);
    s.setTrialIntermediateValue(id, p, 2, Double.POSITIVE_INFINITY);
    s.setTrialIntermediateValue(id, p, 3, Double.NEGATIVE_INFINITY);
    s.setTrialIntermediateValue(id, p, 7, 1.0);
    s.setTrialIntermediateValue(id, p, 7, Double.NaN); // overwrite
    s.finishTrial(id, p, TrialState.PRUNED, Double.NaN, T1);
    s = reopen(s);
    try (StudyStore t = s) {
      List<TrialRecord> rs = t.trials(id);
      for (int i = 0; i < finals.length; i++) {
        assertEquals(Double.doubleToRawLongBits(finals[i]),
            Double.doubleToRawLongBits(rs.get(i).value()), "value " + finals[i]);
      }
      TrialRecord pr = rs.get(p);
      assertEquals(TrialState.PRUNED, pr.state());
      assertTrue(pr.value().isNaN());
      Map<Integer, Double> iv = pr.intermediateValues();
      assertEquals(List.of(0, 1, 2, 3, 7), List.copyOf(iv.keySet()));
      assertEquals(0.25, iv.get(0));
      assertTrue(iv.get(1).isNaN());
      assertEquals(Double.POSITIVE_INFINITY, iv.get(2));
      assertEquals(Double.NEGATIVE_INFINITY, iv.get(3));
      assertTrue(iv.get(7).isNaN());
    }
  }

  @Test
  void finishedTrialsAreImmutable() {
    try (StudyStore s = openStore()) {
      long id = s.createStudyIfAbsent("a", Direction.MINIMIZE, 0).id();
      int n = s.createTrial(id, T0).number();
      s.setTrialUserAttribute(id, n, "k", "v");
      TrialRecord done = s.finishTrial(id, n, TrialState.COMPLETE, 2.0, T1);
      assertEquals(T1, done.finishedAt());
      FloatDistribution d = FloatDistribution.of(0, 1);
      assertThrows(TrialFinishedException.class, () -> s.setTrialParam(id, n, "x", 0.5, d));
      assertThrows(TrialFinishedException.class, () -> s.setTrialIntermediateValue(id, n, 0, 1));
      assertThrows(TrialFinishedException.class, () -> s.setTrialUserAttribute(id, n, "k", "w"));
      assertThrows(TrialFinishedException.class,
          () -> s.finishTrial(id, n, TrialState.COMPLETE, 3.0, T1));
      assertThrows(TrialFinishedException.class,
          () -> s.finishTrial(id, n, TrialState.FAIL, null, T1));
      assertEquals(done, s.trial(id, n));
    }
  }

  @Test
  void finishRules() {
    try (StudyStore s = openStore()) {
      long id = s.createStudyIfAbsent("a", Direction.MINIMIZE, 0).id();
      int n = s.createTrial(id, T0).number();
      assertThrows(IllegalArgumentException.class,
          () -> s.finishTrial(id, n, TrialState.RUNNING, null, T1));
      assertThrows(IllegalArgumentException.class,
          () -> s.finishTrial(id, n, TrialState.COMPLETE, null, T1));
      assertThrows(IllegalArgumentException.class,
          () -> s.finishTrial(id, n, TrialState.COMPLETE, Double.NaN, T1));
      assertThrows(IllegalArgumentException.class,
          () -> s.finishTrial(id, n, TrialState.FAIL, 1.0, T1));
      assertEquals(TrialState.RUNNING, s.trial(id, n).state());
      assertEquals(TrialState.FAIL, s.finishTrial(id, n, TrialState.FAIL, null, T1).state());
    }
  }

  @Test
  void snapshotsAreImmutableAndDoNotChange() {
    try (StudyStore s = openStore()) {
      long id = s.createStudyIfAbsent("a", Direction.MINIMIZE, 0).id();
      int n = s.createTrial(id, T0).number();
      TrialRecord before = s.trial(id, n);
      List<TrialRecord> listBefore = s.trials(id);
      s.setTrialParam(id, n, "x", 0.5, FloatDistribution.of(0, 1));
      s.setTrialIntermediateValue(id, n, 0, 1.0);
      s.setTrialUserAttribute(id, n, "k", "v");
      s.finishTrial(id, n, TrialState.COMPLETE, 1.0, T1);
      assertTrue(before.params().isEmpty());
      assertEquals(TrialState.RUNNING, listBefore.get(0).state());
      TrialRecord after = s.trial(id, n);
      assertThrows(UnsupportedOperationException.class, () -> after.params().put("y", 1.0));
      assertThrows(UnsupportedOperationException.class,
          () -> after.intermediateValues().put(1, 1.0));
      assertThrows(UnsupportedOperationException.class,
          () -> after.userAttributes().put("a", "b"));
      assertThrows(UnsupportedOperationException.class, () -> s.trials(id).add(after));
      assertEquals(Map.of("k", "v"), after.userAttributes());
    }
  }

  @Test
  void reopenKeepsEverything() {
    assumeTrue(persistent(), "store is not persistent");
    StudyStore s = openStore();
    long id = s.createStudyIfAbsent("keep", Direction.MAXIMIZE, 99).id();
    s.setStudyUserAttribute(id, "owner", "ml-team");
    int a = s.createTrial(id, T0).number();
    s.setTrialParam(id, a, "c", "dart", ALL_KINDS.get("c"));
    s.setTrialUserAttribute(id, a, "fold", "2");
    s.finishTrial(id, a, TrialState.COMPLETE, 0.875, T1);
    int b = s.createTrial(id, T0).number();
    List<StudyInfo> studies = s.studies();
    List<TrialRecord> trials = s.trials(id);
    s.close();
    try (StudyStore t = openStore()) {
      assertEquals(studies, t.studies());
      assertEquals(trials, t.trials(id));
      assertEquals(TrialState.RUNNING, t.trial(id, b).state());
      assertEquals(2, t.createTrial(id, T0).number());
    }
  }

  @Test
  void runningTrialSurvivesCloseAndCreateOrLoadMarksItFail() {
    StudyStore s = openStore();
    Study study = Study.createOrLoad(s, "crash", Direction.MINIMIZE, new RandomSampler(), 5);
    study.tell(study.ask(), 1.0);
    study.ask().suggestInt("k", 1, 9, false); // left RUNNING: the "process" stops here
    s = reopen(s); // a persistent store is closed without finishing the trial
    assertEquals(TrialState.RUNNING, s.trials(s.findStudy("crash").orElseThrow().id()).get(1)
        .state());
    Study loaded = Study.createOrLoad(s, "crash", Direction.MINIMIZE, new RandomSampler(), 5);
    TrialRecord r = loaded.trials().get(1);
    assertEquals(TrialState.FAIL, r.state());
    assertEquals(1, r.params().size()); // what was recorded before the crash stays
    s.close();
  }

  @Test
  void resumedStudyFinishesTheRemainder() {
    StudyStore s = openStore();
    Study first = Study.createOrLoad(s, "resume", Direction.MINIMIZE, new RandomSampler(), 3);
    first.optimize(t -> t.suggestFloat("x", -1, 1, false), StopCondition.trials(3),
        StudyListener.NONE);
    first.ask().suggestFloat("x", -1, 1, false); // crash mid-trial
    s = reopen(s);
    Study second = Study.createOrLoad(s, "resume", Direction.MINIMIZE, new RandomSampler(), 3);
    OptimizeResult r = second.optimize(t -> t.suggestFloat("x", -1, 1, false),
        StopCondition.trials(5), StudyListener.NONE);
    assertEquals(2, r.trialsRun());
    List<TrialRecord> all = second.trials();
    assertEquals(6, all.size());
    assertEquals(5, all.stream().filter(t -> t.state() == TrialState.COMPLETE).count());
    assertEquals(TrialState.FAIL, all.get(3).state());
    s.close();
  }

  // ---- queue, claim, limit, heartbeats (schema version 2 contract) ----

  static final Map<String, Object> FIXED = fixedParams();

  private static Map<String, Object> fixedParams() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("lr", 0.1 + 0.2);
    m.put("depth", 12L);
    m.put("booster", "dart ✓");
    m.put("tiny", Double.MIN_VALUE);
    m.put("neg", -0.0);
    return m;
  }

  @Test
  void enqueuedTrialsAreWaitingAndClaimedLowestFirst() {
    StudyStore s = openStore();
    long id = s.createStudyIfAbsent("q", Direction.MINIMIZE, 0).id();
    TrialRecord w0 = s.enqueueTrial(id, FIXED);
    TrialRecord w1 = s.enqueueTrial(id, Map.of("depth", 3)); // Integer widened to Long
    assertEquals(0, w0.number());
    assertEquals(1, w1.number());
    assertEquals(TrialState.WAITING, w0.state());
    assertNull(w0.startedAt());
    assertEquals(FIXED, w0.fixedParams());
    assertEquals(Map.of("depth", 3L), w1.fixedParams());
    assertThrows(IllegalArgumentException.class,
        () -> s.setTrialParam(id, 0, "x", 0.5, FloatDistribution.of(0, 1)));
    assertThrows(IllegalArgumentException.class, () -> s.setTrialUserAttribute(id, 0, "k", "v"));
    assertThrows(IllegalArgumentException.class, () -> s.recordHeartbeat(id, 0, T0));
    assertThrows(IllegalArgumentException.class,
        () -> s.finishTrial(id, 0, TrialState.FAIL, null, T1));
    assertThrows(IllegalArgumentException.class,
        () -> s.enqueueTrial(id, Map.of("bad", Double.NaN)));
    assertThrows(IllegalArgumentException.class,
        () -> s.enqueueTrial(id, Map.of("bad", List.of(1))));
    assertEquals(2, s.trials(id).size()); // refused enqueues left nothing behind
    TrialRecord c0 = s.startTrial(id, T0, true, Integer.MAX_VALUE).orElseThrow();
    assertEquals(0, c0.number());
    assertEquals(TrialState.RUNNING, c0.state());
    assertEquals(T0, c0.startedAt());
    assertEquals(T0, c0.heartbeatAt());
    assertEquals(FIXED, c0.fixedParams());
    TrialRecord c1 = s.startTrial(id, T1, false, Integer.MAX_VALUE).orElseThrow();
    assertEquals(1, c1.number());
    assertNull(c1.heartbeatAt());
    TrialRecord fresh = s.startTrial(id, T1, false, Integer.MAX_VALUE).orElseThrow();
    assertEquals(2, fresh.number());
    assertTrue(fresh.fixedParams().isEmpty());
    s.finishTrial(id, 0, TrialState.COMPLETE, 1.0, T1);
    try (StudyStore t = reopen(s)) {
      TrialRecord r = t.trial(id, 0);
      assertEquals(FIXED, r.fixedParams());
      assertEquals(List.copyOf(FIXED.keySet()), List.copyOf(r.fixedParams().keySet()));
      assertEquals(Double.doubleToRawLongBits(-0.0),
          Double.doubleToRawLongBits((Double) r.fixedParams().get("neg")));
      assertEquals(T0, r.heartbeatAt());
    }
  }

  @Test
  void startTrialRespectsTheLimit() {
    try (StudyStore s = openStore()) {
      long id = s.createStudyIfAbsent("lim", Direction.MINIMIZE, 0).id();
      assertThrows(IllegalArgumentException.class, () -> s.startTrial(id, T0, false, 0));
      int a = s.startTrial(id, T0, false, 2).orElseThrow().number();
      int b = s.startTrial(id, T0, false, 2).orElseThrow().number();
      assertTrue(s.startTrial(id, T0, false, 2).isEmpty()); // 2 RUNNING
      s.finishTrial(id, a, TrialState.FAIL, null, T1); // FAIL frees a slot
      int c = s.startTrial(id, T0, false, 2).orElseThrow().number();
      s.finishTrial(id, b, TrialState.COMPLETE, 1.0, T1);
      s.finishTrial(id, c, TrialState.PRUNED, null, T1);
      assertTrue(s.startTrial(id, T0, false, 2).isEmpty()); // COMPLETE + PRUNED count
      s.enqueueTrial(id, Map.of("x", 1.0));
      assertTrue(s.startTrial(id, T0, false, 2).isEmpty()); // WAITING is not claimed either
      assertEquals(TrialState.WAITING, s.trial(id, 3).state());
      assertEquals(3, s.startTrial(id, T0, false, 3).orElseThrow().number());
      Map<TrialState, Integer> counts = s.countTrials(id);
      assertEquals(Map.of(TrialState.WAITING, 0, TrialState.RUNNING, 1, TrialState.COMPLETE, 1,
          TrialState.PRUNED, 1, TrialState.FAIL, 1), counts);
    }
  }

  /** Every enqueued config is claimed by exactly one of 4 threads racing for the queue. */
  @Test
  void concurrentClaimsTakeEachQueuedTrialOnce() throws Exception {
    try (StudyStore s = openStore()) {
      long id = s.createStudyIfAbsent("race", Direction.MINIMIZE, 0).id();
      int queued = 40;
      for (int i = 0; i < queued; i++) {
        s.enqueueTrial(id, Map.of("i", (long) i));
      }
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<List<Long>>> fs = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
          fs.add(pool.submit(() -> {
            List<Long> mine = new ArrayList<>();
            while (true) {
              TrialRecord t = s.startTrial(id, T0, true, Integer.MAX_VALUE).orElseThrow();
              if (t.fixedParams().isEmpty()) { // the queue is empty: a fresh trial
                s.finishTrial(id, t.number(), TrialState.FAIL, null, T1);
                return mine;
              }
              mine.add((Long) t.fixedParams().get("i"));
              s.finishTrial(id, t.number(), TrialState.COMPLETE, 0.0, T1);
            }
          }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> f : fs) {
          all.addAll(f.get());
        }
        assertEquals(queued, all.size(), "claims " + all);
        assertEquals(queued, new HashSet<>(all).size(), "a queued config was claimed twice");
      } finally {
        pool.shutdownNow();
      }
      assertEquals(queued + 4, s.trials(id).size());
    }
  }

  /** With 4 threads and a limit of 25, exactly 25 trials end COMPLETE and none more start. */
  @Test
  void concurrentStartsStopExactlyAtTheLimit() throws Exception {
    try (StudyStore s = openStore()) {
      long id = s.createStudyIfAbsent("cap", Direction.MINIMIZE, 0).id();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<Integer>> fs = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
          fs.add(pool.submit(() -> {
            int n = 0;
            while (true) {
              Optional<TrialRecord> t = s.startTrial(id, T0, false, 25);
              if (t.isEmpty()) {
                return n;
              }
              s.finishTrial(id, t.get().number(), TrialState.COMPLETE, 1.0, T1);
              n++;
            }
          }));
        }
        int total = 0;
        for (Future<Integer> f : fs) {
          total += f.get();
        }
        assertEquals(25, total);
      } finally {
        pool.shutdownNow();
      }
      assertEquals(25, s.trials(id).size());
    }
  }

  @Test
  void heartbeatsAndStaleTrials() {
    StudyStore s = openStore();
    long id = s.createStudyIfAbsent("hb", Direction.MINIMIZE, 0).id();
    Instant t0 = T0;
    int stale = s.startTrial(id, t0, true, Integer.MAX_VALUE).orElseThrow().number();
    s.setTrialParam(id, stale, "x", 0.25, FloatDistribution.of(0, 1));
    int live = s.startTrial(id, t0, true, Integer.MAX_VALUE).orElseThrow().number();
    int legacy = s.createTrial(id, t0).number();
    int done = s.startTrial(id, t0, true, Integer.MAX_VALUE).orElseThrow().number();
    s.finishTrial(id, done, TrialState.COMPLETE, 1.0, T1);
    assertTrue(s.recordHeartbeat(id, live, t0.plusSeconds(50)));
    assertEquals(t0.plusSeconds(50), s.trial(id, live).heartbeatAt());
    assertFalse(s.recordHeartbeat(id, done, t0.plusSeconds(50)));
    assertEquals(t0, s.trial(id, done).heartbeatAt()); // finished: unchanged

    Instant now = t0.plusSeconds(60);
    List<TrialRecord> failed = s.failStaleTrials(id, t0.plusSeconds(30), true, now);
    assertEquals(List.of(stale), failed.stream().map(TrialRecord::number).toList());
    TrialRecord f = failed.get(0);
    assertEquals(TrialState.FAIL, f.state());
    assertEquals(now, f.finishedAt());
    assertTrue(f.userAttributes().get(TrialRecord.FAIL_REASON).contains("stale heartbeat"),
        f.userAttributes().toString());
    assertEquals(TrialState.RUNNING, s.trial(id, live).state());
    assertEquals(TrialState.RUNNING, s.trial(id, legacy).state()); // no heartbeat: left alone
    TrialRecord retry = s.trial(id, 4);
    assertEquals(TrialState.WAITING, retry.state());
    assertEquals(Map.of("x", 0.25), retry.fixedParams());
    assertEquals(Integer.toString(stale), retry.userAttributes().get(TrialRecord.RETRY_OF));
    assertFalse(s.recordHeartbeat(id, stale, now));
    assertTrue(s.failStaleTrials(id, t0.plusSeconds(30), true, now).isEmpty()); // once only
    List<TrialRecord> noRequeue = s.failStaleTrials(id, t0.plusSeconds(51), false, now);
    assertEquals(List.of(live), noRequeue.stream().map(TrialRecord::number).toList());
    s = reopen(s);
    try (StudyStore t = s) {
      assertEquals(5, t.trials(id).size());
      assertEquals(TrialState.WAITING, t.trial(id, 4).state());
      assertEquals(Integer.toString(stale), t.trial(id, 4).userAttributes().get("retry_of"));
      assertEquals(TrialState.FAIL, t.trial(id, live).state());
    }
  }

  /** Two threads failing stale trials at once: each stale trial is failed and re-queued once. */
  @Test
  void concurrentStaleFailingRequeuesOnce() throws Exception {
    try (StudyStore s = openStore()) {
      long id = s.createStudyIfAbsent("hb2", Direction.MINIMIZE, 0).id();
      for (int i = 0; i < 10; i++) {
        s.startTrial(id, T0, true, Integer.MAX_VALUE);
      }
      ExecutorService pool = Executors.newFixedThreadPool(3);
      try {
        List<Future<Integer>> fs = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
          fs.add(pool.submit(() -> s.failStaleTrials(id, T1, true, T1).size()));
        }
        int total = 0;
        for (Future<Integer> f : fs) {
          total += f.get();
        }
        assertEquals(10, total);
      } finally {
        pool.shutdownNow();
      }
      Map<TrialState, Integer> c = s.countTrials(id);
      assertEquals(10, c.get(TrialState.FAIL));
      assertEquals(10, c.get(TrialState.WAITING));
      assertEquals(20, s.trials(id).size());
    }
  }

  @Test
  void multiObjectiveValuesAndDirectionsRoundTrip() {
    StudyStore s = openStore();
    multiObjective(s);
  }

  private void multiObjective(StudyStore s) {
    List<Direction> dirs = List.of(Direction.MAXIMIZE, Direction.MINIMIZE, Direction.MINIMIZE);
    StudyInfo info = s.createStudyIfAbsent("mo", dirs, 11);
    assertEquals(dirs, info.directions());
    assertEquals(Direction.MAXIMIZE, info.direction());
    assertThrows(IllegalArgumentException.class,
        () -> s.createStudyIfAbsent("none", List.of(), 1));
    long id = info.id();
    int n = s.createTrial(id, T0).number();
    List<Double> values = List.of(0.875, Double.POSITIVE_INFINITY, -0.0);
    TrialRecord r = s.finishTrialValues(id, n, TrialState.COMPLETE, values, T1);
    assertEquals(values, r.values());
    assertEquals(0.875, r.value());
    int m = s.createTrial(id, T0).number();
    assertThrows(IllegalArgumentException.class,
        () -> s.finishTrialValues(id, m, TrialState.COMPLETE, List.of(1.0, Double.NaN), T1));
    assertThrows(IllegalArgumentException.class,
        () -> s.finishTrialValues(id, m, TrialState.COMPLETE, List.of(), T1));
    assertThrows(IllegalArgumentException.class,
        () -> s.finishTrialValues(id, m, TrialState.PRUNED, List.of(1.0, 2.0), T1));
    try (StudyStore t = reopen(s)) {
      assertEquals(dirs, t.findStudy("mo").orElseThrow().directions());
      TrialRecord back = t.trial(id, n);
      assertEquals(values.size(), back.values().size());
      for (int i = 0; i < values.size(); i++) {
        assertEquals(Double.doubleToRawLongBits(values.get(i)),
            Double.doubleToRawLongBits(back.values().get(i)));
      }
      assertEquals(List.of(), t.trial(id, m).values());
    }
  }

  @Test
  void createOrLoadFailsOnlyTrialsOfDeadWorkers() {
    StudyStore s = openStore();
    Study study = Study.createOrLoad(s, "owners", Direction.MINIMIZE, new RandomSampler(), 5);
    long id = s.findStudy("owners").orElseThrow().id();
    Instant now = Instant.now();
    int live = s.startTrial(id, now, true, Integer.MAX_VALUE).orElseThrow().number();
    int dead = s.startTrial(id, now.minus(Study.DEFAULT_STALE_GRACE.multipliedBy(2)), true,
        Integer.MAX_VALUE).orElseThrow().number();
    int legacy = study.ask().number(); // single-process mode: no heartbeat
    s = reopen(s);
    Study.createOrLoad(s, "owners", Direction.MINIMIZE, new RandomSampler(), 5);
    assertEquals(TrialState.RUNNING, s.trial(id, live).state());
    assertEquals(TrialState.FAIL, s.trial(id, dead).state());
    assertTrue(s.trial(id, dead).userAttributes().get(TrialRecord.FAIL_REASON)
        .contains("stale heartbeat"));
    assertEquals(TrialState.FAIL, s.trial(id, legacy).state());
    assertTrue(s.trial(id, legacy).userAttributes().get(TrialRecord.FAIL_REASON)
        .contains("without heartbeat"));
    s.close();
  }

  @Test
  void closedStoreRefusesCalls() {
    StudyStore s = openStore();
    s.createStudyIfAbsent("a", Direction.MINIMIZE, 0);
    s.close();
    s.close(); // idempotent
    assertThrows(IllegalStateException.class, () -> s.findStudy("a"));
  }
}
