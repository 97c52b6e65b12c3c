package dev.hone.cli;

import dev.hone.experiment.EvaluateWorkflow;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hone evaluate}: the evaluation analyses of {@code hone train} on any model and table. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluate a saved model on a labelled table: metrics with 95%% bootstrap intervals, "
          + "confusion matrix or residuals, calibration or residual analysis, sensitivity, and "
          + "the fairness audit for the model's sensitive columns. Writes metrics.json and "
          + "report.html into --out.",
      "The table is read as by 'hone predict' (--delimiter, --header, --na, --skip-lines)."
    })
final class EvaluateCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "DIR",
      description = "A model directory written by 'hone train' (runs/NAME/model).")
  Path model;

  @Option(names = "--data", required = true, paramLabel = "FILE",
      description = "Labelled CSV file (plain or .gz) with the model's target column.")
  Path data;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "evaluation",
      description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--seed", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Mixin NewTableCsvOptions csv = new NewTableCsvOptions();

  @Override
  public Integer call() {
    Map<String, Double> m = EvaluateWorkflow.run(model, data, out, seed, csv.settings());
    StringBuilder sb = new StringBuilder("metrics:");
    m.forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s=%.4f", k, v)));
    System.out.println(sb);
    System.out.println("wrote " + out.resolve("metrics.json") + " and " + out.resolve("report.html"));
    return 0;
  }
}
