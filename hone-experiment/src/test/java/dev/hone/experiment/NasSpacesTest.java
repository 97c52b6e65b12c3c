package dev.hone.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.model.Learner;
import dev.hone.core.params.ParamSet;
import dev.hone.search.sampler.RandomSampler;
import dev.hone.search.space.IntDistribution;
import dev.hone.search.space.SearchSpace;
import dev.hone.search.store.InMemoryStudyStore;
import dev.hone.search.study.Direction;
import dev.hone.search.study.Study;
import dev.hone.search.study.Trial;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NasSpacesTest {

  /**
   * Seeded loop over random trials: width_i is suggested exactly when depth > i (the oracle is
   * the space's definition), every depth occurs, and every suggestion resolves against the mlp
   * learner's parameter specs with the per-layer widths it was given.
   */
  @Test
  void mlpWidthsAreConditionalOnDepthAndResolve() {
    Learner mlp = Learners.byName("mlp");
    NasSpaces.NasSpace space = NasSpaces.mlp();
    Study study = Study.createOrLoad(new InMemoryStudyStore(), "mlp", Direction.MINIMIZE,
        new RandomSampler(), 11);
    Set<Long> depths = new HashSet<>();
    for (int t = 0; t < 60; t++) {
      Trial trial = study.ask();
      Map<String, Object> p = space.suggest(trial);
      long depth = ((Number) p.get("depth")).longValue();
      depths.add(depth);
      for (int i = 0; i < NasSpaces.MLP_MAX_DEPTH; i++) {
        assertEquals(i < depth, p.containsKey("width_" + i), p.toString());
      }
      assertEquals(p.keySet(), trial.params().keySet());
      ParamSet resolved = ParamSet.resolve(mlp.paramSpecs(), NasSpaces.toLearnerParams(p));
      for (int i = 0; i < depth; i++) {
        assertEquals(((Number) p.get("width_" + i)).intValue(), resolved.getInt("width_" + i));
      }
      study.tell(trial, t);
    }
    assertEquals(Set.of(1L, 2L, 3L, 4L), depths);
  }

  @Test
  void cnnHeadSwitchesDenseWidthAndMapsToLearnerParams() {
    Learner cnn = Learners.byName("cnn");
    NasSpaces.NasSpace space = NasSpaces.cnn();
    Study study = Study.createOrLoad(new InMemoryStudyStore(), "cnn", Direction.MINIMIZE,
        new RandomSampler(), 5);
    int none = 0;
    for (int t = 0; t < 40; t++) {
      Trial trial = study.ask();
      Map<String, Object> p = space.suggest(trial);
      boolean dense = "dense".equals(p.get(NasSpaces.HEAD));
      assertEquals(dense, p.containsKey("dense_width"));
      assertEquals(dense, p.containsKey("dropout"));
      Map<String, Object> lp = NasSpaces.toLearnerParams(p);
      assertFalse(lp.containsKey(NasSpaces.HEAD));
      ParamSet resolved = ParamSet.resolve(cnn.paramSpecs(), lp);
      if (dense) {
        assertEquals(Integer.parseInt((String) p.get("dense_width")),
            resolved.getInt("dense_width"));
      } else {
        none++;
        assertEquals(0, resolved.getInt("dense_width"));
      }
      study.tell(trial, t);
    }
    assertTrue(none > 5 && none < 35, "head=none in " + none + " of 40");
  }

  /** {@code --families all} over the registered learners takes mlp and leaves the image cnn out. */
  @Test
  void familiesAllTakesMlpButNotCnn() {
    java.util.List<Learner> registered = new java.util.ArrayList<>();
    java.util.ServiceLoader.load(Learner.class).forEach(registered::add);
    java.util.List<String> names = FamilySpace.select("all", registered).names();
    assertTrue(names.contains("mlp"), names.toString());
    assertFalse(names.contains("cnn"), names.toString());
  }

  @Test
  void conditionsMustNameAnEarlierParameter() {
    SearchSpace s = SearchSpace.builder()
        .add("a", new IntDistribution(1, 2, false, 1))
        .add("b", new IntDistribution(1, 2, false, 1))
        .build();
    assertThrows(IllegalArgumentException.class, () -> new NasSpaces.NasSpace("x", "mlp", s,
        Map.of("a", new NasSpaces.Condition("b", Set.of("1")))));
    assertThrows(IllegalArgumentException.class, () -> new NasSpaces.NasSpace("x", "mlp", s,
        Map.of("b", new NasSpaces.Condition("c", Set.of("1")))));
  }
}
