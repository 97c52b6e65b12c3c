package dev.hone.explain.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.error.DataValidationException;
import dev.hone.core.random.Seeds;
import dev.hone.explain.Explanation;
import dev.hone.explain.OutputSpace;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TreeShapTest {

  /** Oracle: Algorithm 1 (exponential enumeration of E[f | x_S]) on random ensembles. */
  @Test
  void matchesBruteForceEnumeration() {
    for (int c = 0; c < 200; c++) {
      SplittableRandom rng = Seeds.rng(31, "brute", c);
      int m = 2 + rng.nextInt(7);
      int oneHotFrom = rng.nextBoolean() ? m : Math.max(1, m - 3);
      TreeEnsemble e = RandomTrees.ensemble(m, 1 + rng.nextInt(4), 1 + rng.nextInt(6), oneHotFrom, 1, rng);
      double[][] x = RandomTrees.rows(3, m, oneHotFrom, 0.2, rng);
      TreeShap shap = new TreeShap(e);
      for (double[] row : x) {
        double[] got = shap.shap(row, 0);
        double[] oracle = RandomTrees.bruteForce(e, row, 0);
        for (int j = 0; j < m; j++) {
          assertEquals(oracle[j], got[j], 1e-12, "case " + c + " feature " + j);
        }
      }
    }
  }

  /** Efficiency on ≥ 1000 rows (missing values, one-hot blocks, deep trees, several groups). */
  @Test
  void efficiencyHoldsOnEveryRow() {
    int rows = 0;
    for (int c = 0; c < 60; c++) {
      SplittableRandom rng = Seeds.rng(32, "eff", c);
      int m = 3 + rng.nextInt(20);
      int oneHotFrom = Math.max(1, m - 1 - rng.nextInt(5));
      int groups = 1 + rng.nextInt(3);
      TreeEnsemble e = RandomTrees.ensemble(m, 5 + rng.nextInt(30), 1 + rng.nextInt(12), oneHotFrom, groups, rng);
      double[][] x = RandomTrees.rows(10, m, oneHotFrom, 0.25, rng);
      List<Explanation> ex = new TreeShap(e).explain(x, null);
      assertEquals(groups, ex.size());
      List<Explanation> par = new TreeShap(e).explain(x, null, 3);
      for (int g = 0; g < groups; g++) {
        assertTrue(java.util.Arrays.deepEquals(ex.get(g).values(), par.get(g).values()));
      }
      for (Explanation g : ex) {
        assertEquals(OutputSpace.MARGIN, g.outputSpace());
        for (int r = 0; r < g.nRows(); r++) {
          double fx = e.predictMargin(x[r])[g.output()];
          assertEquals(fx, g.predictions()[r], 0.0);
          assertTrue(
              Math.abs(g.efficiencyGap(r)) <= 1e-9 * Math.max(1, Math.abs(fx)),
              "gap " + g.efficiencyGap(r));
          rows++;
        }
      }
    }
    assertTrue(rows >= 1000, "rows " + rows);
  }

  /** Routing: x < threshold goes left, NaN follows default_left, compared in float32. */
  @Test
  void routingFollowsXGBoostRules() {
    Tree t =
        new Tree(
            new int[] {1, -1, -1}, new int[] {2, -1, -1}, new int[] {0, 0, 0},
            new float[] {0.1f, 0, 0}, new boolean[] {false, false, false},
            new double[] {0, -1, 1}, new double[] {10, 4, 6});
    assertEquals(-1, t.predict(new double[] {0.05}), 0);
    assertEquals(1, t.predict(new double[] {0.1f})); // equal to the threshold: right
    assertEquals(1, t.predict(new double[] {0.1})); // 0.1 rounds to 0.1f
    assertEquals(1, t.predict(new double[] {Double.NaN})); // default right
    assertEquals(0.2, t.expectedValue(), 1e-15); // (4·-1 + 6·1) / 10
  }

  private static final String TINY_MODEL =
      """
      {"learner":{"attributes":{},"feature_names":["a","b"],"feature_types":[],
       "gradient_booster":{"model":{"gbtree_model_param":{"num_parallel_tree":"1","num_trees":"2"},
         "iteration_indptr":[0,1,2],"tree_info":[0,0],
         "trees":[
          {"id":0,"left_children":[1,-1,-1],"right_children":[2,-1,-1],"split_indices":[1,0,0],
           "split_conditions":[0.5,-0.25,0.75],"default_left":[1,0,0],"sum_hessian":[8,3,5],
           "split_type":[0,0,0],"base_weights":[0,0,0]},
          {"id":1,"left_children":[-1],"right_children":[-1],"split_indices":[0],
           "split_conditions":[0.125],"default_left":[0],"sum_hessian":[8],"split_type":[0],
           "base_weights":[0]}]},"name":"gbtree"},
       "learner_model_param":{"base_score":"[8E-1]","boost_from_average":"1","num_class":"0",
         "num_feature":"2","num_target":"1"},
       "objective":{"name":"binary:logistic","reg_loss_param":{"scale_pos_weight":"1"}}},
       "version":[3,4,0]}
      """;

  /** A hand-written model: base_score vector, logit link, default_left, rounds. */
  @Test
  void parsesXGBoostJson() {
    TreeEnsemble e = XGBoostJson.parse(TINY_MODEL, 0);
    assertEquals(List.of("a", "b"), e.featureNames());
    double p = 0.8f; // base_score is a float32
    assertEquals(Math.log(p / (1 - p)), e.baseMargins()[0], 1e-12);
    assertEquals(2, e.trees().size());
    double base = e.baseMargins()[0];
    assertEquals(base - 0.25 + 0.125, e.predictMargin(new double[] {0, 0.4})[0], 1e-12);
    assertEquals(base - 0.25 + 0.125, e.predictMargin(new double[] {0, Double.NaN})[0], 1e-12);
    assertEquals(base + 0.75 + 0.125, e.predictMargin(new double[] {0, 0.5})[0], 1e-12);
    TreeEnsemble first = XGBoostJson.parse(TINY_MODEL, 1);
    assertEquals(1, first.trees().size());
    assertThrows(DataValidationException.class, () -> XGBoostJson.parse(TINY_MODEL, 3));
    assertThrows(DataValidationException.class, () -> XGBoostJson.parse("{\"learner\":{}}", 0));
    // SHAP of the one-split tree: phi_b = leaf(x) - E = ±(0.75 or -0.25) - (3·-0.25 + 5·0.75)/8
    double[] s = new TreeShap(e).shap(new double[] {0, 0.9}, 0);
    assertArrayEquals(
        new double[] {0, 0.75 - 0.375, base + 0.375 + 0.125}, s, 1e-12);
  }

  @Test
  void categoricalSplitsAreRefused() {
    String cat = TINY_MODEL.replace("\"split_type\":[0,0,0]", "\"split_type\":[1,0,0]");
    DataValidationException ex =
        assertThrows(DataValidationException.class, () -> XGBoostJson.parse(cat, 0));
    assertTrue(ex.getMessage().contains("categorical"));
  }
}
