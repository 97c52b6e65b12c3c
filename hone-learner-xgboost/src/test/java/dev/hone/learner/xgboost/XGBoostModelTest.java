package dev.hone.learner.xgboost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.core.data.TaskType;
import dev.hone.core.error.DataValidationException;
import dev.hone.core.json.Json;
import dev.hone.core.model.FeatureMatrix;
import dev.hone.core.model.Predictions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class XGBoostModelTest {
  private final XGBoostLearner learner = new XGBoostLearner();

  private static TestData.Split split(TaskType task) {
    return TestData.problem(task, 500, 200, 6, 1.0, 0.1, 61);
  }

  private XGBoostModel fit(TestData.Split s) {
    return learner.fit(
        TestData.request(s, Map.of("n_estimators", 60, "early_stopping_rounds", 5), 3, null));
  }

  private static void assertSame(Predictions a, Predictions b) {
    assertEquals(a.task(), b.task());
    if (a.task().isClassification()) {
      assertEquals(a.probabilities().length, b.probabilities().length);
      for (int i = 0; i < a.probabilities().length; i++) {
        assertArrayEquals(a.probabilities()[i], b.probabilities()[i], "row " + i);
      }
    } else {
      assertArrayEquals(a.values(), b.values());
    }
  }

  @ParameterizedTest
  @EnumSource(TaskType.class)
  void saveAndLoadGiveIdenticalPredictions(TaskType task, @TempDir Path dir) throws Exception {
    TestData.Split s = split(task);
    try (XGBoostModel m = fit(s)) {
      m.save(dir);
      assertTrue(Files.isRegularFile(dir.resolve("model.json")));
      JsonNode booster = Json.mapper().readTree(dir.resolve("model.json").toFile());
      assertTrue(booster.has("learner"), "XGBoost JSON model format");
      JsonNode meta = Json.mapper().readTree(dir.resolve("xgboost-meta.json").toFile());
      assertEquals(task.name(), meta.get("task").asText());
      assertEquals(m.bestIteration(), meta.get("best_iteration").asInt());
      assertEquals(m.roundsTrained(), meta.get("rounds_trained").asInt());
      assertEquals(1, meta.get("format_version").asInt());
      List<String> names = new ArrayList<>();
      meta.get("feature_names").forEach(n -> names.add(n.asText()));
      assertEquals(TestData.names(6), names);

      try (XGBoostModel back = learner.load(dir, 1)) {
        FeatureMatrix x = s.valid().x();
        assertSame(m.predict(x), back.predict(x));
        double[][] ma = m.predictMargin(x);
        double[][] mb = back.predictMargin(x);
        for (int i = 0; i < ma.length; i++) {
          assertArrayEquals(ma[i], mb[i]);
        }
        assertEquals(m.fitInfo(), back.fitInfo());
        assertEquals(m.featureNames(), back.featureNames());
        assertEquals(m.nClasses(), back.nClasses());
        assertEquals(m.task(), back.task());
        int groups = task == TaskType.MULTICLASS ? 3 : 1;
        for (int g = 0; g < groups; g++) {
          double[][] ca = m.predictContrib(x, g);
          double[][] cb = back.predictContrib(x, g);
          for (int i = 0; i < ca.length; i++) {
            assertArrayEquals(ca[i], cb[i]);
          }
        }
      }
      try (XGBoostModel back = learner.load(dir)) {
        assertSame(m.predict(s.valid().x()), back.predict(s.valid().x()));
      }
    }
  }

  /** TreeSHAP's local accuracy: a row's contributions plus bias add up to its margin. */
  @ParameterizedTest
  @EnumSource(TaskType.class)
  void contributionsSumToTheMargin(TaskType task) {
    TestData.Split s = split(task);
    try (XGBoostModel m = fit(s)) {
      FeatureMatrix x = s.valid().x();
      double[][] margin = m.predictMargin(x);
      int groups = task == TaskType.MULTICLASS ? 3 : 1;
      assertEquals(groups, margin[0].length);
      for (int g = 0; g < groups; g++) {
        double[][] c = groups == 1 ? m.predictContrib(x) : m.predictContrib(x, g);
        assertEquals(7, c[0].length);
        for (int i = 0; i < c.length; i++) {
          double sum = 0;
          for (double v : c[i]) {
            sum += v;
          }
          assertEquals(margin[i][g], sum, 1e-4, "row " + i + " group " + g);
        }
      }
      if (groups > 1) {
        assertThrows(IllegalStateException.class, () -> m.predictContrib(x));
      }
    }
  }

  @Test
  void marginMapsToProbabilities() {
    TestData.Split s = split(TaskType.BINARY);
    try (XGBoostModel m = fit(s)) {
      double[][] margin = m.predictMargin(s.valid().x());
      double[][] p = m.predict(s.valid().x()).probabilities();
      for (int i = 0; i < p.length; i++) {
        assertEquals(1 / (1 + Math.exp(-margin[i][0])), p[i][1], 1e-6);
        assertEquals(1.0 - p[i][1], p[i][0], 0.0);
      }
    }
  }

  @Test
  void concurrentPredictEqualsSequential() throws Exception {
    TestData.Split s = split(TaskType.MULTICLASS);
    try (XGBoostModel m = fit(s)) {
      FeatureMatrix x = s.valid().x();
      Predictions want = m.predict(x);
      double[][] wantMargin = m.predictMargin(x);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<Boolean>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          final int id = t;
          Callable<Boolean> job =
              () -> {
                for (int rep = 0; rep < 25; rep++) {
                  assertSame(want, m.predict(x));
                  if (id == 0 && rep % 5 == 0) {
                    double[][] mm = m.predictMargin(x);
                    for (int i = 0; i < mm.length; i++) {
                      assertArrayEquals(wantMargin[i], mm[i]);
                    }
                    m.predictContrib(x, 1);
                  }
                }
                return true;
              };
          futures.add(pool.submit(job));
        }
        for (Future<Boolean> f : futures) {
          assertTrue(f.get());
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void rejectsOtherColumnsAndUseAfterClose() {
    TestData.Split s = split(TaskType.REGRESSION);
    XGBoostModel m = fit(s);
    FeatureMatrix renamed =
        new FeatureMatrix(new float[6], 1, List.of("x0", "x1", "x2", "y3", "x4", "x5"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> m.predict(renamed));
    assertTrue(e.getMessage().contains("y3"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> m.predict(new FeatureMatrix(new float[5], 1, TestData.names(5))));
    assertThrows(IllegalArgumentException.class, () -> m.predict(s.valid().x(), 0));
    assertThrows(
        IllegalArgumentException.class, () -> m.predict(s.valid().x(), m.roundsTrained() + 1));
    assertEquals(0, m.predict(new FeatureMatrix(new float[0], 0, TestData.names(6))).size());
    m.close();
    m.close();
    assertThrows(IllegalStateException.class, () -> m.predict(s.valid().x()));
  }

  @Test
  void loadReportsMissingOrMismatchedFiles(@TempDir Path dir) throws Exception {
    DataValidationException missing =
        assertThrows(DataValidationException.class, () -> learner.load(dir));
    assertTrue(missing.getMessage().contains("model.json"), missing.getMessage());

    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    TestData.Split s = split(TaskType.BINARY);
    try (XGBoostModel m = fit(s);
        XGBoostModel other =
            learner.fit(TestData.requestNoValidation(s, Map.of("n_estimators", 3), 1))) {
      m.save(a);
      other.save(b);
    }
    Files.copy(b.resolve("model.json"), a.resolve("model.json"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    DataValidationException mismatch =
        assertThrows(DataValidationException.class, () -> learner.load(a));
    assertTrue(mismatch.getMessage().contains("do not belong together"), mismatch.getMessage());

    Files.writeString(b.resolve("model.json"), "{not json");
    assertThrows(DataValidationException.class, () -> learner.load(b));
  }

  @Test
  void featureNamesTheEngineCannotTakeStayInTheMetaFile(@TempDir Path dir) {
    List<String> odd = List.of("a[0]", "b<1", "c", "d", "e", "f");
    TestData.Split s = split(TaskType.REGRESSION);
    FeatureMatrix xt = new FeatureMatrix(s.train().x().data(), s.train().x().nRows(), odd);
    FeatureMatrix xv = new FeatureMatrix(s.valid().x().data(), s.valid().x().nRows(), odd);
    var r =
        new dev.hone.core.model.FitRequest(
            xt, s.train().y(), xv, s.valid().y(), TaskType.REGRESSION, 0,
            TestData.params(Map.of("n_estimators", 5)), 1, 1, null);
    try (XGBoostModel m = learner.fit(r)) {
      m.save(dir);
      assertEquals(7, m.predictContrib(xv)[0].length);
      try (XGBoostModel back = learner.load(dir, 1)) {
        assertEquals(odd, back.featureNames());
        assertArrayEquals(m.predict(xv).values(), back.predict(xv).values());
      }
    }
  }
}
