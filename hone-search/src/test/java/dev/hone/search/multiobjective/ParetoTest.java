package dev.hone.search.multiobjective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.search.study.Direction;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Pareto fronts, sorting, crowding and hypervolume. Oracles: hand-computed values, brute-force
 * definitions (peeling non-dominated sets), and inclusion-exclusion enumeration of the
 * hypervolume (the volume of a union of boxes).
 */
class ParetoTest {
  static final List<Direction> MIN2 = List.of(Direction.MINIMIZE, Direction.MINIMIZE);

  static List<Integer> numbers(List<Evaluation> es) {
    return es.stream().map(Evaluation::number).toList();
  }

  @Test
  void tiesAndIdenticalVectorsStayOnTheFront() {
    List<Evaluation> es = List.of(
        Evaluation.of(0, 1, 3), Evaluation.of(1, 1, 3), // identical: both stay
        Evaluation.of(2, 1, 4), // equal in the first, worse in the second: dominated
        Evaluation.of(3, 2, 2), Evaluation.of(4, 3, 1), Evaluation.of(5, 3, 3));
    assertEquals(List.of(0, 1, 3, 4), numbers(Pareto.front(es, MIN2)));
    assertFalse(Pareto.dominates(List.of(1.0, 3.0), List.of(1.0, 3.0), MIN2));
    assertTrue(Pareto.dominates(List.of(1.0, 3.0), List.of(1.0, 4.0), MIN2));
  }

  @Test
  void failedPrunedAndRunningTrialsNeverEnter() {
    List<Evaluation> es = List.of(
        Evaluation.of(0, 5, 5),
        new Evaluation(1, TrialState.FAIL, List.of(), List.of()),
        new Evaluation(2, TrialState.PRUNED, List.of(0.0, 0.0), List.of()),
        new Evaluation(3, TrialState.RUNNING, List.of(), List.of()),
        Evaluation.of(4, Double.NaN, 0));
    assertEquals(List.of(0), numbers(Pareto.front(es, MIN2)));
    assertEquals(List.of(List.of(0)), Pareto.sort(es, MIN2).stream().map(ParetoTest::numbers)
        .toList());
  }

  @Test
  void mixedDirections() {
    // maximise accuracy, minimise bytes
    List<Direction> dirs = List.of(Direction.MAXIMIZE, Direction.MINIMIZE);
    List<Evaluation> es = List.of(Evaluation.of(0, 0.90, 100), Evaluation.of(1, 0.95, 200),
        Evaluation.of(2, 0.90, 150), Evaluation.of(3, 0.80, 100), Evaluation.of(4, 0.96, 500));
    assertEquals(List.of(0, 1, 4), numbers(Pareto.front(es, dirs)));
    // hypervolume with reference (0.5 accuracy, 1000 bytes), as losses (-acc, bytes):
    // sorted by -acc: (-0.96,500), (-0.95,200), (-0.90,100); area = 0.01*500 + 0.05*800 + 0.4*900
    assertEquals(0.01 * 500 + 0.05 * 800 + 0.40 * 900,
        Hypervolume.of(es, dirs, new double[] {0.5, 1000}), 1e-9);
  }

  @Test
  void constrainedDominationFollowsDeb() {
    Evaluation feasibleBad = Evaluation.constrained(0, new double[] {9, 9}, -1, 0);
    Evaluation infeasibleGood = Evaluation.constrained(1, new double[] {0, 0}, 0.5, -2);
    Evaluation infeasibleWorse = Evaluation.constrained(2, new double[] {0, 0}, 0.5, 1);
    Evaluation feasibleGood = Evaluation.constrained(3, new double[] {1, 1}, 0, -5);
    assertTrue(feasibleBad.feasible() && feasibleGood.feasible());
    assertEquals(1.5, infeasibleWorse.violation(), 0);
    assertTrue(Pareto.constrainedDominates(feasibleBad, infeasibleGood, MIN2));
    assertFalse(Pareto.constrainedDominates(infeasibleGood, feasibleBad, MIN2));
    assertTrue(Pareto.constrainedDominates(infeasibleGood, infeasibleWorse, MIN2));
    assertTrue(Pareto.constrainedDominates(feasibleGood, feasibleBad, MIN2));
    List<Evaluation> all = List.of(feasibleBad, infeasibleGood, infeasibleWorse, feasibleGood);
    // the front (and so the best reported trials) never holds an infeasible trial
    assertEquals(List.of(3), numbers(Pareto.front(all, MIN2)));
    assertEquals(List.of(List.of(3), List.of(0), List.of(1), List.of(2)),
        Pareto.sort(all, MIN2).stream().map(ParetoTest::numbers).toList());
    assertTrue(Pareto.front(List.of(infeasibleGood), MIN2).isEmpty());
  }

  @Test
  void sortingMatchesPeelingByDefinition() {
    SplittableRandom r = new SplittableRandom(5);
    List<Direction> dirs = List.of(Direction.MINIMIZE, Direction.MAXIMIZE, Direction.MINIMIZE);
    for (int rep = 0; rep < 30; rep++) {
      List<Evaluation> es = new ArrayList<>();
      for (int i = 0; i < 25; i++) {
        // coarse values make ties and duplicates frequent
        es.add(Evaluation.of(i, r.nextInt(4), r.nextInt(4), r.nextInt(4)));
      }
      List<List<Integer>> want = new ArrayList<>();
      List<Evaluation> rest = new ArrayList<>(es);
      while (!rest.isEmpty()) {
        List<Evaluation> f = Pareto.front(rest, dirs);
        want.add(numbers(f));
        rest.removeAll(f);
      }
      assertEquals(want, Pareto.sort(es, dirs).stream().map(ParetoTest::numbers).toList());
    }
  }

  @Test
  void crowdingDistanceByHand() {
    // front sorted by f1: (0,10) (1,6) (4,3) (10,0); ranges 10 and 10
    List<Evaluation> f = List.of(Evaluation.of(0, 4, 3), Evaluation.of(1, 0, 10),
        Evaluation.of(2, 10, 0), Evaluation.of(3, 1, 6));
    double[] d = Pareto.crowdingDistance(f, MIN2);
    // (4,3): (10-1)/10 + (6-0)/10 = 1.5; (1,6): (4-0)/10 + (10-3)/10 = 1.1
    assertArrayEquals(new double[] {1.5, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 1.1},
        d, 1e-12);
  }

  /** Inclusion-exclusion: the volume of the union of the boxes [p, ref]. */
  static double enumerate(double[][] pts, double[] ref) {
    int n = pts.length;
    double total = 0;
    for (int mask = 1; mask < (1 << n); mask++) {
      double vol = 1;
      for (int d = 0; d < ref.length; d++) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
          if ((mask >> i & 1) != 0) {
            m = Math.max(m, pts[i][d]);
          }
        }
        vol *= Math.max(0, ref[d] - m);
      }
      total += Integer.bitCount(mask) % 2 == 1 ? vol : -vol;
    }
    return total;
  }

  @Test
  void hypervolumeEqualsEnumerationIn2d3dAnd4d() {
    SplittableRandom r = new SplittableRandom(8);
    for (int dim = 2; dim <= 4; dim++) {
      for (int rep = 0; rep < 40; rep++) {
        int n = 1 + r.nextInt(10);
        double[][] pts = new double[n][dim];
        for (double[] p : pts) {
          for (int d = 0; d < dim; d++) {
            p[d] = rep % 2 == 0 ? r.nextInt(5) : r.nextDouble() * 4; // ties on even reps
          }
        }
        double[] ref = new double[dim];
        java.util.Arrays.fill(ref, 4.5);
        assertEquals(enumerate(pts, ref), Hypervolume.of(pts, ref), 1e-9,
            dim + "-D, " + n + " points");
      }
    }
  }

  @Test
  void hypervolumeByHand() {
    // 2-D staircase: (1,3), (2,2), (3,1) with reference (4,4): 3 + 2 + 1 = 6... as boxes:
    // x in [1,2): height 1; [2,3): 2; [3,4): 3 -> 1 + 2 + 3 = 6
    assertEquals(6.0, Hypervolume.of(new double[][] {{1, 3}, {2, 2}, {3, 1}},
        new double[] {4, 4}), 1e-12);
    // 3-D: one point (1,1,1), ref (2,3,4): 1*2*3 = 6; a point outside the reference adds nothing
    assertEquals(6.0, Hypervolume.of(new double[][] {{1, 1, 1}, {5, 0, 0}},
        new double[] {2, 3, 4}), 1e-12);
    assertEquals(0.0, Hypervolume.of(new double[0][], new double[] {1, 1}), 0.0);
    assertThrows(IllegalArgumentException.class,
        () -> Hypervolume.of(new double[][] {{1, 2, 3}}, new double[] {4, 4}));
  }

  @Test
  void attributesRoundTripIncludingInfinities() {
    Map<String, String> a = Evaluation.attributes(new double[] {0.5, Double.POSITIVE_INFINITY},
        new double[] {-1, 2});
    TrialRecord t = new TrialRecord(7, TrialState.COMPLETE, Map.of(), Map.of(), 0.5, Map.of(), a,
        Instant.EPOCH, Instant.EPOCH);
    Evaluation e = Evaluation.of(t);
    assertEquals(List.of(0.5, Double.POSITIVE_INFINITY), e.values());
    assertEquals(List.of(-1.0, 2.0), e.constraints());
    assertFalse(e.feasible());
    TrialRecord single = new TrialRecord(8, TrialState.COMPLETE, Map.of(), Map.of(), 1.5,
        Map.of(), Map.of(), Instant.EPOCH, Instant.EPOCH);
    assertEquals(List.of(1.5), Evaluation.of(single).values());
    TrialRecord bad = new TrialRecord(9, TrialState.COMPLETE, Map.of(), Map.of(), 1.5,
        Map.of(), Map.of(Evaluation.VALUES_ATTRIBUTE, "{oops"), Instant.EPOCH, Instant.EPOCH);
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
        () -> Evaluation.of(bad));
    assertTrue(ex.getMessage().contains("trial 9"), ex.getMessage());
  }
}
