package dev.hone.learner.xgboost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.params.ParamSet;
import dev.hone.core.params.ParamSpec;
import dev.hone.core.params.ParamType;
import dev.hone.core.params.SearchHint;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class XGBoostParamsTest {

  @Test
  void declaresEachParameterOnceWithDocAndValidDefault() {
    List<ParamSpec> all = XGBoostParams.all();
    assertEquals(12, all.size());
    Set<String> names = new HashSet<>();
    for (ParamSpec s : all) {
      assertTrue(names.add(s.name()), "declared twice: " + s.name());
      assertFalse(s.doc() == null || s.doc().isBlank(), s.name() + " has no doc");
      assertEquals(s.defaultValue(), s.validate(s.defaultValue()), s.name());
    }
  }

  @Test
  void defaultsAreXgboostsDocumentedOnes() {
    ParamSet p = TestData.params(Map.of());
    assertEquals(0.3, p.getDouble("learning_rate"));
    assertEquals(6, p.getLong("max_depth"));
    assertEquals(1.0, p.getDouble("min_child_weight"));
    assertEquals(1.0, p.getDouble("subsample"));
    assertEquals(1.0, p.getDouble("colsample_bytree"));
    assertEquals(1.0, p.getDouble("reg_lambda"));
    assertEquals(0.0, p.getDouble("reg_alpha"));
    assertEquals(0.0, p.getDouble("gamma"));
    assertEquals("hist", p.getString("tree_method"));
    assertEquals(256, p.getLong("max_bin"));
    assertEquals(1000, p.getLong("n_estimators"));
    assertEquals(50, p.getLong("early_stopping_rounds"));
  }

  @Test
  void searchHintsLieInsideTheValidRange() {
    for (ParamSpec s : XGBoostParams.all()) {
      SearchHint h = s.search();
      if (h == null) {
        continue;
      }
      assertTrue(s.type() != ParamType.CHOICE, s.name());
      s.validate(h.low());
      s.validate(h.high());
      if (h.log()) {
        assertTrue(h.low() > 0, s.name());
      }
    }
    assertEquals(SearchHint.logRange(0.01, 0.3), XGBoostParams.LEARNING_RATE.search());
    assertEquals(SearchHint.range(2, 10), XGBoostParams.MAX_DEPTH.search());
    assertNull(XGBoostParams.N_ESTIMATORS.search());
    assertNull(XGBoostParams.EARLY_STOPPING_ROUNDS.search());
    assertNull(XGBoostParams.TREE_METHOD.search());
  }

  @Test
  void unknownKeyIsRejected() {
    InvalidParameterException e =
        assertThrows(
            InvalidParameterException.class, () -> TestData.params(Map.of("eta", 0.1)));
    assertTrue(e.getMessage().contains("'eta'"), e.getMessage());
    assertTrue(e.getMessage().contains("learning_rate"), e.getMessage());
  }

  @Test
  void outOfRangeValuesNameTheParameter() {
    for (Object bad : List.of(0.0, -0.1, 1.5, "abc")) {
      InvalidParameterException e =
          assertThrows(
              InvalidParameterException.class,
              () -> TestData.params(Map.of("learning_rate", bad)));
      assertTrue(e.getMessage().startsWith("learning_rate"), e.getMessage());
      assertTrue(bad.equals("abc") || e.getMessage().contains("(0, 1]"), e.getMessage());
    }
    assertEquals(1.0, TestData.params(Map.of("learning_rate", 1.0)).getDouble("learning_rate"));
    assertThrows(InvalidParameterException.class, () -> TestData.params(Map.of("subsample", 0)));
    assertThrows(InvalidParameterException.class, () -> TestData.params(Map.of("max_depth", 2.5)));
    assertThrows(InvalidParameterException.class, () -> TestData.params(Map.of("max_bin", 1)));
    assertThrows(
        InvalidParameterException.class, () -> TestData.params(Map.of("n_estimators", 0)));
    assertThrows(
        InvalidParameterException.class, () -> TestData.params(Map.of("tree_method", "gpu_hist")));
    assertThrows(InvalidParameterException.class, () -> TestData.params(Map.of("gamma", -1)));
  }

  @Test
  void crossParameterConstraintsOfExact() {
    XGBoostParams.checkCombination(TestData.params(Map.of("tree_method", "exact")));
    XGBoostParams.checkCombination(TestData.params(Map.of("max_depth", 0)));
    InvalidParameterException depth =
        assertThrows(
            InvalidParameterException.class,
            () ->
                XGBoostParams.checkCombination(
                    TestData.params(Map.of("tree_method", "exact", "max_depth", 0))));
    assertTrue(depth.getMessage().contains("max_depth"), depth.getMessage());
    InvalidParameterException bins =
        assertThrows(
            InvalidParameterException.class,
            () ->
                XGBoostParams.checkCombination(
                    TestData.params(Map.of("tree_method", "exact", "max_bin", 64))));
    assertTrue(bins.getMessage().contains("max_bin"), bins.getMessage());
  }

  @Test
  void loopParametersAreNotSentToTheBooster() {
    Map<String, Object> hist = XGBoostParams.boosterParams(TestData.params(Map.of()));
    assertFalse(hist.containsKey("n_estimators"));
    assertFalse(hist.containsKey("early_stopping_rounds"));
    assertEquals(10, hist.size());
    assertEquals(0.3, hist.get("learning_rate"));
    Map<String, Object> exact =
        XGBoostParams.boosterParams(TestData.params(Map.of("tree_method", "exact")));
    assertFalse(exact.containsKey("max_bin"));
  }
}
