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
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bayesian optimisation with a Gaussian process (GP-BO): a Matérn 5/2 ARD Gaussian process fitted
 * to the COMPLETE trials, and the next configuration chosen by maximising log expected
 * improvement.
 *
 * <p>References: J. Snoek, H. Larochelle, R. P. Adams, "Practical Bayesian Optimization of Machine
 * Learning Algorithms", NeurIPS 2012 (Matérn 5/2 ARD kernel, hyperparameters from the data); C. E.
 * Rasmussen and C. K. I. Williams, "Gaussian Processes for Machine Learning", 2006 (posterior,
 * marginal likelihood); S. Ament et al., "Unexpected Improvements to Expected Improvement for
 * Bayesian Optimization", NeurIPS 2023 (log EI).
 *
 * <p><b>Algorithm</b>, for trial {@code t}:
 *
 * <ol>
 *   <li>The joint space is the parameters present, with an equal distribution, in every COMPLETE
 *       trial; others (and every parameter before {@code nStartupTrials} COMPLETE trials exist)
 *       are sampled as {@link RandomSampler} does, with its stream.
 *   <li>Inputs are mapped to {@code [0, 1]}: numeric values linearly ({@code ln x} for log scales),
 *       categorical ones one-hot. Outputs are the values as losses ({@code -v} when maximising),
 *       standardised; non-finite values are left out. At most {@code maxObservations} trials are
 *       used, the most recent ones.
 *   <li>Length scales, signal variance and noise variance maximise the log marginal likelihood
 *       plus weak log-normal priors ({@code ln l ~ N(ln 0.5, 1)}, {@code ln s ~ N(0, 1)}, {@code
 *       ln noise ~ N(ln 1e-3, 1.5^2)}; noise at least {@code 1e-6}), by L-BFGS from the prior
 *       mean and {@code nRestarts - 1} draws from the priors.
 *   <li>Log EI (against the best observed loss) is maximised over {@code nCandidates} random
 *       configurations and perturbations of the five best trials, then the three best are refined
 *       by {@code localSteps} steps of a shrinking Gaussian local search. Candidates are always
 *       feasible configurations: integers and grid values are rounded before they are scored.
 * </ol>
 *
 * <p><b>Cost</b>: with {@code n} observations in {@code D} encoded dimensions, each likelihood
 * evaluation is {@code O(n^3 + n^2 D)} and fitting makes at most {@code nRestarts * (1 + 30)
 * maxFitIterations} of them; scoring a candidate is {@code O(n^2)}. Intended for up to a few
 * hundred trials (about a second per suggestion at {@code n = 300}, {@code D = 10}); beyond that
 * prefer {@link TpeSampler}.
 *
 * <p>Randomness: {@link Sampler#rng} with stream {@value #STREAM} and names {@code "fit"} and
 * {@code "acquisition"}: same seed, trial number and history give the same suggestion. Stateless
 * and thread-safe.
 */
public final class GpSampler implements Sampler {
  private static final Logger LOG = LoggerFactory.getLogger(GpSampler.class);

  /** Stream name used with {@link Sampler#rng}. */
  public static final String STREAM = "gp";

  /**
   * GP-BO settings.
   *
   * @param nStartupTrials COMPLETE trials sampled at random first, {@code >= 1}; default 10
   * @param nCandidates random candidates scored per suggestion, {@code >= 1}; default 1000
   * @param nRestarts hyperparameter fits from different starts, {@code >= 1}; default 3
   * @param maxFitIterations L-BFGS iterations per fit, {@code >= 1}; default 50
   * @param localSteps local-search steps per refined candidate, {@code >= 0}; default 30
   * @param maxObservations most recent COMPLETE trials used, {@code >= 2}; default 400
   */
  public record Options(
      int nStartupTrials,
      int nCandidates,
      int nRestarts,
      int maxFitIterations,
      int localSteps,
      int maxObservations) {

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException if a setting is outside its documented range
     */
    public Options {
      check(nStartupTrials >= 1, "nStartupTrials", nStartupTrials, ">= 1");
      check(nCandidates >= 1, "nCandidates", nCandidates, ">= 1");
      check(nRestarts >= 1, "nRestarts", nRestarts, ">= 1");
      check(maxFitIterations >= 1, "maxFitIterations", maxFitIterations, ">= 1");
      check(localSteps >= 0, "localSteps", localSteps, ">= 0");
      check(maxObservations >= 2, "maxObservations", maxObservations, ">= 2");
    }

    private static void check(boolean ok, String name, Object value, String rule) {
      if (!ok) {
        throw new IllegalArgumentException(
            "GP option " + name + " was " + value + " but must be " + rule);
      }
    }

    /** The defaults documented above. */
    public static Options defaults() {
      return new Options(10, 1000, 3, 50, 30, 400);
    }

    /** A copy with {@code nStartupTrials} replaced. */
    public Options withNStartupTrials(int v) {
      return new Options(v, nCandidates, nRestarts, maxFitIterations, localSteps, maxObservations);
    }
  }

  private static final double LS_PRIOR_MEAN = StrictMath.log(0.5);
  private static final double LS_PRIOR_SD = 1.0;
  private static final double SIGNAL_PRIOR_SD = 1.0;
  private static final double NOISE_PRIOR_MEAN = StrictMath.log(1e-3);
  private static final double NOISE_PRIOR_SD = 1.5;

  private final Options options;

  /** GP-BO with {@link Options#defaults()}. */
  public GpSampler() {
    this(Options.defaults());
  }

  /** GP-BO with the given options. */
  public GpSampler(Options options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  /** The options in use. */
  public Options options() {
    return options;
  }

  @Override
  public Map<String, Distribution> inferRelativeSpace(StudyView study, int trialNumber) {
    List<TrialRecord> complete = complete(study);
    if (complete.size() < options.nStartupTrials()) {
      return Map.of();
    }
    Map<String, Distribution> space = new TreeMap<>(TpeSampler.intersection(complete));
    space.values().removeIf(Distribution::isSingle);
    return space;
  }

  private static List<TrialRecord> complete(StudyView study) {
    List<TrialRecord> out = new ArrayList<>();
    for (TrialRecord t : study.trials()) {
      if (t.state() == TrialState.COMPLETE && Double.isFinite(t.value())) {
        out.add(t);
      }
    }
    return out;
  }

  @Override
  public Map<String, Object> sampleRelative(
      StudyView study, int trialNumber, Map<String, Distribution> space) {
    if (space.isEmpty()) {
      return Map.of();
    }
    Encoder enc = new Encoder(new TreeMap<>(space));
    List<TrialRecord> obs = new ArrayList<>();
    for (TrialRecord t : complete(study)) {
      if (enc.accepts(t.params())) {
        obs.add(t);
      }
    }
    if (obs.size() > options.maxObservations()) {
      obs = obs.subList(obs.size() - options.maxObservations(), obs.size());
    }
    if (obs.size() < 2) {
      return Map.of();
    }
    int n = obs.size();
    double[][] x = new double[n][];
    double[] y = new double[n];
    double mean = 0;
    for (int i = 0; i < n; i++) {
      x[i] = enc.encode(obs.get(i).params());
      y[i] = study.direction().toLoss(obs.get(i).value());
      mean += y[i];
    }
    mean /= n;
    double var = 0;
    for (double v : y) {
      var += (v - mean) * (v - mean);
    }
    double sd = Math.sqrt(var / n);
    if (!(sd > 0)) {
      sd = 1;
    }
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      y[i] = (y[i] - mean) / sd;
      best = Math.min(best, y[i]);
    }
    double[] theta = fit(x, y, Sampler.rng(study.seed(), STREAM, trialNumber, "fit"));
    GaussianProcess gp = gp(x, y, theta);
    if (gp == null) {
      LOG.debug("trial {}: GP fit failed, sampling at random", trialNumber);
      return Map.of();
    }
    double[] chosen = maximiseAcquisition(gp, enc, x, y, best,
        Sampler.rng(study.seed(), STREAM, trialNumber, "acquisition"));
    return enc.decode(chosen);
  }

  @Override
  public Object sampleIndependent(
      StudyView study, int trialNumber, String name, Distribution distribution) {
    return RandomSampler.sample(
        distribution, Sampler.rng(study.seed(), RandomSampler.STREAM, trialNumber, name));
  }

  static GaussianProcess gp(double[][] x, double[] y, double[] theta) {
    int dim = theta.length - 2;
    double[] ls = new double[dim];
    for (int d = 0; d < dim; d++) {
      ls[d] = StrictMath.exp(theta[d]);
    }
    try {
      return new GaussianProcess(x, y, ls, StrictMath.exp(theta[dim]),
          GaussianProcess.NOISE_FLOOR + StrictMath.exp(theta[dim + 1]));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Hyperparameters {@code theta} maximising log marginal likelihood plus log prior. */
  double[] fit(double[][] x, double[] y, SplittableRandom rng) {
    int dim = x[0].length;
    Lbfgs.Function f = (theta, g) -> {
      double[][] vg = GaussianProcess.logMarginalLikelihoodAndGradient(x, y, theta);
      double v = vg[0][0];
      if (!Double.isFinite(v)) {
        return Double.POSITIVE_INFINITY;
      }
      for (int i = 0; i < theta.length; i++) {
        g[i] = -vg[1][i];
      }
      for (int d = 0; d < dim; d++) {
        double z = (theta[d] - LS_PRIOR_MEAN) / LS_PRIOR_SD;
        v -= 0.5 * z * z;
        g[d] += z / LS_PRIOR_SD;
      }
      double zs = theta[dim] / SIGNAL_PRIOR_SD;
      v -= 0.5 * zs * zs;
      g[dim] += zs / SIGNAL_PRIOR_SD;
      double zn = (theta[dim + 1] - NOISE_PRIOR_MEAN) / NOISE_PRIOR_SD;
      v -= 0.5 * zn * zn;
      g[dim + 1] += zn / NOISE_PRIOR_SD;
      return -v;
    };
    double[] bestTheta = null;
    double bestValue = Double.POSITIVE_INFINITY;
    double[] scratch = new double[dim + 2];
    for (int r = 0; r < options.nRestarts(); r++) {
      double[] start = new double[dim + 2];
      for (int d = 0; d < dim; d++) {
        start[d] = LS_PRIOR_MEAN + (r == 0 ? 0 : LS_PRIOR_SD * NormalMath.standardNormal(rng));
      }
      start[dim] = r == 0 ? 0 : SIGNAL_PRIOR_SD * NormalMath.standardNormal(rng);
      start[dim + 1] = NOISE_PRIOR_MEAN + (r == 0 ? 0 : NOISE_PRIOR_SD
          * NormalMath.standardNormal(rng));
      double[] t = Lbfgs.minimize(f, start, 6, options.maxFitIterations());
      double v = f.valueAndGradient(t, scratch);
      if (bestTheta == null || v < bestValue) {
        bestTheta = t;
        bestValue = v;
      }
    }
    return bestTheta;
  }

  private double[] maximiseAcquisition(GaussianProcess gp, Encoder enc, double[][] x, double[] y,
      double best, SplittableRandom rng) {
    int keep = 3;
    double[][] top = new double[keep][];
    double[] topScore = new double[keep];
    java.util.Arrays.fill(topScore, Double.NEGATIVE_INFINITY);
    // the five best observations, perturbed
    Integer[] order = new Integer[x.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(y[a], y[b]));
    int nLocal = Math.min(5, x.length);
    int total = options.nCandidates();
    for (int c = 0; c < total; c++) {
      double[] u;
      if (c % 5 == 4) {
        u = enc.perturb(x[order[(c / 5) % nLocal]], 0.1, rng);
      } else {
        u = enc.randomPoint(rng);
      }
      double s = score(gp, u, best);
      insert(top, topScore, u, s);
    }
    double[] winner = top[0];
    double winnerScore = topScore[0];
    for (int k = 0; k < keep && top[k] != null; k++) {
      double[] cur = top[k];
      double curScore = topScore[k];
      double sigma = 0.1;
      for (int step = 0; step < options.localSteps(); step++) {
        double[] cand = enc.perturb(cur, sigma, rng);
        double s = score(gp, cand, best);
        if (s > curScore) {
          cur = cand;
          curScore = s;
        } else {
          sigma = Math.max(1e-3, sigma * 0.85);
        }
      }
      if (curScore > winnerScore) {
        winner = cur;
        winnerScore = curScore;
      }
    }
    return winner;
  }

  private static void insert(double[][] top, double[] topScore, double[] u, double s) {
    if (!(s > topScore[top.length - 1]) && top[top.length - 1] != null) {
      return;
    }
    int i = top.length - 1;
    while (i > 0 && (top[i - 1] == null || s > topScore[i - 1])) {
      top[i] = top[i - 1];
      topScore[i] = topScore[i - 1];
      i--;
    }
    top[i] = u;
    topScore[i] = s;
  }

  private static double score(GaussianProcess gp, double[] u, double best) {
    double[] mv = gp.posterior(u);
    return ExpectedImprovement.logEi(mv[0], Math.sqrt(mv[1]), best);
  }

  /**
   * Maps configurations of a space (names sorted) to points of {@code [0, 1]^D} and back: numeric
   * values linearly (log scales in {@code ln x}), categorical values one-hot.
   */
  static final class Encoder {
    final List<String> names;
    final Distribution[] dists;
    final int[] offset;
    final int width;

    Encoder(Map<String, Distribution> space) {
      names = new ArrayList<>(space.keySet());
      dists = new Distribution[names.size()];
      offset = new int[names.size()];
      int w = 0;
      for (int d = 0; d < dists.length; d++) {
        dists[d] = space.get(names.get(d));
        offset[d] = w;
        w += dists[d] instanceof CategoricalDistribution c ? c.choices().size() : 1;
      }
      width = w;
    }

    boolean accepts(Map<String, Object> params) {
      for (int d = 0; d < dists.length; d++) {
        Object v = params.get(names.get(d));
        if (v == null || !dists[d].contains(v)) {
          return false;
        }
      }
      return true;
    }

    double[] encode(Map<String, Object> params) {
      double[] u = new double[width];
      for (int d = 0; d < dists.length; d++) {
        Object v = params.get(names.get(d));
        if (dists[d] instanceof CategoricalDistribution c) {
          u[offset[d] + c.choices().indexOf((String) v)] = 1.0;
        } else {
          u[offset[d]] = unit(dists[d], ((Number) v).doubleValue());
        }
      }
      return u;
    }

    static double unit(Distribution d, double v) {
      double lo;
      double hi;
      boolean log;
      if (d instanceof FloatDistribution f) {
        lo = f.low();
        hi = f.high();
        log = f.log();
      } else {
        IntDistribution i = (IntDistribution) d;
        lo = i.low();
        hi = i.high();
        log = i.log();
      }
      if (log) {
        return (StrictMath.log(v) - StrictMath.log(lo)) / (StrictMath.log(hi) - StrictMath.log(lo));
      }
      return (v - lo) / (hi - lo);
    }

    /** The feasible value nearest to unit coordinate {@code u} (clamped to {@code [0, 1]}). */
    static Object value(Distribution d, double u) {
      u = Math.max(0, Math.min(1, u));
      if (d instanceof FloatDistribution f) {
        double v = f.log()
            ? StrictMath.exp(StrictMath.log(f.low())
                + u * (StrictMath.log(f.high()) - StrictMath.log(f.low())))
            : f.low() + u * (f.high() - f.low());
        if (f.step() != null) {
          long k = Math.round((v - f.low()) / f.step());
          return f.gridValue(Math.max(0, Math.min(f.gridIntervals(), k)));
        }
        return RandomSampler.clamp(v, f.low(), f.high());
      }
      IntDistribution i = (IntDistribution) d;
      double v = i.log()
          ? StrictMath.exp(StrictMath.log(i.low())
              + u * (StrictMath.log(i.high()) - StrictMath.log(i.low())))
          : i.low() + u * (i.high() - i.low());
      long k = Math.round((v - i.low()) / i.step());
      return i.low() + Math.max(0, Math.min(i.gridIntervals(), k)) * i.step();
    }

    Map<String, Object> decode(double[] u) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (int d = 0; d < dists.length; d++) {
        if (dists[d] instanceof CategoricalDistribution c) {
          int best = 0;
          for (int k = 1; k < c.choices().size(); k++) {
            if (u[offset[d] + k] > u[offset[d] + best]) {
              best = k;
            }
          }
          out.put(names.get(d), c.choices().get(best));
        } else {
          out.put(names.get(d), value(dists[d], u[offset[d]]));
        }
      }
      return out;
    }

    /** A uniformly random feasible configuration, encoded. */
    double[] randomPoint(SplittableRandom rng) {
      Map<String, Object> p = new LinkedHashMap<>();
      for (int d = 0; d < dists.length; d++) {
        p.put(names.get(d), RandomSampler.sample(dists[d], rng));
      }
      return encode(p);
    }

    /**
     * A feasible neighbour of {@code u}: numeric coordinates moved by {@code N(0, sigma^2)} and
     * rounded to a value; each categorical redrawn with probability {@code 1/D}.
     */
    double[] perturb(double[] u, double sigma, SplittableRandom rng) {
      Map<String, Object> p = new LinkedHashMap<>();
      Map<String, Object> cur = decode(u);
      for (int d = 0; d < dists.length; d++) {
        if (dists[d] instanceof CategoricalDistribution c) {
          boolean redraw = rng.nextDouble() < 1.0 / dists.length;
          p.put(names.get(d), redraw
              ? c.choices().get((int) RandomSampler.uniformIndex(rng, c.choices().size()))
              : cur.get(names.get(d)));
        } else {
          p.put(names.get(d),
              value(dists[d], u[offset[d]] + sigma * NormalMath.standardNormal(rng)));
        }
      }
      return encode(p);
    }
  }

  @Override
  public String toString() {
    return "GpSampler" + options;
  }
}
