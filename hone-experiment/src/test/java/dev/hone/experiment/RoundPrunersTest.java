package dev.hone.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.model.Learner;
import dev.hone.core.params.ParamSet;
import dev.hone.search.pruner.Pruner;
import dev.hone.search.space.IntDistribution;
import dev.hone.search.space.SearchSpace;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --pruner NAME} for XGBoost trials: maximum resource, direction, validation. */
class RoundPrunersTest {
  private final Learner xgb = Learners.byName("xgboost");
  private final SearchSpace space = SearchSpace.fromHints(xgb.paramSpecs());
  private final ParamSet fixed = ParamSet.resolve(xgb.paramSpecs(), Map.of());

  @Test
  void maxRoundsIsTheFixedNEstimatorsOrTheSearchedUpperBound() {
    assertEquals(1000, RoundPruners.maxRounds(space, fixed), "XGBoost's default n_estimators");
    SearchSpace.Builder b = SearchSpace.builder();
    space.distributions().forEach(b::add);
    b.add("n_estimators", new IntDistribution(50, 400, false, 1));
    assertEquals(400, RoundPruners.maxRounds(b.build(), fixed));
  }

  @Test
  void prunersJudgeTheLossAsMinimisedAndNoneIsNone() {
    assertSame(Pruner.NONE, RoundPruners.forXGBoost("none", space, fixed));
    assertSame(Pruner.NONE, RoundPruners.forXGBoost(null, space, fixed));
    for (String n : new String[] {"median", "percentile", "sh", "asha", "hyperband"}) {
      String s = RoundPruners.forXGBoost(n, space, fixed).toString();
      assertTrue(s.endsWith("on MINIMIZE intermediate values"), s);
    }
  }

  @Test
  void configRejectsUnknownPrunersAndPrunerWithFidelity() {
    TrainConfig base =
        new TrainConfig(null, Path.of("d.csv"), null, "y", null, null, 5, null, 0, null, null,
            null, false, null, null, 1, null, 1, null);
    assertEquals("none", base.pruner());
    assertEquals("median", base.withPruner("Median").pruner());
    InvalidParameterException bad =
        assertThrows(InvalidParameterException.class, () -> base.withPruner("bogus"));
    assertTrue(bad.getMessage().contains("none, median, percentile, sh, asha, hyperband"),
        bad.getMessage());
    InvalidParameterException both =
        assertThrows(
            InvalidParameterException.class, () -> base.withFidelity("auto").withPruner("asha"));
    assertTrue(both.getMessage().contains("--pruner") && both.getMessage().contains("--fidelity"),
        both.getMessage());
  }
}
