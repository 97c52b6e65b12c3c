package dev.hone.search.execution;

import dev.hone.search.sampler.RandomSampler;
import dev.hone.search.sampler.Sampler;
import dev.hone.search.sampler.StudyView;
import dev.hone.search.sampler.TpeSampler;
import dev.hone.search.space.CategoricalDistribution;
import dev.hone.search.space.Distribution;
import dev.hone.search.space.FloatDistribution;
import dev.hone.search.space.IntDistribution;
import dev.hone.search.space.SearchSpace;
import dev.hone.search.store.StudyStore;
import dev.hone.search.study.Direction;
import dev.hone.search.study.Study;
import dev.hone.search.study.StudyListener;
import dev.hone.search.study.Trial;
import dev.hone.search.study.TrialRecord;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * A worker process for the multi-process and crash harnesses ({@link ProcessHarness}): opens the
 * store with {@code STORE_CLASS.open(URL)} and runs a {@link ThreadPoolTrialExecutor} with two
 * threads on one study until its target is reached, printing one line per finished trial.
 *
 * <p>Usage: {@code WorkerMain STORE_CLASS URL MODE STUDY TARGET}, MODE {@code many} (random
 * sampler, heartbeat 1 s) or {@code crash} (TPE, heartbeat 200 ms, grace 1 s, stale trials
 * re-queued, each trial records the finished trials its sampler saw in the user attribute
 * {@value #SEEN}).
 */
public final class WorkerMain {
  private WorkerMain() {}

  /** User attribute: the COMPLETE/PRUNED trial numbers in the sampler's view, comma-separated. */
  public static final String SEEN = "seen";

  /** The search space of the harness studies. */
  public static final SearchSpace SPACE = SearchSpace.builder()
      .add("x", FloatDistribution.of(-3, 3))
      .add("lr", FloatDistribution.logOf(1e-4, 1))
      .add("k", IntDistribution.of(1, 50))
      .add("c", CategoricalDistribution.of("a", "bb", "ccc"))
      .build();

  /**
   * The TPE settings of crash mode (small, so that TPE takes over early). The constant liar is off:
   * with it, a trial's suggestion also depends on which trials happened to be running when it was
   * asked, which the parent cannot replay; without it, the suggestion depends only on the seed and
   * the finished trials, which is what the harness checks.
   */
  public static TpeSampler tpe() {
    return new TpeSampler(TpeSampler.Options.defaults().withNStartupTrials(5)
        .withNEiCandidates(8).withConstantLiar(false));
  }

  /** The value of a configuration: a cheap formula the parent can recompute. */
  public static double value(Map<String, Object> p) {
    double x = (Double) p.get("x");
    return x * x + Math.log((Double) p.get("lr")) / 10 + (Long) p.get("k") / 100.0
        + ((String) p.get("c")).length();
  }

  /** Wraps a sampler and remembers, per trial, which finished trials its view held. */
  static final class Recording implements Sampler {
    final Sampler inner;
    final Map<Integer, String> seen = new ConcurrentHashMap<>();

    Recording(Sampler inner) {
      this.inner = inner;
    }

    @Override
    public void beforeTrial(StudyView study, int trialNumber) {
      seen.put(trialNumber, study.trials().stream().filter(t -> t.state().countsAsDone())
          .map(t -> Integer.toString(t.number())).collect(Collectors.joining(",")));
      inner.beforeTrial(study, trialNumber);
    }

    @Override
    public Object sampleIndependent(StudyView s, int n, String name, Distribution d) {
      return inner.sampleIndependent(s, n, name, d);
    }
  }

  public static void main(String[] args) throws Exception {
    String storeClass = args[0];
    String url = args[1];
    String mode = args[2];
    String name = args[3];
    int target = Integer.parseInt(args[4]);
    boolean crash = mode.equals("crash");
    StudyStore store = (StudyStore) Class.forName(storeClass).getMethod("open", String.class)
        .invoke(null, url);
    Recording sampler = new Recording(crash ? tpe() : new RandomSampler());
    Study study = Study.createOrLoad(store, name, Direction.MINIMIZE, sampler, 3);
    ExecutionPlan plan = ExecutionPlan.builder().targetTrials(target)
        .heartbeatInterval(Duration.ofMillis(crash ? 200 : 1000))
        .staleGrace(Duration.ofMillis(crash ? 1000 : 5000))
        .requeueStale(crash)
        .build();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    System.out.println("ready");
    System.out.flush();
    try {
      ExecutionResult r = new ThreadPoolTrialExecutor(pool, 2).run(study, (Trial t) -> {
        String seen = sampler.seen.get(t.number());
        if (seen != null) {
          t.setUserAttribute(SEEN, seen);
        }
        Map<String, Object> p = t.suggestAll(SPACE);
        Thread.sleep(crash ? 5 + t.number() % 10 : t.number() % 2);
        return value(p);
      }, plan, crash ? new StudyListener() {
        @Override
        public void onTrialFinish(TrialRecord record, Optional<TrialRecord> best) {
          System.out.println("finished " + record.number() + " " + record.state());
          System.out.flush();
        }
      } : StudyListener.NONE);
      System.out.println("ran " + r.trialsRun() + " " + r.stopReason());
      System.out.flush();
    } finally {
      pool.shutdownNow();
      store.close();
    }
  }
}
