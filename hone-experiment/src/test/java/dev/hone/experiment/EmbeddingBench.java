package dev.hone.experiment;

import dev.hone.core.data.TaskType;
import dev.hone.core.model.FeatureMatrix;
import dev.hone.core.model.FitRequest;
import dev.hone.core.model.Learner;
import dev.hone.core.model.Model;
import dev.hone.core.model.Predictions;
import dev.hone.core.model.ReportSink;
import dev.hone.core.params.ParamSet;
import dev.hone.core.random.Seeds;
import dev.hone.eval.Metric;
import dev.hone.preprocess.FittedPreprocessor;
import dev.hone.preprocess.Preprocessor;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The mlp learner's categorical embeddings against its one-hot input on a registered dataset (UCI
 * Adult by default), same network, optimiser, epochs and seed: for each split seed (the 60/20/20
 * split of {@code hone train}), fits both encodings on train with early stopping on validation and
 * prints the test ROC AUC, log loss and accuracy, the weight count and the fit seconds.
 *
 * <p>Usage: {@code EmbeddingBench DATASETS_DIR [SEEDS=3] [EPOCHS=10] [DATASET=adult]}; the
 * dataset is found through {@code HONE_DATA_MIRROR} (bench/embeddings.sh sets it to DATASETS_DIR).
 */
public final class EmbeddingBench {
  private EmbeddingBench() {}

  public static void main(String[] args) {
    int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    String dataset = args.length > 3 ? args[3] : "adult";
    TrainConfig cfg =
        new TrainConfig(dataset, null, null, null, null, List.of(), 1, null, 0, Path.of("/tmp"),
            null, null, false, null, "tpe", 2, null, 1, null);
    LoadedData data = DataLoading.load(cfg);
    Learner mlp = Learners.byName("mlp");
    for (int s = 0; s < seeds; s++) {
      Splits splits = Splits.make(data.train(), data.test(), s, false);
      FittedPreprocessor prep = Preprocessor.defaults().fit(splits.train());
      FeatureMatrix xTrain = prep.transform(splits.train());
      FeatureMatrix xValid = prep.transform(splits.validation());
      FeatureMatrix xTest = prep.transform(splits.test());
      double[] yTrain = prep.labels(splits.train());
      double[] yValid = prep.labels(splits.validation());
      double[] yTest = prep.labels(splits.test());
      for (String enc : List.of("embedding", "one_hot")) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("depth", 2);
        p.put("width", 64);
        p.put("epochs", epochs);
        p.put("batch_size", 256);
        p.put("learning_rate", 0.003);
        p.put("patience", 3);
        p.put("categorical_encoding", enc);
        long t0 = System.nanoTime();
        try (Model m =
            mlp.fit(new FitRequest(xTrain, yTrain, xValid, yValid, TaskType.BINARY, 2,
                ParamSet.resolve(mlp.paramSpecs(), p), Seeds.derive(s, "bench-fit", 0), 2,
                ReportSink.NONE, null, prep.categoricalBlocks()))) {
          double secs = (System.nanoTime() - t0) / 1e9;
          Predictions pr = m.predict(xTest);
          System.out.printf(Locale.ROOT,
              "%s seed=%d encoding=%s weights=%s epochs=%s test_auc=%.4f test_logloss=%.4f"
                  + " test_acc=%.4f fit_s=%.1f%n",
              dataset, s, enc, m.fitInfo().get("parameter_count"),
              m.fitInfo().get("epochs_trained"), Metric.ROC_AUC.compute(yTest, pr),
              Metric.LOG_LOSS.compute(yTest, pr), Metric.ACCURACY.compute(yTest, pr), secs);
        }
      }
    }
  }
}
