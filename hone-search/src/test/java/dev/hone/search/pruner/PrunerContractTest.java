package dev.hone.search.pruner;

import static dev.hone.search.pruner.PrunerTestSupport.trial;
import static dev.hone.search.pruner.PrunerTestSupport.view;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.error.InvalidParameterException;
import dev.hone.search.study.Direction;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class PrunerContractTest {

  static List<Pruner> pruners() {
    return List.of(
        new MedianPruner(2, 3, 2, 1),
        new PercentilePruner(40, 0, 0, 1, 1),
        new SuccessiveHalvingPruner(1, 2, 1, 0),
        new AshaPruner(2, 40, 2, 0),
        new HyperbandPruner(1, 40, 2),
        Pruners.intermediateDirection(new AshaPruner(1, 40, 3, 0), Direction.MAXIMIZE));
  }

  @Test
  void judgesIsFalseOnlyWhereDecideContinues() {
    SplittableRandom rng = new SplittableRandom(11);
    int skipped = 0;
    int stopped = 0;
    for (int it = 0; it < 600; it++) {
      Direction d = rng.nextBoolean() ? Direction.MINIMIZE : Direction.MAXIMIZE;
      List<TrialRecord> others = new ArrayList<>();
      for (int i = 0; i < 1 + rng.nextInt(10); i++) {
        others.add(randomTrial(i, rng.nextBoolean() ? TrialState.COMPLETE : TrialState.PRUNED,
            rng));
      }
      TrialRecord me = randomTrial(50 + it, TrialState.RUNNING, rng);
      TreeSet<Integer> steps = new TreeSet<>(me.intermediateValues().keySet());
      int last = steps.last();
      Integer prev = steps.lower(last);
      for (Pruner p : pruners()) {
        long seed = 17;
        PruneDecision dec = p.decide(view(d, seed, others), me, false);
        if (!p.judges(seed, me.number(), prev == null ? -1 : prev, last)) {
          assertEquals(PruneDecision.CONTINUE, dec, p + " judged a step it says it skips");
          skipped++;
        }
        if (dec == PruneDecision.STOP) {
          stopped++;
        }
      }
    }
    assertTrue(skipped > 300 && stopped > 100, skipped + " skipped, " + stopped + " stopped");
  }

  static TrialRecord randomTrial(int number, TrialState st, SplittableRandom rng) {
    TreeSet<Integer> steps = new TreeSet<>();
    int n = 1 + rng.nextInt(6);
    while (steps.size() < n) {
      steps.add(rng.nextInt(30));
    }
    int[] s = steps.stream().mapToInt(Integer::intValue).toArray();
    double[] v = new double[s.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = rng.nextInt(5) == 0 ? Double.NaN : rng.nextDouble();
    }
    return trial(number, st, s, v);
  }

  @Test
  void medianWarmUpIsZeroBasedAndStartupAndPeerCountsHold() {
    List<TrialRecord> peers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      peers.add(trial(i, TrialState.COMPLETE, new int[] {0, 1, 2, 3, 4},
          new double[] {1, 1, 1, 1, 1}));
    }
    TrialRecord bad2 = trial(9, TrialState.RUNNING, new int[] {0, 1, 2},
        new double[] {5, 5, 5});
    TrialRecord bad3 = trial(9, TrialState.RUNNING, new int[] {0, 1, 2, 3},
        new double[] {5, 5, 5, 5});
    MedianPruner warm3 = new MedianPruner(0, 3, 1, 1);
    // nWarmupSteps = 3: steps 0, 1, 2 are never judged; step 3 is
    assertEquals(PruneDecision.CONTINUE,
        warm3.decide(view(Direction.MINIMIZE, 1, peers), bad2, false));
    assertEquals(PruneDecision.STOP,
        warm3.decide(view(Direction.MINIMIZE, 1, peers), bad3, false));
    // nStartupTrials = 4 with 3 COMPLETE: not yet; PRUNED trials do not count towards it
    List<TrialRecord> withPruned = new ArrayList<>(peers);
    withPruned.add(trial(3, TrialState.PRUNED, new int[] {0}, new double[] {1}));
    assertEquals(PruneDecision.CONTINUE,
        new MedianPruner(4, 0, 1, 1).decide(view(Direction.MINIMIZE, 1, withPruned), bad3,
            false));
    assertEquals(PruneDecision.STOP,
        new MedianPruner(3, 0, 1, 1).decide(view(Direction.MINIMIZE, 1, withPruned), bad3,
            false));
    // nMinTrials counts the COMPLETE trials that reported at that very step
    TrialRecord at5 = trial(9, TrialState.RUNNING, new int[] {0, 5}, new double[] {5, 5});
    List<TrialRecord> two = new ArrayList<>(peers);
    two.add(trial(4, TrialState.COMPLETE, new int[] {5}, new double[] {1}));
    assertEquals(PruneDecision.CONTINUE,
        new MedianPruner(0, 0, 1, 2).decide(view(Direction.MINIMIZE, 1, two), at5, false));
    two.add(trial(5, TrialState.COMPLETE, new int[] {5}, new double[] {1}));
    assertEquals(PruneDecision.STOP,
        new MedianPruner(0, 0, 1, 2).decide(view(Direction.MINIMIZE, 1, two), at5, false));
    // the trial's best so far, not its current value, is compared: an earlier 0.5 keeps it
    TrialRecord recovered = trial(9, TrialState.RUNNING, new int[] {0, 1, 2, 3},
        new double[] {0.5, 5, 5, 5});
    assertEquals(PruneDecision.CONTINUE,
        warm3.decide(view(Direction.MINIMIZE, 1, peers), recovered, false));
  }

  @Test
  void byNameBuildsEachPrunerAndNamesTheKnownOnesOnError() {
    assertEquals(Pruner.NONE, Pruners.byName("none", 100));
    assertTrue(Pruners.byName("Median", 100) instanceof MedianPruner);
    assertTrue(Pruners.byName("percentile", 100) instanceof PercentilePruner);
    assertTrue(Pruners.byName("sh", 100) instanceof SuccessiveHalvingPruner);
    assertEquals(List.of(1L, 3L, 9L, 27L, 81L),
        java.util.Arrays.stream(((AshaPruner) Pruners.byName("asha", 100)).milestones()).boxed()
            .toList());
    assertEquals(4, ((HyperbandPruner) Pruners.byName("hyperband", 100)).schedule().sMax());
    InvalidParameterException e =
        assertThrows(InvalidParameterException.class, () -> Pruners.byName("early", 100));
    assertTrue(e.getMessage().contains("early") && e.getMessage().contains("hyperband"),
        e.getMessage());
    assertThrows(InvalidParameterException.class, () -> Pruners.byName("asha", 1));
  }

  @Test
  void argumentsAreChecked() {
    assertThrows(InvalidParameterException.class, () -> new PercentilePruner(101));
    assertThrows(InvalidParameterException.class, () -> new MedianPruner(-1, 0, 1, 1));
    assertThrows(InvalidParameterException.class, () -> new MedianPruner(0, 0, 0, 1));
    assertThrows(InvalidParameterException.class, () -> new MedianPruner(0, 0, 1, 0));
    assertThrows(InvalidParameterException.class,
        () -> new SuccessiveHalvingPruner(0, 3, 0, 0));
    assertThrows(InvalidParameterException.class,
        () -> new SuccessiveHalvingPruner(1, 1, 0, 0));
  }
}
