package dev.hone.learner.xgboost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.core.data.TaskType;
import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.json.Json;
import dev.hone.core.model.FitRequest;
import dev.hone.core.model.Learner;
import dev.hone.core.model.Predictions;
import dev.hone.core.params.ParamSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model families (gbtree, DART, gblinear, random forest): registration, save/load round trips
 * with bit-identical predictions for every task, and structural oracles read from the saved
 * XGBoost JSON model (a forest has exactly {@code num_parallel_tree} trees in one round; a linear
 * model's margin equals {@code bias + w . x} computed here from the saved weights).
 */
class XGBoostVariantTest {
  @TempDir Path tmp;

  private static final Map<XGBoostVariant, Map<String, Object>> SMALL = Map.of(
      XGBoostVariant.GBTREE, Map.of("n_estimators", 30L),
      XGBoostVariant.DART, Map.of("n_estimators", 20L, "rate_drop", 0.2),
      XGBoostVariant.GBLINEAR, Map.of("n_estimators", 20L),
      XGBoostVariant.RANDOM_FOREST, Map.of("num_parallel_tree", 12L, "max_depth", 5L));

  private static FitRequest request(TestData.Split s, XGBoostVariant v, long seed) {
    ParamSet p = ParamSet.resolve(v.paramSpecs(), SMALL.get(v));
    return new FitRequest(s.train().x(), s.train().y(), s.valid().x(), s.valid().y(), s.task(),
        s.nClasses(), p, seed, 1, null);
  }

  @Test
  void everyVariantIsALearnerFamilyFoundThroughServiceLoader() {
    List<String> families = new ArrayList<>();
    for (Learner l : ServiceLoader.load(Learner.class)) {
      families.add(l.family() + "=" + l.name());
    }
    assertTrue(families.containsAll(List.of("gbtree=xgboost", "dart=xgboost-dart",
        "gblinear=xgboost-linear", "rf=xgboost-rf")), families.toString());
  }

  @Test
  void saveLoadRoundTripGivesIdenticalPredictionsForEveryFamilyAndTask() {
    for (TaskType task : TaskType.values()) {
      TestData.Split s = TestData.problem(task, 300, 100, 6, 0.3, 0.05, 11);
      for (XGBoostVariant v : XGBoostVariant.values()) {
        XGBoostLearner learner = new XGBoostLearner(v);
        Path dir = tmp.resolve(task + "-" + v);
        Predictions before;
        double[][] marginBefore;
        try (XGBoostModel m = learner.fit(request(s, v, 5))) {
          assertEquals(v.learnerName(), m.learnerName());
          assertEquals(v, m.variant());
          before = m.predict(s.valid().x());
          marginBefore = m.predictMargin(s.valid().x());
          m.save(dir);
        }
        // any registered xgboost learner loads any variant's model
        try (XGBoostModel back = new XGBoostLearner().load(dir)) {
          assertEquals(v, back.variant(), task + " " + v);
          Predictions after = back.predict(s.valid().x());
          String what = task + " " + v;
          if (task == TaskType.REGRESSION) {
            assertArrayEquals(before.values(), after.values(), 0.0, what);
          } else {
            for (int i = 0; i < s.valid().x().nRows(); i++) {
              assertArrayEquals(before.probabilities()[i], after.probabilities()[i], 0.0, what);
            }
          }
          double[][] marginAfter = back.predictMargin(s.valid().x());
          for (int i = 0; i < marginAfter.length; i++) {
            assertArrayEquals(marginBefore[i], marginAfter[i], 0.0, what);
          }
        }
      }
    }
  }

  @Test
  void forestHasNumParallelTreeTreesInOneRound() throws Exception {
    TestData.Split s = TestData.problem(TaskType.BINARY, 300, 100, 6, 0.3, 0, 3);
    try (XGBoostModel m = new XGBoostLearner(XGBoostVariant.RANDOM_FOREST)
        .fit(request(s, XGBoostVariant.RANDOM_FOREST, 1))) {
      assertEquals(1, m.roundsTrained());
      m.save(tmp.resolve("rf"));
    }
    JsonNode model = Json.mapper().readTree(tmp.resolve("rf").resolve("model.json").toFile());
    JsonNode gb = model.get("learner").get("gradient_booster");
    assertEquals("gbtree", gb.get("name").asText());
    assertEquals(12, gb.get("model").get("trees").size());
    assertEquals("12", gb.get("model").get("gbtree_model_param").get("num_parallel_tree")
        .asText());
    long nodes = 0;
    for (JsonNode t : gb.get("model").get("trees")) {
      nodes += t.get("split_indices").size(); // one entry per node, independent of num_nodes
    }
    try (XGBoostModel back = new XGBoostLearner().load(tmp.resolve("rf"))) {
      assertEquals(nodes, back.parameterCount());
      assertEquals("nodes", back.parameterUnit());
    }
  }

  @Test
  void linearMarginIsBiasPlusWeightsTimesFeatures() throws Exception {
    TestData.Split s = TestData.problem(TaskType.REGRESSION, 400, 50, 5, 0.1, 0, 8);
    double[][] margin;
    try (XGBoostModel m = new XGBoostLearner(XGBoostVariant.GBLINEAR)
        .fit(request(s, XGBoostVariant.GBLINEAR, 2))) {
      assertEquals(19, m.bestIteration()); // all 20 rounds: no early stopping for gblinear
      margin = m.predictMargin(s.valid().x());
      m.save(tmp.resolve("lin"));
    }
    JsonNode model = Json.mapper().readTree(tmp.resolve("lin").resolve("model.json").toFile());
    JsonNode gb = model.get("learner").get("gradient_booster");
    assertEquals("gblinear", gb.get("name").asText());
    JsonNode w = gb.get("model").get("weights"); // F weights then the bias (one output group)
    assertEquals(6, w.size());
    try (XGBoostModel back = new XGBoostLearner().load(tmp.resolve("lin"))) {
      assertEquals(6, back.parameterCount());
      assertEquals("weights", back.parameterUnit());
    }
    double baseScore = Double.parseDouble(
        model.get("learner").get("learner_model_param").get("base_score").asText()
            .replace("[", "").replace("]", ""));
    float[] x = s.valid().x().data();
    for (int i = 0; i < margin.length; i++) {
      double want = w.get(5).asDouble() + baseScore;
      for (int j = 0; j < 5; j++) {
        want += w.get(j).asDouble() * x[i * 5 + j];
      }
      assertEquals(want, margin[i][0], 1e-4 * Math.max(1, Math.abs(want)), "row " + i);
    }
  }

  @Test
  void aParameterOfAnotherFamilyIsRejected() {
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> ParamSet.resolve(XGBoostVariant.GBLINEAR.paramSpecs(), Map.of("max_depth", 3L)));
    assertTrue(e.getMessage().contains("max_depth"), e.getMessage());
    assertTrue(Files.exists(tmp));
  }
}
