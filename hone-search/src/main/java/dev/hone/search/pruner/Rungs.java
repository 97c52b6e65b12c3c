package dev.hone.search.pruner;

import dev.hone.search.sampler.StudyView;
import dev.hone.search.study.Direction;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Rung bookkeeping shared by the successive-halving family, derived from stored intermediate
 * values only (no attributes are written), so a resumed study sees the same rungs.
 *
 * <p>A trial <em>reaches</em> milestone {@code m} at its first reported step {@code >= m}; its rung
 * value there is the value reported at that step. A trial is judged once per report, at the highest
 * milestone its last step passed, and only when that report is its first one at or past the
 * milestone (a report that oversteps several milestones is judged at the highest of them).
 */
final class Rungs {
  private Rungs() {}

  /** A peer's finite value at a rung. */
  record Peer(int number, double value) {}

  /**
   * The index of the highest milestone {@code <= step}, or -1 when none is; {@code milestones}
   * strictly increasing.
   */
  static int highestPassed(long[] milestones, int step) {
    int k = -1;
    for (int i = 0; i < milestones.length && milestones[i] <= step; i++) {
      k = i;
    }
    return k;
  }

  /** Whether {@code step} is the trial's first reported step at or past {@code milestone}. */
  static boolean firstAtOrPast(TrialRecord trial, int step, long milestone) {
    for (int s : trial.intermediateValues().keySet()) {
      if (s != step && s >= milestone && s < step) {
        return false;
      }
    }
    return true;
  }

  /** The value at the trial's first reported step {@code >= milestone}; null if it has none. */
  static Double rungValue(TrialRecord trial, long milestone) {
    for (Map.Entry<Integer, Double> e : trial.intermediateValues().entrySet()) {
      if (e.getKey() >= milestone) {
        return e.getValue(); // keys are sorted
      }
    }
    return null;
  }

  /**
   * The finite rung values of the study's trials that reached {@code milestone}: RUNNING, COMPLETE
   * and PRUNED trials accepted by {@code include} (by number); FAIL trials and NaN or infinite
   * values are left out.
   */
  static List<Peer> peers(StudyView study, long milestone, IntPredicate include) {
    List<Peer> out = new ArrayList<>();
    for (TrialRecord t : study.trials()) {
      TrialState st = t.state();
      if (st != TrialState.RUNNING && st != TrialState.COMPLETE && st != TrialState.PRUNED) {
        continue;
      }
      if (!include.test(t.number())) {
        continue;
      }
      Double v = rungValue(t, milestone);
      if (v != null && Double.isFinite(v)) {
        out.add(new Peer(t.number(), v));
      }
    }
    return out;
  }

  /**
   * Asynchronous successive halving's promotion test (Li et al. 2020): with {@code n} = the peers
   * plus this trial, the trial is promoted iff its rank is below {@code max(1, floor(n/η))}; rank
   * counts the peers strictly better plus the equal ones with a lower trial number (so exactly the
   * top {@code floor(n/η)} are promoted, ties going to the earlier trial).
   */
  static boolean ashaPromotable(
      List<Peer> peers, int number, double value, long eta, Direction direction) {
    int rank = 0;
    for (Peer p : peers) {
      if (direction.isBetter(p.value(), value) || (p.value() == value && p.number() < number)) {
        rank++;
      }
    }
    long n = peers.size() + 1L;
    long top = Math.max(1, n / eta);
    return rank < top;
  }

  /** η^e as a long, or {@code Long.MAX_VALUE} on overflow. */
  static long pow(long eta, int e) {
    long r = 1;
    for (int i = 0; i < e; i++) {
      if (r > Long.MAX_VALUE / eta) {
        return Long.MAX_VALUE;
      }
      r *= eta;
    }
    return r;
  }

  /** {@code a·b}, or {@code Long.MAX_VALUE} on overflow (both non-negative). */
  static long mulSat(long a, long b) {
    if (a != 0 && b > Long.MAX_VALUE / a) {
      return Long.MAX_VALUE;
    }
    return a * b;
  }
}
