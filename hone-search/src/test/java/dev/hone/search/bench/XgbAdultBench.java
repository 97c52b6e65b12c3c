package dev.hone.search.bench;

import dev.hone.search.sampler.Sampler;
import dev.hone.search.sampler.TpeSampler;
import dev.hone.search.store.InMemoryStudyStore;
import dev.hone.search.study.Direction;
import dev.hone.search.study.StopCondition;
import dev.hone.search.study.Study;
import dev.hone.search.study.StudyListener;
import dev.hone.search.study.Trial;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Hone side of the XGBoost-on-Adult tuning benchmark (bench/xgb_adult.sh): Hone's TPE
 * (independent, and multivariate with groups) tunes the search space of {@code
 * bench/xgb_adult/xgb_objective.py} for {@code TRIALS} trials per seed; every trial is evaluated
 * by that script's {@code serve} mode (one long-lived Python process), so Hone's and Optuna's
 * samplers optimise exactly the same function. Prints the best validation AUC per seed and the
 * mean, standard deviation and standard error per sampler.
 *
 * <p>Usage: {@code XgbAdultBench SEEDS TRIALS PYTHON SCRIPT [tpe|tpe-mv ...]}
 */
public final class XgbAdultBench {
  private XgbAdultBench() {}

  public static void main(String[] args) throws IOException {
    int seeds = Integer.parseInt(args[0]);
    int trials = Integer.parseInt(args[1]);
    List<String> which = new ArrayList<>();
    for (int i = 4; i < args.length; i++) {
      which.add(args[i]);
    }
    if (which.isEmpty()) {
      which = List.of("tpe", "tpe-mv");
    }
    Map<String, Supplier<Sampler>> samplers = new LinkedHashMap<>();
    samplers.put("tpe", TpeSampler::new);
    samplers.put("tpe-mv", () -> new TpeSampler(
        TpeSampler.Options.defaults().withMultivariate(true, true)));
    Process worker = new ProcessBuilder(args[2], args[3], "serve")
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try (BufferedWriter in = new BufferedWriter(
            new OutputStreamWriter(worker.getOutputStream(), StandardCharsets.UTF_8));
        BufferedReader out = new BufferedReader(
            new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8))) {
      Map<String, double[]> best = new LinkedHashMap<>();
      Map<String, Double> secs = new LinkedHashMap<>();
      for (String w : which) {
        best.put(w, new double[seeds]);
        secs.put(w, 0.0);
      }
      for (int seed = 0; seed < seeds; seed++) {
        for (String w : which) {
          long t0 = System.nanoTime();
          Study study = Study.createOrLoad(new InMemoryStudyStore(), "xgb-adult",
              Direction.MAXIMIZE, samplers.get(w).get(), seed);
          study.optimize(t -> evaluate(t, in, out), StopCondition.trials(trials),
              StudyListener.NONE);
          secs.merge(w, (System.nanoTime() - t0) / 1e9, Double::sum);
          double b = study.bestTrial().orElseThrow().value();
          best.get(w)[seed] = b;
          System.out.printf(Locale.ROOT, "hone %s seed=%d best=%.6f%n", w, seed, b);
        }
      }
      for (String w : which) {
        double[] b = best.get(w);
        double mean = java.util.Arrays.stream(b).average().orElse(Double.NaN);
        double sd = Math.sqrt(java.util.Arrays.stream(b).map(v -> (v - mean) * (v - mean)).sum()
            / Math.max(1, seeds - 1));
        System.out.printf(Locale.ROOT, "hone xgb-adult %s trials=%d seeds=%d mean_best=%.5f"
            + " sd=%.5f se=%.5f seconds=%.0f%n", w, trials, seeds, mean, sd,
            sd / Math.sqrt(seeds), secs.get(w));
      }
    } finally {
      worker.destroy();
    }
  }

  private static double evaluate(Trial t, BufferedWriter in, BufferedReader out)
      throws IOException {
    String line = String.format(Locale.ROOT,
        "{\"learning_rate\": %s, \"max_depth\": %d, \"min_child_weight\": %s, \"subsample\": %s,"
            + " \"colsample_bytree\": %s, \"reg_lambda\": %s, \"reg_alpha\": %s, \"gamma\": %s}",
        t.suggestFloat("learning_rate", 0.01, 0.3, true),
        t.suggestInt("max_depth", 2, 10, false),
        t.suggestFloat("min_child_weight", 0.01, 100, true),
        t.suggestFloat("subsample", 0.5, 1.0, false),
        t.suggestFloat("colsample_bytree", 0.5, 1.0, false),
        t.suggestFloat("reg_lambda", 1e-3, 10, true),
        t.suggestFloat("reg_alpha", 1e-3, 10, true),
        t.suggestFloat("gamma", 0.0, 5.0, false));
    in.write(line);
    in.newLine();
    in.flush();
    String r = out.readLine();
    if (r == null) {
      throw new IOException("the Python objective process ended; see its error output above");
    }
    return Double.parseDouble(r.trim());
  }
}
