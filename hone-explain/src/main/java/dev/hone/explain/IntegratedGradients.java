package dev.hone.explain;

import dev.hone.core.error.InvalidParameterException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Integrated Gradients (Sundararajan, Taly and Yan, "Axiomatic Attribution for Deep Networks",
 * ICML 2017): the attribution of feature {@code i} at row {@code x} relative to a baseline {@code
 * x'} is
 *
 * <pre>φ_i = (x_i − x'_i) · ∫_0^1 ∂F(x' + α (x − x')) / ∂x_i dα,</pre>
 *
 * the path integral of the gradient along the straight line from {@code x'} to {@code x}. By the
 * fundamental theorem of calculus the attributions are complete: {@code Σ_i φ_i = F(x) − F(x')}
 * for a continuously differentiable {@code F}; the integral is approximated by a quadrature rule,
 * so the sum is off by a quadrature error that every result reports.
 *
 * <p><b>Quadrature</b> ({@link Rule}): {@link Rule#GAUSS_LEGENDRE} (default) with {@code steps}
 * nodes is exact for polynomial paths of degree {@code < 2·steps} and converges exponentially fast
 * for smooth models; {@link Rule#TRAPEZOID} with {@code steps} intervals ({@code steps + 1}
 * gradient points) is the Riemann-type rule of the paper's reference implementation, exact for
 * paths on which the gradient is linear in {@code α}, with error {@code O(1/steps²)}.
 *
 * <p><b>Completeness check</b>: for every row the result's {@link Explanation#parameters()} hold
 * {@code completeness_delta} ({@code [nRows]}, {@code Σφ − (F(x) − F(x'))}) and {@code
 * completeness_delta_max} (its largest absolute value); since {@code baseValues = F(x')} and
 * {@code predictions = F(x)}, {@link Explanation#efficiencyGap} gives the same numbers. With a
 * {@linkplain Options#tolerance() tolerance} {@code > 0}, the steps of a row are doubled until
 * {@code |delta| ≤ tolerance · max(1, |F(x) − F(x')|)} or {@code maxSteps} would be exceeded;
 * {@code rows_not_converged} counts the rows that stayed above it.
 *
 * <p><b>Baseline</b> {@code x'}: zeros by default ({@link #withZeroBaseline}), a given row ({@link
 * #withBaseline}) or the weighted mean of a background ({@link #withBackgroundMean}).
 *
 * <p><b>Batching</b>: gradient points are evaluated in calls of at most {@code batchSize} rows
 * (explained rows × quadrature points); each row's integral is accumulated in the same order
 * whatever the batch size, so results do not depend on it (given the {@link
 * DifferentiableFunction} contract that a row's gradient does not depend on its batch).
 */
public final class IntegratedGradients {
  /** The {@link Explanation#method()} of results. */
  public static final String METHOD = "integrated-gradients";

  /** Quadrature rule for the path integral. */
  public enum Rule {
    /** Gauss–Legendre on {@code [0, 1]} with {@code steps} nodes (default). */
    GAUSS_LEGENDRE,
    /** Composite trapezoid rule with {@code steps} intervals, {@code steps + 1} points. */
    TRAPEZOID
  }

  /**
   * Settings.
   *
   * @param rule quadrature rule (default {@link Rule#GAUSS_LEGENDRE})
   * @param steps nodes (Gauss–Legendre) or intervals (trapezoid), ≥ 1 (default {@value
   *     #DEFAULT_STEPS})
   * @param batchSize most gradient points per model call, ≥ 1 (default {@value
   *     #DEFAULT_BATCH_SIZE}); does not change results
   * @param tolerance relative completeness tolerance for adaptive refinement, ≥ 0; 0 (default)
   *     turns refinement off
   * @param maxSteps cap on the doubled steps, ≥ {@code steps} (default {@value #DEFAULT_MAX_STEPS})
   */
  public record Options(Rule rule, int steps, int batchSize, double tolerance, int maxSteps) {
    /** Default number of steps, as in Sundararajan et al. (2017). */
    public static final int DEFAULT_STEPS = 50;

    /** Default gradient points per model call. */
    public static final int DEFAULT_BATCH_SIZE = 4096;

    /** Default cap on steps under adaptive refinement. */
    public static final int DEFAULT_MAX_STEPS = 1600;

    /**
     * Checks ranges.
     *
     * @throws InvalidParameterException when a setting is out of range
     */
    public Options {
      Objects.requireNonNull(rule, "rule");
      if (steps < 1) {
        throw new InvalidParameterException("integrated gradients: steps must be >= 1, got " + steps);
      }
      if (batchSize < 1) {
        throw new InvalidParameterException(
            "integrated gradients: batchSize must be >= 1, got " + batchSize);
      }
      if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
        throw new InvalidParameterException(
            "integrated gradients: tolerance must be a finite number >= 0 (0 = no refinement), got "
                + tolerance);
      }
      if (maxSteps < steps) {
        throw new InvalidParameterException(
            "integrated gradients: maxSteps (" + maxSteps + ") must be >= steps (" + steps + ")");
      }
    }

    /** Gauss–Legendre, 50 steps, batches of 4096 points, no refinement. */
    public static Options defaults() {
      return new Options(Rule.GAUSS_LEGENDRE, DEFAULT_STEPS, DEFAULT_BATCH_SIZE, 0, DEFAULT_MAX_STEPS);
    }

    /** A copy with another rule. */
    public Options withRule(Rule r) {
      return new Options(r, steps, batchSize, tolerance, maxSteps);
    }

    /** A copy with other steps (raising {@code maxSteps} to them if needed). */
    public Options withSteps(int s) {
      return new Options(rule, s, batchSize, tolerance, Math.max(maxSteps, s));
    }

    /** A copy with another batch size. */
    public Options withBatchSize(int b) {
      return new Options(rule, steps, b, tolerance, maxSteps);
    }

    /** A copy with adaptive refinement to {@code tol}, doubling steps up to {@code max}. */
    public Options withTolerance(double tol, int max) {
      return new Options(rule, steps, batchSize, tol, max);
    }
  }

  private final DifferentiableFunction f;
  private final List<String> featureNames;
  private final double[] baseline;
  private final String baselineKind;
  private final Options options;

  private IntegratedGradients(
      DifferentiableFunction f,
      List<String> featureNames,
      double[] baseline,
      String baselineKind,
      Options options) {
    this.f = Objects.requireNonNull(f, "f");
    this.featureNames = List.copyOf(featureNames);
    this.options = options == null ? Options.defaults() : options;
    this.baselineKind = baselineKind;
    if (this.featureNames.size() != f.nFeatures()) {
      throw new IllegalArgumentException(
          "feature count mismatch: " + this.featureNames.size() + " names, function takes "
              + f.nFeatures());
    }
    if (baseline.length != f.nFeatures()) {
      throw new IllegalArgumentException(
          "baseline has " + baseline.length + " values, expected " + f.nFeatures());
    }
    for (int j = 0; j < baseline.length; j++) {
      if (!Double.isFinite(baseline[j])) {
        throw new InvalidParameterException(
            "integrated gradients: baseline column " + j + " (" + this.featureNames.get(j) + ") is "
                + baseline[j] + "; the baseline must be finite");
      }
    }
    this.baseline = baseline.clone();
  }

  /**
   * Integrated gradients from the all-zeros baseline.
   *
   * @param f the model, in the output space to explain
   * @param featureNames the input columns, {@code f.nFeatures()} of them
   * @param options settings, or {@code null} for {@link Options#defaults()}
   * @throws IllegalArgumentException when the feature names do not match {@code f}
   */
  public static IntegratedGradients withZeroBaseline(
      DifferentiableFunction f, List<String> featureNames, Options options) {
    return new IntegratedGradients(f, featureNames, new double[f.nFeatures()], "zeros", options);
  }

  /**
   * Integrated gradients from a given baseline row.
   *
   * @param baseline {@code [nFeatures]}, finite
   * @throws IllegalArgumentException when the shapes do not match {@code f}
   * @throws InvalidParameterException when the baseline has a missing or infinite value
   */
  public static IntegratedGradients withBaseline(
      DifferentiableFunction f, List<String> featureNames, double[] baseline, Options options) {
    return new IntegratedGradients(f, featureNames, baseline, "row", options);
  }

  /**
   * Integrated gradients from the weighted column mean of a background (e.g. {@link
   * Background#kMeans}).
   *
   * @throws IllegalArgumentException when the shapes do not match {@code f}
   * @throws InvalidParameterException when a background column mean is missing or infinite
   */
  public static IntegratedGradients withBackgroundMean(
      DifferentiableFunction f, List<String> featureNames, Background background, Options options) {
    Objects.requireNonNull(background, "background");
    if (background.nFeatures() != f.nFeatures()) {
      throw new IllegalArgumentException(
          "background has " + background.nFeatures() + " columns, function takes " + f.nFeatures());
    }
    double[] mean = new double[f.nFeatures()];
    double[] w = background.weights();
    double total = background.totalWeight();
    double[][] rows = background.rows();
    for (int b = 0; b < rows.length; b++) {
      for (int j = 0; j < mean.length; j++) {
        mean[j] += w[b] * rows[b][j];
      }
    }
    for (int j = 0; j < mean.length; j++) {
      mean[j] /= total;
    }
    return new IntegratedGradients(f, featureNames, mean, "background-mean", options);
  }

  /** The baseline row {@code x'}, {@code [nFeatures]} (a copy). */
  public double[] baseline() {
    return baseline.clone();
  }

  /**
   * Explains rows of {@code x}.
   *
   * @param x rows {@code [n][nFeatures]}; missing values ({@code NaN}) are not allowed
   * @param rows indices into {@code x} to explain, or {@code null} for all rows
   * @return one explanation per output of {@code f}: {@code values} {@code [nRows][nFeatures]},
   *     {@code baseValues} = {@code F(x')}, {@code predictions} = {@code F(x)}, parameters with the
   *     completeness diagnostics
   * @throws IllegalArgumentException when a row has the wrong length or a row index is out of range
   * @throws InvalidParameterException when an explained row has a missing or infinite value
   */
  public List<Explanation> explain(double[][] x, int[] rows) {
    double[][] explained = GradientSupport.selectRows(x, rows, f.nFeatures(), METHOD);
    int[] idx = rows == null ? ExactShapley.range(x.length) : rows.clone();
    int n = explained.length;
    int k = f.nOutputs();
    double[][] fx = new double[n][];
    for (int start = 0; start < n; start += options.batchSize()) {
      int end = Math.min(n, start + options.batchSize());
      double[][] out = f.apply(Arrays.copyOfRange(explained, start, end));
      System.arraycopy(out, 0, fx, start, end - start);
    }
    double[] fBase = f.apply(new double[][] {baseline.clone()})[0];

    List<Explanation> result = new ArrayList<>();
    for (int o = 0; o < k; o++) {
      double[][] phi = new double[n][];
      double[] delta = new double[n];
      int[] stepsUsed = new int[n];
      long points = 0;
      int[] pending = ExactShapley.range(n);
      int steps = options.steps();
      int notConverged = 0;
      while (true) {
        Quadrature q = quadrature(options.rule(), steps);
        double[][] avg = pathAverages(explained, pending, q, o);
        points += (long) pending.length * q.nodes.length;
        int[] next = new int[pending.length];
        int nNext = 0;
        for (int p = 0; p < pending.length; p++) {
          int r = pending[p];
          double[] v = new double[f.nFeatures()];
          double sum = 0;
          for (int j = 0; j < v.length; j++) {
            v[j] = (explained[r][j] - baseline[j]) * avg[p][j];
            sum += v[j];
          }
          double gap = fx[r][o] - fBase[o];
          phi[r] = v;
          delta[r] = sum - gap;
          stepsUsed[r] = steps;
          if (options.tolerance() > 0
              && Math.abs(delta[r]) > options.tolerance() * Math.max(1, Math.abs(gap))) {
            next[nNext++] = r;
          }
        }
        if (nNext == 0) {
          break;
        }
        if (2L * steps > options.maxSteps()) {
          notConverged = nNext;
          break;
        }
        steps *= 2;
        pending = Arrays.copyOf(next, nNext);
      }
      double[] bases = new double[n];
      double[] preds = new double[n];
      double deltaMax = 0;
      int stepsMax = 0;
      for (int r = 0; r < n; r++) {
        bases[r] = fBase[o];
        preds[r] = fx[r][o];
        deltaMax = Math.max(deltaMax, Math.abs(delta[r]));
        stepsMax = Math.max(stepsMax, stepsUsed[r]);
      }
      Map<String, Object> params = new LinkedHashMap<>();
      params.put("rule", options.rule().name().toLowerCase(Locale.ROOT));
      params.put("steps", options.steps());
      params.put("tolerance", options.tolerance());
      params.put("max_steps", options.maxSteps());
      params.put("batch_size", options.batchSize());
      params.put("baseline_kind", baselineKind);
      params.put("baseline", baseline.clone());
      params.put("steps_used", stepsUsed);
      params.put("steps_used_max", stepsMax);
      params.put("completeness_delta", delta);
      params.put("completeness_delta_max", deltaMax);
      params.put("rows_not_converged", notConverged);
      params.put("gradient_points_evaluated", points);
      result.add(
          new Explanation(
              METHOD, f.outputSpace(), o, f.outputNames().get(o), featureNames, idx,
              GradientSupport.copy(explained), phi, bases, preds, null, params));
    }
    return result;
  }

  /**
   * For each pending row, {@code Σ_q w_q ∇F(x' + α_q (x − x'))}, accumulated in node order so the
   * result does not depend on how points are split into batches.
   */
  private double[][] pathAverages(double[][] x, int[] pending, Quadrature q, int output) {
    int m = f.nFeatures();
    int nq = q.nodes.length;
    double[][] acc = new double[pending.length][m];
    long total = (long) pending.length * nq;
    long pos = 0;
    while (pos < total) {
      int size = (int) Math.min(options.batchSize(), total - pos);
      double[][] buf = new double[size][m];
      for (int b = 0; b < size; b++) {
        long t = pos + b;
        double[] xr = x[pending[(int) (t / nq)]];
        double a = q.nodes[(int) (t % nq)];
        for (int j = 0; j < m; j++) {
          buf[b][j] = baseline[j] + a * (xr[j] - baseline[j]);
        }
      }
      double[][] g = f.gradient(buf, output);
      if (g.length != size) {
        throw new IllegalStateException(
            "gradient returned " + g.length + " rows for " + size + " inputs");
      }
      for (int b = 0; b < size; b++) {
        long t = pos + b;
        double[] target = acc[(int) (t / nq)];
        double w = q.weights[(int) (t % nq)];
        for (int j = 0; j < m; j++) {
          target[j] += w * g[b][j];
        }
      }
      pos += size;
    }
    return acc;
  }

  /** Nodes in {@code [0, 1]} and weights summing to 1. */
  record Quadrature(double[] nodes, double[] weights) {}

  static Quadrature quadrature(Rule rule, int steps) {
    if (rule == Rule.TRAPEZOID) {
      double[] a = new double[steps + 1];
      double[] w = new double[steps + 1];
      for (int i = 0; i <= steps; i++) {
        a[i] = (double) i / steps;
        w[i] = (i == 0 || i == steps ? 0.5 : 1.0) / steps;
      }
      return new Quadrature(a, w);
    }
    return gaussLegendre(steps);
  }

  /**
   * Gauss–Legendre nodes and weights mapped to {@code [0, 1]}: roots of {@code P_n} by Newton's
   * method from the Tricomi starting values, weights {@code 2 / ((1 − t²) P_n'(t)²)} halved.
   */
  static Quadrature gaussLegendre(int n) {
    double[] a = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < (n + 1) / 2; i++) {
      double t = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
      double dp = 0;
      for (int iter = 0; iter < 100; iter++) {
        double p0 = 1;
        double p1 = t;
        for (int d = 2; d <= n; d++) {
          double p2 = ((2 * d - 1) * t * p1 - (d - 1) * p0) / d;
          p0 = p1;
          p1 = p2;
        }
        double pn = n == 1 ? t : p1;
        double pnm1 = n == 1 ? 1 : p0;
        dp = n * (t * pn - pnm1) / (t * t - 1);
        double dt = pn / dp;
        t -= dt;
        if (Math.abs(dt) < 1e-16) {
          break;
        }
      }
      // recompute the derivative at the converged root
      double p0 = 1;
      double p1 = t;
      for (int d = 2; d <= n; d++) {
        double p2 = ((2 * d - 1) * t * p1 - (d - 1) * p0) / d;
        p0 = p1;
        p1 = p2;
      }
      double pn = n == 1 ? t : p1;
      double pnm1 = n == 1 ? 1 : p0;
      dp = n * (t * pn - pnm1) / (t * t - 1);
      double weight = 1.0 / ((1 - t * t) * dp * dp);
      // t > 0 for small i: map so that nodes ascend in α
      a[i] = (1 - t) / 2;
      a[n - 1 - i] = (1 + t) / 2;
      w[i] = weight;
      w[n - 1 - i] = weight;
    }
    return new Quadrature(a, w);
  }
}
