package dev.hone.search.importance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.error.UserInputException;
import dev.hone.core.json.Json;
import dev.hone.search.space.CategoricalDistribution;
import dev.hone.search.space.Distribution;
import dev.hone.search.space.FloatDistribution;
import dev.hone.search.study.Direction;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * PED-ANOVA on functions whose importances are known analytically.
 *
 * <p>f = 10 x1 + x2 + 0 x3 on U[0,1]^3, minimised, gamma = 0.1: the top region is {10 x1 + x2 <=
 * 1.5} (its area is (1.5 - 0.5)/10 = 0.1). Its marginals are p(x1) = min(1, 1.5 - 10 x1)/0.1 on
 * [0, 0.15] and p(x2) = 1.5 - x2 on [0, 1], against uniform marginals overall, so the Pearson
 * divergences are D1 = integral p^2 - 1 = 100 (0.05 + 1/30) - 1 = 22/3 and D2 = (1.5^3 - 0.5^3)/3
 * - 1 = 1/12, D3 = 0; normalised: 0.98876, 0.01124, 0.
 */
class PedAnovaTest {
  static final FloatDistribution U = FloatDistribution.of(0, 1);

  static List<TrialRecord> trials(int n, long seed, ToDoubleFunction<double[]> f) {
    SplittableRandom r = new SplittableRandom(seed);
    List<TrialRecord> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] x = {r.nextDouble(), r.nextDouble(), r.nextDouble()};
      Map<String, Object> p = new LinkedHashMap<>();
      Map<String, Distribution> d = new LinkedHashMap<>();
      for (int j = 0; j < 3; j++) {
        p.put("x" + (j + 1), x[j]);
        d.put("x" + (j + 1), U);
      }
      out.add(new TrialRecord(i, TrialState.COMPLETE, p, d, f.applyAsDouble(x), Map.of(),
          Map.of(), Instant.EPOCH, Instant.EPOCH));
    }
    return out;
  }

  static double get(ImportanceResult r, String name) {
    return r.importances().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow()
        .importance();
  }

  @Test
  void linearFunctionMatchesTheAnalyticImportances() {
    List<TrialRecord> ts = trials(4000, 1, x -> 10 * x[0] + x[1]);
    ImportanceResult raw = PedAnova.evaluate(ts, Direction.MINIMIZE, 0.1, false);
    // kernel smoothing of the sharp cut at x1 = 0.15 lowers D1 a little; 15% tolerance
    assertEquals(22.0 / 3, get(raw, "x1"), 0.15 * 22 / 3);
    assertEquals(1.0 / 12, get(raw, "x2"), 0.03);
    assertTrue(get(raw, "x3") < 0.03, "x3 " + get(raw, "x3"));
    ImportanceResult norm = PedAnova.evaluate(ts, Direction.MINIMIZE);
    assertEquals(List.of("x1", "x2", "x3"),
        norm.importances().stream().map(ParamImportance::name).toList());
    assertEquals(0.98876, get(norm, "x1"), 0.01);
    assertEquals(0.01124, get(norm, "x2"), 0.006);
    assertEquals(1.0, norm.importances().stream().mapToDouble(ParamImportance::importance).sum(),
        1e-12);
    assertEquals(400, norm.nTop());
    // maximising -f is the same study
    ImportanceResult max = PedAnova.evaluate(trials(4000, 1, x -> -(10 * x[0] + x[1])),
        Direction.MAXIMIZE);
    assertEquals(norm.importances(), max.importances());
    // a JSON-serialisable result record
    assertTrue(Json.mapper().valueToTree(norm).get("importances").isArray());
  }

  @Test
  void categoricalAndSymmetricCases() {
    // only the categorical matters: good iff c == "b"; its top marginal is a point mass
    SplittableRandom r = new SplittableRandom(2);
    CategoricalDistribution cd = CategoricalDistribution.of("a", "b", "c", "d");
    List<TrialRecord> ts = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      String c = cd.choices().get(r.nextInt(4));
      double x = r.nextDouble();
      ts.add(new TrialRecord(i, TrialState.COMPLETE, Map.of("c", c, "x", x),
          Map.of("c", cd, "x", U), (c.equals("b") ? 0 : 1) + 0.001 * r.nextDouble(), Map.of(),
          Map.of(), Instant.EPOCH, Instant.EPOCH));
    }
    ImportanceResult res = PedAnova.evaluate(ts, Direction.MINIMIZE, 0.1, false);
    // exact: p_top = (1,0,0,0) on "b" (smoothed by add-one), p_all = 1/4 each:
    // D = 1/4 (4 - 1)^2 + 3/4 (0 - 1)^2 = 3
    assertEquals(3.0, get(res, "c"), 0.15);
    assertTrue(get(res, "x") < 0.05, "x " + get(res, "x"));
  }

  @Test
  void tooFewTrialsIsAUserErrorSayingHowMany() {
    UserInputException e = assertThrows(UserInputException.class,
        () -> PedAnova.evaluate(trials(5, 1, x -> x[0]), Direction.MINIMIZE));
    assertTrue(e.getMessage().contains("20"), e.getMessage());
  }
}
