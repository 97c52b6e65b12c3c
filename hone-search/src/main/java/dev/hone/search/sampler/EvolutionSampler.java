package dev.hone.search.sampler;

import dev.hone.search.space.CategoricalDistribution;
import dev.hone.search.space.Distribution;
import dev.hone.search.space.FloatDistribution;
import dev.hone.search.space.IntDistribution;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Regularized (ageing) evolution: E. Real, A. Aggarwal, Y. Huang, Q. V. Le, "Regularized Evolution
 * for Image Classifier Architecture Search", AAAI 2019, Algorithm 1; suited to discrete,
 * architectural spaces.
 *
 * <p>The population is the {@code populationSize} most recent COMPLETE trials (by number): a queue
 * in which each new member pushes out the oldest, whatever its value (ageing). Until the study
 * holds {@code populationSize} COMPLETE trials, parameters are sampled at random (the initial
 * population, with {@link RandomSampler}'s stream). Then each trial draws {@code sampleSize}
 * members uniformly with replacement, takes the best as parent (ties: the lower trial number),
 * copies its parameters and mutates exactly one of them, chosen uniformly among those with more
 * than one value:
 *
 * <ul>
 *   <li>categorical, integer and stepped parameters: another value of the grid, uniformly;
 *   <li>continuous float parameters: the value moved by {@code N(0, (0.1 range)^2)} ({@code ln x}
 *       for log scales), reflected into the range.
 * </ul>
 *
 * Parameters the parent lacks (or whose distribution changed) are sampled at random. PRUNED,
 * FAIL and RUNNING trials never join the population. Draws come from {@link Sampler#rng} with
 * stream {@value #STREAM}: same seed and history give the same child. Stateless and thread-safe.
 */
public final class EvolutionSampler implements Sampler {

  /** Stream name used with {@link Sampler#rng}. */
  public static final String STREAM = "evolution";

  private final int populationSize;
  private final int sampleSize;

  /** Population 50, sample size 10 (a scaled-down version of the paper's P = 100, S = 25). */
  public EvolutionSampler() {
    this(50, 10);
  }

  /**
   * Regularized evolution with population {@code populationSize} (P) and tournament sample size
   * {@code sampleSize} (S).
   *
   * @throws IllegalArgumentException unless {@code 1 <= sampleSize <= populationSize}
   */
  public EvolutionSampler(int populationSize, int sampleSize) {
    if (sampleSize < 1 || sampleSize > populationSize) {
      throw new IllegalArgumentException("evolution needs 1 <= sampleSize <= populationSize, got"
          + " sampleSize=" + sampleSize + ", populationSize=" + populationSize);
    }
    this.populationSize = populationSize;
    this.sampleSize = sampleSize;
  }

  /** The current population: the most recent {@code P} COMPLETE trials, oldest first. */
  List<TrialRecord> population(StudyView study) {
    List<TrialRecord> complete = new ArrayList<>();
    for (TrialRecord t : study.trials()) {
      if (t.state() == TrialState.COMPLETE) {
        complete.add(t);
      }
    }
    complete.sort(java.util.Comparator.comparingInt(TrialRecord::number));
    return complete.size() < populationSize
        ? List.of()
        : complete.subList(complete.size() - populationSize, complete.size());
  }

  /** The tournament winner for {@code trialNumber}, or null during the initial population. */
  TrialRecord parent(StudyView study, int trialNumber) {
    List<TrialRecord> pop = population(study);
    if (pop.isEmpty()) {
      return null;
    }
    SplittableRandom rng = Sampler.rng(study.seed(), STREAM, trialNumber, "tournament");
    TrialRecord best = null;
    for (int s = 0; s < sampleSize; s++) {
      TrialRecord c = pop.get((int) RandomSampler.uniformIndex(rng, pop.size()));
      if (best == null || study.direction().isBetter(c.value(), best.value())
          || (c.value().equals(best.value()) && c.number() < best.number())) {
        best = c;
      }
    }
    return best;
  }

  @Override
  public Map<String, Distribution> inferRelativeSpace(StudyView study, int trialNumber) {
    TrialRecord p = parent(study, trialNumber);
    if (p == null) {
      return Map.of();
    }
    return new TreeMap<>(p.distributions());
  }

  @Override
  public Map<String, Object> sampleRelative(
      StudyView study, int trialNumber, Map<String, Distribution> space) {
    TrialRecord p = parent(study, trialNumber);
    if (p == null || space.isEmpty()) {
      return Map.of();
    }
    Map<String, Object> child = new LinkedHashMap<>();
    List<String> mutable = new ArrayList<>();
    for (Map.Entry<String, Distribution> e : new TreeMap<>(space).entrySet()) {
      Object v = p.params().get(e.getKey());
      if (v != null && e.getValue().contains(v)) {
        child.put(e.getKey(), v);
        if (!e.getValue().isSingle()) {
          mutable.add(e.getKey());
        }
      }
    }
    if (mutable.isEmpty()) {
      return child;
    }
    SplittableRandom rng = Sampler.rng(study.seed(), STREAM, trialNumber, "mutation");
    String target = mutable.get((int) RandomSampler.uniformIndex(rng, mutable.size()));
    child.put(target, mutate(space.get(target), child.get(target), rng));
    return child;
  }

  /** A value of {@code d} different from {@code v} (see the class documentation). */
  static Object mutate(Distribution d, Object v, SplittableRandom rng) {
    if (d instanceof CategoricalDistribution c) {
      int cur = c.choices().indexOf((String) v);
      int k = (int) RandomSampler.uniformIndex(rng, c.choices().size() - 1);
      return c.choices().get(k >= cur ? k + 1 : k);
    }
    if (d instanceof IntDistribution i) {
      long cur = (((Number) v).longValue() - i.low()) / i.step();
      long k = RandomSampler.uniformIndex(rng, i.gridIntervals());
      return i.low() + (k >= cur ? k + 1 : k) * i.step();
    }
    FloatDistribution f = (FloatDistribution) d;
    double x = ((Number) v).doubleValue();
    if (f.step() != null) {
      long cur = Math.round((x - f.low()) / f.step());
      long k = RandomSampler.uniformIndex(rng, f.gridIntervals());
      return f.gridValue(k >= cur ? k + 1 : k);
    }
    double lo = f.log() ? StrictMath.log(f.low()) : f.low();
    double hi = f.log() ? StrictMath.log(f.high()) : f.high();
    double y = (f.log() ? StrictMath.log(x) : x) + 0.1 * (hi - lo) * NormalMath.standardNormal(rng);
    // reflect into [lo, hi] (a few times at most for a 0.1-range step), then clamp
    for (int r = 0; r < 4 && (y < lo || y > hi); r++) {
      y = y < lo ? 2 * lo - y : 2 * hi - y;
    }
    double out = f.log() ? StrictMath.exp(y) : y;
    return RandomSampler.clamp(out, f.low(), f.high());
  }

  @Override
  public Object sampleIndependent(
      StudyView study, int trialNumber, String name, Distribution distribution) {
    return RandomSampler.sample(
        distribution, Sampler.rng(study.seed(), RandomSampler.STREAM, trialNumber, name));
  }

  @Override
  public String toString() {
    return "EvolutionSampler[P=" + populationSize + ", S=" + sampleSize + "]";
  }
}
