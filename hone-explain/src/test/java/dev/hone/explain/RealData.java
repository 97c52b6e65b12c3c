package dev.hone.explain;

import static org.junit.jupiter.api.Assertions.fail;

import dev.hone.core.data.Table;
import dev.hone.core.data.TaskType;
import dev.hone.core.model.FeatureMatrix;
import dev.hone.core.model.FitRequest;
import dev.hone.core.params.ParamSet;
import dev.hone.data.LabelledTableBuilder;
import dev.hone.data.PreparedTable;
import dev.hone.data.registry.DatasetRegistry;
import dev.hone.data.registry.ResolvedDataset;
import dev.hone.learner.xgboost.XGBoostLearner;
import dev.hone.learner.xgboost.XGBoostModel;
import dev.hone.learner.xgboost.XGBoostParams;
import dev.hone.preprocess.FittedPreprocessor;
import dev.hone.preprocess.Preprocessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Real datasets from the shared mirror, preprocessed as {@code hone train} does, and XGBoost fits. */
public final class RealData {
  private RealData() {}

  /** A preprocessed dataset. */
  public record Prepared(FeatureMatrix x, double[] y, TaskType task, int nClasses, FittedPreprocessor prep) {}

  /**
   * The shared dataset mirror from the system property {@code hone.shared.datasets}; fails (never
   * skips) when it is missing.
   */
  public static Path mirror() {
    String p = System.getProperty("hone.shared.datasets");
    if (p == null || p.isBlank()) {
      p = System.getenv("HONE_DATA_MIRROR");
    }
    if (p == null || p.isBlank()) {
      fail("system property hone.shared.datasets is not set; run the tests through Maven or pass"
          + " -Dhone.shared.datasets=/path/to/shared/datasets");
    }
    Path dir = Path.of(p);
    if (!Files.isDirectory(dir.resolve("adult"))) {
      fail("hone.shared.datasets=" + p + " does not hold the shared datasets (no adult/ folder);"
          + " pass -Dhone.shared.datasets=/path/to/shared/datasets");
    }
    return dir;
  }

  /** Reads, labels and one-hot encodes a registered dataset's training file (all rows). */
  public static Prepared load(String name, Path cache) {
    DatasetRegistry reg =
        new DatasetRegistry(cache, mirror(), DatasetRegistry.builtIn(), false, Duration.ofMinutes(1));
    ResolvedDataset ds = reg.resolve(name);
    Table raw = ds.readTrain();
    PreparedTable t = LabelledTableBuilder.prepare(raw, ds.target(), ds.task(), List.of(), name);
    FittedPreprocessor prep = Preprocessor.defaults().fit(t.table());
    FeatureMatrix x = prep.transform(t.table());
    double[] y = prep.labels(t.table());
    int k = t.task().isClassification() ? prep.classLabels().size() : 0;
    return new Prepared(x, y, t.task(), k, prep);
  }

  /**
   * Fits XGBoost without validation data on one native thread (tests share a small machine, and
   * OpenMP threads spin when cores are oversubscribed).
   */
  public static XGBoostModel fit(FeatureMatrix x, double[] y, TaskType task, int nClasses, Map<String, ?> params, long seed) {
    return fit(x, y, task, nClasses, params, seed, 1);
  }

  /** Fits XGBoost without validation data on {@code threads} native threads. */
  public static XGBoostModel fit(
      FeatureMatrix x, double[] y, TaskType task, int nClasses, Map<String, ?> params, long seed, int threads) {
    ParamSet ps = ParamSet.resolve(XGBoostParams.all(), params);
    return new XGBoostLearner()
        .fit(new FitRequest(x, y, null, null, task, nClasses, ps, seed, threads, null));
  }
}
