package dev.hone.learner.xgboost;

import dev.hone.core.data.TaskType;
import dev.hone.core.model.FeatureMatrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the committed oracle fixtures: for each task, a model fitted by {@link XGBoostLearner}
 * (saved as {@code model.json} + {@code xgboost-meta.json}) and the rows to predict ({@code
 * features.csv}, with missing cells as {@code NaN}). {@code make_reference.py} next to them then
 * computes the reference predictions with XGBoost's Python package.
 *
 * <p>Run once from the module directory after {@code mvn test-compile}:
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat cp.txt) \
 *     dev.hone.learner.xgboost.OracleFixtures src/test/resources/dev/hone/learner/xgboost/oracle
 * </pre>
 *
 * where {@code cp.txt} is the output of {@code mvn dependency:build-classpath}.
 */
public final class OracleFixtures {
  private OracleFixtures() {}

  static final Map<String, Object> PARAMS =
      Map.of("learning_rate", 0.3, "max_depth", 4, "n_estimators", 80, "early_stopping_rounds", 5);

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args[0]);
    XGBoostLearner learner = new XGBoostLearner();
    for (TaskType task : TaskType.values()) {
      TestData.Split s = TestData.problem(task, 300, 150, 5, 2.0, 0.1, 2024);
      Path dir = root.resolve(task.name().toLowerCase(Locale.ROOT));
      try (XGBoostModel m = learner.fit(TestData.request(s, PARAMS, 7, null))) {
        if (m.stopReason() != StopReason.EARLY_STOPPING) {
          throw new IllegalStateException(task + ": the fixture must stop early");
        }
        m.save(dir);
        writeCsv(dir.resolve("features.csv"), s.valid().x());
        System.out.println(task + ": " + m);
      }
    }
  }

  static void writeCsv(Path file, FeatureMatrix x) throws IOException {
    StringBuilder sb = new StringBuilder(String.join(",", x.featureNames())).append('\n');
    for (int i = 0; i < x.nRows(); i++) {
      for (int j = 0; j < x.nCols(); j++) {
        sb.append(j > 0 ? "," : "").append(Float.toString(x.get(i, j)));
      }
      sb.append('\n');
    }
    Files.writeString(file, sb.toString());
  }
}
