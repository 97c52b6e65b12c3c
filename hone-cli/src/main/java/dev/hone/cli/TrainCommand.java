package dev.hone.cli;

import dev.hone.core.data.TaskType;
import dev.hone.experiment.DeploymentMetrics;
import dev.hone.experiment.EvaluationSettings;
import dev.hone.experiment.FairnessSettings;
import dev.hone.experiment.FamilySettings;
import dev.hone.experiment.TrainConfig;
import dev.hone.experiment.TrainResult;
import dev.hone.experiment.TrainWorkflow;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** {@code hone train}: load, split, search, refit, evaluate once on test, write artefacts. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train a model: split without leakage, search XGBoost hyperparameters (TPE), refit "
          + "the best configuration, evaluate it once on the untouched test split and write "
          + "model/, metrics.json, trials.csv and report.html into --out. Re-running the same "
          + "study resumes it."
    })
final class TrainCommand implements Callable<Integer> {
  @Option(names = "--dataset", paramLabel = "NAME",
      description = "A registered public dataset (e.g. adult, german_credit, california_housing, "
          + "titanic, credit_default_taiwan, iris, wine, breast_cancer, digits, diabetes).")
  String dataset;

  @Option(names = "--data", paramLabel = "FILE", description = "A CSV file (plain or .gz).")
  Path data;

  @Option(names = "--test-data", paramLabel = "FILE",
      description = "A separate labelled test file; otherwise 20%% of --data is held out.")
  Path testData;

  @Option(names = "--target", paramLabel = "COLUMN", description = "The label column.")
  String target;

  @Option(names = "--task", paramLabel = "TASK",
      description = "binary, multiclass, regression or image (default: inferred from the target).")
  String task;

  @Option(names = "--sensitive", paramLabel = "COLUMNS", split = ",",
      description = "Sensitive columns, comma-separated (default: the dataset's suggestion).")
  List<String> sensitive;

  @Option(names = "--trials", paramLabel = "N",
      description = "Trials to complete in the study, resumed ones included (default: "
          + TrainConfig.DEFAULT_TRIALS + " for tables, "
          + dev.hone.experiment.ImageTrainConfig.DEFAULT_TRIALS + " for --task image).")
  Integer trials;

  @Option(names = "--time-budget", paramLabel = "DURATION",
      description = "Wall-clock budget for the whole run from process start (search, refit,"
          + " analyses, report), e.g. 90s, 5m, 1h: the search ends early to keep time for the"
          + " rest; a refit or analyses that would overrun are skipped with a warning (the best"
          + " trial's own model is then delivered).")
  String timeBudget;

  @Option(names = "--seed", defaultValue = "0", description = "Root seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: runs/NAME).")
  Path out;

  @Option(names = "--storage", paramLabel = "URL",
      description = "Study storage, jdbc:sqlite:PATH (default: hone.db beside --out).")
  String storage;

  @Option(names = "--study", paramLabel = "NAME",
      description = "Study name (default: the --out directory's name). The same name resumes.")
  String study;

  @Option(names = "--dedupe", description = "Drop test rows that exactly duplicate training rows.")
  boolean dedupe;

  @Option(names = "--metric", paramLabel = "NAME",
      description = "Objective on the validation split (default: roc_auc, log_loss or rmse by task).")
  String metric;

  @Option(names = "--sampler", defaultValue = "tpe",
      description = "tpe, tpe-multivariate, gp, qmc, evolution or random (default: ${DEFAULT-VALUE}).")
  String sampler;

  @Option(names = "--strict",
      description = "Refuse to train (exit 2) when a leakage check finds a high-severity problem.")
  boolean strict;

  @Option(names = "--group", paramLabel = "COLUMN",
      description = "Column whose values must not appear in both train and test (e.g. a customer id).")
  String group;

  @Option(names = "--time", paramLabel = "COLUMN",
      description = "Column ordering rows in time; test rows older than training rows are flagged.")
  String time;

  @Option(names = "--slice", paramLabel = "EXPR",
      description = "A slice to report, e.g. \"sex=Female & age<30\" (repeatable).")
  List<String> slices;

  @Option(names = "--jobs", paramLabel = "N", defaultValue = "1",
      description = "Trials run at once; a new trial starts as soon as one finishes"
          + " (default: ${DEFAULT-VALUE}). --threads is shared among them.")
  int jobs;

  @picocli.CommandLine.Mixin
  CsvOptions csv = new CsvOptions();

  @Option(names = "--categorical", paramLabel = "COLUMNS", split = ",",
      description = "Columns to read as categorical even if their values are numbers.")
  List<String> categorical;

  @Option(names = "--immutable", paramLabel = "COLUMNS", split = ",",
      description = "Numeric columns adversarial attacks must not change, comma-separated"
          + " (categorical columns are always held).")
  List<String> immutable;

  @Option(names = "--threads", paramLabel = "N",
      description = "Native threads per fit (default: available processors).")
  Integer threads;

  @picocli.CommandLine.Mixin
  ImageOptions image = new ImageOptions();

  @Option(names = "--fidelity", paramLabel = "SPEC",
      description = "Low-fidelity search: 'auto' (a sequential pilot of 6 to 10 configurations,"
          + " which become the first trials, picks the cheapest fidelity whose Spearman rho with"
          + " full fidelity is >= 0.6; the decision is cached per data and search space and reused"
          + " by later runs), 'auto-fresh' (a new pilot, ignoring the cache), or a fidelity such as"
          + " rows:0.25, rounds:0.1, features:0.5, rows:0.25+rounds:0.5; trials then climb to full"
          + " fidelity under ASHA (eta 3). Default: none, every trial at full fidelity."
          + " With --task image: auto (default; resolution 1/2, 1/4 and epochs 1/2 calibrated on a"
          + " pilot of 8 configurations, then ASHA eta 2 up to full resolution), resolution:F,"
          + " epochs:F, resolution:F+epochs:F, full, or none (fixed --search-downscale).")
  String fidelity;

  @Option(names = "--mitigation", paramLabel = "METHOD", defaultValue = "none",
      description = "Bias mitigation on the first --sensitive column or, with"
          + " --fairness-attribute intersection, all of them combined (binary tasks): none,"
          + " reweighing (Kamiran & Calders weights from the training split, used by every trial"
          + " and the refit) or threshold (per-group thresholds, Hardt et al. 2016, fitted on the"
          + " validation split, saved with the model and applied by hone predict)."
          + " Default: ${DEFAULT-VALUE}.")
  String mitigation;

  @Option(names = "--threshold-constraint", paramLabel = "NAME",
      description = "Constraint of --mitigation threshold: demographic_parity, equal_opportunity"
          + " or equalized_odds (default).")
  String thresholdConstraint;

  @Option(names = "--fairness-constraint", paramLabel = "METRIC<=BOUND",
      description = "Search constraint on the validation split, e.g."
          + " \"equalized_odds_difference<=0.05\" (also demographic_parity_difference,"
          + " equal_opportunity_difference): the best feasible trial is reported; when none is"
          + " feasible the least-violating one, flagged.")
  String fairnessConstraint;

  @Option(names = "--fairness-attribute", paramLabel = "WHICH",
      description = "What --mitigation and --fairness-constraint act on: first (the first"
          + " --sensitive column, default) or intersection (all sensitive columns combined).")
  String fairnessAttribute;

  @Option(names = "--families", paramLabel = "LIST",
      description = "Model families to search jointly: 'all' or a list such as"
          + " gbtree,dart,gblinear,rf (default: gbtree alone). Adds a leaderboard per family and the"
          + " Pareto front of score vs model size vs latency to metrics.json and the report.")
  String families;

  @Option(names = "--max-model-bytes", paramLabel = "N",
      description = "Deployment limit: a model whose saved files exceed N bytes is never chosen.")
  Long maxModelBytes;

  @Option(names = "--max-latency-ms", paramLabel = "X",
      description = "Deployment limit: a model whose p95 single-row prediction latency on this"
          + " machine exceeds X ms is never chosen.")
  Double maxLatencyMs;

  @Option(names = "--pruner", paramLabel = "NAME", defaultValue = "none",
      description = "Stop unpromising trials early on their per-round validation loss: none, median,"
          + " percentile, sh, asha or hyperband (default: ${DEFAULT-VALUE}). Not with --fidelity.")
  String pruner;

  /** Options only table training reads; refused with {@code --task image}. */
  static final List<String> TABLE_ONLY = List.of(
      "--dataset", "--test-data", "--target", "--sensitive", "--storage", "--study", "--dedupe",
      "--metric", "--sampler", "--strict", "--group", "--time", "--slice", "--jobs", "--delimiter",
      "--header", "--na", "--categorical", "--immutable", "--mitigation", "--threshold-constraint",
      "--fairness-constraint", "--fairness-attribute", "--families", "--max-model-bytes",
      "--max-latency-ms", "--pruner");

  /** Options only image training reads; refused without {@code --task image}. */
  static final List<String> IMAGE_ONLY = List.of(
      "--epochs", "--search-epochs", "--search-downscale", "--space", "--image-size", "--rgb");

  @Spec CommandSpec spec;

  /**
   * Refuses an option given on the command line that the chosen kind of training would ignore.
   *
   * @throws dev.hone.core.error.InvalidParameterException naming the option and the task
   */
  static void checkApplicable(ParseResult parsed, boolean imageTask) {
    for (String name : imageTask ? TABLE_ONLY : IMAGE_ONLY) {
      if (parsed.hasMatchedOption(name)) { // --header also matches its negation --no-header
        throw new dev.hone.core.error.InvalidParameterException(
            (name.equals("--header") ? "--header/--no-header" : name) + " does not apply to " + (imageTask ? "--task image" : "table training")
                + ": it is an option of " + (imageTask ? "table training" : "--task image")
                + " and would be ignored; drop it");
      }
    }
  }

  @Override
  public Integer call() {
    boolean imageTask = "image".equalsIgnoreCase(task);
    if (spec != null) {
      checkApplicable(spec.commandLine().getParseResult(), imageTask);
    }
    if (imageTask) {
      return image.run(data, trials,
          timeBudget == null ? null : TrainConfig.parseDuration(timeBudget), seed, out,
          threads == null ? Runtime.getRuntime().availableProcessors() : threads, fidelity);
    }
    TrainConfig cfg =
        new TrainConfig(
            dataset,
            data,
            testData,
            target,
            task == null ? null : TaskType.parse(task),
            sensitive,
            trials == null ? TrainConfig.DEFAULT_TRIALS : trials,
            timeBudget == null ? null : TrainConfig.parseDuration(timeBudget),
            seed,
            out,
            storage,
            study,
            dedupe,
            metric,
            sampler,
            threads == null ? Runtime.getRuntime().availableProcessors() : threads,
            csv.settings(categorical),
            jobs,
            new EvaluationSettings(strict, group, time, slices, immutable),
            FairnessSettings.parse(
                mitigation, thresholdConstraint, fairnessConstraint, fairnessAttribute))
            .withFidelity(fidelity)
            .withFamilies(new FamilySettings(families,
                new DeploymentMetrics.Limits(maxModelBytes, maxLatencyMs)))
            .withPruner(pruner);
    try (ProgressReporter progress = new ProgressReporter()) {
      TrainResult r = new TrainWorkflow().countingFromProcessStart().run(cfg, progress);
      progress.close();
      System.out.println(r.summary());
    }
    return 0;
  }

}
