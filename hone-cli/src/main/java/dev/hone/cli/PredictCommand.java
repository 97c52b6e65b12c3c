package dev.hone.cli;

import dev.hone.experiment.Predictor;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hone predict}: apply a saved model to a new table. */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    description = {
      "Check a new table against the model's saved schema, apply the saved preprocessing and write",
      "predictions as CSV: one probability column per class and the predicted label, or the value."
    })
final class PredictCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "DIR",
      description = "A model directory written by 'hone train' (runs/NAME/model).")
  Path model;

  @Option(names = "--data", required = true, paramLabel = "FILE", description = "CSV file (plain or .gz).")
  Path data;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output CSV file.")
  Path out;

  @Override
  public Integer call() {
    int n = Predictor.predict(model, data, out);
    System.out.println("wrote " + n + " predictions to " + out);
    return 0;
  }
}
