package dev.hone.search.sampler;

import dev.hone.search.space.CategoricalDistribution;
import dev.hone.search.space.Distribution;
import dev.hone.search.space.FloatDistribution;
import dev.hone.search.space.IntDistribution;
import java.util.SplittableRandom;

/**
 * Independent uniform sampling (Bergstra and Bengio, "Random Search for Hyper-Parameter
 * Optimization", JMLR 2012), the baseline every other sampler must beat.
 *
 * <ul>
 *   <li>Float: uniform on {@code [low, high]}; with {@code log}, uniform in {@code ln x}
 *       (log-uniform); with a step, uniform over the grid points {@code low + k*step}.
 *   <li>Int: uniform over the grid {@code low, low + step, ..., gridMax}; with {@code log}, {@code
 *       round(exp(u))} for {@code u} uniform on {@code [ln(low - 0.5), ln(high + 0.5)]}, so that
 *       each integer gets the log-measure of its rounding cell and both ends are reachable (as in
 *       Optuna's {@code RandomSampler}).
 *   <li>Categorical: each choice with equal probability.
 * </ul>
 *
 * Every value lies inside its distribution. Each draw uses {@link Sampler#rng} with stream {@value
 * #STREAM}; the sampler is stateless and thread-safe.
 */
public final class RandomSampler implements Sampler {

  /** Stream name used with {@link Sampler#rng}. */
  public static final String STREAM = "random";

  /** A random sampler. */
  public RandomSampler() {}

  @Override
  public Object sampleIndependent(
      StudyView study, int trialNumber, String name, Distribution distribution) {
    return sample(distribution, Sampler.rng(study.seed(), STREAM, trialNumber, name));
  }

  /**
   * One uniform draw from {@code d} (see the class documentation) using {@code rng}.
   *
   * @return an external value inside {@code d}
   */
  public static Object sample(Distribution d, SplittableRandom rng) {
    if (d.isSingle()) {
      return d.singleValue();
    }
    if (d instanceof FloatDistribution f) {
      if (f.step() != null) {
        return f.gridValue(uniformIndex(rng, f.gridIntervals() + 1));
      }
      double u = rng.nextDouble();
      double x;
      if (f.log()) {
        double lo = StrictMath.log(f.low());
        double hi = StrictMath.log(f.high());
        x = StrictMath.exp(lo + u * (hi - lo));
      } else {
        x = f.low() + u * (f.high() - f.low());
      }
      return clamp(x, f.low(), f.high());
    }
    if (d instanceof IntDistribution i) {
      if (i.log()) {
        double lo = StrictMath.log(i.low() - 0.5);
        double hi = StrictMath.log(i.high() + 0.5);
        long v = Math.round(StrictMath.exp(lo + rng.nextDouble() * (hi - lo)));
        return Math.max(i.low(), Math.min(i.high(), v));
      }
      return i.low() + uniformIndex(rng, i.gridIntervals() + 1) * i.step();
    }
    CategoricalDistribution c = (CategoricalDistribution) d;
    return c.choices().get((int) uniformIndex(rng, c.choices().size()));
  }

  /**
   * A uniform integer in {@code [0, n)} by rejection from {@link SplittableRandom#nextLong()}, so
   * the value depends only on the generator's specified 64-bit output, not on a library's
   * bounded-draw algorithm.
   */
  static long uniformIndex(SplittableRandom rng, long n) {
    if (n <= 0) {
      throw new IllegalArgumentException("n must be > 0, got " + n);
    }
    long limit = Long.MAX_VALUE - (Long.MAX_VALUE % n);
    while (true) {
      long r = rng.nextLong() >>> 1;
      if (r < limit) {
        return r % n;
      }
    }
  }

  static double clamp(double x, double lo, double hi) {
    return x < lo ? lo : (x > hi ? hi : x);
  }
}
