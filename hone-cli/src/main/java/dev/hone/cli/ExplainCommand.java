package dev.hone.cli;

import dev.hone.experiment.ExplainWorkflow;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hone explain}: Shapley values for rows of a table. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = {
      "Explain a saved tree model's predictions with Shapley values (TreeSHAP, margin "
          + "space), summed back to the input columns. Writes explanations.csv, .json and .html "
          + "into --out.",
      "The table is read as by 'hone predict' (--delimiter, --header, --na, --skip-lines)."
    })
final class ExplainCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "DIR",
      description = "A model directory written by 'hone train' (runs/NAME/model).")
  Path model;

  @Option(names = "--data", required = true, paramLabel = "FILE",
      description = "CSV file (plain or .gz) with the model's input columns.")
  Path data;

  @Option(names = "--rows", split = ",", paramLabel = "ROWS",
      description = "0-based data rows to explain, comma-separated, counted after the skipped"
          + " lines and the header (default: all).")
  List<Integer> rows;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "explanations",
      description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Mixin NewTableCsvOptions csv = new NewTableCsvOptions();

  @Override
  public Integer call() {
    int n = ExplainWorkflow.run(model, data, rows, out, csv.settings());
    System.out.println("explained " + n + " rows; wrote explanations.csv, explanations.json and"
        + " explanations.html into " + out);
    return 0;
  }
}
