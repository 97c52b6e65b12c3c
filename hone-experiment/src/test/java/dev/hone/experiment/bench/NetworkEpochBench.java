package dev.hone.experiment.bench;

import dev.hone.core.data.TaskType;
import dev.hone.core.model.FitRequest;
import dev.hone.core.model.Learner;
import dev.hone.core.model.Model;
import dev.hone.core.model.ReportSink;
import dev.hone.core.params.ParamSet;
import dev.hone.data.image.ImageDataset;
import dev.hone.data.image.ImageOps;
import dev.hone.data.image.ImageReaders;
import dev.hone.data.split.SplitIndices;
import dev.hone.experiment.Learners;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Training speed of the mlp and cnn learners on MNIST's test images (split 70/10/20 with seed 0,
 * as {@code hone train --task image}), side by side with bench/djl_peer.py (PyTorch, same
 * architecture, optimiser, batch size and epochs). One warm-up fit, then REPEATS timed fits; prints
 * seconds per epoch (median) and test accuracy.
 *
 * <p>Usage: {@code NetworkEpochBench DATASETS_DIR [REPEATS=3] [EPOCHS=2]}
 */
public final class NetworkEpochBench {
  private NetworkEpochBench() {}

  public static void main(String[] args) {
    Path root = Path.of(args[0]);
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    ImageDataset all = ImageReaders.readIdxDirectory(root.resolve("mnist"));
    SplitIndices s = ImageOps.stratifiedSplit(all, 0.7, 0.1, 0.2, 0);
    ImageDataset train = all.select(s.train());
    ImageDataset test = all.select(s.test());
    run("mlp", Map.of("depth", 2, "width", 128, "epochs", epochs, "batch_size", 64),
        train, test, repeats, epochs);
    run("cnn", Map.of("epochs", epochs, "batch_size", 64), train, test, repeats, epochs);
  }

  private static void run(
      String name, Map<String, Object> p, ImageDataset train, ImageDataset test, int repeats,
      int epochs) {
    Learner l = Learners.byName(name);
    double[] secs = new double[repeats];
    double acc = 0;
    for (int r = -1; r < repeats; r++) {
      long t0 = System.nanoTime();
      try (Model m =
          l.fit(new FitRequest(train.toFeatureMatrix(), train.labelsAsDouble(), null, null,
              TaskType.MULTICLASS, 10, ParamSet.resolve(l.paramSpecs(), p), 0, 2,
              ReportSink.NONE))) {
        double t = (System.nanoTime() - t0) / 1e9;
        if (r >= 0) {
          secs[r] = t / epochs;
        }
        int[] pred = m.predict(test.toFeatureMatrix()).predictedClasses();
        int ok = 0;
        for (int i = 0; i < pred.length; i++) {
          ok += pred[i] == test.labels()[i] ? 1 : 0;
        }
        acc = ok / (double) pred.length;
      }
    }
    Arrays.sort(secs);
    System.out.printf(Locale.ROOT, "hone %s epochs=%d s_per_epoch_median=%.3f all=%s test_acc=%.4f%n",
        name, epochs, secs[repeats / 2], Arrays.toString(secs), acc);
  }
}
