package dev.hone.search.sampler;

import dev.hone.search.space.CategoricalDistribution;
import dev.hone.search.space.Distribution;
import dev.hone.search.space.FloatDistribution;
import dev.hone.search.space.IntDistribution;
import dev.hone.search.study.Direction;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tree-structured Parzen Estimator (TPE), per parameter or jointly over groups of parameters.
 *
 * <p>References: J. Bergstra, R. Bardenet, Y. Bengio, B. Kégl, "Algorithms for Hyper-Parameter
 * Optimization", NeurIPS 2011; J. Bergstra, D. Yamins, D. Cox, "Making a Science of Model Search:
 * Hyperparameter Optimization in Hundreds of Dimensions for Vision Architectures", ICML 2013; S.
 * Falkner, A. Klein, F. Hutter, "BOHB: Robust and Efficient Hyperparameter Optimization at Scale",
 * ICML 2018 (the multivariate kernel estimator); S. Watanabe, "Tree-Structured Parzen Estimator:
 * Understanding Its Algorithm Components and Their Roles for Better Empirical Performance",
 * arXiv:2304.11127, 2023. Defaults follow Optuna's {@code TPESampler}, except {@code
 * constantLiar} (see {@link Options}).
 *
 * <p><b>Algorithm</b>, for parameter {@code x} of trial {@code t} (univariate mode):
 *
 * <ol>
 *   <li>Observations are the trials of the history that are COMPLETE or PRUNED; let {@code n} be
 *       their number. If {@code n < nStartupTrials}, sample as {@link RandomSampler} does (with the
 *       same generator, so the first trials equal those of a random search with the same seed).
 *   <li>Rank the observations, best first: COMPLETE trials by their value as a loss ({@code v} when
 *       minimising, {@code -v} when maximising); then COMPLETE trials that violate a
 *       post-evaluation constraint, by total violation; then PRUNED trials, those pruned at a later step
 *       first and, at equal steps, by their last intermediate value as a loss (NaN last); then
 *       PRUNED trials with no intermediate value; then, with {@code constantLiar}, the RUNNING
 *       trials (the "constant liar" of Ginsbourger et al. 2010 as Optuna applies it: a trial still
 *       running counts as the worst observation, so its parameters go to the "bad" model and
 *       concurrent workers are steered away from each other). Ties keep trial order. FAIL trials
 *       are never observations.
 *   <li>The best {@code gamma(n) = min(ceil(gammaFraction * n), gammaCap)} form the "good" set
 *       (RUNNING trials never do), the rest the "bad" set. Within each set, trials that lack {@code
 *       x} (a conditional parameter that was inactive), or whose value of {@code x} is not in the
 *       current distribution, are left out of {@code x}'s model; they are never imputed.
 *   <li>Fit Parzen estimators {@code l(x)} on the good values and {@code g(x)} on the bad ones in the
 *       internal space ({@code ln x} for log scales; grids widened by half a step each side),
 *       including a prior kernel of weight {@code priorWeight}. Continuous parameters use truncated
 *       Gaussian kernels (scored with unit peak height unless {@code normalizedKernels}, see
 *       {@link Options}), discrete ones (steps, integers) the Gaussian mass of each value's
 *       rounding cell, categorical ones smoothed counts; see {@code ParzenEstimator}.
 *   <li>Draw {@code nEiCandidates} candidates from {@code l} and return the one maximising {@code
 *       log l(x) - log g(x)}, which maximises expected improvement under the TPE model (Bergstra et
 *       al. 2011, Section 4.1). Ties go to the earliest candidate.
 * </ol>
 *
 * <p><b>Multivariate mode</b> ({@code multivariate = true}): the parameters of the relative search
 * space are sampled jointly. {@code l} and {@code g} then have one kernel per observation over all
 * parameters at once (a product of the per-parameter kernels above), with the bandwidth of
 * Falkner et al. (2018) as in Optuna: {@code sigma = 0.2 * max(n, 1)^(-1/(d + 4)) * (high - low)}
 * for {@code n} observations in {@code d} dimensions, clipped like the univariate ones; candidates
 * are drawn jointly from {@code l} (a kernel, then each coordinate from it). The relative space is
 * the parameters present with an equal distribution in every COMPLETE/PRUNED trial (Optuna's
 * intersection search space); others are sampled in univariate mode.
 *
 * <p><b>Groups</b> ({@code group = true}, requires {@code multivariate}): the history's parameters
 * are split into groups of parameters that always appear together (each trial's parameter set is a
 * union of groups: start from no groups and refine by every COMPLETE/PRUNED trial's set, as in
 * Optuna's {@code group=True}), and each group is sampled jointly from the trials that have all of
 * its parameters. This is the right mode for conditional spaces: a parameter that is inactive in a
 * trial never enters the model of its group as a value. A parameter's distribution in a group is
 * the one of the most recent trial that has it.
 *
 * <p><b>Cost.</b> One suggestion of {@code p} parameters after {@code n} observations costs
 * {@code O(n log n)} once per trial (ranking, shared by all of its parameters: the ranking is kept
 * for the {@link StudyView} being sampled) plus {@code O(nEiCandidates * n * p)} kernel
 * evaluations; kernels of a discrete parameter that share a value share their evaluation. All
 * arithmetic is plain Java or {@link StrictMath}, and the cached and batched paths give bit-for-bit
 * the same values as the plain per-candidate evaluation.
 *
 * <p>Candidates are drawn from {@link Sampler#rng} with stream {@value #STREAM} (trial number and
 * parameter name included), or {@value #JOINT_STREAM} with the comma-joined sorted names of the
 * jointly sampled parameters: same seed and same history give bit-for-bit the same values. The
 * sampler is thread-safe; its only state is the cache of the last ranking.
 */
public final class TpeSampler implements Sampler {
  private static final Logger LOG = LoggerFactory.getLogger(TpeSampler.class);

  /** Stream name used with {@link Sampler#rng} for univariate draws. */
  public static final String STREAM = "tpe";

  /** Stream name used with {@link Sampler#rng} for joint draws. */
  public static final String JOINT_STREAM = "tpe-joint";

  /** Bandwidth factor of the multivariate estimator (Falkner et al. 2018; Optuna). */
  static final double SIGMA0_MAGNITUDE = 0.2;

  /**
   * TPE settings. Defaults ({@link #defaults()}) are Optuna's, except {@code constantLiar}.
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
   *     of the smallest and largest observation (univariate mode); default {@value
   *     #DEFAULT_CONSIDER_ENDPOINTS}
   * @param clipBandwidth whether to bound every bandwidth below by {@code range / min(100, K + 1)}
   *     for {@code K} kernels (see {@code ParzenEstimator.Numeric}); default {@value
   *     #DEFAULT_CLIP_BANDWIDTH}
   * @param forgettingWindow number of most recent observations of each set that keep full weight;
   *     older ones get a linear ramp (Bergstra et al. 2013), {@code >= 1}; default {@value
   *     #DEFAULT_FORGETTING_WINDOW}
   * @param multivariate sample the relative search space jointly with the multivariate estimator;
   *     default {@value #DEFAULT_MULTIVARIATE} (as Optuna)
   * @param group with {@code multivariate}: decompose the space into groups of parameters that
   *     appear together and sample each group jointly (for conditional spaces); default {@value
   *     #DEFAULT_GROUP} (as Optuna)
   * @param constantLiar treat RUNNING trials as the worst observations; default {@value
   *     #DEFAULT_CONSTANT_LIAR}. Optuna's default is off; ours is on because it only acts when the
   *     sampler sees RUNNING trials, which happens exactly when trials run in parallel (a
   *     sequential study shows the sampler finished trials only), and there it keeps concurrent
   *     workers from proposing near-identical configurations.
   * @param normalizedKernels score candidates with the proper truncated-Gaussian densities of
   *     continuous kernels ({@code phi(z) / (sigma * mass)}); default {@value
   *     #DEFAULT_NORMALIZED_KERNELS}: kernels of unit peak height ({@code phi(z) / mass}), as
   *     Optuna 3.1 computes them. Without the {@code 1/sigma} factor each kernel counts in
   *     proportion to its bandwidth when {@code l(x)/g(x)} is formed: narrow kernels around
   *     clusters of good observations spike less (the role Watanabe 2023, Section 3.3, gives to
   *     bandwidth clipping), and in multivariate mode the prior kernel keeps more weight away
   *     from the data. Candidates are drawn from the same mixtures either way, and discrete
   *     parameters (cell masses) are unaffected. Over 30 seeds (bench/RESULTS.md) unit heights
   *     did better on Hartmann-6, Rosenbrock-10 and a conditional space and worse on Branin.
   */
  public record Options(
      int nStartupTrials,
      int nEiCandidates,
      double gammaFraction,
      int gammaCap,
      double priorWeight,
      boolean considerEndpoints,
      boolean clipBandwidth,
      int forgettingWindow,
      boolean multivariate,
      boolean group,
      boolean constantLiar,
      boolean normalizedKernels) {

    public static final int DEFAULT_N_STARTUP_TRIALS = 10;
    public static final int DEFAULT_N_EI_CANDIDATES = 24;
    public static final double DEFAULT_GAMMA_FRACTION = 0.1;
    public static final int DEFAULT_GAMMA_CAP = 25;
    public static final double DEFAULT_PRIOR_WEIGHT = 1.0;
    public static final boolean DEFAULT_CONSIDER_ENDPOINTS = false;
    public static final boolean DEFAULT_CLIP_BANDWIDTH = true;
    public static final int DEFAULT_FORGETTING_WINDOW = 25;
    public static final boolean DEFAULT_MULTIVARIATE = false;
    public static final boolean DEFAULT_GROUP = false;
    public static final boolean DEFAULT_CONSTANT_LIAR = true;
    public static final boolean DEFAULT_NORMALIZED_KERNELS = false;

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException if a setting is outside the range documented above, or
     *     {@code group} is set without {@code multivariate}
     */
    public Options {
      check(nStartupTrials >= 0, "nStartupTrials", nStartupTrials, ">= 0");
      check(nEiCandidates >= 1, "nEiCandidates", nEiCandidates, ">= 1");
      check(gammaFraction > 0 && gammaFraction <= 1, "gammaFraction", gammaFraction, "in (0, 1]");
      check(gammaCap >= 1, "gammaCap", gammaCap, ">= 1");
      check(priorWeight > 0 && Double.isFinite(priorWeight), "priorWeight", priorWeight, "> 0");
      check(forgettingWindow >= 1, "forgettingWindow", forgettingWindow, ">= 1");
      check(!group || multivariate, "group", group, "false unless multivariate is true");
    }

    private static void check(boolean ok, String name, Object value, String rule) {
      if (!ok) {
        throw new IllegalArgumentException(
            "TPE option " + name + " was " + value + " but must be " + rule);
      }
    }

    /** The defaults documented above. */
    public static Options defaults() {
      return new Options(
          DEFAULT_N_STARTUP_TRIALS,
          DEFAULT_N_EI_CANDIDATES,
          DEFAULT_GAMMA_FRACTION,
          DEFAULT_GAMMA_CAP,
          DEFAULT_PRIOR_WEIGHT,
          DEFAULT_CONSIDER_ENDPOINTS,
          DEFAULT_CLIP_BANDWIDTH,
          DEFAULT_FORGETTING_WINDOW,
          DEFAULT_MULTIVARIATE,
          DEFAULT_GROUP,
          DEFAULT_CONSTANT_LIAR,
          DEFAULT_NORMALIZED_KERNELS);
    }

    /** A copy with {@code nStartupTrials} replaced. */
    public Options withNStartupTrials(int v) {
      return new Options(v, nEiCandidates, gammaFraction, gammaCap, priorWeight,
          considerEndpoints, clipBandwidth, forgettingWindow, multivariate, group, constantLiar,
          normalizedKernels);
    }

    /** A copy with {@code nEiCandidates} replaced. */
    public Options withNEiCandidates(int v) {
      return new Options(nStartupTrials, v, gammaFraction, gammaCap, priorWeight,
          considerEndpoints, clipBandwidth, forgettingWindow, multivariate, group, constantLiar,
          normalizedKernels);
    }

    /** A copy with {@code gammaFraction} and {@code gammaCap} replaced. */
    public Options withGamma(double fraction, int cap) {
      return new Options(nStartupTrials, nEiCandidates, fraction, cap, priorWeight,
          considerEndpoints, clipBandwidth, forgettingWindow, multivariate, group, constantLiar,
          normalizedKernels);
    }

    /** A copy with {@code priorWeight} replaced. */
    public Options withPriorWeight(double v) {
      return new Options(nStartupTrials, nEiCandidates, gammaFraction, gammaCap, v,
          considerEndpoints, clipBandwidth, forgettingWindow, multivariate, group, constantLiar,
          normalizedKernels);
    }

    /** A copy with {@code considerEndpoints} replaced. */
    public Options withConsiderEndpoints(boolean v) {
      return new Options(nStartupTrials, nEiCandidates, gammaFraction, gammaCap, priorWeight,
          v, clipBandwidth, forgettingWindow, multivariate, group, constantLiar,
          normalizedKernels);
    }

    /** A copy with {@code clipBandwidth} replaced. */
    public Options withClipBandwidth(boolean v) {
      return new Options(nStartupTrials, nEiCandidates, gammaFraction, gammaCap, priorWeight,
          considerEndpoints, v, forgettingWindow, multivariate, group, constantLiar,
          normalizedKernels);
    }

    /** A copy with {@code multivariate} and {@code group} replaced. */
    public Options withMultivariate(boolean multivariate, boolean group) {
      return new Options(nStartupTrials, nEiCandidates, gammaFraction, gammaCap, priorWeight,
          considerEndpoints, clipBandwidth, forgettingWindow, multivariate, group, constantLiar,
          normalizedKernels);
    }

    /** A copy with {@code constantLiar} replaced. */
    public Options withConstantLiar(boolean v) {
      return new Options(nStartupTrials, nEiCandidates, gammaFraction, gammaCap, priorWeight,
          considerEndpoints, clipBandwidth, forgettingWindow, multivariate, group, v,
          normalizedKernels);
    }

    /** A copy with {@code normalizedKernels} replaced. */
    public Options withNormalizedKernels(boolean v) {
      return new Options(nStartupTrials, nEiCandidates, gammaFraction, gammaCap, priorWeight,
          considerEndpoints, clipBandwidth, forgettingWindow, multivariate, group, constantLiar,
          v);
    }

    /** The size of the good set for {@code n} observations: {@code min(ceil(fraction n), cap)}. */
    public int gamma(int n) {
      return (int) Math.min(Math.ceil(gammaFraction * n), gammaCap);
    }
  }

  private final Options options;
  /** Plain evaluation (no cache, per-candidate densities): the reference for tests. */
  private final boolean plain;
  private final AtomicReference<History> last = new AtomicReference<>();

  /** TPE with {@link Options#defaults()}. */
  public TpeSampler() {
    this(Options.defaults());
  }

  /** TPE with the given options. */
  public TpeSampler(Options options) {
    this(options, false);
  }

  TpeSampler(Options options, boolean plain) {
    this.options = Objects.requireNonNull(options, "options");
    this.plain = plain;
  }

  /** The options in use. */
  public Options options() {
    return options;
  }

  /**
   * The observations of one study view: ranked, split, and (for groups) decomposed. Computed once
   * per view and shared by all of a trial's suggestions.
   */
  static final class History {
    final StudyView view;
    /** COMPLETE and PRUNED trials. */
    final int nFinished;
    final List<TrialRecord> below;
    final List<TrialRecord> above;
    final List<TrialRecord> finished;
    private volatile List<Map<String, Distribution>> groups;

    History(StudyView view, Options o) {
      this.view = view;
      List<TrialRecord> ranked = rank(view.trials(), view.direction(), o.constantLiar());
      int n = 0;
      for (TrialRecord t : ranked) {
        if (t.state() != TrialState.RUNNING) {
          n++;
        }
      }
      nFinished = n;
      int nBelow = Math.min(o.gamma(n), n);
      below = chronological(ranked.subList(0, nBelow));
      above = chronological(ranked.subList(nBelow, ranked.size()));
      List<TrialRecord> fin = new ArrayList<>();
      for (TrialRecord t : view.trials()) {
        if (t.state() == TrialState.COMPLETE || t.state() == TrialState.PRUNED) {
          fin.add(t);
        }
      }
      finished = fin;
    }

    List<Map<String, Distribution>> groups() {
      List<Map<String, Distribution>> g = groups;
      if (g == null) {
        g = decompose(finished);
        groups = g;
      }
      return g;
    }
  }

  private History history(StudyView view) {
    if (plain) {
      return new History(view, options);
    }
    History h = last.get();
    if (h != null && h.view == view) {
      return h;
    }
    h = new History(view, options);
    last.set(h);
    return h;
  }

  @Override
  public Object sampleIndependent(
      StudyView study, int trialNumber, String name, Distribution distribution) {
    if (distribution.isSingle()) {
      return distribution.singleValue();
    }
    History h = history(study);
    int n = h.nFinished;
    if (n < options.nStartupTrials()) {
      LOG.debug(
          "trial {} param '{}': random sampling ({} of {} startup trials done)",
          trialNumber, name, n, options.nStartupTrials());
      return RandomSampler.sample(
          distribution, Sampler.rng(study.seed(), RandomSampler.STREAM, trialNumber, name));
    }
    if (options.multivariate()) {
      LOG.debug("trial {} param '{}': sampled independently (outside the joint space)",
          trialNumber, name);
    }
    SplittableRandom rng = Sampler.rng(study.seed(), STREAM, trialNumber, name);
    if (distribution instanceof CategoricalDistribution c) {
      return sampleCategorical(c, values(h.below, name, c), values(h.above, name, c), rng);
    }
    return sampleNumeric(distribution, values(h.below, name, distribution),
        values(h.above, name, distribution), rng);
  }

  @Override
  public Map<String, Distribution> inferRelativeSpace(StudyView study, int trialNumber) {
    if (!options.multivariate()) {
      return Map.of();
    }
    History h = history(study);
    if (h.nFinished < options.nStartupTrials()) {
      return Map.of();
    }
    Map<String, Distribution> out = new TreeMap<>();
    if (options.group()) {
      for (Map<String, Distribution> g : h.groups()) {
        g.forEach((k, d) -> {
          if (!d.isSingle()) {
            out.put(k, d);
          }
        });
      }
    } else {
      intersection(h.finished).forEach((k, d) -> {
        if (!d.isSingle()) {
          out.put(k, d);
        }
      });
    }
    return out;
  }

  @Override
  public Map<String, Object> sampleRelative(
      StudyView study, int trialNumber, Map<String, Distribution> space) {
    if (space.isEmpty() || !options.multivariate()) {
      return Map.of();
    }
    History h = history(study);
    if (h.nFinished < options.nStartupTrials()) {
      return Map.of();
    }
    List<Map<String, Distribution>> parts = new ArrayList<>();
    if (options.group()) {
      for (Map<String, Distribution> g : h.groups()) {
        Map<String, Distribution> sub = new TreeMap<>();
        g.forEach((k, d) -> {
          if (space.containsKey(k) && space.get(k).equals(d) && !d.isSingle()) {
            sub.put(k, d);
          }
        });
        if (!sub.isEmpty()) {
          parts.add(sub);
        }
      }
    } else {
      Map<String, Distribution> sub = new TreeMap<>();
      space.forEach((k, d) -> {
        if (!d.isSingle()) {
          sub.put(k, d);
        }
      });
      parts.add(sub);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map<String, Distribution> part : parts) {
      out.putAll(sampleJoint(study, trialNumber, part, h));
    }
    return out;
  }

  /**
   * The group decomposition of the parameters of {@code trials}: the coarsest partition such that
   * every trial's parameter set is a union of parts. Each part maps names (sorted) to the
   * distribution of the latest trial that has the name. Parts are ordered by their first name.
   */
  static List<Map<String, Distribution>> decompose(List<TrialRecord> trials) {
    List<Map<String, Distribution>> groups = new ArrayList<>();
    for (TrialRecord t : trials) {
      Map<String, Distribution> p = t.distributions();
      if (p.isEmpty()) {
        continue;
      }
      List<Map<String, Distribution>> next = new ArrayList<>();
      Map<String, Distribution> rest = new TreeMap<>(p);
      for (Map<String, Distribution> g : groups) {
        Map<String, Distribution> in = new TreeMap<>();
        Map<String, Distribution> out = new TreeMap<>();
        for (Map.Entry<String, Distribution> e : g.entrySet()) {
          if (p.containsKey(e.getKey())) {
            in.put(e.getKey(), p.get(e.getKey()));
            rest.remove(e.getKey());
          } else {
            out.put(e.getKey(), e.getValue());
          }
        }
        if (!in.isEmpty()) {
          next.add(in);
        }
        if (!out.isEmpty()) {
          next.add(out);
        }
      }
      if (!rest.isEmpty()) {
        next.add(rest);
      }
      groups = next;
    }
    groups.sort(Comparator.comparing(g -> g.keySet().iterator().next()));
    List<Map<String, Distribution>> out = new ArrayList<>();
    for (Map<String, Distribution> g : groups) {
      out.add(Collections.unmodifiableMap(g));
    }
    return out;
  }

  /** Parameters present, with one equal distribution, in every trial of {@code trials}. */
  static Map<String, Distribution> intersection(List<TrialRecord> trials) {
    Map<String, Distribution> out = null;
    for (TrialRecord t : trials) {
      if (out == null) {
        out = new TreeMap<>(t.distributions());
      } else {
        Map<String, Distribution> d = t.distributions();
        out.entrySet().removeIf(e -> !e.getValue().equals(d.get(e.getKey())));
      }
    }
    return out == null ? Map.of() : out;
  }

  /** The COMPLETE and PRUNED trials, best first (see the class documentation). */
  static List<TrialRecord> rank(List<TrialRecord> trials, Direction direction) {
    return rank(trials, direction, false);
  }

  /**
   * The observations best first: feasible COMPLETE by loss, infeasible COMPLETE (a positive
   * post-evaluation constraint value, see {@code Trial.setConstraints}) by total violation, as
   * Optuna's constrained TPE does, PRUNED by depth then last value, PRUNED without values, then
   * (with {@code liar}) RUNNING; ties by trial number.
   */
  static List<TrialRecord> rank(List<TrialRecord> trials, Direction direction, boolean liar) {
    int size = trials.size();
    int[] cls = new int[size];
    int[] negStep = new int[size];
    double[] loss = new double[size];
    List<Integer> idx = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      TrialRecord t = trials.get(i);
      double violation = t.state() == TrialState.COMPLETE ? violation(t) : 0;
      if (t.state() == TrialState.COMPLETE && t.value() != null && violation > 0) {
        cls[i] = 1;
        loss[i] = violation;
      } else if (t.state() == TrialState.COMPLETE && t.value() != null) {
        cls[i] = 0;
        loss[i] = rankLoss(t.value(), direction);
      } else if (t.state() == TrialState.PRUNED) {
        Map<Integer, Double> iv = t.intermediateValues();
        if (iv.isEmpty()) {
          cls[i] = 3;
        } else {
          cls[i] = 2;
          int step = lastStep(iv);
          negStep[i] = -step;
          loss[i] = rankLoss(iv.get(step), direction);
        }
      } else if (liar && t.state() == TrialState.RUNNING) {
        cls[i] = 4;
      } else {
        continue;
      }
      idx.add(i);
    }
    idx.sort((a, b) -> {
      int c = Integer.compare(cls[a], cls[b]);
      if (c != 0) {
        return c;
      }
      c = Integer.compare(negStep[a], negStep[b]);
      if (c != 0) {
        return c;
      }
      c = Double.compare(loss[a], loss[b]);
      if (c != 0) {
        return c;
      }
      return Integer.compare(trials.get(a).number(), trials.get(b).number());
    });
    List<TrialRecord> out = new ArrayList<>(idx.size());
    for (int i : idx) {
      out.add(trials.get(i));
    }
    return out;
  }

  /**
   * Total constraint violation of a trial (Deb's {@code sum max(0, c)}, NaN as infinite) from its
   * {@value dev.hone.search.multiobjective.Evaluation#CONSTRAINTS_ATTRIBUTE} attribute; 0 without
   * one.
   */
  private static double violation(TrialRecord t) {
    if (!t.userAttributes().containsKey(
        dev.hone.search.multiobjective.Evaluation.CONSTRAINTS_ATTRIBUTE)) {
      return 0;
    }
    return dev.hone.search.multiobjective.Evaluation.of(t).violation();
  }

  private static int lastStep(Map<Integer, Double> iv) {
    int max = Integer.MIN_VALUE;
    for (int step : iv.keySet()) {
      max = Math.max(max, step);
    }
    return max;
  }

  private static double rankLoss(double v, Direction direction) {
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
      Object v = t.params().get(name);
      if (v != null && d.contains(v)) {
        out.add(v);
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
    /** Whether values are grid points scored by the mass of their rounding cell. */
    boolean discrete;

    abstract double transform(Object external);

    /** Nearest value of the distribution to the transformed point {@code y}. */
    abstract Object snap(double y);

    /**
     * The candidate encoding of {@code external} for {@link ParzenEstimator.Dim}: {@code {y, y}}
     * for a continuous point, the rounding cell {@code {a, b}} (in the transformed space) for a
     * grid value.
     */
    abstract void cell(Object external, double[] a, double[] b, int c);

    /** Log-likelihood of an external value under {@code pe} (plain evaluation). */
    double logLik(ParzenEstimator.Numeric pe, Object external) {
      double[] a = new double[1];
      double[] b = new double[1];
      cell(external, a, b, 0);
      return pe.mixture().logPdfOne(a, b);
    }
  }

  static NumericSpace spaceOf(Distribution d) {
    if (d instanceof FloatDistribution f) {
      if (f.step() == null) {
        boolean log = f.log();
        return new NumericSpace() {
          {
            lo = log ? StrictMath.log(f.low()) : f.low();
            hi = log ? StrictMath.log(f.high()) : f.high();
          }

          double transform(Object x) {
            double v = ((Number) x).doubleValue();
            return log ? StrictMath.log(v) : v;
          }

          Object snap(double y) {
            return RandomSampler.clamp(log ? StrictMath.exp(y) : y, f.low(), f.high());
          }

          void cell(Object x, double[] a, double[] b, int c) {
            double y = transform(x);
            a[c] = y;
            b[c] = y;
          }
        };
      }
      double q = f.step();
      long kMax = f.gridIntervals();
      return new NumericSpace() {
        { lo = f.low() - 0.5 * q; hi = f.gridMax() + 0.5 * q; discrete = true; }

        double transform(Object x) {
          return ((Number) x).doubleValue();
        }

        Object snap(double y) {
          long k = Math.round((y - f.low()) / q);
          return f.gridValue(Math.max(0, Math.min(kMax, k)));
        }

        void cell(Object x, double[] a, double[] b, int c) {
          double v = transform(x);
          a[c] = v - 0.5 * q;
          b[c] = v + 0.5 * q;
        }
      };
    }
    IntDistribution i = (IntDistribution) d;
    if (i.log()) {
      return new NumericSpace() {
        {
          lo = StrictMath.log(i.low() - 0.5);
          hi = StrictMath.log(i.high() + 0.5);
          discrete = true;
        }

        double transform(Object x) {
          return StrictMath.log(((Number) x).doubleValue());
        }

        Object snap(double y) {
          return Math.max(i.low(), Math.min(i.high(), Math.round(StrictMath.exp(y))));
        }

        void cell(Object x, double[] a, double[] b, int c) {
          long v = ((Number) x).longValue();
          a[c] = StrictMath.log(v - 0.5);
          b[c] = StrictMath.log(v + 0.5);
        }
      };
    }
    long q = i.step();
    long kMax = i.gridIntervals();
    return new NumericSpace() {
      { lo = i.low() - 0.5 * q; hi = i.gridMax() + 0.5 * q; discrete = true; }

      double transform(Object x) {
        return ((Number) x).doubleValue();
      }

      Object snap(double y) {
        long k = Math.round((y - i.low()) / q);
        return i.low() + Math.max(0, Math.min(kMax, k)) * q;
      }

      void cell(Object x, double[] a, double[] b, int c) {
        double v = transform(x);
        a[c] = v - 0.5 * q;
        b[c] = v + 0.5 * q;
      }
    };
  }

  private Object sampleNumeric(
      Distribution d, List<Object> below, List<Object> above, SplittableRandom rng) {
    NumericSpace sp = spaceOf(d);
    ParzenEstimator.Numeric l = estimator(sp, below);
    ParzenEstimator.Numeric g = estimator(sp, above);
    int count = options.nEiCandidates();
    Object[] xs = new Object[count];
    double[][] a = new double[1][count];
    double[][] b = new double[1][count];
    for (int c = 0; c < count; c++) {
      xs[c] = sp.snap(l.sample(rng));
      sp.cell(xs[c], a[0], b[0], c);
    }
    double[] logL;
    double[] logG;
    if (plain) {
      logL = new double[count];
      logG = new double[count];
      for (int c = 0; c < count; c++) {
        logL[c] = l.mixture(false).logPdfOne(new double[] {a[0][c]}, new double[] {b[0][c]});
        logG[c] = g.mixture(false).logPdfOne(new double[] {a[0][c]}, new double[] {b[0][c]});
      }
    } else {
      logL = l.mixture(sp.discrete).logPdf(a, b, count);
      logG = g.mixture(sp.discrete).logPdf(a, b, count);
    }
    return xs[argmax(logL, logG)];
  }

  private ParzenEstimator.Numeric estimator(NumericSpace sp, List<Object> values) {
    double[] obs = new double[values.size()];
    for (int k = 0; k < obs.length; k++) {
      obs[k] = sp.transform(values.get(k));
    }
    return new ParzenEstimator.Numeric(obs, sp.lo, sp.hi, options.priorWeight(),
        options.forgettingWindow(), options.considerEndpoints(), options.clipBandwidth(),
        !options.normalizedKernels());
  }

  /** Index of the candidate with the largest {@link #score}; ties go to the earliest. */
  private static int argmax(double[] logL, double[] logG) {
    int best = 0;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < logL.length; c++) {
      double s = score(logL[c], logG[c]);
      if (c == 0 || s > bestScore) {
        best = c;
        bestScore = s;
      }
    }
    return best;
  }

  /**
   * Joint sampling of the parameters of {@code part} (sorted by name) with the multivariate
   * estimator, from the trials that have all of them with values inside their distributions.
   */
  private Map<String, Object> sampleJoint(
      StudyView study, int trialNumber, Map<String, Distribution> part, History h) {
    List<String> names = new ArrayList<>(part.keySet());
    int dCount = names.size();
    Distribution[] dists = new Distribution[dCount];
    NumericSpace[] spaces = new NumericSpace[dCount];
    for (int d = 0; d < dCount; d++) {
      dists[d] = part.get(names.get(d));
      if (!(dists[d] instanceof CategoricalDistribution)) {
        spaces[d] = spaceOf(dists[d]);
      }
    }
    ParzenEstimator.Mixture l = jointEstimator(h.below, names, dists, spaces);
    ParzenEstimator.Mixture g = jointEstimator(h.above, names, dists, spaces);
    SplittableRandom rng =
        Sampler.rng(study.seed(), JOINT_STREAM, trialNumber, String.join(",", names));
    int count = options.nEiCandidates();
    Object[][] xs = new Object[count][dCount];
    double[][] a = new double[dCount][count];
    double[][] b = new double[dCount][count];
    for (int c = 0; c < count; c++) {
      int i = l.pickKernel(rng);
      for (int d = 0; d < dCount; d++) {
        if (spaces[d] == null) {
          ParzenEstimator.CategoricalDim cd = (ParzenEstimator.CategoricalDim) l.dims[d];
          int k = cd.sample(i, rng);
          xs[c][d] = ((CategoricalDistribution) dists[d]).choices().get(k);
          a[d][c] = k;
          b[d][c] = k;
        } else {
          ParzenEstimator.NumericDim nd = (ParzenEstimator.NumericDim) l.dims[d];
          double y = NormalMath.truncatedNormal(rng, nd.mus[i], nd.sigmas[i], nd.lo, nd.hi);
          xs[c][d] = spaces[d].snap(y);
          spaces[d].cell(xs[c][d], a[d], b[d], c);
        }
      }
    }
    double[] logL;
    double[] logG;
    if (plain) {
      logL = new double[count];
      logG = new double[count];
      double[] pa = new double[dCount];
      double[] pb = new double[dCount];
      for (int c = 0; c < count; c++) {
        for (int d = 0; d < dCount; d++) {
          pa[d] = a[d][c];
          pb[d] = b[d][c];
        }
        logL[c] = l.logPdfOne(pa, pb);
        logG[c] = g.logPdfOne(pa, pb);
      }
    } else {
      logL = l.logPdf(a, b, count);
      logG = g.logPdf(a, b, count);
    }
    Object[] best = xs[argmax(logL, logG)];
    Map<String, Object> out = new LinkedHashMap<>();
    for (int d = 0; d < dCount; d++) {
      out.put(names.get(d), best[d]);
    }
    return out;
  }

  /**
   * The multivariate estimator on the trials of {@code set} (chronological) that have every
   * parameter of {@code names} inside its distribution.
   */
  private ParzenEstimator.Mixture jointEstimator(
      List<TrialRecord> set, List<String> names, Distribution[] dists, NumericSpace[] spaces) {
    int dCount = names.size();
    List<Object[]> rows = new ArrayList<>();
    for (TrialRecord t : set) {
      Map<String, Object> p = t.params();
      Object[] row = new Object[dCount];
      boolean ok = true;
      for (int d = 0; d < dCount && ok; d++) {
        Object v = p.get(names.get(d));
        ok = v != null && dists[d].contains(v);
        row[d] = v;
      }
      if (ok) {
        rows.add(row);
      }
    }
    return jointMixture(rows, dists, spaces, options);
  }

  /**
   * The multivariate Parzen estimator of {@code rows} (external values, one array per
   * observation, chronological), as Optuna 3.1's {@code _ParzenEstimator} with {@code
   * multivariate=True}: numeric kernels centred on the observations with {@code sigma = 0.2
   * max(n, 1)^(-1/(d + 4)) (hi - lo)}, a prior kernel at the centre with {@code sigma = hi - lo},
   * all clipped to {@code [(hi - lo) / min(100, n + 2), hi - lo]}; categorical kernels as in {@link
   * ParzenEstimator.CategoricalDim}.
   *
   * @param spaces per dimension the numeric space, or null for a categorical dimension
   */
  static ParzenEstimator.Mixture jointMixture(
      List<Object[]> rows, Distribution[] dists, NumericSpace[] spaces, Options options) {
    int dCount = dists.length;
    int n = rows.size();
    int k = n + 1;
    double sigma0 = SIGMA0_MAGNITUDE * StrictMath.pow(Math.max(n, 1), -1.0 / (dCount + 4));
    ParzenEstimator.Dim[] dims = new ParzenEstimator.Dim[dCount];
    for (int d = 0; d < dCount; d++) {
      if (spaces[d] == null) {
        CategoricalDistribution cd = (CategoricalDistribution) dists[d];
        int[] obs = new int[n];
        for (int r = 0; r < n; r++) {
          obs[r] = (int) cd.toInternal(rows.get(r)[d]);
        }
        dims[d] = new ParzenEstimator.CategoricalDim(obs, cd.choices().size(),
            options.priorWeight());
      } else {
        NumericSpace sp = spaces[d];
        double range = sp.hi - sp.lo;
        double minSigma = options.clipBandwidth()
            ? range / Math.min(100.0, 1.0 + k) : ParzenEstimator.EPS;
        double sigma = Math.max(minSigma, Math.min(range, sigma0 * range));
        double[] mus = new double[k];
        double[] sigmas = new double[k];
        for (int r = 0; r < n; r++) {
          mus[r] = sp.transform(rows.get(r)[d]);
          sigmas[r] = sigma;
        }
        mus[n] = 0.5 * (sp.lo + sp.hi);
        sigmas[n] = range;
        dims[d] = new ParzenEstimator.NumericDim(sp.lo, sp.hi, mus, sigmas, sp.discrete,
            !options.normalizedKernels());
      }
    }
    double[][] lc = ParzenEstimator.logAndCum(
        ParzenEstimator.weights(n, options.priorWeight(), options.forgettingWindow()));
    return new ParzenEstimator.Mixture(dims, lc[0], lc[1]);
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
