package dev.hone.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.model.Learner;
import dev.hone.core.params.ParamSet;
import dev.hone.core.random.Seeds;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ImageSearchSpace}: the cell space plus training parameters, defaults, conditions. */
class ImageSearchSpaceTest {
  private static final Learner CNN = Learners.byName("cnn");

  @Test
  void nasSpaceIsTheCellSpacePlusTrainingParameters() {
    ImageSearchSpace s = ImageSearchSpace.of(null, CNN.paramSpecs());
    assertEquals("nas", s.name());
    assertEquals(
        java.util.List.of("conv_blocks", "channels", "kernel_size", "pooling", "batch_norm",
            "activation", "head", "dense_width", "dropout", "optimizer", "learning_rate",
            "batch_size", "weight_decay"),
        java.util.List.copyOf(s.space().distributions().keySet()));
    assertThrows(InvalidParameterException.class,
        () -> ImageSearchSpace.of("wide", CNN.paramSpecs()));
    // 8x8 digits keep pooling = none; 28x28 MNIST always pools
    assertEquals(dev.hone.search.space.CategoricalDistribution.of("max", "avg", "none"),
        ImageSearchSpace.of("nas", CNN.paramSpecs(), 8).space().distributions().get("pooling"));
    assertEquals(dev.hone.search.space.CategoricalDistribution.of("max", "avg"),
        ImageSearchSpace.of("nas", CNN.paramSpecs(), 28).space().distributions().get("pooling"));
  }

  /** Trial 0 of the nas space resolves to the learner's own defaults (weight decay 0 → 1e-6). */
  @Test
  void nasDefaultsAreTheLearnerDefaults() {
    ImageSearchSpace s = ImageSearchSpace.of("nas", CNN.paramSpecs());
    Map<String, Object> raw = s.defaults(CNN.paramSpecs());
    assertEquals("dense", raw.get("head"));
    ParamSet got = ParamSet.resolve(CNN.paramSpecs(), s.toLearner(raw));
    Map<String, Object> want = new HashMap<>(ParamSet.resolve(CNN.paramSpecs(), Map.of()).asMap());
    want.put("weight_decay", 1e-6);
    assertEquals(want, got.asMap());
  }

  @Test
  void sampledConfigurationsHoldOnlyActiveParameters() {
    ImageSearchSpace s = ImageSearchSpace.of("nas", CNN.paramSpecs());
    int none = 0;
    for (int i = 0; i < 40; i++) {
      Map<String, Object> c = s.sample(Seeds.rng(3, "t", i));
      boolean dense = "dense".equals(c.get("head"));
      assertEquals(dense, c.containsKey("dense_width"), c.toString());
      assertEquals(dense, c.containsKey("dropout"), c.toString());
      Map<String, Object> p = s.toLearner(c);
      if (!dense) {
        none++;
        assertEquals(0, ((Number) p.get("dense_width")).intValue());
      }
      assertFalse(p.containsKey("head"));
      ParamSet.resolve(CNN.paramSpecs(), p); // every configuration is valid for the learner
    }
    assertTrue(none > 5 && none < 35, "head=none drawn " + none + " of 40 times");
  }
}
