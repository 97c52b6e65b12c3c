package dev.hone.search.pruner;

import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.random.Seeds;
import java.util.ArrayList;
import java.util.List;

/**
 * The brackets and rungs of Hyperband (Li, Jamieson, DeSalvo, Rostamizadeh and Talwalkar,
 * "Hyperband: A Novel Bandit-Based Approach to Hyperparameter Optimization", JMLR 18, 2018,
 * Algorithm 1), computed with exact integer arithmetic; JSON-serialisable.
 *
 * <p>With minimum resource {@code r}, maximum resource {@code R} and η:
 *
 * <ul>
 *   <li>{@code sMax = floor(log_η(R/r))}: the largest {@code s} with {@code r·η^s <= R}, found by
 *       repeated integer multiplication (never a floating-point logarithm, which gets exact powers
 *       wrong: {@code log(243)/log(3)} is 4.999...);
 *   <li>bracket {@code s = sMax, ..., 0} starts {@code n = ceil((sMax+1)·η^s / (s+1))}
 *       configurations;
 *   <li>its rung {@code i = 0..s} keeps {@code n_i = floor(n / η^i)} configurations, each trained
 *       with {@code r_i = floor(R / η^(s-i))} — the paper's {@code R·η^(i-s)} rounded down, so
 *       every budget is an integer, {@code r <= r_0 < r_1 < ... < r_s = R} (strictly increasing,
 *       capped at {@code R}). When {@code R/r} is a power of η these are the paper's exact values,
 *       {@code r_i = r·η^(sMax-s+i)}.
 * </ul>
 *
 * <p>Example, {@code r = 1, R = 81, η = 3} (the paper's Table 1): bracket 4 runs 81×1, 27×3, 9×9,
 * 3×27, 1×81; bracket 3 runs 34×3, 11×9, 3×27, 1×81; bracket 2 15×9, 5×27, 1×81; bracket 1 8×27,
 * 2×81; bracket 0 5×81.
 *
 * <p><b>Trial → bracket.</b> Trials are spread over brackets in proportion to each bracket's
 * {@code n} (Optuna's {@code HyperbandPruner} allocation): a hash of (study seed, trial number)
 * modulo {@code Σ n} picks the bracket, walking from {@code s = sMax} down. Optuna hashes the study
 * name with CRC-32; Hone uses {@link Seeds#derive} of the seed, so a bracket is a deterministic
 * function of (seed, trial number) independent of the study's name.
 *
 * @param minResource {@code r}, {@code >= 1}
 * @param maxResource {@code R}, {@code >= r}
 * @param reductionFactor η, {@code >= 2}
 * @param sMax {@code floor(log_η(R/r))}
 * @param brackets from {@code s = sMax} down to 0
 */
public record HyperbandSchedule(
    long minResource, long maxResource, long reductionFactor, int sMax, List<Bracket> brackets) {

  /**
   * One rung of a bracket.
   *
   * @param configurations {@code n_i}: how many configurations the synchronous algorithm keeps
   * @param resource {@code r_i}: the resource each is trained with
   */
  public record Rung(long configurations, long resource) {}

  /**
   * One bracket.
   *
   * @param s the bracket's index: the number of halvings, {@code 0..sMax}
   * @param configurations {@code n}: the configurations it starts (also its allocation weight)
   * @param rungs {@code s + 1} rungs with strictly increasing resources, the last being {@code R}
   */
  public record Bracket(int s, long configurations, List<Rung> rungs) {
    public Bracket {
      rungs = List.copyOf(rungs);
    }

    /**
     * The milestones at which a trial of this bracket is judged: the resources of rungs {@code
     * 0..s-1} (the last rung's trials train to the end); empty for {@code s = 0}.
     */
    public long[] milestones() {
      long[] m = new long[rungs.size() - 1];
      for (int i = 0; i < m.length; i++) {
        m[i] = rungs.get(i).resource();
      }
      return m;
    }
  }

  public HyperbandSchedule {
    brackets = List.copyOf(brackets);
  }

  /**
   * Computes the schedule.
   *
   * @throws InvalidParameterException if {@code r < 1}, {@code R < r} or {@code η < 2}, or if the
   *     numbers overflow a long
   */
  public static HyperbandSchedule of(long minResource, long maxResource, long reductionFactor) {
    PercentilePruner.check("minResource", minResource, 1);
    PercentilePruner.check("reductionFactor", reductionFactor, 2);
    if (maxResource < minResource) {
      throw new InvalidParameterException(
          "Hyperband maxResource was " + maxResource + " but must be >= minResource ("
              + minResource + ")");
    }
    int sMax = 0;
    long reach = minResource; // r·η^sMax
    while (reach <= maxResource / reductionFactor) {
      reach *= reductionFactor; // no overflow: reach·η <= R
      sMax++;
    }
    List<Bracket> brackets = new ArrayList<>();
    for (int s = sMax; s >= 0; s--) {
      long etaS = exactPow(reductionFactor, s);
      long num = Math.multiplyExact((long) sMax + 1, etaS);
      long n = (num + s) / (s + 1); // ceil(num / (s+1))
      List<Rung> rungs = new ArrayList<>();
      for (int i = 0; i <= s; i++) {
        long ni = n / exactPow(reductionFactor, i);
        long ri = maxResource / exactPow(reductionFactor, s - i);
        rungs.add(new Rung(ni, ri));
      }
      brackets.add(new Bracket(s, n, rungs));
    }
    return new HyperbandSchedule(minResource, maxResource, reductionFactor, sMax, brackets);
  }

  private static long exactPow(long base, int e) {
    long r = 1;
    for (int i = 0; i < e; i++) {
      r = Math.multiplyExact(r, base);
    }
    return r;
  }

  /** {@code Σ n} over brackets: the modulus of the trial → bracket allocation. */
  public long totalAllocation() {
    long t = 0;
    for (Bracket b : brackets) {
      t = Math.addExact(t, b.configurations());
    }
    return t;
  }

  /**
   * The bracket of trial {@code trialNumber} in a study with root seed {@code seed}: a pure
   * function of both, with frequencies proportional to the brackets' {@code n}.
   */
  public Bracket bracketFor(long seed, int trialNumber) {
    long h = Seeds.derive(seed, "hyperband-bracket", trialNumber);
    long k = Math.floorMod(h, totalAllocation());
    for (Bracket b : brackets) {
      k -= b.configurations();
      if (k < 0) {
        return b;
      }
    }
    throw new IllegalStateException("unreachable: allocation walk ended without a bracket");
  }
}
