package dev.hone.experiment;

import dev.hone.core.data.TaskType;
import dev.hone.core.error.InvalidParameterException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What {@code hone train} was asked to do. Either {@code dataset} or {@code data} is set.
 *
 * @param dataset registered dataset name, or {@code null}
 * @param data CSV file (plain or gzip), or {@code null}
 * @param testData separate labelled test file, or {@code null} to split one off {@code data}
 * @param target target column; {@code null} only with {@code dataset} (its registered target)
 * @param task task override, or {@code null} to infer
 * @param sensitive sensitive columns; {@code null} means the dataset's suggestion (none for files)
 * @param trials trials to complete in the study (≥ 1), counting trials of earlier runs
 * @param timeBudget wall-clock budget for the whole run (see {@code RunBudget}), or {@code null}
 *     for none
 * @param seed root seed for splitting, sampling and the learner
 * @param out output directory
 * @param storage study storage JDBC URL, or {@code null} for {@code jdbc:sqlite:<out>/../hone.db}
 * @param study study name, or {@code null} for the output directory's name
 * @param dedupe drop test rows that duplicate training rows
 * @param metric objective metric name, or {@code null} for the task default
 * @param sampler one of {@link #SAMPLERS}: TPE (independent, Bergstra et al. 2011), multivariate
 *     TPE with groups, GP-BO (Matérn 5/2, log EI), scrambled Sobol, regularized evolution, random
 * @param threads native threads per model fit (≥ 1)
 * @param csv CSV reading options for {@code data} and {@code testData}; {@code null} to detect
 * @param jobs trials run at once (≥ 1); native threads are shared among them
 * @param checks evaluation settings: strict leakage refusal, group and time columns, user slices;
 *     {@code null} for the defaults
 * @param fidelity {@code --fidelity}: {@code null} for none (every trial at full fidelity), {@code
 *     auto} for a pilot calibration that picks the cheapest trusted low fidelity, or a fidelity
 *     such as {@code rows:0.25}, {@code rounds:0.1}, {@code features:0.5} or {@code
 *     rows:0.25+rounds:0.5}; trials then climb from it to full fidelity under ASHA. Not
 *     combinable with a family search ({@code familySettings} enabled): the pilot and the rungs
 *     fit the single gbtree space
 * @param fairness fairness mitigation and search constraint; {@code null} for none
 * @param familySettings model families to search and deployment limits ({@code --families},
 *     {@code --max-model-bytes}, {@code --max-latency-ms}); {@code null} for none
 * @param pruner {@code --pruner}: one of {@link dev.hone.search.pruner.Pruners#NAMES}, judging each
 *     trial on the learner's per-round validation loss; {@code null} means {@code none}. Not
 *     combinable with {@code fidelity}, which brings its own ASHA pruner
 */
public record TrainConfig(
    String dataset,
    Path data,
    Path testData,
    String target,
    TaskType task,
    List<String> sensitive,
    int trials,
    Duration timeBudget,
    long seed,
    Path out,
    String storage,
    String study,
    boolean dedupe,
    String metric,
    String sampler,
    int threads,
    CsvSettings csv,
    int jobs,
    EvaluationSettings checks,
    String fidelity,
    FairnessSettings fairness,
    FamilySettings familySettings,
    String pruner) {

  /** Sampler names {@code --sampler} accepts. */
  public static final List<String> SAMPLERS =
      List.of("tpe", "tpe-multivariate", "gp", "qmc", "evolution", "random");

  /** Default trial count. */
  public static final int DEFAULT_TRIALS = 30;

  /** A configuration without {@code --fidelity}, fairness mitigation or constraint. */
  public TrainConfig(
      String dataset, Path data, Path testData, String target, TaskType task,
      List<String> sensitive, int trials, Duration timeBudget, long seed, Path out, String storage,
      String study, boolean dedupe, String metric, String sampler, int threads, CsvSettings csv,
      int jobs, EvaluationSettings checks) {
    this(dataset, data, testData, target, task, sensitive, trials, timeBudget, seed, out, storage,
        study, dedupe, metric, sampler, threads, csv, jobs, checks, null, null, null, null);
  }

  /** A configuration with fairness settings and without {@code --fidelity}. */
  public TrainConfig(
      String dataset, Path data, Path testData, String target, TaskType task,
      List<String> sensitive, int trials, Duration timeBudget, long seed, Path out, String storage,
      String study, boolean dedupe, String metric, String sampler, int threads, CsvSettings csv,
      int jobs, EvaluationSettings checks, FairnessSettings fairness) {
    this(dataset, data, testData, target, task, sensitive, trials, timeBudget, seed, out, storage,
        study, dedupe, metric, sampler, threads, csv, jobs, checks, null, fairness, null, null);
  }

  /** A configuration with {@code --fidelity} and without the other options. */
  public TrainConfig(
      String dataset, Path data, Path testData, String target, TaskType task,
      List<String> sensitive, int trials, Duration timeBudget, long seed, Path out, String storage,
      String study, boolean dedupe, String metric, String sampler, int threads, CsvSettings csv,
      int jobs, EvaluationSettings checks, String fidelity) {
    this(dataset, data, testData, target, task, sensitive, trials, timeBudget, seed, out, storage,
        study, dedupe, metric, sampler, threads, csv, jobs, checks, fidelity, null, null, null);
  }

  /** This configuration with {@code --fidelity} set ({@code null}: none). */
  public TrainConfig withFidelity(String f) {
    return new TrainConfig(dataset, data, testData, target, task, sensitive, trials, timeBudget,
        seed, out, storage, study, dedupe, metric, sampler, threads, csv, jobs, checks, f, fairness,
        familySettings, pruner);
  }

  /** A configuration with model families or deployment limits, without the other options. */
  public TrainConfig(
      String dataset, Path data, Path testData, String target, TaskType task,
      List<String> sensitive, int trials, Duration timeBudget, long seed, Path out, String storage,
      String study, boolean dedupe, String metric, String sampler, int threads, CsvSettings csv,
      int jobs, EvaluationSettings checks, FamilySettings familySettings) {
    this(dataset, data, testData, target, task, sensitive, trials, timeBudget, seed, out, storage,
        study, dedupe, metric, sampler, threads, csv, jobs, checks, null, null, familySettings, null);
  }

  /** This configuration with model families and deployment limits set ({@code null}: none). */
  public TrainConfig withFamilies(FamilySettings f) {
    return new TrainConfig(dataset, data, testData, target, task, sensitive, trials, timeBudget,
        seed, out, storage, study, dedupe, metric, sampler, threads, csv, jobs, checks, fidelity,
        fairness, f, pruner);
  }

  /** This configuration with {@code --pruner} set ({@code null}: none). */
  public TrainConfig withPruner(String p) {
    return new TrainConfig(dataset, data, testData, target, task, sensitive, trials, timeBudget,
        seed, out, storage, study, dedupe, metric, sampler, threads, csv, jobs, checks, fidelity,
        fairness, familySettings, p);
  }

  public TrainConfig {
    if ((dataset == null) == (data == null)) {
      throw new InvalidParameterException(
          "give exactly one of --dataset NAME or --data FILE (with --target COLUMN)");
    }
    if (data != null && target == null) {
      throw new InvalidParameterException("--data needs --target COLUMN naming the label column");
    }
    if (trials < 1) {
      throw new InvalidParameterException(
          "--trials was " + trials + " but must be >= 1 (the number of trials to complete)");
    }
    if (timeBudget != null && (timeBudget.isNegative() || timeBudget.isZero())) {
      throw new InvalidParameterException(
          "--time-budget was " + timeBudget + " but must be positive, e.g. 90s, 5m or 1h");
    }
    if (threads < 1) {
      throw new InvalidParameterException("--threads was " + threads + " but must be >= 1");
    }
    if (sampler == null) {
      sampler = "tpe";
    }
    if (!SAMPLERS.contains(sampler)) {
      throw new InvalidParameterException(
          "--sampler was '" + sampler + "' but must be one of " + String.join(", ", SAMPLERS));
    }
    sensitive = sensitive == null ? null : List.copyOf(sensitive);
    csv = csv == null ? CsvSettings.DETECT : csv;
    checks = checks == null ? EvaluationSettings.DEFAULTS : checks;
    fairness = fairness == null ? FairnessSettings.NONE : fairness;
    familySettings = familySettings == null ? FamilySettings.NONE : familySettings;
    if (jobs < 1) {
      throw new InvalidParameterException("--jobs was " + jobs + " but must be >= 1");
    }
    if (fidelity != null && !LowFidelitySearch.isAuto(fidelity)) {
      try {
        dev.hone.search.fidelity.Fidelity.parse(fidelity);
      } catch (InvalidParameterException e) {
        throw new InvalidParameterException(
            "--fidelity '" + fidelity + "' is not a fidelity of tables: use auto, auto-fresh, full,"
                + " rows:F, rounds:F, features:F or a composition such as rows:0.25+features:0.5,"
                + " with F in (0, 1] (" + e.getMessage() + ")");
      }
    }
    if (fidelity != null && familySettings.enabled()) {
      throw new InvalidParameterException(
          "--fidelity " + fidelity + " cannot be combined with --families, --max-model-bytes or"
              + " --max-latency-ms: the low-fidelity pilot and its rungs fit the single gbtree"
              + " search space; drop --fidelity, or drop the family options");
    }
    pruner = pruner == null ? "none" : pruner.trim().toLowerCase(java.util.Locale.ROOT);
    if (!dev.hone.search.pruner.Pruners.NAMES.contains(pruner)) {
      throw new InvalidParameterException(
          "--pruner was '" + pruner + "' but must be one of "
              + String.join(", ", dev.hone.search.pruner.Pruners.NAMES));
    }
    if (fidelity != null && !pruner.equals("none")) {
      throw new InvalidParameterException(
          "--pruner " + pruner + " cannot be combined with --fidelity " + fidelity
              + ": the fidelity search brings its own ASHA pruner; drop one of the two options");
    }
    if (study != null && study.isBlank()) {
      throw new InvalidParameterException("--study must not be blank; give a name such as adult-v2");
    }
  }

  /** The output directory, defaulting to {@code runs/<dataset or file stem>}. */
  public Path outDir() {
    if (out != null) {
      return out;
    }
    String stem = dataset != null ? dataset : data.getFileName().toString().replaceAll("\\..*$", "");
    return Path.of("runs", stem);
  }

  /** The study storage URL, defaulting to {@code hone.db} beside the output directory. */
  public String storageUrl() {
    if (storage != null) {
      return storage;
    }
    Path parent = outDir().toAbsolutePath().normalize().getParent();
    return "jdbc:sqlite:" + parent.resolve("hone.db");
  }

  /** The study name, defaulting to the output directory's name. */
  public String studyName() {
    return study != null ? study : outDir().toAbsolutePath().normalize().getFileName().toString();
  }

  /**
   * Parses {@code 90} (seconds), {@code 90s}, {@code 5m}, {@code 1h}, {@code 1h30m}, {@code 500ms}
   * or ISO-8601 {@code PT5M}.
   *
   * @throws InvalidParameterException naming the text when it is not such a duration, is not
   *     positive or exceeds {@link #MAX_TIME_BUDGET}
   */
  public static Duration parseDuration(String s) {
    String t = s.trim().toLowerCase(java.util.Locale.ROOT);
    try {
      if (t.startsWith("pt")) {
        return checkRange(s, Duration.parse(t.toUpperCase(java.util.Locale.ROOT)));
      }
      if (t.matches("-?\\d+")) {
        return checkRange(s, Duration.ofSeconds(Long.parseLong(t)));
      }
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("(-?\\d+(?:\\.\\d+)?)(ms|h|m|s)").matcher(t);
      Duration d = Duration.ZERO;
      int end = 0;
      while (m.find()) {
        if (m.start() != end) {
          throw new NumberFormatException();
        }
        double v = Double.parseDouble(m.group(1));
        long ms =
            switch (m.group(2)) {
              case "h" -> Math.round(v * 3_600_000);
              case "m" -> Math.round(v * 60_000);
              case "s" -> Math.round(v * 1000);
              default -> Math.round(v);
            };
        d = d.plusMillis(ms);
        end = m.end();
      }
      if (end != t.length() || end == 0) {
        throw new NumberFormatException();
      }
      return checkRange(s, d);
    } catch (InvalidParameterException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new InvalidParameterException(
          "--time-budget was '" + s + "' but must be a duration such as 90s, 5m, 1h or 1h30m");
    }
  }

  /** Most {@code --time-budget} accepted: a year, far beyond any run and within nanosecond clocks. */
  static final Duration MAX_TIME_BUDGET = Duration.ofDays(366);

  private static Duration checkRange(String text, Duration d) {
    if (d.isNegative() || d.isZero()) {
      throw new InvalidParameterException(
          "--time-budget was '" + text + "' but must be positive, e.g. 90s, 5m or 1h");
    }
    if (d.compareTo(MAX_TIME_BUDGET) > 0) {
      throw new InvalidParameterException(
          "--time-budget was '" + text + "' but must be at most 366 days (8784h); give a shorter"
              + " budget or none");
    }
    return d;
  }
}
