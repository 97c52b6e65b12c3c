package dev.hone.search.pruner;

import static dev.hone.search.pruner.PrunerTestSupport.at;
import static dev.hone.search.pruner.PrunerTestSupport.trial;
import static dev.hone.search.pruner.PrunerTestSupport.view;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hone.core.error.InvalidParameterException;
import dev.hone.search.study.Direction;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AshaPrunerTest {

  @Test
  void milestonesAreStrictlyIncreasingAndCappedAtTheMaxResource() {
    assertArrayEquals(new long[] {1, 3, 9, 27, 81}, new AshaPruner(1, 100, 3, 0).milestones());
    assertArrayEquals(new long[] {1, 3, 9, 27}, new AshaPruner(1, 81, 3, 0).milestones());
    assertArrayEquals(new long[] {2, 8, 32}, new AshaPruner(2, 50, 4, 0).milestones());
    assertArrayEquals(new long[] {8, 32}, new AshaPruner(2, 50, 4, 1).milestones());
    assertArrayEquals(new long[] {5}, new AshaPruner(5, 6, 2, 0).milestones());
    assertThrows(InvalidParameterException.class, () -> new AshaPruner(5, 5, 2, 0));
    assertThrows(InvalidParameterException.class, () -> new AshaPruner(1, 5, 1, 0));
  }

  /** Eight peers at milestone 3 with losses 1..8, the judged trial (number 100) with {@code v}. */
  static PruneDecision judgeAmongEight(double v, Direction dir, boolean canPause) {
    List<TrialRecord> peers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      double loss = i + 1;
      peers.add(at(i, TrialState.RUNNING, 3, dir == Direction.MINIMIZE ? loss : -loss));
    }
    TrialRecord t = trial(100, TrialState.RUNNING, new int[] {0, 3}, new double[] {9, v});
    return new AshaPruner(1, 27, 3, 0).decide(view(dir, 1, peers), t, canPause);
  }

  @Test
  void promotesExactlyTheTopThirdOfARungWithTiesToTheEarlierTrial() {
    // n = 9 values, η = 3: the top floor(9/3) = 3 are promoted. Peers' losses 1..8.
    for (Direction dir : Direction.values()) {
      double sign = dir == Direction.MINIMIZE ? 1 : -1;
      assertEquals(PruneDecision.CONTINUE, judgeAmongEight(sign * 0.5, dir, false), dir + " 1st");
      assertEquals(PruneDecision.CONTINUE, judgeAmongEight(sign * 2.5, dir, false), dir + " 3rd");
      assertEquals(PruneDecision.STOP, judgeAmongEight(sign * 3.5, dir, false), dir + " 4th");
      // tie with the 2nd peer (loss 2): peers 0 and 1 rank ahead, the trial is 3rd: promoted
      assertEquals(PruneDecision.CONTINUE, judgeAmongEight(sign * 2, dir, false), dir + " tie 2");
      // tie with the 3rd peer (loss 3): three trials rank ahead: not promoted
      assertEquals(PruneDecision.STOP, judgeAmongEight(sign * 3, dir, false), dir + " tie 3");
      assertEquals(PruneDecision.PAUSE, judgeAmongEight(sign * 3, dir, true), dir + " pause");
      assertEquals(PruneDecision.CONTINUE, judgeAmongEight(sign * 1, dir, true), dir + " cont");
    }
  }

  @Test
  void exactlyTheTopThirdOfAFullRungIsPromotedWhenAllArrive() {
    // every trial of a 9-trial rung judged against the other eight: exactly 3 are promoted,
    // with ties (values 1, 1, 1, 2, 2, 3, 3, 3, 4) resolved by trial number
    double[] losses = {3, 1, 2, 1, 4, 3, 1, 2, 3};
    for (Direction dir : Direction.values()) {
      List<Integer> promoted = new ArrayList<>();
      for (int j = 0; j < losses.length; j++) {
        List<TrialRecord> others = new ArrayList<>();
        for (int i = 0; i < losses.length; i++) {
          if (i != j) {
            others.add(at(i, TrialState.COMPLETE, 9,
                dir == Direction.MINIMIZE ? losses[i] : -losses[i]));
          }
        }
        TrialRecord t = at(j, TrialState.RUNNING, 9,
            dir == Direction.MINIMIZE ? losses[j] : -losses[j]);
        if (new AshaPruner(1, 81, 3, 0).decide(view(dir, 1, others), t, false)
            == PruneDecision.CONTINUE) {
          promoted.add(j);
        }
      }
      assertEquals(List.of(1, 3, 6), promoted, dir.toString());
    }
  }

  @Test
  void theFirstTrialsOfARungContinueUntilOneThirdCanBeChosen() {
    AshaPruner p = new AshaPruner(1, 27, 3, 0);
    TrialRecord worse = at(5, TrialState.RUNNING, 1, 2.0);
    // alone at the rung: max(1, floor(1/3)) = 1 promoted
    assertEquals(PruneDecision.CONTINUE, p.decide(view(Direction.MINIMIZE, 1, List.of()), worse,
        false));
    // with one better peer: n = 2, one promoted, and it is the peer
    assertEquals(PruneDecision.STOP, p.decide(
        view(Direction.MINIMIZE, 1, List.of(at(0, TrialState.PRUNED, 1, 1.0))), worse, false));
    // before the first milestone nothing is judged
    assertEquals(PruneDecision.CONTINUE, p.decide(
        view(Direction.MINIMIZE, 1, List.of(at(0, TrialState.PRUNED, 0, 1.0))),
        at(5, TrialState.RUNNING, 0, 9.0), false));
  }

  @Test
  void aReportThatOverstepsMilestonesIsJudgedAtTheHighestItPassed() {
    AshaPruner p = new AshaPruner(1, 27, 3, 0); // milestones 1, 3, 9
    // peers: better than 5.0 at milestone 1, worse than 5.0 at milestone 3
    List<TrialRecord> peers = List.of(
        trial(0, TrialState.RUNNING, new int[] {1, 3}, new double[] {1.0, 9.0}),
        trial(1, TrialState.RUNNING, new int[] {1, 3}, new double[] {1.0, 9.0}));
    // reports step 0 then step 5: passes milestones 1 and 3 at once; judged at 3 → best → continue
    TrialRecord jump = trial(9, TrialState.RUNNING, new int[] {0, 5}, new double[] {7.0, 5.0});
    assertEquals(PruneDecision.CONTINUE, p.decide(view(Direction.MINIMIZE, 1, peers), jump, false));
    // same value reported at step 1 (milestone 1 only): worst of three → stop
    TrialRecord step1 = trial(9, TrialState.RUNNING, new int[] {0, 1}, new double[] {7.0, 5.0});
    assertEquals(PruneDecision.STOP, p.decide(view(Direction.MINIMIZE, 1, peers), step1, false));
    // a later report below the next milestone is not judged again
    TrialRecord later =
        trial(9, TrialState.RUNNING, new int[] {0, 5, 6}, new double[] {7.0, 5.0, 99.0});
    assertEquals(PruneDecision.CONTINUE, p.decide(view(Direction.MINIMIZE, 1, peers), later,
        false));
    // a peer that jumped past milestone 1 counts there with its value at its first step >= 1
    List<TrialRecord> jumped = List.of(
        trial(0, TrialState.RUNNING, new int[] {0, 4}, new double[] {0.0, 1.0}),
        trial(1, TrialState.RUNNING, new int[] {0, 4}, new double[] {0.0, 1.0}));
    assertEquals(PruneDecision.STOP, p.decide(view(Direction.MINIMIZE, 1, jumped), step1, false));
    // past the last milestone (9) a trial trains to its end
    TrialRecord end = trial(9, TrialState.RUNNING, new int[] {9, 20}, new double[] {1.0, 50.0});
    assertEquals(PruneDecision.CONTINUE, p.decide(view(Direction.MINIMIZE, 1, jumped), end, false));
  }

  @Test
  void hyperbandJudgesOnlyAgainstItsBracketAndNeverStopsBracketZero() {
    HyperbandPruner hb = new HyperbandPruner(1, 9, 3); // sMax 2: brackets s=2 (1,3), s=1 (3), s=0
    HyperbandSchedule h = hb.schedule();
    long seed = 5;
    int[] bracketOf = new int[60];
    for (int t = 0; t < 60; t++) {
      bracketOf[t] = h.bracketFor(seed, t).s();
    }
    // all trials reported 1.0 at step 3, except the judged one (the last of each bracket),
    // which reports 2.0: stopped in brackets 2 and 1 (many better peers), never in bracket 0
    List<TrialRecord> others = new ArrayList<>();
    for (int t = 0; t < 50; t++) {
      others.add(at(t, TrialState.COMPLETE, 3, 1.0));
    }
    int stopped = 0;
    int bracketZero = 0;
    for (int t = 50; t < 60; t++) {
      TrialRecord me = trial(t, TrialState.RUNNING, new int[] {0, 3}, new double[] {0.0, 2.0});
      PruneDecision d = hb.decide(view(Direction.MINIMIZE, seed, others), me, false);
      assertEquals(bracketOf[t] == 0 ? PruneDecision.CONTINUE : PruneDecision.STOP, d,
          "trial " + t + " in bracket " + bracketOf[t]);
      if (d == PruneDecision.STOP) {
        stopped++;
      } else {
        bracketZero++;
      }
    }
    // the ten trials must cover both a judging bracket and bracket 0 to show anything
    assertTrue(stopped > 0 && bracketZero > 0, stopped + " stopped, " + bracketZero + " in 0");
    // peers of other brackets do not count: the best value within its own bracket continues
    int target = -1;
    for (int t = 50; t < 60; t++) {
      if (bracketOf[t] == 1) {
        target = t;
      }
    }
    List<TrialRecord> mixed = new ArrayList<>();
    for (int t = 0; t < 50; t++) {
      mixed.add(at(t, TrialState.COMPLETE, 3, bracketOf[t] == 1 ? 3.0 : 1.0));
    }
    TrialRecord me = trial(target, TrialState.RUNNING, new int[] {0, 3}, new double[] {0, 2.0});
    assertEquals(PruneDecision.CONTINUE, hb.decide(view(Direction.MINIMIZE, seed, mixed), me,
        false));
  }
}
