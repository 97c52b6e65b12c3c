package dev.hone.explain;

import dev.hone.core.random.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * KernelSHAP: Shapley values estimated by a weighted linear regression over coalitions (Lundberg
 * and Lee, "A Unified Approach to Interpreting Model Predictions", NeurIPS 2017, Theorem 2), with
 * the interventional value function over a {@link Background} as in {@link ExactShapley}.
 *
 * <p><b>Algorithm</b> (per explained row, {@code M} players after removing exact dummies):
 *
 * <ol>
 *   <li>Players whose values in {@code x} are the {@linkplain Matrices#same same} as in every
 *       background row cannot change the output: they get exactly 0 with standard error 0 and
 *       leave the game. This is exact, not a feature selection; every other player gets an
 *       attribution.
 *   <li>Coalitions of size {@code s} carry the Shapley kernel weight {@code π(s) = (M − 1) / (C(M,
 *       s) · s · (M − s))}, so size {@code s} holds a share {@code ∝ 1 / (s (M − s))} of the total
 *       weight. Sizes are visited in pairs {@code (s, M − s)} from the outside in ({@code s = 1,
 *       2, …}); a pair is enumerated completely while the remaining budget times the pair's share
 *       of the remaining weight covers all its coalitions — the rule the reference implementation
 *       uses, which spends the budget where the kernel puts its weight.
 *   <li>The remaining sizes are sampled: a size pair with probability proportional to its weight,
 *       then a uniform coalition of that size together with its complement (paired, antithetic
 *       sampling; Covert and Lee, "Improving KernelSHAP", AISTATS 2021). Each draw stands for
 *       {@code W_R / n_draws} of the remaining weight {@code W_R}, split over its two coalitions;
 *       repeated coalitions are evaluated once.
 *   <li>Coalition values {@code v(S)} are weighted means over the background of the model on rows
 *       mixing {@code x} (players in {@code S}) and the background row (the others), evaluated in
 *       large batches.
 *   <li>The attributions solve the weighted least squares {@code min Σ ω_S (v(S) − v(∅) − Σ_{i∈S}
 *       φ_i)²} subject to {@code Σ φ_i = f(x) − v(∅)} (efficiency, exact), by eliminating one
 *       variable.
 * </ol>
 *
 * <p><b>Standard errors</b>: the estimator is a smooth function of sample means over the
 * independent draws (the enumerated part is fixed), so its covariance follows from the delta
 * method: {@code Cov(θ) = W_R² / n · A⁻¹ S A⁻¹}, with {@code A} the weighted normal matrix and
 * {@code S} the sample covariance over draws of each draw's score {@code ½ Σ_{z ∈ draw} x̃_z (ỹ_z −
 * x̃_zᵀ θ)} — a sandwich (heteroskedasticity-robust) covariance clustered by draw, with the HC1
 * factor {@code n / (n − M + 1)} for small samples. When every
 * coalition is enumerated the result is the exact Shapley value and the standard errors are 0.
 *
 * <p>With a single sampled draw the standard errors are {@code NaN} (no variance estimate).
 *
 * <p><b>Stopping</b>: with {@code tolerance > 0}, coalitions are sampled in rounds of {@code
 * roundSize} new coalitions until the largest standard error is at most {@code tolerance} or the
 * budget is spent; with {@code tolerance = 0} (default) the whole budget is used in one round.
 *
 * <p><b>Sparsity</b>: only on request ({@code maxFeatures > 0}): a lasso path (coordinate descent,
 * efficiency as a heavily weighted extra observation) picks at most {@code maxFeatures} players,
 * and the constrained least squares is re-solved on them; the others get 0.
 *
 * <p>Randomness: row {@code i} of the input uses {@code Seeds.rng(seed, "kernel-shap", i)}, so a
 * row's result does not depend on which other rows are explained.
 */
public final class KernelShap {
  private static final Logger LOG = LoggerFactory.getLogger(KernelShap.class);

  /** The {@link Explanation#method()} of results. */
  public static final String METHOD = "kernel-shap";

  /** Coalitions added to {@code 2M} for the default budget: {@code 2048 + 2M}. */
  public static final int DEFAULT_EXTRA_COALITIONS = 2048;

  /** Default new coalitions per round when a tolerance is set. */
  public static final int DEFAULT_ROUND_SIZE = 256;

  /** Rows per call of the prediction function. */
  public static final int BATCH_ROWS = 16384;

  /**
   * Settings.
   *
   * @param maxCoalitions budget of distinct coalitions evaluated per row (each costs one model row
   *     per background row); {@code 0} = default {@code 2048 + 2M}; capped at {@code 2^M − 2}.
   *     Never exceeded; one slot may stay unused when the last sampled pair does not fit
   * @param tolerance stop sampling once the largest standard error is at most this (output
   *     units); {@code 0} = spend the budget
   * @param roundSize new coalitions per sampling round when {@code tolerance > 0} (≥ 1)
   * @param maxFeatures {@code 0} = attribute every feature (default); otherwise keep at most this
   *     many non-zero attributions (L1 selection)
   * @param seed seed of every random draw
   */
  public record Options(
      int maxCoalitions, double tolerance, int roundSize, int maxFeatures, long seed) {
    /**
     * @throws IllegalArgumentException when a value is out of range
     */
    public Options {
      if (maxCoalitions < 0 || roundSize < 1 || maxFeatures < 0 || !(tolerance >= 0)) {
        throw new IllegalArgumentException(
            "invalid KernelShap options: maxCoalitions=" + maxCoalitions + " (>= 0), tolerance="
                + tolerance + " (>= 0), roundSize=" + roundSize + " (>= 1), maxFeatures="
                + maxFeatures + " (>= 0)");
      }
    }

    /** Default budget, no tolerance, all features, the given seed. */
    public static Options defaults(long seed) {
      return new Options(0, 0.0, DEFAULT_ROUND_SIZE, 0, seed);
    }

    public Options withMaxCoalitions(int value) {
      return new Options(value, tolerance, roundSize, maxFeatures, seed);
    }

    public Options withTolerance(double value, int rounds) {
      return new Options(maxCoalitions, value, rounds, maxFeatures, seed);
    }

    public Options withMaxFeatures(int value) {
      return new Options(maxCoalitions, tolerance, roundSize, value, seed);
    }
  }

  private final PredictFunction f;
  private final Background background;
  private final Players players;
  private final Options options;
  private final int k;
  private final double[] base;
  private final int[] activeBackground;
  private final double[] activeWeight; // normalised to sum 1
  private final RowBatcher batcher;

  /**
   * @param f the model, in the output space to explain
   * @param featureNames the input columns, {@code f.nFeatures()} of them
   * @param background the reference rows (summarise large data with {@link Background#kMeans})
   * @param groups feature name → group name for grouped players, or {@code null} for one player
   *     per column
   * @param options settings
   * @throws IllegalArgumentException when the shapes disagree
   */
  public KernelShap(
      PredictFunction f,
      List<String> featureNames,
      Background background,
      Map<String, String> groups,
      Options options) {
    this.f = Objects.requireNonNull(f, "f");
    this.background = Objects.requireNonNull(background, "background");
    this.options = Objects.requireNonNull(options, "options");
    if (featureNames.size() != f.nFeatures() || background.nFeatures() != f.nFeatures()) {
      throw new IllegalArgumentException(
          "feature count mismatch: " + featureNames.size() + " names, function takes "
              + f.nFeatures() + ", background has " + background.nFeatures());
    }
    this.players = Players.of(List.copyOf(featureNames), groups);
    this.k = f.nOutputs();
    this.base = ShapleyMath.weightedMean(f.apply(background.rows()), background.weights(), k);
    double[] w = background.weights();
    int active = 0;
    for (double v : w) {
      if (v > 0) {
        active++;
      }
    }
    activeBackground = new int[active];
    activeWeight = new double[active];
    double total = background.totalWeight();
    int a = 0;
    for (int b = 0; b < w.length; b++) {
      if (w[b] > 0) {
        activeBackground[a] = b;
        activeWeight[a++] = w[b] / total;
      }
    }
    this.batcher = new RowBatcher(f, BATCH_ROWS);
  }

  /** Rows evaluated by the model so far, over all calls of {@link #explain}. */
  public long modelRowsEvaluated() {
    return batcher.rowsEvaluated;
  }

  /**
   * Explains rows of {@code x}.
   *
   * @param x rows {@code [n][nFeatures]}, {@code NaN} = missing
   * @param rows indices into {@code x} to explain, or {@code null} for all rows
   * @return one explanation per output of {@code f}, over the players, with standard errors
   */
  public List<Explanation> explain(double[][] x, int[] rows) {
    Matrices.checkRows(x, f.nFeatures(), "explained");
    int[] idx = rows == null ? ExactShapley.range(x.length) : rows.clone();
    int m = players.size();
    double[][] explained = new double[idx.length][];
    for (int r = 0; r < idx.length; r++) {
      explained[r] = x[idx[r]];
    }
    double[][] fx = idx.length == 0 ? new double[0][] : f.apply(explained);
    double[][][] phi = new double[k][idx.length][m];
    double[][][] se = new double[k][idx.length][m];
    long coalitions = 0;
    long rowsBefore = batcher.rowsEvaluated;
    int maxRounds = 0;
    for (int r = 0; r < idx.length; r++) {
      RowGame g = new RowGame(explained[r], fx[r], Seeds.rng(options.seed(), "kernel-shap", idx[r]));
      g.run();
      for (int o = 0; o < k; o++) {
        for (int j = 0; j < g.vp.length; j++) {
          phi[o][r][g.vp[j]] = g.phi[o][j];
          se[o][r][g.vp[j]] = g.se[o][j];
        }
      }
      coalitions += g.masks.size();
      maxRounds = Math.max(maxRounds, g.rounds);
    }
    List<Explanation> out = new ArrayList<>();
    double[][] values = ShapleyMath.playerValues(explained, players);
    for (int o = 0; o < k; o++) {
      double[] bases = new double[idx.length];
      double[] preds = new double[idx.length];
      for (int r = 0; r < idx.length; r++) {
        bases[r] = base[o];
        preds[r] = fx[r][o];
      }
      Map<String, Object> params = new LinkedHashMap<>();
      params.put("n_background", background.size());
      params.put("background_weight", background.totalWeight());
      params.put("n_players", m);
      params.put("max_coalitions", options.maxCoalitions() == 0 ? "2048+2M" : options.maxCoalitions());
      params.put("tolerance", options.tolerance());
      params.put("max_features", options.maxFeatures());
      params.put("seed", options.seed());
      params.put("coalitions_evaluated", coalitions);
      params.put("model_rows_evaluated", batcher.rowsEvaluated - rowsBefore);
      params.put("max_rounds", maxRounds);
      out.add(
          new Explanation(
              METHOD, f.outputSpace(), o, f.outputNames().get(o), players.names, idx, values,
              phi[o], bases, preds, se[o], params));
    }
    return out;
  }

  /** Hashable coalition mask. */
  private static final class Mask {
    final long[] bits;
    final int hash;

    Mask(long[] bits) {
      this.bits = bits;
      this.hash = Arrays.hashCode(bits);
    }

    boolean get(int i) {
      return (bits[i >>> 6] & (1L << i)) != 0;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Mask other && Arrays.equals(bits, other.bits);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /** The game of one explained row. */
  private final class RowGame {
    final double[] x;
    final double[] fx;
    final SplittableRandom rng;
    final int[] vp; // varying players
    final int m;
    final double[] delta = new double[k];
    final List<Mask> masks = new ArrayList<>();
    final Map<Mask, Integer> index = new HashMap<>();
    double[] weight = new double[64];
    double[][] value = new double[64][];
    int evaluated; // masks [0, evaluated) have values
    int[] draws = new int[128]; // pairs of mask indices
    int nDraws;
    double sampledMass; // W_R
    boolean[] sampleSizes; // half sizes s (1..m/2) still to sample
    double[] sizeMass; // pair mass of half size s
    double[][] phi;
    double[][] se;
    int rounds;

    RowGame(double[] x, double[] fx, SplittableRandom rng) {
      this.x = x;
      this.fx = fx;
      this.rng = rng;
      int[] v = new int[players.size()];
      int n = 0;
      for (int p = 0; p < players.size(); p++) {
        for (int b : activeBackground) {
          if (!players.same(p, x, background.rows()[b])) {
            v[n++] = p;
            break;
          }
        }
      }
      this.vp = Arrays.copyOf(v, n);
      this.m = n;
      for (int o = 0; o < k; o++) {
        delta[o] = fx[o] - base[o];
      }
      phi = new double[k][m];
      se = new double[k][m];
    }

    void run() {
      if (m == 0) {
        return;
      }
      if (m == 1) {
        for (int o = 0; o < k; o++) {
          phi[o][0] = delta[o];
        }
        return;
      }
      double total = m >= 62 ? Double.MAX_VALUE : Math.pow(2, m) - 2;
      double budget =
          Math.min(
              total, options.maxCoalitions() > 0 ? options.maxCoalitions() : DEFAULT_EXTRA_COALITIONS + 2.0 * m);
      // enumerate size pairs from the outside in while the budget covers them
      int half = m / 2;
      sizeMass = new double[half + 1];
      double massLeft = 0;
      for (int s = 1; s <= half; s++) {
        sizeMass[s] = (s == m - s ? 1 : 2) * (m - 1.0) / (s * (double) (m - s));
        massLeft += sizeMass[s];
      }
      sampleSizes = new boolean[half + 1];
      Arrays.fill(sampleSizes, true);
      sampleSizes[0] = false;
      double left = budget;
      for (int s = 1; s <= half; s++) {
        double count = ShapleyMath.binomial(m, s) * (s == m - s ? 1 : 2);
        if (left * sizeMass[s] / massLeft + 1e-9 < count) {
          break;
        }
        enumerate(s);
        if (s != m - s) {
          enumerate(m - s);
        }
        left -= count;
        massLeft -= sizeMass[s];
        sampleSizes[s] = false;
      }
      sampledMass = Math.max(0, massLeft);
      evaluatePending();
      boolean anyToSample = false;
      for (boolean b : sampleSizes) {
        anyToSample |= b;
      }
      if (!anyToSample || left < 1) {
        solve();
        return;
      }
      int target = (int) Math.min(Integer.MAX_VALUE, masks.size() + (long) left);
      boolean rounds = options.tolerance() > 0;
      while (true) {
        int roundTarget =
            rounds ? Math.min(target, masks.size() + options.roundSize()) : target;
        int before = masks.size();
        sample(roundTarget, target);
        boolean stalled = masks.size() == before; // every remaining coalition was drawn already
        evaluatePending();
        this.rounds++;
        if (!rounds) {
          solve();
          return;
        }
        solve();
        double worst = 0;
        for (double[] s : se) {
          for (double v : s) {
            worst = Double.isNaN(v) ? Double.POSITIVE_INFINITY : Math.max(worst, v);
          }
        }
        if (worst <= options.tolerance() || masks.size() >= target || stalled) {
          return;
        }
      }
    }

    /** Adds every coalition of size {@code s} with its kernel weight. */
    void enumerate(int s) {
      double w = (m - 1.0) / (ShapleyMath.binomial(m, s) * s * (m - s));
      int[] comb = new int[s];
      for (int i = 0; i < s; i++) {
        comb[i] = i;
      }
      while (true) {
        long[] bits = new long[(m + 63) >>> 6];
        for (int i : comb) {
          bits[i >>> 6] |= 1L << i;
        }
        int id = add(new Mask(bits));
        weight[id] += w;
        int i = s - 1;
        while (i >= 0 && comb[i] == m - s + i) {
          i--;
        }
        if (i < 0) {
          return;
        }
        comb[i]++;
        for (int j = i + 1; j < s; j++) {
          comb[j] = comb[j - 1] + 1;
        }
      }
    }

    int add(Mask mask) {
      Integer id = index.get(mask);
      if (id != null) {
        return id;
      }
      int n = masks.size();
      masks.add(mask);
      index.put(mask, n);
      if (n == weight.length) {
        weight = Arrays.copyOf(weight, n * 2);
        value = Arrays.copyOf(value, n * 2);
      }
      return n;
    }

    /**
     * Draws paired coalitions until {@code target} distinct coalitions exist, never more than
     * {@code cap} (the budget), or until the draws run out.
     */
    void sample(int target, int cap) {
      int[] perm = new int[m];
      double totalMass = 0;
      for (int s = 1; s < sampleSizes.length; s++) {
        if (sampleSizes[s]) {
          totalMass += sizeMass[s];
        }
      }
      long maxDraws = 20L * Math.max(1, target - masks.size()) + 1000;
      long drawn = 0;
      while (masks.size() < target && drawn < maxDraws) {
        drawn++;
        double u = rng.nextDouble() * totalMass;
        int s = 0;
        for (int t = 1; t < sampleSizes.length; t++) {
          if (sampleSizes[t]) {
            s = t;
            u -= sizeMass[t];
            if (u < 0) {
              break;
            }
          }
        }
        for (int i = 0; i < m; i++) {
          perm[i] = i;
        }
        long[] bits = new long[(m + 63) >>> 6];
        long[] comp = new long[bits.length];
        for (int i = 0; i < s; i++) {
          int j = i + rng.nextInt(m - i);
          int t = perm[i];
          perm[i] = perm[j];
          perm[j] = t;
          bits[perm[i] >>> 6] |= 1L << perm[i];
        }
        for (int i = 0; i < m; i++) {
          if ((bits[i >>> 6] & (1L << i)) == 0) {
            comp[i >>> 6] |= 1L << i;
          }
        }
        Mask ma = new Mask(bits);
        Mask mb = new Mask(comp);
        int fresh = (index.containsKey(ma) ? 0 : 1) + (index.containsKey(mb) ? 0 : 1);
        if (masks.size() + fresh > cap) {
          break; // the pair would exceed the budget
        }
        int a = add(ma);
        int b = add(mb);
        if (2 * nDraws + 2 > draws.length) {
          draws = Arrays.copyOf(draws, draws.length * 2);
        }
        draws[2 * nDraws] = a;
        draws[2 * nDraws + 1] = b;
        nDraws++;
      }
      if (masks.size() < target) {
        LOG.debug("sampling stopped after {} draws with {} distinct coalitions", drawn, masks.size());
      }
    }

    /** Evaluates the coalitions added since the last call. */
    void evaluatePending() {
      int n = masks.size() - evaluated;
      if (n == 0) {
        return;
      }
      int nb = activeBackground.length;
      double[] out = new double[n * nb * k];
      batcher.start(out);
      double[][] bg = background.rows();
      for (int c = evaluated; c < masks.size(); c++) {
        Mask mask = masks.get(c);
        for (int b : activeBackground) {
          double[] row = batcher.next();
          System.arraycopy(bg[b], 0, row, 0, row.length);
          for (int j = 0; j < m; j++) {
            if (mask.get(j)) {
              players.copy(vp[j], x, row);
            }
          }
        }
      }
      batcher.flush();
      for (int c = 0; c < n; c++) {
        double[] v = new double[k];
        int off = c * nb * k;
        for (int b = 0; b < nb; b++) {
          double wb = activeWeight[b];
          for (int o = 0; o < k; o++) {
            v[o] += wb * out[off + b * k + o];
          }
        }
        value[evaluated + c] = v;
      }
      evaluated = masks.size();
    }

    /** Sets weights of sampled coalitions and solves for every output. */
    void solve() {
      // effective weights: enumerated part fixed, sampled part W_R / (2 n) per occurrence
      double[] w = Arrays.copyOf(weight, masks.size());
      if (nDraws > 0) {
        double per = sampledMass / (2.0 * nDraws);
        for (int d = 0; d < 2 * nDraws; d++) {
          w[draws[d]] += per;
        }
      }
      if (options.maxFeatures() > 0 && options.maxFeatures() < m) {
        for (int o = 0; o < k; o++) {
          int[] support = lassoSupport(w, o, options.maxFeatures());
          solveOn(w, support, new int[] {o});
        }
      } else {
        int[] all = new int[m];
        for (int j = 0; j < m; j++) {
          all[j] = j;
        }
        int[] outs = new int[k];
        for (int o = 0; o < k; o++) {
          outs[o] = o;
        }
        solveOn(w, all, outs);
      }
    }

    /** Constrained WLS restricted to {@code support} (others 0) for the given outputs. */
    void solveOn(double[] w, int[] support, int[] outs) {
      int l = support.length;
      for (int o : outs) {
        Arrays.fill(phi[o], 0);
        Arrays.fill(se[o], 0);
      }
      if (l == 0) {
        return;
      }
      if (l == 1) {
        for (int o : outs) {
          phi[o][support[0]] = delta[o];
        }
        return;
      }
      int last = support[l - 1];
      int q = l - 1;
      double[][] a = new double[q][q];
      double[][] b = new double[outs.length][q];
      int[] t = new int[q];
      int nc = masks.size();
      for (int c = 0; c < nc; c++) {
        if (w[c] == 0) {
          continue;
        }
        Mask mask = masks.get(c);
        boolean zl = mask.get(last);
        int nt = 0;
        for (int j = 0; j < q; j++) {
          if (mask.get(support[j]) != zl) {
            t[nt++] = j;
          }
        }
        double wc = w[c];
        for (int i = 0; i < nt; i++) {
          double[] ai = a[t[i]];
          for (int j = 0; j < nt; j++) {
            ai[t[j]] += wc;
          }
        }
        double sign = zl ? -1 : 1;
        for (int oi = 0; oi < outs.length; oi++) {
          int o = outs[oi];
          double y = value[c][o] - base[o] - (zl ? delta[o] : 0);
          double wy = wc * y * sign;
          for (int i = 0; i < nt; i++) {
            b[oi][t[i]] += wy;
          }
        }
      }
      double[][] chol = Linalg.cholesky(a);
      if (chol == null) {
        double ridge = 0;
        for (int i = 0; i < q; i++) {
          ridge = Math.max(ridge, a[i][i]);
        }
        ridge = Math.max(ridge, 1) * 1e-9;
        for (int i = 0; i < q; i++) {
          a[i][i] += ridge;
        }
        LOG.warn(
            "KernelSHAP normal equations are singular ({} coalitions for {} players); adding a"
                + " ridge of {}: raise the coalition budget",
            nc, l, ridge);
        chol = Linalg.cholesky(a);
      }
      double[][] ainv = nDraws > 1 ? Linalg.inverse(chol) : null;
      for (int oi = 0; oi < outs.length; oi++) {
        int o = outs[oi];
        double[] theta = Linalg.solve(chol, b[oi]);
        double sum = 0;
        for (int j = 0; j < q; j++) {
          phi[o][support[j]] = theta[j];
          sum += theta[j];
        }
        phi[o][last] = delta[o] - sum;
        if (ainv != null) {
          standardErrors(o, support, theta, ainv);
        } else if (nDraws == 1) {
          Arrays.fill(se[o], Double.NaN); // one sampled draw: no variance estimate
          for (int j = 0; j < m; j++) {
            boolean inSupport = false;
            for (int p : support) {
              inSupport |= p == j;
            }
            if (!inSupport) {
              se[o][j] = 0;
            }
          }
        }
      }
    }

    /** Delta-method (sandwich, clustered by draw) standard errors; see the class comment. */
    void standardErrors(int o, int[] support, double[] theta, double[][] ainv) {
      int q = support.length - 1;
      int last = support[q];
      double[] sum = new double[q];
      double[][] outer = new double[q][q];
      double[] s = new double[q];
      for (int d = 0; d < nDraws; d++) {
        Arrays.fill(s, 0);
        for (int h = 0; h < 2; h++) {
          int c = draws[2 * d + h];
          Mask mask = masks.get(c);
          boolean zl = mask.get(last);
          double fit = 0;
          for (int j = 0; j < q; j++) {
            double xt = (mask.get(support[j]) ? 1 : 0) - (zl ? 1 : 0);
            fit += xt * theta[j];
          }
          double resid = value[c][o] - base[o] - (zl ? delta[o] : 0) - fit;
          for (int j = 0; j < q; j++) {
            double xt = (mask.get(support[j]) ? 1 : 0) - (zl ? 1 : 0);
            s[j] += 0.5 * xt * resid;
          }
        }
        for (int i = 0; i < q; i++) {
          sum[i] += s[i];
          if (s[i] == 0) {
            continue;
          }
          double[] oi = outer[i];
          for (int j = 0; j < q; j++) {
            oi[j] += s[i] * s[j];
          }
        }
      }
      int n = nDraws;
      double[][] cov = new double[q][q];
      for (int i = 0; i < q; i++) {
        for (int j = 0; j < q; j++) {
          cov[i][j] = (outer[i][j] - sum[i] * sum[j] / n) / (n - 1);
        }
      }
      // HC1 small-sample correction n / (n - q) (MacKinnon and White, J. Econometrics 1985)
      double scale = sampledMass * sampledMass / n * (n > q + 1 ? n / (double) (n - q) : 1.0);
      // C = scale · Ainv · cov · Ainv
      double[][] tmp = multiply(ainv, cov);
      double[][] c = multiply(tmp, ainv);
      double total = 0;
      for (int i = 0; i < q; i++) {
        se[o][support[i]] = Math.sqrt(Math.max(0, scale * c[i][i]));
        for (int j = 0; j < q; j++) {
          total += c[i][j];
        }
      }
      se[o][last] = Math.sqrt(Math.max(0, scale * total));
    }

    /** Lasso path by coordinate descent; the largest support of at most {@code max} players. */
    int[] lassoSupport(double[] w, int o, int max) {
      int nc = masks.size();
      double[][] g = new double[m][m];
      double[] h = new double[m];
      double wsum = 0;
      for (int c = 0; c < nc; c++) {
        if (w[c] == 0) {
          continue;
        }
        wsum += w[c];
        Mask mask = masks.get(c);
        double y = value[c][o] - base[o];
        for (int i = 0; i < m; i++) {
          if (!mask.get(i)) {
            continue;
          }
          h[i] += w[c] * y;
          for (int j = 0; j < m; j++) {
            if (mask.get(j)) {
              g[i][j] += w[c];
            }
          }
        }
      }
      // efficiency as a heavily weighted extra observation z = 1, y = delta
      double big = 100 * Math.max(wsum, 1e-12);
      for (int i = 0; i < m; i++) {
        h[i] += big * delta[o];
        for (int j = 0; j < m; j++) {
          g[i][j] += big;
        }
      }
      double lmax = 0;
      for (double v : h) {
        lmax = Math.max(lmax, Math.abs(v));
      }
      double[] beta = new double[m];
      int[] best = new int[0];
      for (int step = 1; step <= 60; step++) {
        double lambda = lmax * Math.pow(1e-4, step / 60.0);
        for (int sweep = 0; sweep < 200; sweep++) {
          double change = 0;
          for (int j = 0; j < m; j++) {
            double r = h[j];
            for (int i = 0; i < m; i++) {
              if (i != j) {
                r -= g[j][i] * beta[i];
              }
            }
            double nb = Math.signum(r) * Math.max(0, Math.abs(r) - lambda) / g[j][j];
            change = Math.max(change, Math.abs(nb - beta[j]));
            beta[j] = nb;
          }
          if (change < 1e-12 * (1 + Math.abs(delta[o]))) {
            break;
          }
        }
        int nz = 0;
        for (double v : beta) {
          if (v != 0) {
            nz++;
          }
        }
        if (nz > max) {
          break;
        }
        int[] sup = new int[nz];
        int p = 0;
        for (int j = 0; j < m; j++) {
          if (beta[j] != 0) {
            sup[p++] = j;
          }
        }
        best = sup;
        if (nz == max) {
          break;
        }
      }
      return best;
    }
  }

  private static double[][] multiply(double[][] a, double[][] b) {
    int n = a.length;
    int p = b[0].length;
    double[][] c = new double[n][p];
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < b.length; t++) {
        double v = a[i][t];
        if (v == 0) {
          continue;
        }
        for (int j = 0; j < p; j++) {
          c[i][j] += v * b[t][j];
        }
      }
    }
    return c;
  }
}
