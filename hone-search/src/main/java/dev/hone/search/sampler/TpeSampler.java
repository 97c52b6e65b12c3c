package dev.hone.search.sampler;

import dev.hone.search.space.CategoricalDistribution;
import dev.hone.search.space.Distribution;
import dev.hone.search.space.FloatDistribution;
import dev.hone.search.space.IntDistribution;
import dev.hone.search.study.Direction;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tree-structured Parzen Estimator (TPE), independent per parameter.
 *
 * <p>References: J. Bergstra, R. Bardenet, Y. Bengio, B. Kégl, "Algorithms for Hyper-Parameter
 * Optimization", NeurIPS 2011; J. Bergstra, D. Yamins, D. Cox, "Making a Science of Model Search:
 * Hyperparameter Optimization in Hundreds of Dimensions for Vision Architectures", ICML 2013; S.
 * Watanabe, "Tree-Structured Parzen Estimator: Understanding Its Algorithm Components and Their
 * Roles for Better Empirical Performance", arXiv:2304.11127, 2023. Defaults follow Optuna's {@code
 * TPESampler} (univariate mode).
 *
 * <p><b>Algorithm</b>, for parameter {@code x} of trial {@code t}:
 *
 * <ol>
 *   <li>Observations are the trials of the history that are COMPLETE or PRUNED; let {@code n} be
 *       their number. If {@code n < nStartupTrials}, sample as {@link RandomSampler} does (with the
 *       same generator, so the first trials equal those of a random search with the same seed).
 *   <li>Rank the observations, best first: COMPLETE trials by their value as a loss ({@code v} when
 *       minimising, {@code -v} when maximising); then PRUNED trials, those pruned at a later step
 *       first and, at equal steps, by their last intermediate value as a loss (NaN last); then
 *       PRUNED trials with no intermediate value. Ties keep trial order. (Pruned trials are thus
 *       kept as evidence, always ranked after every complete one, as in Optuna.)
 *   <li>The best {@code gamma(n) = min(ceil(gammaFraction * n), gammaCap)} form the "good" set, the
 *       rest the "bad" set. Within each set, trials that lack {@code x}, or whose value of {@code x}
 *       is not in the current distribution, are left out of {@code x}'s model.
 *   <li>Fit Parzen estimators {@code l(x)} on the good values and {@code g(x)} on the bad ones in the
 *       internal space ({@code ln x} for log scales; grids widened by half a step each side),
 *       including a prior kernel of weight {@code priorWeight}. Continuous parameters use truncated
 *       Gaussian kernels, discrete ones (steps, integers) the Gaussian mass of each value's rounding
 *       cell, categorical ones smoothed counts; see {@code ParzenEstimator}.
 *   <li>Draw {@code nEiCandidates} candidates from {@code l} and return the one maximising {@code
 *       log l(x) - log g(x)}, which maximises expected improvement under the TPE model (Bergstra et
 *       al. 2011, Section 4.1). Ties go to the earliest candidate.
 * </ol>
 *
 * <p>Candidates are drawn from {@link Sampler#rng} with stream {@value #STREAM} (trial number and
 * parameter name included), and all arithmetic uses {@link StrictMath}: same seed and same
 * history give bit-for-bit the same value. The sampler is stateless and thread-safe. RUNNING
 * trials are ignored (no "constant liar"); with concurrent workers, trials asked at the same time
 * may therefore receive similar suggestions.
 */
public final class TpeSampler implements Sampler {
  private static final Logger LOG = LoggerFactory.getLogger(TpeSampler.class);

  /** Stream name used with {@link Sampler#rng}. */
  public static final String STREAM = "tpe";

  /**
   * TPE settings. Defaults ({@link #defaults()}) are Optuna's.
   *
   * @param nStartupTrials COMPLETE/PRUNED trials sampled at random before TPE starts, {@code >= 0};
   *     default {@value #DEFAULT_N_STARTUP_TRIALS}
   * @param nEiCandidates candidates drawn from {@code l(x)} per suggestion, {@code >= 1}; default
   *     {@value #DEFAULT_N_EI_CANDIDATES}
   * @param gammaFraction fraction of observations in the good set, in {@code (0, 1]}; default
   *     {@value #DEFAULT_GAMMA_FRACTION}
   * @param gammaCap largest size of the good set, {@code >= 1}; default {@value
   *     #DEFAULT_GAMMA_CAP} (with the fraction: Optuna's {@code default_gamma(n) = min(ceil(0.1 n),
   *     25)})
   * @param priorWeight weight of the prior kernel relative to an observation's weight 1, {@code >
   *     0}; default {@value #DEFAULT_PRIOR_WEIGHT}
   * @param considerEndpoints whether the range ends count as neighbours when setting the bandwidth
   *     of the smallest and largest observation; default {@value #DEFAULT_CONSIDER_ENDPOINTS}
   * @param clipBandwidth whether to bound every bandwidth below by {@code range / min(100, K + 1)}
   *     for {@code K} kernels (see {@code ParzenEstimator.Numeric}); default {@value
   *     #DEFAULT_CLIP_BANDWIDTH}
   * @param forgettingWindow number of most recent observations of each set that keep full weight;
   *     older ones get a linear ramp (Bergstra et al. 2013), {@code >= 1}; default {@value
   *     #DEFAULT_FORGETTING_WINDOW}
   */
  public record Options(
      int nStartupTrials,
      int nEiCandidates,
      double gammaFraction,
      int gammaCap,
      double priorWeight,
      boolean considerEndpoints,
      boolean clipBandwidth,
      int forgettingWindow) {

    public static final int DEFAULT_N_STARTUP_TRIALS = 10;
    public static final int DEFAULT_N_EI_CANDIDATES = 24;
    public static final double DEFAULT_GAMMA_FRACTION = 0.1;
    public static final int DEFAULT_GAMMA_CAP = 25;
    public static final double DEFAULT_PRIOR_WEIGHT = 1.0;
    public static final boolean DEFAULT_CONSIDER_ENDPOINTS = false;
    public static final boolean DEFAULT_CLIP_BANDWIDTH = true;
    public static final int DEFAULT_FORGETTING_WINDOW = 25;

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException if a setting is outside the range documented above
     */
    public Options {
      check(nStartupTrials >= 0, "nStartupTrials", nStartupTrials, ">= 0");
      check(nEiCandidates >= 1, "nEiCandidates", nEiCandidates, ">= 1");
      check(gammaFraction > 0 && gammaFraction <= 1, "gammaFraction", gammaFraction, "in (0, 1]");
      check(gammaCap >= 1, "gammaCap", gammaCap, ">= 1");
      check(priorWeight > 0 && Double.isFinite(priorWeight), "priorWeight", priorWeight, "> 0");
      check(forgettingWindow >= 1, "forgettingWindow", forgettingWindow, ">= 1");
    }

    private static void check(boolean ok, String name, Object value, String rule) {
      if (!ok) {
        throw new IllegalArgumentException(
            "TPE option " + name + " was " + value + " but must be " + rule);
      }
    }

    /** Optuna's defaults. */
    public static Options defaults() {
      return new Options(
          DEFAULT_N_STARTUP_TRIALS,
          DEFAULT_N_EI_CANDIDATES,
          DEFAULT_GAMMA_FRACTION,
          DEFAULT_GAMMA_CAP,
          DEFAULT_PRIOR_WEIGHT,
          DEFAULT_CONSIDER_ENDPOINTS,
          DEFAULT_CLIP_BANDWIDTH,
          DEFAULT_FORGETTING_WINDOW);
    }

    /** A copy with {@code nStartupTrials} replaced. */
    public Options withNStartupTrials(int v) {
      return new Options(v, nEiCandidates, gammaFraction, gammaCap, priorWeight,
          considerEndpoints, clipBandwidth, forgettingWindow);
    }

    /** A copy with {@code nEiCandidates} replaced. */
    public Options withNEiCandidates(int v) {
      return new Options(nStartupTrials, v, gammaFraction, gammaCap, priorWeight,
          considerEndpoints, clipBandwidth, forgettingWindow);
    }

    /** A copy with {@code gammaFraction} and {@code gammaCap} replaced. */
    public Options withGamma(double fraction, int cap) {
      return new Options(nStartupTrials, nEiCandidates, fraction, cap, priorWeight,
          considerEndpoints, clipBandwidth, forgettingWindow);
    }

    /** A copy with {@code priorWeight} replaced. */
    public Options withPriorWeight(double v) {
      return new Options(nStartupTrials, nEiCandidates, gammaFraction, gammaCap, v,
          considerEndpoints, clipBandwidth, forgettingWindow);
    }

    /** A copy with {@code considerEndpoints} replaced. */
    public Options withConsiderEndpoints(boolean v) {
      return new Options(nStartupTrials, nEiCandidates, gammaFraction, gammaCap, priorWeight,
          v, clipBandwidth, forgettingWindow);
    }

    /** A copy with {@code clipBandwidth} replaced. */
    public Options withClipBandwidth(boolean v) {
      return new Options(nStartupTrials, nEiCandidates, gammaFraction, gammaCap, priorWeight,
          considerEndpoints, v, forgettingWindow);
    }

    /** The size of the good set for {@code n} observations: {@code min(ceil(fraction n), cap)}. */
    public int gamma(int n) {
      return (int) Math.min(Math.ceil(gammaFraction * n), gammaCap);
    }
  }

  private final Options options;

  /** TPE with {@link Options#defaults()}. */
  public TpeSampler() {
    this(Options.defaults());
  }

  /** TPE with the given options. */
  public TpeSampler(Options options) {
    this.options = java.util.Objects.requireNonNull(options, "options");
  }

  /** The options in use. */
  public Options options() {
    return options;
  }

  @Override
  public Object sampleIndependent(
      StudyView study, int trialNumber, String name, Distribution distribution) {
    if (distribution.isSingle()) {
      return distribution.singleValue();
    }
    List<TrialRecord> ranked = rank(study.trials(), study.direction());
    int n = ranked.size();
    if (n < options.nStartupTrials()) {
      LOG.debug(
          "trial {} param '{}': random sampling ({} of {} startup trials done)",
          trialNumber, name, n, options.nStartupTrials());
      return RandomSampler.sample(
          distribution, Sampler.rng(study.seed(), RandomSampler.STREAM, trialNumber, name));
    }
    int nBelow = options.gamma(n);
    List<TrialRecord> below = chronological(ranked.subList(0, nBelow));
    List<TrialRecord> above = chronological(ranked.subList(nBelow, n));
    SplittableRandom rng = Sampler.rng(study.seed(), STREAM, trialNumber, name);
    if (distribution instanceof CategoricalDistribution c) {
      return sampleCategorical(c, values(below, name, c), values(above, name, c), rng);
    }
    return sampleNumeric(distribution, values(below, name, distribution),
        values(above, name, distribution), rng);
  }

  /** The COMPLETE and PRUNED trials, best first (see the class documentation). */
  static List<TrialRecord> rank(List<TrialRecord> trials, Direction direction) {
    List<TrialRecord> obs = new ArrayList<>();
    for (TrialRecord t : trials) {
      if ((t.state() == TrialState.COMPLETE && t.value() != null)
          || t.state() == TrialState.PRUNED) {
        obs.add(t);
      }
    }
    Comparator<TrialRecord> cmp =
        Comparator.comparingInt(TpeSampler::group)
            .thenComparing(Comparator.comparingInt(TpeSampler::lastStep).reversed())
            .thenComparingDouble(t -> rankLoss(t, direction))
            .thenComparingInt(TrialRecord::number);
    obs.sort(cmp);
    return obs;
  }

  private static int group(TrialRecord t) {
    if (t.state() == TrialState.COMPLETE) {
      return 0;
    }
    return t.intermediateValues().isEmpty() ? 2 : 1;
  }

  private static int lastStep(TrialRecord t) {
    if (t.state() != TrialState.PRUNED || t.intermediateValues().isEmpty()) {
      return 0;
    }
    int max = Integer.MIN_VALUE;
    for (int step : t.intermediateValues().keySet()) {
      max = Math.max(max, step);
    }
    return max;
  }

  private static double rankLoss(TrialRecord t, Direction direction) {
    double v;
    if (t.state() == TrialState.COMPLETE) {
      v = t.value();
    } else if (t.intermediateValues().isEmpty()) {
      return 0.0;
    } else {
      v = t.intermediateValues().get(lastStep(t));
    }
    return Double.isNaN(v) ? Double.POSITIVE_INFINITY : direction.toLoss(v);
  }

  private static List<TrialRecord> chronological(List<TrialRecord> trials) {
    List<TrialRecord> out = new ArrayList<>(trials);
    out.sort(Comparator.comparingInt(TrialRecord::number));
    return out;
  }

  /** External values of {@code name} in {@code trials} that are values of {@code d}. */
  private static List<Object> values(List<TrialRecord> trials, String name, Distribution d) {
    List<Object> out = new ArrayList<>();
    for (TrialRecord t : trials) {
      Map<String, Object> p = t.params();
      if (p.containsKey(name) && d.contains(p.get(name))) {
        out.add(p.get(name));
      }
    }
    return out;
  }

  private Object sampleCategorical(
      CategoricalDistribution d, List<Object> below, List<Object> above, SplittableRandom rng) {
    int m = d.choices().size();
    ParzenEstimator.Categorical l = new ParzenEstimator.Categorical(
        indices(d, below), m, options.priorWeight(), options.forgettingWindow());
    ParzenEstimator.Categorical g = new ParzenEstimator.Categorical(
        indices(d, above), m, options.priorWeight(), options.forgettingWindow());
    int best = -1;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < options.nEiCandidates(); c++) {
      int k = l.sample(rng);
      double s = score(l.logProb(k), g.logProb(k));
      if (best < 0 || s > bestScore) {
        best = k;
        bestScore = s;
      }
    }
    return d.choices().get(best);
  }

  private static int[] indices(CategoricalDistribution d, List<Object> values) {
    int[] out = new int[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (int) d.toInternal(values.get(i));
    }
    return out;
  }

  /** The Parzen space of a numeric distribution: transform, bounds and value mapping. */
  abstract static class NumericSpace {
    double lo;
    double hi;

    abstract double transform(Object external);

    /** Nearest value of the distribution to the transformed point {@code y}. */
    abstract Object snap(double y);

    /** Log-likelihood of an external value under {@code pe}. */
    abstract double logLik(ParzenEstimator.Numeric pe, Object external);
  }

  static NumericSpace spaceOf(Distribution d) {
    if (d instanceof FloatDistribution f) {
      if (f.log()) {
        return new NumericSpace() {
          { lo = StrictMath.log(f.low()); hi = StrictMath.log(f.high()); }

          double transform(Object x) {
            return StrictMath.log(((Number) x).doubleValue());
          }

          Object snap(double y) {
            return RandomSampler.clamp(StrictMath.exp(y), f.low(), f.high());
          }

          double logLik(ParzenEstimator.Numeric pe, Object x) {
            return pe.logDensity(transform(x));
          }
        };
      }
      if (f.step() == null) {
        return new NumericSpace() {
          { lo = f.low(); hi = f.high(); }

          double transform(Object x) {
            return ((Number) x).doubleValue();
          }

          Object snap(double y) {
            return RandomSampler.clamp(y, f.low(), f.high());
          }

          double logLik(ParzenEstimator.Numeric pe, Object x) {
            return pe.logDensity(transform(x));
          }
        };
      }
      double q = f.step();
      long kMax = f.gridIntervals();
      return new NumericSpace() {
        { lo = f.low() - 0.5 * q; hi = f.gridMax() + 0.5 * q; }

        double transform(Object x) {
          return ((Number) x).doubleValue();
        }

        Object snap(double y) {
          long k = Math.round((y - f.low()) / q);
          return f.gridValue(Math.max(0, Math.min(kMax, k)));
        }

        double logLik(ParzenEstimator.Numeric pe, Object x) {
          double v = transform(x);
          return pe.logCellMass(v - 0.5 * q, v + 0.5 * q);
        }
      };
    }
    IntDistribution i = (IntDistribution) d;
    if (i.log()) {
      return new NumericSpace() {
        { lo = StrictMath.log(i.low() - 0.5); hi = StrictMath.log(i.high() + 0.5); }

        double transform(Object x) {
          return StrictMath.log(((Number) x).doubleValue());
        }

        Object snap(double y) {
          return Math.max(i.low(), Math.min(i.high(), Math.round(StrictMath.exp(y))));
        }

        double logLik(ParzenEstimator.Numeric pe, Object x) {
          long v = ((Number) x).longValue();
          return pe.logCellMass(StrictMath.log(v - 0.5), StrictMath.log(v + 0.5));
        }
      };
    }
    long q = i.step();
    long kMax = i.gridIntervals();
    return new NumericSpace() {
      { lo = i.low() - 0.5 * q; hi = i.gridMax() + 0.5 * q; }

      double transform(Object x) {
        return ((Number) x).doubleValue();
      }

      Object snap(double y) {
        long k = Math.round((y - i.low()) / q);
        return i.low() + Math.max(0, Math.min(kMax, k)) * q;
      }

      double logLik(ParzenEstimator.Numeric pe, Object x) {
        double v = transform(x);
        return pe.logCellMass(v - 0.5 * q, v + 0.5 * q);
      }
    };
  }

  private Object sampleNumeric(
      Distribution d, List<Object> below, List<Object> above, SplittableRandom rng) {
    NumericSpace sp = spaceOf(d);
    ParzenEstimator.Numeric l = estimator(sp, below);
    ParzenEstimator.Numeric g = estimator(sp, above);
    Object best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < options.nEiCandidates(); c++) {
      Object x = sp.snap(l.sample(rng));
      double s = score(sp.logLik(l, x), sp.logLik(g, x));
      if (best == null || s > bestScore) {
        best = x;
        bestScore = s;
      }
    }
    return best;
  }

  private ParzenEstimator.Numeric estimator(NumericSpace sp, List<Object> values) {
    double[] obs = new double[values.size()];
    for (int k = 0; k < obs.length; k++) {
      obs[k] = sp.transform(values.get(k));
    }
    return new ParzenEstimator.Numeric(obs, sp.lo, sp.hi, options.priorWeight(),
        options.forgettingWindow(), options.considerEndpoints(), options.clipBandwidth());
  }

  /** {@code log l - log g}, with an explicit order for infinities and NaN. */
  private static double score(double logL, double logG) {
    if (logG == Double.NEGATIVE_INFINITY) {
      return logL == Double.NEGATIVE_INFINITY ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    double s = logL - logG;
    return Double.isNaN(s) ? Double.NEGATIVE_INFINITY : s;
  }

  @Override
  public String toString() {
    return "TpeSampler" + options;
  }
}
