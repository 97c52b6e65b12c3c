package dev.hone.cli;

import dev.hone.experiment.BenchmarkWorkflow;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hone benchmark}: one protocol over datasets × learners × seeds, with a leaderboard. */
@Command(
    name = "benchmark",
    mixinStandardHelpOptions = true,
    description = {
      "Run the same protocol (seeded split, leakage check, fit, one test score) for every "
          + "dataset, learner and seed, beside a trivial baseline; write a leaderboard with "
          + "intervals, average ranks and paired Wilcoxon tests to --out/leaderboard.json."
    })
final class BenchmarkCommand implements Callable<Integer> {
  @Option(names = "--datasets", required = true, split = ",", paramLabel = "NAMES",
      description = "Registered datasets, comma-separated (one task type, or give --metric).")
  List<String> datasets;

  @Option(names = "--learners", split = ",", paramLabel = "NAMES", defaultValue = "xgboost",
      description = "Learner configurations: xgboost, xgboost-depth2 (default: ${DEFAULT-VALUE}).")
  List<String> learners;

  @Option(names = "--seeds", defaultValue = "5", description = "Seeds per dataset (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Option(names = "--metric", paramLabel = "NAME", description = "Metric (default: the task's objective).")
  String metric;

  @Option(names = "--out", defaultValue = "benchmark", paramLabel = "DIR",
      description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Integer call() {
    System.out.print(BenchmarkWorkflow.format(
        BenchmarkWorkflow.run(datasets, learners, seeds, metric, out)));
    System.out.println("wrote " + out.resolve("leaderboard.json"));
    return 0;
  }
}
