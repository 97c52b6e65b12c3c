package dev.hone.experiment;

import dev.hone.core.data.TaskType;
import dev.hone.core.json.Json;
import dev.hone.core.model.FeatureMatrix;
import dev.hone.core.model.Learner;
import dev.hone.core.model.ReportSink;
import dev.hone.core.params.ParamSet;
import dev.hone.core.random.Seeds;
import dev.hone.data.split.Subsample;
import dev.hone.eval.Metric;
import dev.hone.preprocess.FittedPreprocessor;
import dev.hone.preprocess.Preprocessor;
import dev.hone.search.fidelity.CalibrationRow;
import dev.hone.search.fidelity.Fidelity;
import dev.hone.search.pruner.Pruner;
import dev.hone.search.sampler.RandomSampler;
import dev.hone.search.sampler.Sampler;
import dev.hone.search.sampler.TpeSampler;
import dev.hone.search.space.SearchSpace;
import dev.hone.search.store.InMemoryStudyStore;
import dev.hone.search.study.Direction;
import dev.hone.search.study.Objective;
import dev.hone.search.study.StopCondition;
import dev.hone.search.study.Study;
import dev.hone.search.study.StudyListener;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * CPU seconds to reach full-fidelity random search's final validation score, for Hone's
 * low-fidelity searches (run through {@code bench/fidelity.sh}).
 *
 * <p>Arguments: dataset, rows kept of the training split, rows kept of the validation split,
 * seeds (comma-separated), random-search trials, maximum trials of the other methods, and a folder
 * where the split is written (float32/float64 little-endian files plus meta.json) for the Python
 * peer. Per seed: random search (full fidelity, {@code rsTrials}) sets the target, its best value;
 * then each method runs until a full-fidelity trial reaches the target or {@code maxTrials}
 * trials. CPU time is the process's (all threads, XGBoost's included). Prints one JSON line per
 * (seed, method) with the best-so-far curve ({@code [cpu, best]} points), the calibration table and
 * a cost breakdown of each auto run. {@code hone-auto}: first run, sequential pilot counted, each
 * pilot trial placed at the pilot CPU spent when its full fit finished; {@code hone-auto-cached}:
 * the calibration cached by the previous seed's first run (the first seed takes the last one's), no
 * pilot in the run.
 */
public final class FidelityBench {
  private FidelityBench() {}

  static double cpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime()
        / 1e9;
  }

  public static void main(String[] a) throws Exception {
    String dataset = a[0];
    int trainRows = Integer.parseInt(a[1]);
    int validRows = Integer.parseInt(a[2]);
    String[] seeds = a[3].split(",");
    int rsTrials = Integer.parseInt(a[4]);
    int maxTrials = Integer.parseInt(a[5]);
    Path dir = Path.of(a[6]);
    Files.createDirectories(dir);
    TrainConfig cfg =
        new TrainConfig(dataset, null, null, null, null, List.of(), 1, null, 1, dir.resolve("x"),
            null, null, false, null, null, 1, null, 1, null);
    LoadedData data = DataLoading.load(cfg);
    Splits splits = Splits.make(data.train(), data.test(), 1, false);
    FittedPreprocessor prep = Preprocessor.defaults().fit(splits.train());
    FeatureMatrix xTr = prep.transform(splits.train());
    FeatureMatrix xVa = prep.transform(splits.validation());
    double[] yTr = prep.labels(splits.train());
    double[] yVa = prep.labels(splits.validation());
    int[] it = Subsample.stratifiedRows(codes(yTr), yTr.length, Math.min(1.0, (double) trainRows / yTr.length), 11);
    int[] iv = Subsample.stratifiedRows(codes(yVa), yVa.length, Math.min(1.0, (double) validRows / yVa.length), 12);
    xTr = xTr.select(it);
    yTr = pick(yTr, it);
    xVa = xVa.select(iv);
    yVa = pick(yVa, iv);
    write(dir, "train", xTr, yTr);
    write(dir, "valid", xVa, yVa);
    Files.writeString(dir.resolve("meta.json"), Json.write(Map.of(
        "ncols", xTr.nCols(), "ntrain", xTr.nRows(), "nvalid", xVa.nRows(), "dataset", dataset)));
    Learner learner = Learners.byName(TrainWorkflow.LEARNER);
    Metric objective = Metric.defaultObjective(TaskType.BINARY);
    SearchSpace space = SearchSpace.fromHints(learner.paramSpecs());
    ParamSet defaults = ParamSet.resolve(learner.paramSpecs(), Map.of());
    List<CalibrationCache> prevCaches = new java.util.ArrayList<>();
    Map<Long, double[]> rsTargets = new LinkedHashMap<>();
    Map<Long, LowFidelityFits> fitsBySeed = new LinkedHashMap<>();
    for (String ss : seeds) {
      long seed = Long.parseLong(ss.trim());
      LowFidelityFits fits =
          new LowFidelityFits(learner, TaskType.BINARY, 2, xTr, yTr, xVa, yVa, objective, seed, 1);
      // random search at full fidelity sets the target
      double c0 = cpu();
      Trace rs = new Trace(c0, Double.POSITIVE_INFINITY);
      Study rsStudy = study(new RandomSampler(), Pruner.NONE, seed);
      Objective full =
          trial -> {
            Map<String, Object> p = trial.suggestAll(space);
            return fits.fit(p, Fidelity.FULL, Seeds.derive(seed, "trial-fit", trial.number()),
                ReportSink.NONE).score();
          };
      rsStudy.optimize(full, new StopCondition(rsTrials, null), rs);
      double target = rs.best;
      double rsTotal = cpu() - c0;
      emit(dataset, seed, "hone-random-full", target, rs.bestAt, true, rs.best, rsTotal,
          rsStudy.trials(), rsTotal, rs.curve);
      rsTargets.put(seed, new double[] {target, rsTotal});
      fitsBySeed.put(seed, fits);
      // the other methods' samplers get their own seed, so that their first (random) trials do
      // not repeat the random search's configurations
      long searchSeed = Seeds.derive(seed, "bench.method-sampler", 0);
      // --fidelity auto, first run: sequential pilot (counted; its full fits become the study's
      // first trials), then ASHA over the chosen fidelity with TPE. The calibration is cached in
      // a folder of this seed's own.
      String dataKey = "bench " + dataset + " " + trainRows + "/" + validRows;
      CalibrationCache cache = new CalibrationCache(dir.resolve("calibration-" + seed));
      auto(dataset, seed, "hone-auto", "auto-fresh", fits, space, defaults, searchSeed, cache,
          dataKey, target, rsTotal, maxTrials, true);
      prevCaches.add(cache);
      // explicit fidelities, no pilot: ASHA over boosting rounds and over rows
      for (String fid : new String[] {"rounds:0.03", "rows:0.1"}) {
        c0 = cpu();
        LowFidelitySearch lf = LowFidelitySearch.plan(fid, fits, space, defaults, 1, seed, 0);
        Trace t = new Trace(c0, target);
        Study st = study(new TpeSampler(), lf.pruner(), searchSeed);
        runUntil(st, lf.objective(space), t, maxTrials);
        emit(dataset, seed, "hone-asha " + fid, target, t.reachedAt,
            t.reachedAt < Double.POSITIVE_INFINITY, t.best, cpu() - c0, st.trials(), rsTotal,
            t.curve);
      }
    }
    // --fidelity auto with a cached calibration (no pilot in the run): each seed reuses the
    // calibration cached by the previous seed's first run (the first seed the last one's), so it
    // is never its own pilot's decision
    List<Long> order = new java.util.ArrayList<>(rsTargets.keySet());
    for (int i = 0; i < order.size(); i++) {
      long seed = order.get(i);
      CalibrationCache cache = prevCaches.get((i + order.size() - 1) % order.size());
      double[] t = rsTargets.get(seed);
      auto(dataset, seed, "hone-auto-cached", "auto", fitsBySeed.get(seed), space, defaults,
          Seeds.derive(seed, "bench.method-sampler", 0), cache,
          "bench " + dataset + " " + trainRows + "/" + validRows, t[0], t[1], maxTrials, false);
    }
  }

  /**
   * One {@code --fidelity auto} run: plan (pilot or cached calibration), record the pilot in the
   * study, then TPE + ASHA until the target or {@code maxTrials} trials (pilot trials included).
   */
  static void auto(String dataset, long seed, String method, String setting, LowFidelityFits fits,
      SearchSpace space, ParamSet defaults, long searchSeed, CalibrationCache cache, String dataKey,
      double target, double rsTotal, int maxTrials, boolean printTable) {
    double c0 = cpu();
    LowFidelitySearch auto =
        LowFidelitySearch.plan(setting, fits, space, defaults, 1, seed,
            dev.hone.search.fidelity.PilotRule.defaults(),
            new LowFidelitySearch.PilotContext(Map.of(), cache, dataKey, "bench seed " + seed,
                false));
    double pilot = cpu() - c0;
    Trace at = new Trace(c0, target);
    // the pilot's full fits are trials: each is placed at the pilot CPU spent when it finished
    // (the pilot's CPU apportioned by fit-time shares; one fit at a time)
    double[][] timeline = auto.pilotTimeline();
    Integer[] byTime = new Integer[timeline.length];
    for (int i = 0; i < byTime.length; i++) {
      byTime[i] = i;
    }
    java.util.Arrays.sort(byTime, java.util.Comparator.comparingDouble(i -> timeline[i][1]));
    for (int i : byTime) {
      double v = timeline[i][0];
      double when = pilot * timeline[i][1];
      if (Double.isFinite(v) && v > at.best) {
        at.best = v;
        at.bestAt = when;
        at.curve.add(new double[] {when, v});
      }
      if (v >= target && at.reachedAt == Double.POSITIVE_INFINITY) {
        at.reachedAt = when;
      }
    }
    Study as = study(new TpeSampler(), auto.pruner(), searchSeed);
    auto.recordPilot(as, space);
    runUntil(as, auto.objective(space), at, maxTrials);
    FidelitySummary sum = auto.summary(as.trials());
    double total = cpu() - c0;
    emit(dataset, seed, method + " (" + sum.chosen() + ")", target, at.reachedAt,
        at.reachedAt < Double.POSITIVE_INFINITY, at.best, total, as.trials(), rsTotal, at.curve);
    // the pilot's CPU apportioned by the fits' wall-time shares (one process, one fit at a time)
    double wallAll = auto.pilotFullSeconds() + auto.pilotLowSeconds();
    double fullShare = wallAll > 0 ? auto.pilotFullSeconds() / wallAll : 0;
    System.out.printf(Locale.ROOT,
        "# breakdown %s %s seed %d: pilot CPU %.2f s (%d configurations: full fits %.2f CPU s,"
            + " %d low-fidelity fits %.2f CPU s), search CPU %.2f s (%d trials after the pilot),"
            + " reached at %.2f of %.2f RS CPU s; %s%n",
        method, dataset, seed, pilot, auto.pilotConfigCount(), pilot * fullShare,
        auto.pilotLowFits(), pilot * (1 - fullShare), total - pilot,
        as.trials().size() - auto.pilotConfigCount(), at.reachedAt, rsTotal,
        sum.calibrationSource());
    if (!printTable) {
      return;
    }
    System.out.printf(Locale.ROOT, "# calibration %s seed %d (pilot %.1f CPU s; %s)%n", dataset,
        seed, pilot, String.join("; ", sum.pilotSteps()));
    for (CalibrationRow r : sum.calibration().rows()) {
      System.out.printf(Locale.ROOT,
          "#   %-12s cost %.3f rho %6.3f [%6.3f, %6.3f] tau %6.3f [%6.3f, %6.3f] n %d %s%s%n",
          r.fidelity(), r.costFraction(), r.spearman(), r.spearmanLow(), r.spearmanHigh(),
          r.kendall(), r.kendallLow(), r.kendallHigh(), r.nConfigs(),
          r.nConfigs() == 0 ? "not evaluated" : r.trusted() ? "trusted" : "refused",
          r.chosen() ? " CHOSEN" : "");
    }
  }

  static Study study(Sampler sampler, Pruner pruner, long seed) {
    return Study.createOrLoad(
        new InMemoryStudyStore(), "bench", Direction.MAXIMIZE, sampler, pruner, seed);
  }

  static void runUntil(Study st, Objective obj, Trace t, int maxTrials) {
    for (int n = 1; n <= maxTrials && t.reachedAt == Double.POSITIVE_INFINITY; n++) {
      st.optimize(obj, new StopCondition(n, null), t);
    }
  }

  /** Best COMPLETE value and the CPU time (since start) at which the target was first reached. */
  static final class Trace implements StudyListener {
    final double start;
    final double target;
    double best = Double.NEGATIVE_INFINITY;
    double bestAt = Double.NaN;
    double reachedAt = Double.POSITIVE_INFINITY;
    final List<double[]> curve = new java.util.ArrayList<>();

    Trace(double start, double target) {
      this.start = start;
      this.target = target;
    }

    @Override
    public void onTrialFinish(TrialRecord r, Optional<TrialRecord> b) {
      if (r.state() != TrialState.COMPLETE || r.value() == null) {
        return;
      }
      double now = cpu() - start;
      if (r.value() > best || Double.isNaN(best)) {
        best = r.value();
        bestAt = now;
        curve.add(new double[] {now, best});
      }
      if (r.value() >= target && reachedAt == Double.POSITIVE_INFINITY) {
        reachedAt = now;
      }
    }
  }

  static void emit(String ds, long seed, String method, double target, double toTarget,
      boolean reached, double best, double total, List<TrialRecord> trials, double rsTotal,
      List<double[]> curve) {
    long pruned = trials.stream().filter(t -> t.state() == TrialState.PRUNED).count();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("engine", "hone");
    m.put("dataset", ds);
    m.put("seed", seed);
    m.put("method", method);
    m.put("target", target);
    m.put("reached", reached);
    m.put("cpu_to_target", reached ? toTarget : null);
    m.put("best", best);
    m.put("cpu_total", total);
    m.put("rs_cpu_total", rsTotal);
    m.put("trials", trials.size());
    m.put("pruned", pruned);
    m.put("curve", curve);
    System.out.println(Json.mapper().valueToTree(m).toString());
  }

  static int[] codes(double[] y) {
    int[] c = new int[y.length];
    for (int i = 0; i < y.length; i++) {
      c[i] = (int) y[i];
    }
    return c;
  }

  static double[] pick(double[] y, int[] idx) {
    double[] o = new double[idx.length];
    for (int i = 0; i < idx.length; i++) {
      o[i] = y[idx[i]];
    }
    return o;
  }

  static void write(Path dir, String name, FeatureMatrix x, double[] y) throws IOException {
    ByteBuffer bx = ByteBuffer.allocate(x.data().length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : x.data()) {
      bx.putFloat(v);
    }
    Files.write(dir.resolve(name + "_X.f32"), bx.array());
    ByteBuffer by = ByteBuffer.allocate(y.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (double v : y) {
      by.putDouble(v);
    }
    Files.write(dir.resolve(name + "_y.f64"), by.array());
  }
}
