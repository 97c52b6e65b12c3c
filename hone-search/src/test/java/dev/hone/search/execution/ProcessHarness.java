package dev.hone.search.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.search.sampler.StudySnapshot;
import dev.hone.search.sampler.TpeSampler;
import dev.hone.search.space.Distribution;
import dev.hone.search.store.StoreRules;
import dev.hone.search.store.StudyStore;
import dev.hone.search.study.Direction;
import dev.hone.search.study.Study;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Multi-process harnesses run by every durable store's tests: several worker processes ({@link
 * WorkerMain}) on one study, and a study whose worker process is killed with SIGKILL again and
 * again and resumed each time. Each returns after checking the store; a failed check throws an
 * {@link AssertionError} naming the trial.
 */
public final class ProcessHarness {
  private ProcessHarness() {}

  /** Configurations to enqueue: {@code n} from {@code seed}, the first two at the bounds. */
  public static List<Map<String, Object>> queue(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, Object> q = new LinkedHashMap<>();
      if (i == 0) {
        q.put("x", -3.0);
        q.put("lr", 1e-4);
        q.put("k", 1L);
        q.put("c", "a");
      } else if (i == 1) {
        q.put("x", 3.0);
        q.put("lr", 1.0);
        q.put("k", 50L);
        q.put("c", "ccc");
      } else {
        q.put("x", -3 + 6 * r.nextDouble());
        q.put("lr", Math.exp(Math.log(1e-4) * r.nextDouble()));
        q.put("k", 1L + r.nextInt(50));
        q.put("c", List.of("a", "bb", "ccc").get(r.nextInt(3)));
      }
      out.add(q);
    }
    return out;
  }

  static Process launch(String storeClass, String url, String mode, String study, int target,
      Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
        System.getProperty("java.class.path"), WorkerMain.class.getName(), storeClass, url, mode,
        study, Integer.toString(target))
        .redirectErrorStream(true)
        .redirectOutput(log == null ? ProcessBuilder.Redirect.PIPE
            : ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
  }

  /** Reads a worker's output as it comes, appending it to a log file and counting lines. */
  static final class LineFeed {
    private final Thread reader;
    private final java.util.List<String> lines = new java.util.ArrayList<>();
    private boolean ended;

    LineFeed(Process p, Path log) {
      reader = new Thread(() -> {
        try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(
                p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
            java.io.Writer w = Files.newBufferedWriter(log, java.nio.charset.StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
          String line;
          while ((line = r.readLine()) != null) {
            w.write(line + "\n");
            synchronized (this) {
              lines.add(line);
              notifyAll();
            }
          }
        } catch (java.io.IOException e) {
          // the process was killed: its output ends here
        } finally {
          synchronized (this) {
            ended = true;
            notifyAll();
          }
        }
      }, "worker-output");
      reader.setDaemon(true);
      reader.start();
    }

    /** Waits until {@code n} lines starting with {@code prefix} came; false if the output ended. */
    synchronized boolean await(String prefix, int n) throws InterruptedException {
      long deadline = System.currentTimeMillis() + 60_000;
      while (lines.stream().filter(l -> l.startsWith(prefix)).count() < n) {
        if (ended || System.currentTimeMillis() > deadline) {
          return false;
        }
        wait(100);
      }
      return true;
    }

    /** Sleeps; false if the output ended (the process exited) meanwhile. */
    boolean sleep(long millis) throws InterruptedException {
      Thread.sleep(millis);
      synchronized (this) {
        return !ended;
      }
    }

    void join() throws InterruptedException {
      reader.join(30_000);
    }
  }

  /**
   * {@code processes} worker processes of two threads each run one study to {@code target}
   * trials, after {@code queued} configurations were enqueued. Checks: every process ran trials;
   * trial numbers are 0..target-1, unique and dense; every trial is COMPLETE with the value its
   * params imply (none lost, none failed); each queued configuration was evaluated exactly once.
   */
  public static void manyWorkers(Supplier<StudyStore> open, String storeClass, String url,
      Path dir, int processes, int target, int queued) throws Exception {
    String name = "many";
    List<Map<String, Object>> queue = queue(queued, 11);
    try (StudyStore s = open.get()) {
      Study study = Study.createOrLoad(s, name, Direction.MINIMIZE, WorkerMain.tpe(), 3);
      queue.forEach(study::enqueue);
    }
    List<Process> ps = new ArrayList<>();
    List<Path> logs = new ArrayList<>();
    for (int i = 0; i < processes; i++) {
      Path log = dir.resolve("worker-" + i + ".log");
      logs.add(log);
      ps.add(launch(storeClass, url, "many", name, target, log));
    }
    int ranTotal = 0;
    for (int i = 0; i < processes; i++) {
      Process p = ps.get(i);
      boolean ended = p.waitFor(600, TimeUnit.SECONDS);
      if (!ended) {
        p.destroyForcibly();
      }
      String out = Files.readString(logs.get(i));
      assertTrue(ended && p.exitValue() == 0, "worker " + i + " failed:\n" + tail(out));
      int ran = ranOf(out);
      assertTrue(ran > 0, "worker " + i + " ran no trial:\n" + tail(out));
      ranTotal += ran;
    }
    assertEquals(target, ranTotal, "trials run by all workers");
    try (StudyStore s = open.get()) {
      long id = s.findStudy(name).orElseThrow().id();
      List<TrialRecord> all = s.trials(id);
      assertEquals(target, all.size(), "trials in the study");
      for (int i = 0; i < all.size(); i++) {
        TrialRecord t = all.get(i);
        assertEquals(i, t.number());
        assertEquals(TrialState.COMPLETE, t.state(), "trial " + i);
        assertEquals(WorkerMain.value(t.params()), t.value(), 0.0, "trial " + i);
      }
      checkQueue(queue, all, true);
    }
  }

  /**
   * Runs one study of {@code target} trials (TPE, two threads) in a worker process that is killed
   * with SIGKILL ({@code destroyForcibly}) {@code kills} times at random moments (seeded), the
   * study being resumed by a new process each time, then lets a last process finish it. Checks:
   * exactly {@code target} COMPLETE trials, each with the value its params imply, numbers dense;
   * no queued configuration evaluated twice (and each evaluated once unless still queued); every
   * sampled trial's params equal what a fresh sampler computes from the seed and the history that
   * trial saw, so the sampler behaves the same after every resume.
   *
   * @return the final trials
   */
  public static List<TrialRecord> crashAndResume(Supplier<StudyStore> open, String storeClass,
      String url, Path dir, int kills, int target, long seed) throws Exception {
    String name = "crash";
    List<Map<String, Object>> queue = queue(20, seed);
    try (StudyStore s = open.get()) {
      Study study = Study.createOrLoad(s, name, Direction.MINIMIZE, WorkerMain.tpe(), 3);
      queue.forEach(study::enqueue);
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    Path log = dir.resolve("crash-worker.log");
    int killed = 0;
    while (killed < kills) {
      Process p = launch(storeClass, url, "crash", name, target, null);
      LineFeed feed = new LineFeed(p, log);
      // a random kill point: during start-up, or just after the worker became ready or after
      // its first, second or third finished trial, plus a random extra delay
      int point = rnd.nextInt(5);
      boolean reached = point == 0 ? feed.sleep(100 + rnd.nextInt(500))
          : feed.await("ready", 1) && feed.await("finished", point - 1)
              && feed.sleep(rnd.nextInt(15));
      if (!reached) {
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "worker failed:\n" + tail(Files.readString(log)));
        break; // the study was finished before this kill point
      }
      p.destroyForcibly(); // SIGKILL: no shutdown hooks, no close, no heartbeat any more
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
      feed.join();
      killed++;
    }
    assertEquals(kills, killed, "the study finished after only " + killed + " kills");
    Process last = launch(storeClass, url, "crash", name, target, null);
    LineFeed lastFeed = new LineFeed(last, log);
    boolean ended = last.waitFor(600, TimeUnit.SECONDS);
    lastFeed.join();
    if (!ended) {
      last.destroyForcibly();
    }
    String out = Files.readString(log);
    assertTrue(ended && last.exitValue() == 0, "last worker failed:\n" + tail(out));

    try (StudyStore s = open.get()) {
      Study study = Study.createOrLoad(s, name, Direction.MINIMIZE, WorkerMain.tpe(), 3);
      Thread.sleep(1100);
      study.failStaleTrials(Duration.ofSeconds(1), false); // heartbeats of killed workers
      List<TrialRecord> all = study.trials();
      for (int i = 0; i < all.size(); i++) {
        assertEquals(i, all.get(i).number());
      }
      long complete = all.stream().filter(t -> t.state() == TrialState.COMPLETE).count();
      assertEquals(target, complete, "COMPLETE trials after " + killed + " kills");
      assertEquals(0, all.stream().filter(t -> t.state() == TrialState.RUNNING).count());
      for (TrialRecord t : all) {
        if (t.state() == TrialState.COMPLETE) {
          assertEquals(WorkerMain.SPACE.distributions().keySet(), t.params().keySet(),
              "trial " + t.number());
          assertEquals(WorkerMain.value(t.params()), t.value(), 0.0, "trial " + t.number());
        }
      }
      long stale = all.stream().filter(t -> t.state() == TrialState.FAIL
          && t.userAttributes().getOrDefault(TrialRecord.FAIL_REASON, "").contains("stale"))
          .count();
      // a kill between trials leaves nothing RUNNING; over many kills some must hit a trial
      assertTrue(kills < 20 || stale >= 1, "no kill hit a running trial in " + kills + " kills");
      checkQueue(queue, all, false);
      checkSamplerDeterminism(all, seed(s, name));
      return all;
    }
  }

  private static long seed(StudyStore s, String name) {
    return s.findStudy(name).orElseThrow().seed();
  }

  /** Each queued config COMPLETE at most once; exactly once unless {@code exact} is false and a
   *  WAITING copy is still queued. */
  static void checkQueue(List<Map<String, Object>> queue, List<TrialRecord> all, boolean exact) {
    for (Map<String, Object> q : queue) {
      Map<String, Object> want = coerced(q);
      long done = all.stream()
          .filter(t -> t.state() == TrialState.COMPLETE && t.params().equals(want)).count();
      boolean pending = all.stream().anyMatch(t -> t.state() == TrialState.WAITING
          && coerced(t.fixedParams()).equals(want));
      assertTrue(done <= 1, "queued config evaluated " + done + " times: " + q);
      if (exact || !pending) {
        assertEquals(1, done, "queued config evaluated " + done + " times: " + q);
      }
    }
  }

  private static Map<String, Object> coerced(Map<String, Object> q) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Distribution> e : WorkerMain.SPACE.distributions().entrySet()) {
      if (q.containsKey(e.getKey())) {
        out.put(e.getKey(), StoreRules.coerceFixed(q.get(e.getKey()), e.getValue()));
      }
    }
    return out;
  }

  /**
   * Recomputes every sampled COMPLETE trial's params with a fresh TPE sampler from the study seed
   * and the finished trials its sampler saw (user attribute {@value WorkerMain#SEEN}).
   */
  static void checkSamplerDeterminism(List<TrialRecord> all, long seed) {
    TpeSampler fresh = WorkerMain.tpe();
    int checked = 0;
    for (TrialRecord t : all) {
      if (t.state() != TrialState.COMPLETE || !t.fixedParams().isEmpty()) {
        continue;
      }
      String seen = t.userAttributes().get(WorkerMain.SEEN);
      assertTrue(seen != null, "sampled trial " + t.number() + " lacks its history record");
      List<TrialRecord> history = new ArrayList<>();
      if (!seen.isEmpty()) {
        for (String n : seen.split(",")) {
          TrialRecord h = all.get(Integer.parseInt(n));
          assertTrue(h.state().countsAsDone(), "trial " + t.number() + " saw " + n + " finished");
          history.add(h);
        }
      }
      StudySnapshot view = new StudySnapshot("crash", Direction.MINIMIZE, seed, history);
      for (Map.Entry<String, Distribution> e : WorkerMain.SPACE.distributions().entrySet()) {
        Object again = fresh.sampleIndependent(view, t.number(), e.getKey(), e.getValue());
        assertEquals(again, t.params().get(e.getKey()),
            "trial " + t.number() + " param " + e.getKey() + " with " + history.size()
                + " trials of history");
      }
      checked++;
    }
    assertTrue(checked >= 10, "only " + checked + " sampled trials checked");
  }

  private static int ranOf(String out) {
    for (String line : out.split("\n")) {
      if (line.startsWith("ran ")) {
        return Integer.parseInt(line.split(" ")[1]);
      }
    }
    return -1;
  }

  private static String tail(String out) {
    return out.length() <= 4000 ? out : out.substring(out.length() - 4000);
  }
}
