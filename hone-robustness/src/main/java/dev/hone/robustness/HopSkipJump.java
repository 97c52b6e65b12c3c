package dev.hone.robustness;

import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.random.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * HopSkipJump, a decision-based attack that needs only the model's predicted class (Chen, Jordan
 * and Wainwright, "HopSkipJumpAttack: a query-efficient decision-based attack", IEEE S&amp;P 2020):
 * it works on any {@link Classifier}, tree ensembles included. Untargeted, minimal-perturbation: for
 * each row it looks for the adversarial example closest to the row in the given norm, measured in
 * the units of a {@link PerturbationDomain}, changing only free features and staying in their
 * ranges.
 *
 * <p>Per row, in scaled coordinates {@code z = (x' − x) / scale} over the free features ({@code d}
 * of them), inside the range box: (1) initialise with the closest of {@code initSize} points drawn
 * uniformly from the box that the model misclassifies, then binary-search towards the row until the
 * boundary is bracketed to a relative precision of {@code 1e-4}; (2) at the boundary point,
 * estimate the gradient direction of the decision function from {@code B_t = min(initEval·√t,
 * maxEval)} probes at radius {@code δ_t = dist / d} with the paper's baseline-subtracted
 * Monte-Carlo estimate; (3) step along it (L2: the unit direction; L∞: its sign) with the step
 * {@code dist / √t} halved until the point is adversarial (geometric step-size search); (4)
 * binary-search back to the boundary (L2: along the segment to the row; L∞: shrinking the L∞ box
 * around the row). After {@code maxIter} iterations each row keeps the closest adversarial point
 * found. Rows already misclassified have distance 0; rows where no adversarial start was found are
 * reported as unsuccessful with the clean row. Every returned row passes {@link Invariants#check}
 * (held features unchanged, inside the ranges, norm equal to the reported distance).
 *
 * <p>Rows are processed in lockstep so that each stage asks the model one batch. Defaults follow
 * the paper and the Adversarial Robustness Toolbox ({@code max_iter}=40 here, {@code init_eval}=100,
 * {@code init_size}=100) except {@code max_eval}=1000 (ART: 10,000), which bounds the cost on large
 * batches. Deterministic for a given seed.
 *
 * @param norm L2 or L∞
 * @param maxIter iterations of gradient estimation + step + binary search (≥ 0)
 * @param initEval probes at the first iteration
 * @param maxEval most probes per iteration
 * @param initSize random points tried to find an adversarial start
 * @param seed seed of all random draws
 */
public record HopSkipJump(
    Norm norm, int maxIter, int initEval, int maxEval, int initSize, long seed) {

  /** Relative precision of each boundary binary search. */
  public static final double BINARY_SEARCH_PRECISION = 1e-4;

  public HopSkipJump {
    if (maxIter < 0 || initEval < 2 || maxEval < initEval || initSize < 1) {
      throw new InvalidParameterException(
          "HopSkipJump needs max_iter >= 0, init_eval >= 2, max_eval >= init_eval and init_size >="
              + " 1; got " + maxIter + ", " + initEval + ", " + maxEval + ", " + initSize);
    }
  }

  /** The defaults: 40 iterations, 100 to 1000 probes, 100 random starts. */
  public static HopSkipJump defaults(Norm norm, long seed) {
    return new HopSkipJump(norm, 40, 100, 1000, 100, seed);
  }

  /** The same attack with {@code n} iterations. */
  public HopSkipJump withMaxIter(int n) {
    return new HopSkipJump(norm, n, initEval, maxEval, initSize, seed);
  }

  /**
   * Finds, per row, the closest adversarial example the attack can reach.
   *
   * @param model the classifier (only its predicted class is used)
   * @param domain features that may change, units and ranges
   * @param x clean rows {@code [n][nFeatures]}, inside the ranges
   * @param y true classes {@code [n]}
   * @return adversarial rows with their distances ({@link AttackResult#norm}); unbounded budget
   * @throws dev.hone.core.error.DataValidationException if a row is outside the ranges
   */
  public AttackResult generate(
      Classifier model, PerturbationDomain domain, double[][] x, int[] y) {
    domain.checkInside(x);
    int n = x.length;
    int nf = domain.nFeatures();
    long[] queries = {0};
    int[] pred0 = model.predict(x);
    queries[0] += n;
    double[][] lo = new double[n][nf];
    double[][] hi = new double[n][nf];
    boolean[][] free = new boolean[n][nf];
    int[] dim = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < nf; j++) {
        free[i][j] = domain.free(x[i], j);
        if (free[i][j]) {
          dim[i]++;
          lo[i][j] = (domain.lower(j) - x[i][j]) / domain.scale(j);
          hi[i][j] = (domain.upper(j) - x[i][j]) / domain.scale(j);
        }
      }
    }
    double[][] bestZ = new double[n][];
    double[] bestDist = new double[n];
    java.util.Arrays.fill(bestDist, Double.POSITIVE_INFINITY);
    List<Integer> active = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (pred0[i] != y[i]) {
        bestZ[i] = new double[nf];
        bestDist[i] = 0;
      } else if (dim[i] > 0) {
        active.add(i);
      }
    }
    Ctx c = new Ctx(model, domain, x, y, lo, hi, free, queries);

    // (1) initialisation: closest random adversarial point of the box, then the boundary
    SplittableRandom initRng = Seeds.rng(seed, "hsj-init", 0);
    List<double[]> starts = new ArrayList<>();
    double[][] cand = new double[active.size() * initSize][];
    for (int a = 0; a < active.size(); a++) {
      int i = active.get(a);
      for (int k = 0; k < initSize; k++) {
        double[] z = new double[nf];
        for (int j = 0; j < nf; j++) {
          if (free[i][j]) {
            z[j] = lo[i][j] + initRng.nextDouble() * (hi[i][j] - lo[i][j]);
          }
        }
        cand[a * initSize + k] = z;
      }
    }
    int[] owner = new int[cand.length];
    for (int a = 0; a < active.size(); a++) {
      java.util.Arrays.fill(owner, a * initSize, (a + 1) * initSize, active.get(a));
    }
    boolean[] adv = c.adversarial(owner, cand);
    List<Integer> started = new ArrayList<>();
    for (int a = 0; a < active.size(); a++) {
      double[] pick = null;
      double pickNorm = Double.POSITIVE_INFINITY;
      for (int k = 0; k < initSize; k++) {
        double[] z = cand[a * initSize + k];
        double nz = norm.of(z);
        if (adv[a * initSize + k] && nz < pickNorm) {
          pick = z;
          pickNorm = nz;
        }
      }
      if (pick != null) {
        started.add(active.get(a));
        starts.add(pick);
      }
    }
    int m = started.size();
    int[] rows = started.stream().mapToInt(Integer::intValue).toArray();
    double[][] zb = c.boundary(rows, starts.toArray(new double[0][]), norm);
    for (int a = 0; a < m; a++) {
      keep(rows[a], zb[a], bestZ, bestDist);
    }

    // (2)-(4) iterations
    SplittableRandom rng = Seeds.rng(seed, "hsj-iterate", 0);
    for (int t = 1; t <= maxIter && m > 0; t++) {
      int probes = (int) Math.min(maxEval, Math.round(initEval * Math.sqrt(t)));
      double[][] dir = new double[m][];
      double[][] q = new double[m * probes][];
      double[][] u = new double[m * probes][];
      int[] qOwner = new int[m * probes];
      double[] delta = new double[m];
      for (int a = 0; a < m; a++) {
        int i = rows[a];
        double dist = norm.of(zb[a]);
        delta[a] = Math.max(dist / dim[i], 1e-12);
        for (int b = 0; b < probes; b++) {
          double[] r = new double[nf];
          double ss = 0;
          for (int j = 0; j < nf; j++) {
            if (free[i][j]) {
              r[j] = norm == Norm.L2 ? GradientAttack.gaussian(rng) : 2 * rng.nextDouble() - 1;
              ss += r[j] * r[j];
            }
          }
          double len = Math.sqrt(ss);
          double[] p = new double[nf];
          double[] ue = new double[nf];
          for (int j = 0; j < nf; j++) {
            if (free[i][j]) {
              p[j] = clamp(zb[a][j] + delta[a] * r[j] / len, lo[i][j], hi[i][j]);
              ue[j] = (p[j] - zb[a][j]) / delta[a];
            }
          }
          q[a * probes + b] = p;
          u[a * probes + b] = ue;
          qOwner[a * probes + b] = i;
        }
      }
      boolean[] phi = c.adversarial(qOwner, q);
      for (int a = 0; a < m; a++) {
        double mean = 0;
        for (int b = 0; b < probes; b++) {
          mean += phi[a * probes + b] ? 1 : -1;
        }
        mean /= probes;
        double[] v = new double[nf];
        for (int b = 0; b < probes; b++) {
          double w = (phi[a * probes + b] ? 1 : -1) - (Math.abs(mean) == 1 ? 0 : mean);
          double[] ue = u[a * probes + b];
          for (int j = 0; j < nf; j++) {
            v[j] += w * ue[j];
          }
        }
        double len = Norm.L2.of(v);
        for (int j = 0; j < nf; j++) {
          v[j] = len > 0 ? (norm == Norm.LINF ? Math.signum(v[j]) : v[j] / len) : 0;
        }
        dir[a] = v;
      }
      // geometric step-size search, rows in lockstep
      double[] step = new double[m];
      double[][] next = new double[m][];
      boolean[] found = new boolean[m];
      for (int a = 0; a < m; a++) {
        step[a] = norm.of(zb[a]) / Math.sqrt(t);
      }
      for (int h = 0; h < 25; h++) {
        List<Integer> pending = new ArrayList<>();
        for (int a = 0; a < m; a++) {
          if (!found[a]) {
            pending.add(a);
          }
        }
        if (pending.isEmpty()) {
          break;
        }
        double[][] tryZ = new double[pending.size()][];
        int[] tryOwner = new int[pending.size()];
        for (int k = 0; k < pending.size(); k++) {
          int a = pending.get(k);
          int i = rows[a];
          double[] p = new double[nf];
          for (int j = 0; j < nf; j++) {
            if (free[i][j]) {
              p[j] = clamp(zb[a][j] + step[a] * dir[a][j], lo[i][j], hi[i][j]);
            }
          }
          tryZ[k] = p;
          tryOwner[k] = i;
        }
        boolean[] ok = c.adversarial(tryOwner, tryZ);
        for (int k = 0; k < pending.size(); k++) {
          int a = pending.get(k);
          if (ok[k]) {
            found[a] = true;
            next[a] = tryZ[k];
          } else {
            step[a] /= 2;
          }
        }
      }
      List<Integer> moved = new ArrayList<>();
      for (int a = 0; a < m; a++) {
        if (found[a]) {
          moved.add(a);
        }
      }
      int[] mRows = new int[moved.size()];
      double[][] far = new double[moved.size()][];
      for (int k = 0; k < moved.size(); k++) {
        mRows[k] = rows[moved.get(k)];
        far[k] = next[moved.get(k)];
      }
      double[][] nb = c.boundary(mRows, far, norm);
      for (int k = 0; k < moved.size(); k++) {
        int a = moved.get(k);
        zb[a] = nb[k];
        keep(rows[a], nb[k], bestZ, bestDist);
      }
    }

    double[][] out = new double[n][];
    double[] dist = new double[n];
    boolean[] success = new boolean[n];
    int[] predicted = pred0.clone();
    for (int i = 0; i < n; i++) {
      if (bestZ[i] == null) {
        out[i] = x[i].clone();
        dist[i] = Double.POSITIVE_INFINITY;
        continue;
      }
      out[i] = c.toX(i, bestZ[i]);
      success[i] = true;
    }
    int[] finalPred = model.predict(out);
    queries[0] += n;
    for (int i = 0; i < n; i++) {
      if (success[i]) {
        predicted[i] = finalPred[i];
        if (finalPred[i] == y[i]) {
          throw new IllegalStateException("HopSkipJump returned a non-adversarial point for row " + i);
        }
        dist[i] = Invariants.check(domain, x[i], out[i], norm, Double.POSITIVE_INFINITY);
      }
    }
    return new AttackResult(out, dist, success, predicted, queries[0]);
  }

  private void keep(int i, double[] z, double[][] bestZ, double[] bestDist) {
    double d = norm.of(z);
    if (d < bestDist[i]) {
      bestDist[i] = d;
      bestZ[i] = z.clone();
    }
  }

  static double clamp(double v, double lo, double hi) {
    return Math.min(hi, Math.max(lo, v));
  }

  /** The rows, the model and the scaled boxes shared by the stages. */
  private record Ctx(
      Classifier model, PerturbationDomain domain, double[][] x, int[] y, double[][] lo,
      double[][] hi, boolean[][] free, long[] queries) {

    double[] toX(int i, double[] z) {
      double[] out = x[i].clone();
      for (int j = 0; j < out.length; j++) {
        if (free[i][j]) {
          out[j] = domain.clip(j, x[i][j] + z[j] * domain.scale(j));
        }
      }
      return out;
    }

    boolean[] adversarial(int[] owner, double[][] z) {
      boolean[] out = new boolean[z.length];
      int batch = 65536;
      for (int s = 0; s < z.length; s += batch) {
        int e = Math.min(z.length, s + batch);
        double[][] rows = new double[e - s][];
        for (int k = s; k < e; k++) {
          rows[k - s] = toX(owner[k], z[k]);
        }
        int[] p = model.predict(rows);
        queries[0] += rows.length;
        for (int k = s; k < e; k++) {
          out[k] = p[k - s] != y[owner[k]];
        }
      }
      return out;
    }

    /**
     * Binary search between the row (z = 0, not adversarial) and each adversarial {@code far}
     * point; returns the adversarial end of the final bracket.
     */
    double[][] boundary(int[] rows, double[][] far, Norm norm) {
      int m = rows.length;
      double[] low = new double[m];
      double[] high = new double[m];
      java.util.Arrays.fill(high, 1);
      double[] scaleInf = new double[m];
      for (int a = 0; a < m; a++) {
        scaleInf[a] = Norm.LINF.of(far[a]);
      }
      int steps = (int) Math.ceil(Math.log(1 / BINARY_SEARCH_PRECISION) / Math.log(2));
      for (int s = 0; s < steps && m > 0; s++) {
        double[][] mid = new double[m][];
        double[] midT = new double[m];
        for (int a = 0; a < m; a++) {
          midT[a] = (low[a] + high[a]) / 2;
          mid[a] = at(far[a], midT[a], scaleInf[a], norm);
        }
        boolean[] adv = adversarial(rows, mid);
        for (int a = 0; a < m; a++) {
          if (adv[a]) {
            high[a] = midT[a];
          } else {
            low[a] = midT[a];
          }
        }
      }
      double[][] out = new double[m][];
      for (int a = 0; a < m; a++) {
        out[a] = at(far[a], high[a], scaleInf[a], norm);
      }
      return out;
    }

    private static double[] at(double[] far, double t, double inf, Norm norm) {
      double[] z = new double[far.length];
      if (t >= 1) {
        return far.clone();
      }
      for (int j = 0; j < z.length; j++) {
        z[j] = norm == Norm.L2 ? t * far[j] : clamp(far[j], -t * inf, t * inf);
      }
      return z;
    }
  }
}
