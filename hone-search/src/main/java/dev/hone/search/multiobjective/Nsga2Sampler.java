package dev.hone.search.multiobjective;

import dev.hone.search.sampler.RandomSampler;
import dev.hone.search.sampler.Sampler;
import dev.hone.search.sampler.StudyView;
import dev.hone.search.space.Distribution;
import dev.hone.search.space.FloatDistribution;
import dev.hone.search.study.Direction;
import dev.hone.search.study.TrialRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * NSGA-II (K. Deb, A. Pratap, S. Agarwal, T. Meyarivan, "A Fast and Elitist Multiobjective
 * Genetic Algorithm: NSGA-II", IEEE TEVC 6(2), 2002) through the {@link Sampler} SPI, with Deb's
 * constrained domination.
 *
 * <p>Trials are grouped into generations by number: trial {@code t} belongs to generation {@code
 * t / populationSize}. Generation 0 is random ({@link RandomSampler}'s stream). For generation
 * {@code g > 0} the parents are chosen by NSGA-II's elitist survival among all COMPLETE trials of
 * earlier generations: whole non-dominated fronts ({@link Pareto#sort}) in order, the last one
 * cut by decreasing crowding distance (ties: lower trial number), up to {@code populationSize}.
 * A child takes two parents by binary tournaments (lower front first, then larger crowding
 * distance), crosses them with probability {@code crossoverProbability} (uniform crossover: each
 * parameter from either parent with probability 1/2; or, with {@code sbx}, simulated binary
 * crossover with index {@code sbxEta} for continuous float parameters, Deb and Agrawal 1995) and
 * redraws each parameter at random with probability {@code mutationProbability} (default {@code
 * 1/D} for {@code D} parameters).
 *
 * <p>Objective vectors come from {@link Evaluation#of(TrialRecord)} (user attributes {@value
 * Evaluation#VALUES_ATTRIBUTE}, {@value Evaluation#CONSTRAINTS_ATTRIBUTE}) unless another reader is
 * given. Draws come from {@link Sampler#rng} with stream {@value #STREAM}.
 */
public final class Nsga2Sampler implements Sampler {
  /** Stream name used with {@link Sampler#rng}. */
  public static final String STREAM = "nsga2";

  private final List<Direction> directions;
  private final int populationSize;
  private final double crossoverProbability;
  private final Double mutationProbability;
  private final boolean sbx;
  private final double sbxEta;
  private final Function<TrialRecord, Evaluation> reader;
  private final AtomicReference<Object[]> cache = new AtomicReference<>();

  /** NSGA-II with population 50, crossover 0.9 (uniform), mutation 1/D. */
  public Nsga2Sampler(List<Direction> directions) {
    this(directions, 50, 0.9, null, false, 20, Evaluation::of);
  }

  /**
   * NSGA-II.
   *
   * @param directions one per objective, {@code >= 1}
   * @param populationSize {@code >= 2}
   * @param crossoverProbability in {@code [0, 1]}
   * @param mutationProbability in {@code [0, 1]}, or null for {@code 1/D}
   * @param sbx simulated binary crossover for continuous floats instead of uniform crossover
   * @param sbxEta SBX distribution index, {@code > 0} (larger: children closer to parents)
   * @param reader the evaluation of a stored trial
   * @throws IllegalArgumentException if a setting is out of range
   */
  public Nsga2Sampler(List<Direction> directions, int populationSize,
      double crossoverProbability, Double mutationProbability, boolean sbx, double sbxEta,
      Function<TrialRecord, Evaluation> reader) {
    this.directions = List.copyOf(directions);
    if (this.directions.isEmpty()) {
      throw new IllegalArgumentException("NSGA-II needs at least one objective direction");
    }
    if (populationSize < 2) {
      throw new IllegalArgumentException("populationSize was " + populationSize
          + " but must be >= 2");
    }
    if (!(crossoverProbability >= 0 && crossoverProbability <= 1)) {
      throw new IllegalArgumentException("crossoverProbability was " + crossoverProbability
          + " but must be in [0, 1]");
    }
    if (mutationProbability != null && !(mutationProbability >= 0 && mutationProbability <= 1)) {
      throw new IllegalArgumentException("mutationProbability was " + mutationProbability
          + " but must be in [0, 1] or null");
    }
    if (!(sbxEta > 0)) {
      throw new IllegalArgumentException("sbxEta was " + sbxEta + " but must be > 0");
    }
    this.populationSize = populationSize;
    this.crossoverProbability = crossoverProbability;
    this.mutationProbability = mutationProbability;
    this.sbx = sbx;
    this.sbxEta = sbxEta;
    this.reader = Objects.requireNonNull(reader, "reader");
  }

  /** The objective directions. */
  public List<Direction> directions() {
    return directions;
  }

  /** Parents of {@code trialNumber}'s generation with their front rank and crowding distance. */
  record Parents(List<TrialRecord> trials, Map<Integer, Integer> rank,
      Map<Integer, Double> crowding) {}

  Parents parents(StudyView study, int trialNumber) {
    Object[] c = cache.get();
    int generation = trialNumber / populationSize;
    // finished trials never change, so the parents of a generation are fixed by which of its
    // predecessors have finished: key the cache by their count
    int finished = 0;
    for (TrialRecord t : study.trials()) {
      if (t.number() < generation * populationSize && t.state().isFinished()) {
        finished++;
      }
    }
    List<Object> key = List.of(study.name(), study.seed(), generation, finished);
    if (c != null && c[0].equals(key)) {
      return (Parents) c[1];
    }
    Map<Integer, TrialRecord> byNumber = new HashMap<>();
    List<Evaluation> evals = new ArrayList<>();
    for (TrialRecord t : study.trials()) {
      if (t.number() < generation * populationSize) {
        Evaluation e = reader.apply(t);
        if (e.rankable() && e.values().size() == directions.size()) {
          evals.add(e);
          byNumber.put(t.number(), t);
        }
      }
    }
    List<TrialRecord> chosen = new ArrayList<>();
    Map<Integer, Integer> rank = new HashMap<>();
    Map<Integer, Double> crowd = new HashMap<>();
    int r = 0;
    for (List<Evaluation> front : Pareto.sort(evals, directions)) {
      double[] cd = Pareto.crowdingDistance(front, directions);
      List<Integer> idx = new ArrayList<>();
      for (int i = 0; i < front.size(); i++) {
        idx.add(i);
        rank.put(front.get(i).number(), r);
        crowd.put(front.get(i).number(), cd[i]);
      }
      if (chosen.size() + front.size() > populationSize) {
        idx.sort(Comparator.<Integer>comparingDouble(i -> -cd[i])
            .thenComparingInt(i -> front.get(i).number()));
      }
      for (int i : idx) {
        if (chosen.size() < populationSize) {
          chosen.add(byNumber.get(front.get(i).number()));
        }
      }
      if (chosen.size() >= populationSize) {
        break;
      }
      r++;
    }
    Parents p = new Parents(chosen, rank, crowd);
    cache.set(new Object[] {key, p});
    return p;
  }

  @Override
  public Map<String, Distribution> inferRelativeSpace(StudyView study, int trialNumber) {
    if (trialNumber < populationSize) {
      return Map.of();
    }
    Parents p = parents(study, trialNumber);
    Map<String, Distribution> out = null;
    for (TrialRecord t : p.trials()) {
      if (out == null) {
        out = new TreeMap<>(t.distributions());
      } else {
        out.entrySet().removeIf(e -> !e.getValue().equals(t.distributions().get(e.getKey())));
      }
    }
    if (out == null) {
      return Map.of();
    }
    out.values().removeIf(Distribution::isSingle);
    return out;
  }

  @Override
  public Map<String, Object> sampleRelative(
      StudyView study, int trialNumber, Map<String, Distribution> space) {
    Parents p = parents(study, trialNumber);
    if (p.trials().size() < 2 || space.isEmpty()) {
      return Map.of();
    }
    SplittableRandom rng = Sampler.rng(study.seed(), STREAM, trialNumber, "child");
    TrialRecord a = tournament(p, rng);
    TrialRecord b = tournament(p, rng);
    boolean cross = rng.nextDouble() < crossoverProbability;
    double pm = mutationProbability != null ? mutationProbability : 1.0 / space.size();
    Map<String, Object> child = new LinkedHashMap<>();
    for (Map.Entry<String, Distribution> e : new TreeMap<>(space).entrySet()) {
      String name = e.getKey();
      Distribution d = e.getValue();
      Object va = a.params().get(name);
      Object vb = b.params().get(name);
      Object v = va;
      if (cross) {
        if (sbx && d instanceof FloatDistribution f && f.step() == null) {
          v = sbx(f, ((Number) va).doubleValue(), ((Number) vb).doubleValue(), rng);
        } else {
          v = rng.nextDouble() < 0.5 ? va : vb;
        }
      }
      if (rng.nextDouble() < pm) {
        v = RandomSampler.sample(d, rng);
      }
      child.put(name, v);
    }
    return child;
  }

  private TrialRecord tournament(Parents p, SplittableRandom rng) {
    List<TrialRecord> pop = p.trials();
    TrialRecord x = pop.get(rng.nextInt(pop.size()));
    TrialRecord y = pop.get(rng.nextInt(pop.size()));
    int rx = p.rank().get(x.number());
    int ry = p.rank().get(y.number());
    if (rx != ry) {
      return rx < ry ? x : y;
    }
    double cx = p.crowding().get(x.number());
    double cy = p.crowding().get(y.number());
    if (cx != cy) {
      return cx > cy ? x : y;
    }
    return x.number() <= y.number() ? x : y;
  }

  /** One SBX child of {@code x1}, {@code x2} (Deb and Agrawal 1995), clamped to the range. */
  private double sbx(FloatDistribution f, double x1, double x2, SplittableRandom rng) {
    double lo = f.log() ? StrictMath.log(f.low()) : f.low();
    double hi = f.log() ? StrictMath.log(f.high()) : f.high();
    double y1 = f.log() ? StrictMath.log(x1) : x1;
    double y2 = f.log() ? StrictMath.log(x2) : x2;
    double u = rng.nextDouble();
    double beta = u <= 0.5
        ? StrictMath.pow(2 * u, 1 / (sbxEta + 1))
        : StrictMath.pow(1 / (2 * (1 - u)), 1 / (sbxEta + 1));
    double c = 0.5 * ((1 + beta) * y1 + (1 - beta) * y2);
    if (rng.nextDouble() < 0.5) {
      c = 0.5 * ((1 - beta) * y1 + (1 + beta) * y2);
    }
    c = Math.max(lo, Math.min(hi, c));
    double v = f.log() ? StrictMath.exp(c) : c;
    return Math.max(f.low(), Math.min(f.high(), v));
  }

  @Override
  public Object sampleIndependent(
      StudyView study, int trialNumber, String name, Distribution distribution) {
    return RandomSampler.sample(
        distribution, Sampler.rng(study.seed(), RandomSampler.STREAM, trialNumber, name));
  }

  @Override
  public String toString() {
    return "Nsga2Sampler[" + directions + ", population " + populationSize + "]";
  }
}
