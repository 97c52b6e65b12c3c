package dev.hone.cli;

import dev.hone.experiment.ImagePredictionResult;
import dev.hone.experiment.ImagePredictor;
import dev.hone.experiment.Predictor;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hone predict}: apply a saved model to a new table or to new images. */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    description = {
      "Check a new table against the model's saved schema, apply the saved preprocessing "
          + "and write predictions as CSV: one probability column per class and the predicted "
          + "label, or the value.",
      "The table is read like 'hone train' reads one (delimiter, header and missing values "
          + "detected unless given); --skip-lines skips banner lines. A file without a header "
          + "must hold the training columns in training order, with or without the target column.",
      "With an image model (hone train --task image), --data is a folder (one sub-folder "
          + "per class, or image files), MNIST IDX files or a digits CSV; the CSV has an id (file "
          + "path or index), one probability column per class and the predicted class."
    })
final class PredictCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "DIR",
      description = "A model directory written by 'hone train' (runs/NAME/model).")
  Path model;

  @Option(names = "--data", required = true, paramLabel = "PATH",
      description = "CSV file (plain or .gz), with or without a header; for an image model: a folder of images, IDX files, "
          + "an image file or a digits CSV.")
  Path data;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output CSV file.")
  Path out;

  @Mixin NewTableCsvOptions csv = new NewTableCsvOptions();

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (ImagePredictor.isImageModel(model)) {
      NewTableCsvOptions.refuseForImageModel(
          spec == null ? null : spec.commandLine().getParseResult(), model);
      ImagePredictionResult r = ImagePredictor.predict(model, data, out);
      System.out.println("wrote " + r.images() + " predictions to " + out);
      if (r.labelled() > 0) {
        System.out.println(String.format(Locale.ROOT, "accuracy %.4f on %d labelled images",
            r.accuracy(), r.labelled()));
      } else if (!r.note().isEmpty()) {
        System.out.println(r.note());
      }
      return 0;
    }
    int n = Predictor.predict(model, data, out, csv.settings());
    System.out.println("wrote " + n + " predictions to " + out);
    return 0;
  }
}
