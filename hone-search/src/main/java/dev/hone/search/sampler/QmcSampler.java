package dev.hone.search.sampler;

import dev.hone.core.random.Seeds;
import dev.hone.search.space.CategoricalDistribution;
import dev.hone.search.space.Distribution;
import dev.hone.search.space.FloatDistribution;
import dev.hone.search.space.IntDistribution;
import dev.hone.search.space.SearchSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quasi-random search on a Sobol sequence: trial {@code t} gets point {@code t} of the sequence
 * (in Gray-code order, as in Joe and Kuo's generator and scipy's {@code qmc.Sobol}), so the first
 * {@code 2^m} trials form a (t, m, s)-net that fills the space more evenly than random points, and
 * a resumed study continues exactly where it stopped.
 *
 * <p>References: I. M. Sobol', "On the distribution of points in a cube and the approximate
 * evaluation of integrals", USSR Comput. Math. Math. Phys. 7, 1967; S. Joe and F. Y. Kuo,
 * "Constructing Sobol sequences with better two-dimensional projections", SIAM J. Sci. Comput.
 * 30, 2008 (the direction numbers: the first {@value #MAX_DIMENSIONS} dimensions of their file
 * {@code new-joe-kuo-6.21201}, embedded below); J. Matoušek, "On the L2-discrepancy for anchored
 * boxes", J. Complexity 14, 1998 (linear matrix scrambling with a digital shift, as scipy's {@code
 * scramble=True}); Bergstra and Bengio, JMLR 2012, Section 5 (quasi-random search for
 * hyperparameters).
 *
 * <p>The space is declared up front: parameter {@code i} of the {@link SearchSpace} is coordinate
 * {@code i}, mapped to its distribution like {@link RandomSampler} maps a uniform number (log
 * scales in {@code ln x}; grids and choices by {@code floor(u * count)}). A parameter outside the
 * declared space is sampled at random. With {@code scramble} (default), each coordinate's
 * direction numbers are multiplied by a random lower-triangular binary matrix and the result
 * XOR-ed with a random shift, both drawn from the study seed ({@code Seeds.rng(seed,
 * "sampler/qmc/scramble", 0)}); without it, point 0 is the origin. Stateless and thread-safe.
 */
public final class QmcSampler implements Sampler {
  private static final Logger LOG = LoggerFactory.getLogger(QmcSampler.class);

  /** Stream name used with {@link Sampler#rng} for parameters outside the declared space. */
  public static final String STREAM = "qmc";

  /** Number of dimensions with embedded direction numbers. */
  public static final int MAX_DIMENSIONS = 64;

  private static final int BITS = 32;

  /**
   * Joe and Kuo's new-joe-kuo-6.21201, dimensions 1 to 64: the primitive polynomial (its bits
   * from the leading to the constant term, e.g. 11 = x^3 + x + 1) followed by the initial
   * direction numbers m_1..m_s (s = degree). Dimension 1 is the van der Corput sequence.
   */
  private static final int[][] JOE_KUO = {
      {1, 1},
      {3, 1},
      {7, 1, 3},
      {11, 1, 3, 1},
      {13, 1, 1, 1},
      {19, 1, 1, 3, 3},
      {25, 1, 3, 5, 13},
      {37, 1, 1, 5, 5, 17},
      {41, 1, 1, 5, 5, 5},
      {47, 1, 1, 7, 11, 19},
      {55, 1, 1, 5, 1, 1},
      {59, 1, 1, 1, 3, 11},
      {61, 1, 3, 5, 5, 31},
      {67, 1, 3, 3, 9, 7, 49},
      {91, 1, 1, 1, 15, 21, 21},
      {97, 1, 3, 1, 13, 27, 49},
      {103, 1, 1, 1, 15, 7, 5},
      {109, 1, 3, 1, 15, 13, 25},
      {115, 1, 1, 5, 5, 19, 61},
      {131, 1, 3, 7, 11, 23, 15, 103},
      {137, 1, 3, 7, 13, 13, 15, 69},
      {143, 1, 1, 3, 13, 7, 35, 63},
      {145, 1, 3, 5, 9, 1, 25, 53},
      {157, 1, 3, 1, 13, 9, 35, 107},
      {167, 1, 3, 1, 5, 27, 61, 31},
      {171, 1, 1, 5, 11, 19, 41, 61},
      {185, 1, 3, 5, 3, 3, 13, 69},
      {191, 1, 1, 7, 13, 1, 19, 1},
      {193, 1, 3, 7, 5, 13, 19, 59},
      {203, 1, 1, 3, 9, 25, 29, 41},
      {211, 1, 3, 5, 13, 23, 1, 55},
      {213, 1, 3, 7, 3, 13, 59, 17},
      {229, 1, 3, 1, 3, 5, 53, 69},
      {239, 1, 1, 5, 5, 23, 33, 13},
      {241, 1, 1, 7, 7, 1, 61, 123},
      {247, 1, 1, 7, 9, 13, 61, 49},
      {253, 1, 3, 3, 5, 3, 55, 33},
      {285, 1, 3, 1, 15, 31, 13, 49, 245},
      {299, 1, 3, 5, 15, 31, 59, 63, 97},
      {301, 1, 3, 1, 11, 11, 11, 77, 249},
      {333, 1, 3, 1, 11, 27, 43, 71, 9},
      {351, 1, 1, 7, 15, 21, 11, 81, 45},
      {355, 1, 3, 7, 3, 25, 31, 65, 79},
      {357, 1, 3, 1, 1, 19, 11, 3, 205},
      {361, 1, 1, 5, 9, 19, 21, 29, 157},
      {369, 1, 3, 7, 11, 1, 33, 89, 185},
      {391, 1, 3, 3, 3, 15, 9, 79, 71},
      {397, 1, 3, 7, 11, 15, 39, 119, 27},
      {425, 1, 1, 3, 1, 11, 31, 97, 225},
      {451, 1, 1, 1, 3, 23, 43, 57, 177},
      {463, 1, 3, 7, 7, 17, 17, 37, 71},
      {487, 1, 3, 1, 5, 27, 63, 123, 213},
      {501, 1, 1, 3, 5, 11, 43, 53, 133},
      {529, 1, 3, 5, 5, 29, 17, 47, 173, 479},
      {539, 1, 3, 3, 11, 3, 1, 109, 9, 69},
      {545, 1, 1, 1, 5, 17, 39, 23, 5, 343},
      {557, 1, 3, 1, 5, 25, 15, 31, 103, 499},
      {563, 1, 1, 1, 11, 11, 17, 63, 105, 183},
      {601, 1, 1, 5, 11, 9, 29, 97, 231, 363},
      {607, 1, 1, 5, 15, 19, 45, 41, 7, 383},
      {617, 1, 3, 7, 7, 31, 19, 83, 137, 221},
      {623, 1, 1, 1, 3, 23, 15, 111, 223, 83},
      {631, 1, 1, 5, 13, 31, 15, 55, 25, 161},
      {637, 1, 1, 3, 13, 25, 47, 39, 87, 257}
  };

  private final List<String> names;
  private final List<Distribution> distributions;
  private final boolean scramble;
  /** Direction numbers {@code [dim][bit]} as 32-bit fractions, unscrambled. */
  private final int[][] directions;

  /** Scrambled Sobol points over {@code space}. */
  public QmcSampler(SearchSpace space) {
    this(space, true);
  }

  /**
   * Sobol points over {@code space}.
   *
   * @param scramble linear matrix scrambling plus digital shift, seeded by the study seed
   * @throws IllegalArgumentException if the space is empty or has more than {@value
   *     #MAX_DIMENSIONS} parameters
   */
  public QmcSampler(SearchSpace space, boolean scramble) {
    Objects.requireNonNull(space, "space");
    if (space.size() == 0 || space.size() > MAX_DIMENSIONS) {
      throw new IllegalArgumentException("a Sobol space needs 1 to " + MAX_DIMENSIONS
          + " parameters, got " + space.size());
    }
    names = new ArrayList<>(space.distributions().keySet());
    distributions = new ArrayList<>(space.distributions().values());
    this.scramble = scramble;
    directions = new int[space.size()][];
    for (int d = 0; d < space.size(); d++) {
      directions[d] = directionNumbers(d);
    }
  }

  /** The 32 direction numbers of dimension {@code d} (0-based) from the embedded table. */
  static int[] directionNumbers(int d) {
    int[] v = new int[BITS];
    if (d == 0) {
      for (int k = 0; k < BITS; k++) {
        v[k] = 1 << (BITS - 1 - k);
      }
      return v;
    }
    int poly = JOE_KUO[d][0];
    int s = 31 - Integer.numberOfLeadingZeros(poly);
    long[] m = new long[BITS + 1]; // m[1..BITS]
    for (int k = 1; k <= s; k++) {
      m[k] = JOE_KUO[d][k];
    }
    for (int k = s + 1; k <= BITS; k++) {
      long x = m[k - s] ^ (m[k - s] << s);
      for (int i = 1; i < s; i++) {
        if (((poly >>> (s - i)) & 1) != 0) {
          x ^= m[k - i] << i;
        }
      }
      m[k] = x;
    }
    for (int k = 1; k <= BITS; k++) {
      v[k - 1] = (int) (m[k] << (BITS - k));
    }
    return v;
  }

  /**
   * Point {@code index} of the (optionally scrambled) sequence: one coordinate per declared
   * parameter, each in {@code [0, 1)}.
   *
   * @param seed the study seed (scrambling only)
   */
  public double[] point(long seed, long index) {
    if (index < 0 || index >= (1L << BITS)) {
      throw new IllegalArgumentException("Sobol index must be in [0, 2^32), got " + index);
    }
    int[][] v = directions;
    int[] shift = new int[v.length];
    if (scramble) {
      Scrambled sc = cache;
      if (sc == null || sc.seed != seed) {
        sc = new Scrambled(seed, scrambled(seed), shifts(seed));
        cache = sc;
      }
      v = sc.directions;
      shift = sc.shift;
    }
    long gray = index ^ (index >>> 1);
    double[] out = new double[v.length];
    for (int d = 0; d < v.length; d++) {
      int x = shift[d];
      for (int k = 0; k < BITS; k++) {
        if (((gray >>> k) & 1) != 0) {
          x ^= v[d][k];
        }
      }
      out[d] = (x & 0xffffffffL) * 0x1p-32;
    }
    return out;
  }

  private record Scrambled(long seed, int[][] directions, int[] shift) {}

  private volatile Scrambled cache;

  private int[][] scrambled(long seed) {
    SplittableRandom rng = Seeds.rng(seed, "sampler/qmc/scramble", 0);
    int[][] out = new int[directions.length][BITS];
    for (int d = 0; d < directions.length; d++) {
      // lower-triangular binary matrix with unit diagonal; row r acts on digit r (bit 31 - r)
      int[] rows = new int[BITS];
      for (int r = 0; r < BITS; r++) {
        int below = r == 0 ? 0 : (int) (rng.nextLong() >>> (64 - r)); // r random bits
        // columns c < r sit at bits 31 - c, i.e. the top r bits
        rows[r] = (r == 0 ? 0 : below << (BITS - r)) | (1 << (BITS - 1 - r));
      }
      for (int k = 0; k < BITS; k++) {
        int vin = directions[d][k];
        int res = 0;
        for (int r = 0; r < BITS; r++) {
          if ((Integer.bitCount(rows[r] & vin) & 1) != 0) {
            res |= 1 << (BITS - 1 - r);
          }
        }
        out[d][k] = res;
      }
    }
    return out;
  }

  private int[] shifts(long seed) {
    SplittableRandom rng = Seeds.rng(seed, "sampler/qmc/shift", 0);
    int[] out = new int[directions.length];
    for (int d = 0; d < out.length; d++) {
      out[d] = (int) rng.nextLong();
    }
    return out;
  }

  @Override
  public Object sampleIndependent(
      StudyView study, int trialNumber, String name, Distribution distribution) {
    int d = names.indexOf(name);
    if (d < 0) {
      LOG.debug("trial {}: '{}' is not in the Sobol space; sampled at random", trialNumber, name);
      return RandomSampler.sample(
          distribution, Sampler.rng(study.seed(), STREAM, trialNumber, name));
    }
    return fromUnit(distribution, point(study.seed(), trialNumber)[d]);
  }

  /** Maps {@code u} in {@code [0, 1)} to a value of {@code d} (see the class documentation). */
  static Object fromUnit(Distribution d, double u) {
    if (d.isSingle()) {
      return d.singleValue();
    }
    if (d instanceof FloatDistribution f) {
      if (f.step() != null) {
        long k = Math.min(f.gridIntervals(), (long) (u * (f.gridIntervals() + 1)));
        return f.gridValue(k);
      }
      double x = f.log()
          ? StrictMath.exp(StrictMath.log(f.low())
              + u * (StrictMath.log(f.high()) - StrictMath.log(f.low())))
          : f.low() + u * (f.high() - f.low());
      return RandomSampler.clamp(x, f.low(), f.high());
    }
    if (d instanceof IntDistribution i) {
      if (i.log()) {
        double lo = StrictMath.log(i.low() - 0.5);
        double hi = StrictMath.log(i.high() + 0.5);
        long v = Math.round(StrictMath.exp(lo + u * (hi - lo)));
        return Math.max(i.low(), Math.min(i.high(), v));
      }
      long k = Math.min(i.gridIntervals(), (long) (u * (i.gridIntervals() + 1)));
      return i.low() + k * i.step();
    }
    CategoricalDistribution c = (CategoricalDistribution) d;
    int m = c.choices().size();
    return c.choices().get(Math.min(m - 1, (int) (u * m)));
  }

  @Override
  public String toString() {
    return "QmcSampler[sobol, " + names + (scramble ? ", scrambled]" : "]");
  }
}
