package dev.hone.experiment;

import dev.hone.core.error.UserInputException;
import dev.hone.core.json.Json;
import dev.hone.core.model.FeatureMatrix;
import dev.hone.core.model.Learner;
import dev.hone.core.model.Model;
import dev.hone.core.params.ParamSpec;
import dev.hone.search.sampler.Sampler;
import dev.hone.search.sampler.TpeSampler;
import dev.hone.search.study.Direction;
import dev.hone.search.study.Trial;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code hone train --families ... [--max-model-bytes N] [--max-latency-ms X]}: the parts of the
 * training workflow that change when the search spans model families under deployment limits.
 * Each trial chooses a family and its parameters from a {@link FamilySpace}; after it is fitted
 * and scored, its {@link DeploymentMetrics} are measured and stored as the trial attribute
 * {@value DeploymentMetrics#ATTRIBUTE}, and the limits become post-evaluation constraints
 * ({@code Trial.setConstraints}), so {@code Study.bestTrial()} never returns a model over a limit
 * and TPE ranks violating trials after the feasible ones.
 */
final class FamilySearch {
  private static final Logger LOG = LoggerFactory.getLogger(FamilySearch.class);

  private final FamilySpace space;
  private final DeploymentMetrics.Limits limits;
  private final DeploymentMetrics.Meter meter;
  private final DeploymentMetrics.LatencyProbe probe;

  FamilySearch(FamilySpace space, DeploymentMetrics.Limits limits,
      DeploymentMetrics.LatencyProbe probe, DeploymentMetrics.Meter meter) {
    this.space = space;
    this.limits = limits;
    this.probe = probe;
    this.meter = meter;
  }

  /**
   * The family search asked for by {@code settings}, or null when none is (no {@code --families}
   * and no limit): then {@code hone train} runs as before. Limits without {@code --families}
   * search the gbtree family alone.
   */
  static FamilySearch create(FamilySettings settings, List<Learner> registered) {
    if (settings == null || !settings.enabled()) {
      return null;
    }
    String spec = settings.families() == null ? "gbtree" : settings.families();
    DeploymentMetrics.LatencyProbe probe = DeploymentMetrics.LatencyProbe.DEFAULTS;
    return new FamilySearch(FamilySpace.select(spec, registered), settings.limits(), probe,
        DeploymentMetrics.meter(probe));
  }

  FamilySpace space() {
    return space;
  }

  DeploymentMetrics.Limits limits() {
    return limits;
  }

  /** What binds a study to this search: the families and limits. */
  String fingerprint() {
    return "families" + space.names() + " limits[" + limits.describe() + "]";
  }

  /**
   * The sampler: TPE in multivariate group mode for {@code tpe} and {@code tpe-multivariate} (so
   * each family's parameters are modelled from its own trials), else the named sampler.
   */
  Sampler sampler(String name) {
    if (name.equals("tpe") || name.equals("tpe-multivariate")) {
      return new TpeSampler(TpeSampler.Options.defaults().withMultivariate(true, true));
    }
    return TrainWorkflow.sampler(name, space.space());
  }

  /** Suggests a family and its parameters. */
  FamilySpace.Choice suggest(Trial trial) {
    return space.suggest(trial);
  }

  /** Measures a trial's fitted model and records its metrics and constraint values. */
  void afterFit(Trial trial, Model model, FeatureMatrix rows) {
    DeploymentMetrics m = meter.measure(model, rows);
    trial.setUserAttribute(DeploymentMetrics.ATTRIBUTE, m.toJson());
    if (limits.any()) {
      trial.addConstraints(limits.constraints(m));
    }
  }

  /** The family and parameters of a stored trial. */
  FamilySpace.Choice resolve(TrialRecord t) {
    return space.resolve(t.params());
  }

  /**
   * The parameters to refit {@code best} with: its own, with the number of rounds fixed to the
   * rounds early stopping kept ({@code best_iteration + 1}, early stopping off) when the family's
   * learner declares {@code n_estimators} and {@code early_stopping_rounds}; likewise the epochs
   * a network's early stopping kept ({@code best_epoch + 1}, {@code patience} 0) when the learner
   * declares {@code epochs} and {@code patience}.
   */
  Map<String, Object> refitParams(TrialRecord best) {
    FamilySpace.Choice c = resolve(best);
    Map<String, Object> p = new LinkedHashMap<>(c.params());
    String bestIt = best.userAttributes().get("best_iteration");
    List<String> names = c.learner().paramSpecs().stream().map(ParamSpec::name).toList();
    if (bestIt != null && names.contains("n_estimators")
        && names.contains("early_stopping_rounds")) {
      long rounds = Long.parseLong(bestIt) + 1;
      ParamSpec n = spec(c.learner(), "n_estimators");
      ParamSpec es = spec(c.learner(), "early_stopping_rounds");
      if (rounds >= n.min() && rounds <= n.max()) {
        p.put("n_estimators", rounds);
      }
      if (es.min() <= 0) {
        p.put("early_stopping_rounds", 0L);
      }
    }
    String bestEpoch = best.userAttributes().get("best_epoch");
    if (bestEpoch != null && Long.parseLong(bestEpoch) >= 0 && names.contains("epochs")
        && names.contains("patience")) {
      long epochs = Long.parseLong(bestEpoch) + 1;
      ParamSpec e = spec(c.learner(), "epochs");
      if (epochs >= e.min() && epochs <= e.max()) {
        p.put("epochs", epochs);
        p.put("patience", 0L);
      }
    }
    return p;
  }

  private static ParamSpec spec(Learner l, String name) {
    return l.paramSpecs().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  /**
   * The error when no trial is COMPLETE and within the limits: names the limits and the
   * smallest and fastest models seen, so the user can relax them.
   */
  RuntimeException noFeasible(List<TrialRecord> trials) {
    long complete = trials.stream().filter(t -> t.state() == TrialState.COMPLETE).count();
    if (complete == 0 || !limits.any()) {
      return new dev.hone.core.error.HoneException(
          "no trial completed; see the log for trial errors");
    }
    long minBytes = Long.MAX_VALUE;
    double minLatency = Double.POSITIVE_INFINITY;
    for (TrialRecord t : trials) {
      Optional<DeploymentMetrics> m = Leaderboard.metrics(t);
      if (t.state() == TrialState.COMPLETE && m.isPresent()) {
        minBytes = Math.min(minBytes, m.get().modelBytes());
        minLatency = Math.min(minLatency, m.get().latencyP95Ms());
      }
    }
    return new UserInputException(String.format(Locale.ROOT,
        "none of the %d completed trials meets the deployment limits (%s): the smallest model"
            + " saved to %d bytes and the fastest had a p95 single-row latency of %.3f ms; relax"
            + " --max-model-bytes / --max-latency-ms, or add smaller families to --families,"
            + " under another --study name (or --out): this study's trials are bound to these"
            + " limits",
        complete, limits.describe(), minBytes, minLatency));
  }

  /**
   * Whether Hone's TreeSHAP can read the saved model (a tree booster's {@code model.json}); the
   * explanations section is skipped otherwise (linear and neural families).
   */
  static boolean treeModel(Path modelDir) {
    Path json = modelDir.resolve("model.json");
    if (!Files.isRegularFile(json)) {
      return false;
    }
    try {
      String name = Json.mapper().readTree(json.toFile()).path("learner")
          .path("gradient_booster").path("name").asText("");
      return name.equals("gbtree") || name.equals("dart");
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /** Measures the final model and builds the leaderboard. */
  Leaderboard leaderboard(List<TrialRecord> trials, Direction direction, String objective,
      int chosen, Model finalModel, FeatureMatrix rows) {
    DeploymentMetrics fin = meter.measure(finalModel, rows);
    if (limits.any() && !limits.satisfiedBy(fin)) {
      LOG.warn("the final model (trial {} refitted on train + validation) measures {} bytes and"
          + " {} ms p95, outside the limits ({}) that its trial met; the refit on more rows"
          + " changed its size or speed", chosen, fin.modelBytes(), fin.latencyP95Ms(),
          limits.describe());
    }
    String method = String.format(Locale.ROOT,
        "single-row Model.predict on validation rows: %d warm-up calls, then the median over %d"
            + " rounds of the p95 of %d timed calls (System.nanoTime), this machine",
        probe.warmupCalls(), probe.repeats(), probe.callsPerRound());
    return Leaderboard.of(trials, space, direction, objective, limits, method, chosen, fin);
  }
}
